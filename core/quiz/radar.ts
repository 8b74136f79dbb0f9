/**
 * Radar chart geometry, shared by the chart and the tests that check the drawing: the first
 * axis points straight up, the rest follow clockwise; a score of 100 reaches the outer ring.
 */
export interface RadarFrame {
  width: number;
  height: number;
  cx: number;
  cy: number;
  radius: number;
}

export const RADAR_FRAME: RadarFrame = { width: 820, height: 760, cx: 410, cy: 385, radius: 225 };

/** The angle of axis i of n, in radians, clockwise from straight up. */
export function axisAngle(i: number, n: number): number {
  return (2 * Math.PI * i) / n;
}

/** Where a 0–100 value on axis i of n is drawn (SVG coordinates, y down). */
export function radarPoint(i: number, n: number, value: number, frame: RadarFrame = RADAR_FRAME): [number, number] {
  const r = (frame.radius * Math.max(0, Math.min(100, value))) / 100;
  const a = axisAngle(i, n);
  return [round2(frame.cx + r * Math.sin(a)), round2(frame.cy - r * Math.cos(a))];
}

/** The polygon's points attribute for the values in axis order. */
export function radarPolygon(values: readonly number[], frame: RadarFrame = RADAR_FRAME): string {
  return values.map((v, i) => radarPoint(i, values.length, v, frame).join(',')).join(' ');
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
