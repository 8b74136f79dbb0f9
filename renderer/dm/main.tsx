// The DM console's bundle (a tablet, or the kiosk): served at /dm/.
import { createRoot } from 'react-dom/client';
import '@fontsource-variable/noto-sans-sc';
import '@fontsource-variable/noto-serif-sc';
import '../styles.css';
import { DmSurface } from './DmSurface';

createRoot(document.getElementById('root')!).render(<DmSurface />);
