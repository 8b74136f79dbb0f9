// A table on a wall or the kiosk, served at /table/: `#/screen?code=…` is the table's shared
// screen, `#/pass?code=…` is pass-and-play on the kiosk (the kiosk holds every seat).
import { createRoot } from 'react-dom/client';
import '@fontsource-variable/noto-sans-sc';
import '@fontsource-variable/noto-serif-sc';
import '../styles.css';
import { TableSurface } from './TableSurface';

// Kiosks are touch-only: no context menu, no pinch zoom.
window.addEventListener('contextmenu', (e) => e.preventDefault());
document.addEventListener('gesturestart', (e) => e.preventDefault());

createRoot(document.getElementById('root')!).render(<TableSurface hash={window.location.hash} />);
