import type { ClientMessage } from '../../core/protocol/messages';

export const HEARTBEAT_EVERY_MS = 2000;

/**
 * Proves to the host's watchdog that this page lives and draws: every two seconds it asks the
 * render loop for a frame (requestAnimationFrame) and beats from inside it, so a page whose
 * main thread or rendering stopped falls silent. (One frame per beat, not a loop of its own:
 * a still kiosk page costs nothing between beats.) A page whose React root is empty (a white
 * screen) says so. Returns a stop function.
 */
export function startHeartbeat(send: (m: ClientMessage) => void, root: HTMLElement, win: Window = window): () => void {
  let beats = 0;
  let pending = false;
  const timer = win.setInterval(() => {
    if (pending) return; // the last frame asked for has not come: stay silent
    pending = true;
    win.requestAnimationFrame(() => {
      pending = false;
      send({ type: 'surface.heartbeat', frames: ++beats, blank: root.childElementCount === 0 });
    });
  }, HEARTBEAT_EVERY_MS);
  return () => win.clearInterval(timer);
}
