import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestEstimate, sampleOffset } from './clock';

describe('clock offset', () => {
  it('recovers a known offset from a symmetric round trip', () => {
    // Surface clock is 500 ms behind the host; 10 ms each way; host takes 2 ms.
    const s = { t0: 1000, t1: 1000 + 500 + 10, t2: 1000 + 500 + 12, t3: 1000 + 22 };
    expect(sampleOffset(s)).toEqual({ offsetMs: 500, rttMs: 20 });
  });
  it('prefers the sample with the shortest round trip', () => {
    const quick = { t0: 0, t1: 101, t2: 101, t3: 2 }; // offset 100, rtt 2
    const slow = { t0: 0, t1: 190, t2: 190, t3: 80 }; // asymmetric queueing
    expect(bestEstimate([slow, quick, slow])).toEqual({ offsetMs: 100, rttMs: 2, samples: 3, errorMs: 1 });
    expect(bestEstimate([])).toBeUndefined();
  });
  it('lets a quick sample age out as the clocks may drift apart', () => {
    const old = { t0: 0, t1: 101, t2: 101, t3: 2 }; // offset 100, rtt 2, taken at 2
    const fresh = { t0: 60_000, t1: 60_107, t2: 60_107, t3: 60_010 }; // offset 102, rtt 10
    // At 50 ppm, a minute-old sample may be 3 ms out: ±4 ms, better than the fresh one's ±5 ms.
    expect(bestEstimate([old, fresh], { driftPpm: 50 })).toMatchObject({ offsetMs: 100, errorMs: 1 + 3.0004 });
    // Two minutes old, its bound (±7 ms) is wider than a fresh sample's.
    const later = { t0: 120_000, t1: 120_107, t2: 120_107, t3: 120_010 };
    expect(bestEstimate([old, later], { driftPpm: 50 })).toMatchObject({ offsetMs: 102, rttMs: 10, errorMs: 5 });
  });
  it('errs by at most half the round trip, whatever the asymmetry', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.nat(500), fc.nat(500), fc.nat(50), (offset, up, down, proc) => {
        const t0 = 10_000;
        const t1 = t0 + offset + up;
        const t2 = t1 + proc;
        const t3 = t2 - offset + down;
        const est = sampleOffset({ t0, t1, t2, t3 });
        expect(Math.abs(est.offsetMs - offset)).toBeLessThanOrEqual(est.rttMs / 2 + 1e-9);
      }),
    );
  });
});
