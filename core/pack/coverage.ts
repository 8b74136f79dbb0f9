/**
 * Which characters the bundled fonts can draw. The ranges come from the font package's
 * unicode.json (read by main/ and passed in), so core stays free of I/O.
 */
export interface FontCoverage {
  /** Sorted, non-overlapping [first, last] code point ranges. */
  ranges: ReadonlyArray<readonly [number, number]>;
}

/** Builds a coverage from CSS unicode-range strings such as "U+0000-00FF,U+4E00". */
export function coverageFromUnicodeRanges(lists: Iterable<string>): FontCoverage {
  const raw: [number, number][] = [];
  for (const list of lists) {
    for (const part of list.split(',')) {
      const m = /^\s*U\+([0-9a-fA-F?]+)(?:-([0-9a-fA-F]+))?\s*$/.exec(part);
      if (!m) continue;
      const a = m[1]!;
      if (a.includes('?')) raw.push([parseInt(a.replace(/\?/g, '0'), 16), parseInt(a.replace(/\?/g, 'F'), 16)]);
      else raw.push([parseInt(a, 16), parseInt(m[2] ?? a, 16)]);
    }
  }
  raw.sort((x, y) => x[0] - y[0]);
  const ranges: [number, number][] = [];
  for (const r of raw) {
    const last = ranges[ranges.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else ranges.push([r[0], r[1]]);
  }
  return { ranges };
}

/** True when the code point is drawn by the font (binary search over the ranges). */
export function covers(coverage: FontCoverage, cp: number): boolean {
  let lo = 0;
  let hi = coverage.ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = coverage.ranges[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Characters never drawn and so never checked: line breaks, tabs, variation selectors, zero-width joiners. */
export function isInvisible(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x09 || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x200d || cp === 0x200b;
}
