// The docent remote's bundle (a phone or tablet on the hall's Wi-Fi): served at /docent/.
import { createRoot } from 'react-dom/client';
import '@fontsource-variable/noto-sans-sc';
import '../styles.css';
import { Docent } from './Docent';

createRoot(document.getElementById('root')!).render(<Docent />);
