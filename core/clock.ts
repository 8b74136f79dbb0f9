/**
 * NTP-style clock offset estimation. A sample is one ping/pong: t0 surface send, t1 host
 * receive, t2 host send, t3 surface receive.
 */
export interface ClockSample {
  t0: number;
  t1: number;
  t2: number;
  t3: number;
}

export interface ClockEstimate {
  /** Host time minus surface time, ms. */
  offsetMs: number;
  /** Round-trip delay of the sample used, ms. */
  rttMs: number;
  samples: number;
  /**
   * How far the offset can be from the truth, ms: half the sample's round trip (the on-wire
   * asymmetry can be anything inside it) plus what the two clocks may have drifted since.
   */
  errorMs: number;
}

/** How the estimate weighs an old quick sample against a fresh slow one. */
export interface EstimateOptions {
  /** The time of the estimate on the surface's clock (default: the newest sample's t3). */
  nowMs?: number;
  /** How fast two machines' clocks may drift apart, parts per million (0: not at all). */
  driftPpm?: number;
}

/** Offset and network delay of one sample (RFC 5905 on-wire formulas). */
export function sampleOffset(s: ClockSample): { offsetMs: number; rttMs: number } {
  return {
    offsetMs: (s.t1 - s.t0 + (s.t2 - s.t3)) / 2,
    rttMs: Math.max(0, s.t3 - s.t0 - (s.t2 - s.t1)),
  };
}

/**
 * The estimate from several samples: the one whose offset can be furthest wrong by the least,
 * that is the shortest round trip (least disturbed by queueing), with an old sample's bound
 * widened by how far the clocks may have drifted since it was taken. Undefined when there is no
 * sample.
 */
export function bestEstimate(samples: readonly ClockSample[], opts: EstimateOptions = {}): ClockEstimate | undefined {
  const now = opts.nowMs ?? Math.max(...samples.map((s) => s.t3));
  const ppm = opts.driftPpm ?? 0;
  let best: ClockEstimate | undefined;
  for (const s of samples) {
    const o = sampleOffset(s);
    const errorMs = o.rttMs / 2 + (Math.max(0, now - s.t3) * ppm) / 1e6;
    if (!best || errorMs < best.errorMs) best = { ...o, samples: samples.length, errorMs };
  }
  return best;
}
