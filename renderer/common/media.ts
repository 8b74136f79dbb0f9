/**
 * Ref callback for <video> and <audio>: when the element leaves the page, its load is stopped and
 * its media released. A media element that is still loading (a long film, a slow disk, a visitor
 * who tapped back before the first frame) counts as busy to the browser, which then keeps it,
 * and with it the whole page it sat in, for as long as the load lasts: on a kiosk that is a
 * module page kept per visit. Emptying `src` and calling load() is the HTML way to let go.
 */
export function releaseMediaOnUnmount(element: HTMLMediaElement | null): (() => void) | undefined {
  if (!element) return undefined;
  return () => {
    element.pause();
    element.removeAttribute('src');
    element.load();
  };
}
