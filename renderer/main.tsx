import { createRoot } from 'react-dom/client';
import '@fontsource-variable/noto-sans-sc';
import '@fontsource-variable/noto-serif-sc';
import './styles.css';
import { App } from './App';
import { HostConnection } from './host/connection';
import { HostContext } from './host/context';
import { parseRoute } from './route';
import { lockNavigation } from './common/navigation-lock';
import { startHeartbeat } from './common/heartbeat';
import { surfaceToken } from './common/launch';
import { screenFor } from './surfaces';
import { UnknownSurface } from './common/UnknownSurface';

const navigationRefused = lockNavigation();
const route = parseRoute(window.location.hash);
const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`;
const rootElement = document.getElementById('root')!;
// Only this role's screen is fetched (renderer/surfaces.ts). A page at an unknown role still says
// hello and sends its heartbeat like any surface, and tells whoever looks at it what is wrong.
const Screen = screenFor(route.role) ?? (() => <UnknownSurface role={route.role} />);
// The shell's one-time launch code is traded for the token before the surface says hello.
void surfaceToken(route).then((token) => {
  const connection = new HostConnection(wsUrl, route.surfaceId, token, route.clockSkewMs);
  connection.connect();
  startHeartbeat((m) => connection.send(m), rootElement);
  // Tests and the installer's tools read the live state from here.
  (window as unknown as { redhall: unknown }).redhall = { connection, route, navigationRefused };
  createRoot(rootElement).render(
    <HostContext.Provider value={connection}>
      <App role={route.role} Screen={Screen} />
    </HostContext.Provider>,
  );
});

// Kiosks are touch-only: no context menu, no pinch or ctrl-wheel zoom, no text selection drag.
window.addEventListener('contextmenu', (e) => e.preventDefault());
window.addEventListener('wheel', (e) => { if (e.ctrlKey) e.preventDefault(); }, { passive: false });
document.addEventListener('gesturestart', (e) => e.preventDefault());
