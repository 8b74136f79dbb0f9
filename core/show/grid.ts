/**
 * Where a surface's frames fall on the host clock, so a cue's due time can be put where every
 * surface's frame choice is clear of doubt. A surface presents a cue on the frame nearest its due
 * time; a due time half a frame from a frame start is a coin toss between two frames (and the
 * surfaces' clock estimates differ by a fraction of a millisecond), while a due time on a frame
 * start is half a frame from either side. Surfaces report frame starts (in host time) when they
 * are ready for a show and with every cue they present; the host snaps each cue's due time onto
 * the frame grid the surfaces share (or the best compromise when their grids differ).
 */

export interface FrameGridEstimate {
  /** A frame start (host ms), the latest seen. */
  frameHost: number;
  /** The frame interval (ms). */
  intervalMs: number;
}

/** The span (ms) past which the interval is measured from the frames themselves rather than the page's estimate. */
const MEASURE_SPAN_MS = 1000;
/** The largest disagreement (ms per frame) between the measured interval and the page's estimate before the measurement starts again. */
const MAX_INTERVAL_ERROR_MS = 0.25;
/** A frame start this far (ms) off the grid the earlier ones drew means the grid moved. */
const JUMP_MS = 1;

/** One surface's frame grid on the host clock, from the frame starts it reports. */
export class FrameGrid {
  private anchor: number | undefined;
  private last: number | undefined;
  private hint = 1000 / 60;
  private measured: number | undefined;

  /** A frame start the surface saw (host ms), with its own estimate of the interval when it gave one. */
  observe(frameHost: number, intervalHint?: number): void {
    if (!Number.isFinite(frameHost)) return;
    if (intervalHint !== undefined && intervalHint > 4 && intervalHint < 100) this.hint = intervalHint;
    // Older than what is known (reports cross on the socket): it says nothing new.
    if (this.last !== undefined && frameHost <= this.last && this.last - frameHost < 5000) return;
    if (this.last !== undefined && this.anchor !== undefined) {
      // Off the grid the last frames drew (a clock correction moved it): measure again from here.
      const interval = this.measured ?? this.hint;
      const frames = Math.round((frameHost - this.last) / interval);
      const off = Math.abs(frameHost - this.last - frames * interval);
      if (off > JUMP_MS + frames * (this.measured === undefined ? MAX_INTERVAL_ERROR_MS : 0.002)) this.anchor = undefined;
    }
    this.last = frameHost;
    if (this.anchor === undefined) {
      this.anchor = frameHost;
      this.measured = undefined;
      return;
    }
    const span = frameHost - this.anchor;
    if (span < MEASURE_SPAN_MS) return;
    const interval = span / Math.round(span / (this.measured ?? this.hint));
    // Far from the page's own estimate: something else changed (the refresh rate); start again.
    if (Math.abs(interval - this.hint) > MAX_INTERVAL_ERROR_MS) {
      this.anchor = frameHost;
      this.measured = undefined;
      return;
    }
    this.measured = interval;
  }

  /** The grid as known now, or undefined before any frame was reported. */
  estimate(): FrameGridEstimate | undefined {
    if (this.last === undefined) return undefined;
    return { frameHost: this.last, intervalMs: this.measured ?? this.hint };
  }
}

/**
 * A due time moved onto the surfaces' frame grids: onto their shared frame start when they share
 * one, else to the point farthest, on the whole, from every grid's half-frame (where a frame
 * choice tips over). Moves at most half a frame; with no grid known it is left as it is.
 */
export function snapToGrids(at: number, grids: readonly FrameGridEstimate[]): number {
  if (grids.length === 0) return at;
  const interval = grids.reduce((s, g) => s + g.intervalMs, 0) / grids.length;
  let x = 0;
  let y = 0;
  for (const g of grids) {
    const k = Math.round((at - g.frameHost) / g.intervalMs);
    const d = g.frameHost + k * g.intervalMs - at;
    const angle = (2 * Math.PI * d) / g.intervalMs;
    x += Math.cos(angle);
    y += Math.sin(angle);
  }
  // Grids spread evenly round the frame: no point is better than another.
  if (Math.hypot(x, y) < 1e-6 * grids.length) return at;
  return at + (Math.atan2(y, x) * interval) / (2 * Math.PI);
}
