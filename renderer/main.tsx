import { createRoot } from 'react-dom/client';
import '@fontsource-variable/noto-sans-sc';
import '@fontsource-variable/noto-serif-sc';
import './styles.css';
import { App } from './App';
import { HostConnection } from './host/connection';
import { HostContext } from './host/context';
import { parseRoute } from './route';

const route = parseRoute(window.location.hash);
const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`;
const connection = new HostConnection(wsUrl, route.surfaceId, route.token, route.clockSkewMs);
connection.connect();
// Tests and the installer's tools read the live state from here.
(window as unknown as { redhall: unknown }).redhall = { connection, route };

// Kiosks are touch-only: no context menu, no pinch or ctrl-wheel zoom, no text selection drag.
window.addEventListener('contextmenu', (e) => e.preventDefault());
window.addEventListener('wheel', (e) => { if (e.ctrlKey) e.preventDefault(); }, { passive: false });
document.addEventListener('gesturestart', (e) => e.preventDefault());

createRoot(document.getElementById('root')!).render(
  <HostContext.Provider value={connection}>
    <App role={route.role} />
  </HostContext.Provider>,
);
