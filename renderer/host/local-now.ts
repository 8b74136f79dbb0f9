/** This page's clock, comparable with the host's (both wall-clock based, monotonic). */
export function localNow(skewMs: number): number {
  return performance.timeOrigin + performance.now() + skewMs;
}
