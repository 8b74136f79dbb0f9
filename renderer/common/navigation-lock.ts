/**
 * A surface page never leaves itself. A tapped link, a script's `location = …`, a form or a
 * new window would put an offline error page on a kiosk with nobody to bring it back. Three
 * guards, any one enough where it applies:
 * - the Navigation API's `navigate` event, cancelled for every cross-document navigation
 *   except a reload of this page (the watchdog's) — Chromium 102+ and Electron have it;
 * - a capture-phase click guard on links (any link that would change the address), for
 *   browsers without the Navigation API;
 * - `window.open` returns nothing.
 * The shells add their own (Electron: will-navigate; both: the surface watchdog).
 */

/** The part of the Navigation API used here (TypeScript's DOM types do not have it yet). */
interface NavigateEventLike extends Event {
  readonly cancelable: boolean;
  readonly hashChange: boolean;
  readonly navigationType: 'push' | 'replace' | 'reload' | 'traverse';
  readonly destination: { readonly url: string };
}

/** True when going to `url` keeps this page: the same document, maybe another #route. */
export function staysOnPage(url: string, here: Location | URL): boolean {
  try {
    const to = new URL(url, here.href);
    return to.origin === here.origin && to.pathname === here.pathname && to.search === here.search;
  } catch {
    return false;
  }
}

/** Installs the guards on this window; returns how many navigations they have refused so far. */
export function lockNavigation(win: Window = window): () => number {
  let refused = 0;
  const refuse = (e: Event, what: string) => {
    e.preventDefault();
    refused++;
    console.warn(`redhall: refused to leave the page (${what})`);
  };
  const navigation = (win as unknown as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('navigate', (ev) => {
    const e = ev as NavigateEventLike;
    if (e.hashChange || e.navigationType === 'reload' || !e.cancelable) return;
    if (!staysOnPage(e.destination.url, win.location)) refuse(e, e.destination.url);
  });
  const onClick = (e: MouseEvent) => {
    const link = e.target instanceof Element ? e.target.closest('a[href], area[href]') : null;
    if (!link) return;
    const href = (link as HTMLAnchorElement).href;
    // Not even a #fragment: the surface's route lives in the hash, and a reload must find it.
    if (link.hasAttribute('target') || link.hasAttribute('download') || href !== win.location.href) refuse(e, href);
  };
  win.addEventListener('click', onClick, true);
  win.addEventListener('auxclick', onClick, true);
  win.addEventListener('submit', (e) => refuse(e, 'form'), true);
  win.open = () => {
    refused++;
    console.warn('redhall: refused to open a new window');
    return null;
  };
  return () => refused;
}
