import { describe, expect, it } from 'vitest';
import { filmPosition, panoramaOf, steer } from './Panorama';

describe('a table’s 360° media on a ring', () => {
  it('picks the phase’s 360° picture or film, not its flat ones or its sound', () => {
    expect(panoramaOf([{ kind: 'image', src: 'a.svg' }, { kind: 'video', src: 'b.mp4', projection: '360' }])?.src).toBe('b.mp4');
    expect(panoramaOf([{ kind: 'image', src: 'a.svg', projection: 'flat' }])).toBeUndefined();
    expect(panoramaOf(undefined)).toBeUndefined();
  });

  it('puts the film where host time says: from the phase start, round when it loops, frozen while paused', () => {
    expect(filmPosition({ since: 10_000 }, 14_500, 60, true)).toBeCloseTo(4.5);
    expect(filmPosition({ since: 10_000 }, 10_000 + 65_000, 60, true)).toBeCloseTo(5);
    // Not looping: held just before its end.
    expect(filmPosition({ since: 10_000 }, 10_000 + 65_000, 60, false)).toBeCloseTo(59.95);
    // Paused at 12 s: every segment shows the same frame however much later it is asked.
    expect(filmPosition({ since: 10_000, pausedAt: 12_000 }, 99_000, 60, true)).toBeCloseTo(2);
    // Before the film's length is known, the plain offset.
    expect(filmPosition({ since: 0 }, 3_000, Number.NaN, true)).toBeCloseTo(3);
  });

  it('takes up a small drift by playing faster or slower, and seeks only when far out', () => {
    expect(steer(0.005)).toEqual({ seek: false, rate: 1 });
    const behind = steer(-0.04);
    expect(behind.seek).toBe(false);
    expect(behind.rate).toBeGreaterThan(1);
    const ahead = steer(0.2);
    expect(ahead.rate).toBeLessThan(1);
    expect(ahead.rate).toBeGreaterThanOrEqual(0.95);
    expect(steer(0.8).seek).toBe(true);
    expect(steer(-3).seek).toBe(true);
  });
});
