/**
 * Matches every URL that does not start with `base`: the pattern of a route that aborts what
 * must not leave the machine. Only matching requests are intercepted, so the host's own are not
 * held up by a round trip through the test for each one.
 */
export function notUnder(base: string): RegExp {
  return new RegExp(`^(?!${base.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')})`);
}
