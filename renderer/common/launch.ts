import { LaunchResponse, parseAnswer } from '../../core/protocol/answer';
import type { Route } from '../route';

/** A token no host accepts: the page then shows "refused" instead of waiting forever. */
const NO_TOKEN = 'no-valid-launch-code';

/**
 * The surface's token without it ever being in a URL or a command line: the shell's one-time
 * `code` is traded once with the host, then the code leaves the address bar and the token is
 * kept for this tab only (sessionStorage), so a reload (the watchdog's) still finds it.
 * A `token` in the URL (tests, old links) is still accepted.
 */
export async function surfaceToken(route: Route, win: Window = window): Promise<string> {
  const key = `redhall.token.${route.surfaceId}`;
  if (route.code) {
    // The code is spent by the trade whatever its outcome: take it out of the address and history.
    const q = new URLSearchParams(win.location.hash.split('?')[1] ?? '');
    q.delete('code');
    win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}#/${route.role}?${q}`);
    try {
      const res = await fetch('/api/launch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: route.code }) });
      const answer = parseAnswer(LaunchResponse, res.status, await res.json());
      if (answer.ok && answer.value.surfaceId === route.surfaceId) {
        win.sessionStorage.setItem(key, answer.value.token);
        return answer.value.token;
      }
      console.warn(`redhall: the launch code was refused: ${answer.ok ? 'issued for another surface' : answer.error.message.en}`);
    } catch (err) {
      console.warn(`redhall: could not trade the launch code: ${String(err)}`);
    }
  }
  return route.token || win.sessionStorage.getItem(key) || NO_TOKEN;
}
