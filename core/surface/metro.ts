/**
 * The metro timeline wall's drawing maths: stations placed along the line by date (a century
 * from left to right), labels staggered so neighbours do not collide, and where a train is at a
 * host time, so every wall drawing the line shows its trains at the same place.
 */

/** A date as precise as history knows it (1921, 1921-07, 1921-07-23) as a fractional year. */
export function dateYear(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (y ?? 0) + ((m ?? 1) - 1) / 12 + ((d ?? 1) - 1) / 365;
}

export interface PlacedStation {
  id: string;
  /** Position along the line, 0 (first station) to 1 (last). */
  t: number;
  /** Label tier: 0 above near, 1 below near, 2 above far, 3 below far (neighbours differ). */
  tier: number;
}

/**
 * Places stations along the line by date between the first and the last, keeping at least
 * `minGap` (fraction of the line) between neighbours so crowded years stay tappable; labels
 * cycle through four tiers.
 */
export function placeStations(stations: readonly { id: string; date: string }[], minGap = 0.012): PlacedStation[] {
  if (stations.length === 0) return [];
  const years = stations.map((s) => dateYear(s.date));
  const first = years[0]!;
  const span = Math.max(1e-9, years[years.length - 1]! - first);
  const ts = years.map((y) => (y - first) / span);
  // Push crowded stations apart forwards, then pull the tail back inside the line.
  for (let i = 1; i < ts.length; i++) ts[i] = Math.max(ts[i]!, ts[i - 1]! + minGap);
  const over = ts[ts.length - 1]! - 1;
  if (over > 0) for (let i = ts.length - 1; i >= 0; i--) ts[i] = Math.min(ts[i]!, 1 - (ts.length - 1 - i) * minGap);
  return stations.map((s, i) => ({ id: s.id, t: Math.max(0, ts[i]!), tier: i % 4 }));
}

/**
 * Where train `k` of `count` is at host time `hostMs`: trains run the line end to end and back
 * in `periodSec`, evenly spaced; 0–1 along the line and its direction (+1 right, −1 left).
 */
export function trainAt(hostMs: number, k: number, count: number, periodSec = 90): { t: number; dir: 1 | -1 } {
  const phase = (((hostMs / 1000 / periodSec + k / Math.max(1, count)) % 1) + 1) % 1;
  return phase < 0.5 ? { t: phase * 2, dir: 1 } : { t: 2 - phase * 2, dir: -1 };
}
