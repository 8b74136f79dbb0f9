/**
 * Keeping a video in step with the host clock, the way wall players do: measure how far the
 * frame on screen is from where the host time says it should be, nudge the playback rate to
 * close small gaps without a visible jump, and seek only when the gap is too big to nudge.
 */

export interface DriftPolicy {
  /** Below this (s) the video is left alone: measurement noise, not drift. */
  deadbandSec: number;
  /** Above this (s) a seek is cheaper than a long nudge. */
  seekSec: number;
  /** A nudge lasts at least this long (s): it closes the whole gap over that time, then the rate goes back to 1. */
  settleSec: number;
  /** The largest rate change (0.1: between 0.9× and 1.1×; the browser keeps the pitch). */
  maxNudge: number;
}

// A seek costs a decoder restart (on a busy machine 100 ms or more, learned by the player and
// sought ahead of), so it is kept for gaps a nudge would need seconds to close.
// A nudge is planned, not fed back frame by frame: the rate is set to close the measured gap over
// a set time and put back to 1 after it (the media pipeline answers a rate change only after its
// buffers, so a controller chasing each frame's reading swings the film to and fro).
export const DEFAULT_DRIFT_POLICY: DriftPolicy = { deadbandSec: 0.006, seekSec: 0.15, settleSec: 1, maxNudge: 0.08 };

/**
 * How far the media is ahead (+) or behind (−) where it should be, in seconds; for looping media
 * of known duration the shorter way round the loop (just after a wrap is not a whole loop behind).
 */
export function driftSeconds(actualSec: number, expectedSec: number, durationSec?: number): number {
  let d = actualSec - expectedSec;
  if (durationSec && durationSec > 0) {
    d = ((d % durationSec) + durationSec) % durationSec;
    if (d >= durationSec / 2) d -= durationSec;
  }
  return d;
}

export type DriftCorrection = { kind: 'hold'; rate: 1 } | { kind: 'nudge'; rate: number; forSec: number } | { kind: 'seek'; to: number; rate: 1 };

/**
 * What to do about a measured drift: hold, nudge the rate toward the host for `forSec` (closing
 * the gap by then), or seek to where it should be.
 */
export function correctDrift(driftSec: number, expectedSec: number, policy: DriftPolicy = DEFAULT_DRIFT_POLICY): DriftCorrection {
  const a = Math.abs(driftSec);
  if (a >= policy.seekSec) return { kind: 'seek', to: expectedSec, rate: 1 };
  if (a <= policy.deadbandSec) return { kind: 'hold', rate: 1 };
  const forSec = Math.max(policy.settleSec, a / policy.maxNudge);
  return { kind: 'nudge', rate: 1 - driftSec / forSec, forSec };
}

/**
 * The seek lead learned from the last seek: a seek that left the video `afterSec` behind (−)
 * should have aimed that much further ahead. Moves part of the way, and stays within 0–0.5 s.
 */
export function learnSeekLead(leadSec: number, afterSec: number): number {
  return Math.max(0, Math.min(0.5, leadSec - afterSec * 0.7));
}

/** The p-th percentile (0–100) of some numbers, nearest rank; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
