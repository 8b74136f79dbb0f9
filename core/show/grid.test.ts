import { describe, expect, it } from 'vitest';
import { FrameGrid, snapToGrids } from './grid';

const F = 1000 / 60;

describe('frame grids on the host clock', () => {
  it('puts a due time on the shared frame start, never more than half a frame away', () => {
    const grid = { frameHost: 10_000.4, intervalMs: F };
    for (const at of [12_000, 12_003.2, 12_008.1, 12_010, 12_016.5]) {
      const snapped = snapToGrids(at, [grid]);
      const frames = (snapped - grid.frameHost) / F;
      expect(Math.abs(frames - Math.round(frames))).toBeLessThan(1e-6);
      expect(Math.abs(snapped - at)).toBeLessThanOrEqual(F / 2 + 1e-9);
    }
  });

  it('between two grids a little apart, takes the point between their frame starts', () => {
    const a = { frameHost: 5_000, intervalMs: F };
    const b = { frameHost: 5_002, intervalMs: F };
    const snapped = snapToGrids(5_100, [a, b]);
    // Frame starts near 5,100: a at 5,100.0, b at 5,102.0; the compromise is 5,101.
    expect(snapped).toBeCloseTo(5_101, 6);
  });

  it('leaves a due time alone when no grid is known', () => {
    expect(snapToGrids(1234.5, [])).toBe(1234.5);
  });

  it('measures the interval from the frames over a long span, and starts again after a jump', () => {
    const g = new FrameGrid();
    const true60 = 16.6832; // a refresh a little off 60 Hz
    for (let k = 0; k <= 600; k += 30) g.observe(1_000 + k * true60, 16.6);
    expect(g.estimate()!.intervalMs).toBeCloseTo(true60, 4);
    expect(g.estimate()!.frameHost).toBeCloseTo(1_000 + 600 * true60, 6);
    // A clock correction moves the frames by 5 ms: the estimate follows the new frames, and the
    // interval is measured again from them (the page's estimate meanwhile).
    g.observe(1_000 + 660 * true60 + 5, 16.6);
    expect(g.estimate()).toEqual({ frameHost: 1_000 + 660 * true60 + 5, intervalMs: 16.6 });
    for (let k = 690; k <= 1_200; k += 30) g.observe(1_005 + k * true60, 16.6);
    expect(g.estimate()!.intervalMs).toBeCloseTo(true60, 4);
  });

  it('ignores a report older than what it knows', () => {
    const g = new FrameGrid();
    g.observe(2_000, F);
    g.observe(1_950, F);
    expect(g.estimate()!.frameHost).toBe(2_000);
  });
});
