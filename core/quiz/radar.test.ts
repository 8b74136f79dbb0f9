import { describe, expect, it } from 'vitest';
import { RADAR_FRAME, radarPoint, radarPolygon } from './radar';

describe('radar geometry', () => {
  const { cx, cy, radius: r } = RADAR_FRAME;
  it('puts the first axis straight up and goes clockwise', () => {
    expect(radarPoint(0, 6, 100)).toEqual([cx, cy - r]);
    const [x, y] = radarPoint(1, 6, 100);
    expect(x).toBeCloseTo(cx + r * Math.sin(Math.PI / 3), 1);
    expect(y).toBeCloseTo(cy - r * Math.cos(Math.PI / 3), 1);
    expect(radarPoint(3, 6, 100)[1]).toBeCloseTo(cy + r, 1);
  });

  it('scales distance from the centre with the score, clamped to 0..100', () => {
    for (const v of [0, 25, 50, 75, 100]) {
      const [x, y] = radarPoint(2, 6, v);
      expect(Math.hypot(x - cx, y - cy)).toBeCloseTo((r * v) / 100, 1);
    }
    expect(radarPoint(4, 6, 140)).toEqual(radarPoint(4, 6, 100));
    expect(radarPoint(4, 6, -5)).toEqual([cx, cy]);
  });

  it('writes the polygon points in axis order', () => {
    expect(radarPolygon([100, 0, 100, 0])).toBe(`${cx},${cy - r} ${cx},${cy} ${cx},${cy + r} ${cx},${cy}`);
  });
});
