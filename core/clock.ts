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
}

/** Offset and network delay of one sample (RFC 5905 on-wire formulas). */
export function sampleOffset(s: ClockSample): { offsetMs: number; rttMs: number } {
  return {
    offsetMs: (s.t1 - s.t0 + (s.t2 - s.t3)) / 2,
    rttMs: Math.max(0, s.t3 - s.t0 - (s.t2 - s.t1)),
  };
}

/**
 * The estimate from several samples: the one with the shortest round trip is the least
 * disturbed by queueing, so its offset is taken. Undefined when there is no sample.
 */
export function bestEstimate(samples: readonly ClockSample[]): ClockEstimate | undefined {
  let best: { offsetMs: number; rttMs: number } | undefined;
  for (const s of samples) {
    const o = sampleOffset(s);
    if (!best || o.rttMs < best.rttMs) best = o;
  }
  return best && { ...best, samples: samples.length };
}
