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
    expect(bestEstimate([slow, quick, slow])).toEqual({ offsetMs: 100, rttMs: 2, samples: 3 });
    expect(bestEstimate([])).toBeUndefined();
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
