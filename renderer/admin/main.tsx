// The curator's admin console (a desktop browser or a tablet on the hall's LAN): served at /admin/.
import { createRoot } from 'react-dom/client';
import '@fontsource-variable/noto-sans-sc';
import '../styles.css';
import './admin.css';
import { AdminConsole } from './AdminConsole';

createRoot(document.getElementById('root')!).render(<AdminConsole />);
