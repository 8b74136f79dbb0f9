/**
 * The geometry of the hall's immersive surfaces, as pure maths: where a display's part of a
 * spanning picture lies, which yaw slice of a 360° picture a ring segment shows, the off-axis
 * (generalised, Kooima) perspective of one CAVE wall, and the four views of a hologram pyramid.
 * Surfaces turn these numbers into CSS or three.js; the tests check the numbers.
 */

export type Vec3 = readonly [number, number, number];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

// ---- spanning ----

/** One display's part of a picture spanning several: the whole canvas and this display's viewport in it (px). */
export interface SpanView {
  canvas: { width: number; height: number };
  viewport: Rect;
}

/**
 * The shared canvas of displays that show one picture, and each display's viewport in it, from
 * the displays' desktop bounds. With `bezelPx`, every gap between columns (rows) of displays adds
 * that many hidden pixels, so a line crossing a bezel continues where the eye expects it.
 */
export function spanViews(bounds: readonly Rect[], bezelPx = 0): SpanView[] {
  if (bounds.length === 0) return [];
  const minX = Math.min(...bounds.map((b) => b.x));
  const minY = Math.min(...bounds.map((b) => b.y));
  const cols = [...new Set(bounds.map((b) => b.x))].sort((a, b) => a - b);
  const rows = [...new Set(bounds.map((b) => b.y))].sort((a, b) => a - b);
  const views = bounds.map((b) => ({
    x: b.x - minX + cols.indexOf(b.x) * bezelPx,
    y: b.y - minY + rows.indexOf(b.y) * bezelPx,
    width: b.width,
    height: b.height,
  }));
  const canvas = { width: Math.max(...views.map((v) => v.x + v.width)), height: Math.max(...views.map((v) => v.y + v.height)) };
  return views.map((viewport) => ({ canvas, viewport }));
}

// ---- ring ----

/**
 * The part of an equirectangular (360°×180°) picture one ring segment shows: u across the
 * picture's width (0–1, may run past 1: the picture repeats), v down its height (0–1).
 */
export interface RingSlice {
  u0: number;
  u1: number;
  v0: number;
  v1: number;
  /** The yaw at the segment's left edge and centre, degrees (0 = the picture's left edge). */
  yawDeg: number;
  centreYawDeg: number;
}

/**
 * Segment `index` of `count` equal segments of a ring of screens, each `width`×`height` px: its yaw
 * slice starts where the previous one ends (seamless), and shows as many degrees up and down as
 * keeps pixels square, centred on the horizon plus `pitchDeg`.
 */
export function ringSlice(index: number, count: number, width: number, height: number, yawOffsetDeg = 0, pitchDeg = 0): RingSlice {
  const n = Math.max(1, Math.floor(count));
  const i = ((Math.floor(index) % n) + n) % n;
  const yawDeg = (((yawOffsetDeg + (360 * i) / n) % 360) + 360) % 360;
  const u0 = yawDeg / 360;
  const u1 = u0 + 1 / n;
  // The whole ring is n·width px for 360°, so 360·height/(n·width) degrees fit vertically.
  const vSpan = Math.min(1, (360 * height) / (n * width) / 180);
  const centre = Math.min(1 - vSpan / 2, Math.max(vSpan / 2, 0.5 - pitchDeg / 180));
  return { u0, u1, v0: centre - vSpan / 2, v1: centre + vSpan / 2, yawDeg, centreYawDeg: (yawDeg + 180 / n) % 360 };
}

/**
 * Where to draw the whole equirectangular picture behind a segment's screen so that only its
 * slice shows (px, relative to the screen): the picture is n screens wide, shifted left by the
 * slice's start; drawn twice when the slice crosses the picture's right edge.
 */
export function ringPlacement(slice: RingSlice, width: number, height: number): { pictureWidth: number; pictureHeight: number; left: number; top: number; wraps: boolean } {
  const pictureWidth = width / (slice.u1 - slice.u0);
  const pictureHeight = height / (slice.v1 - slice.v0);
  return { pictureWidth, pictureHeight, left: -slice.u0 * pictureWidth, top: -slice.v0 * pictureHeight, wraps: slice.u1 > 1 + 1e-9 };
}

// ---- CAVE ----

/** A CAVE wall: three of its corners in the room (metres) as seen from inside. */
export interface WallCorners {
  lowerLeft: Vec3;
  lowerRight: Vec3;
  upperLeft: Vec3;
}

/** An off-axis frustum: the near-plane window (left, right, bottom, top at `near`) and the wall's axes. */
export interface OffAxisFrustum {
  left: number;
  right: number;
  bottom: number;
  top: number;
  near: number;
  far: number;
  /** The wall's unit axes: right along its bottom edge, up along its left edge, normal towards the viewer. */
  right3: Vec3;
  up3: Vec3;
  normal3: Vec3;
  eye: Vec3;
}

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const unit = (a: Vec3): Vec3 => {
  const l = Math.hypot(a[0], a[1], a[2]);
  return l === 0 ? [0, 0, 0] : [a[0] / l, a[1] / l, a[2] / l];
};

/**
 * Kooima's generalised perspective projection for one wall: the frustum from the eye through the
 * wall's rectangle, so that every wall of the room draws the same 3D scene and a line crossing a
 * corner stays straight to the viewer. Throws when the eye is on or behind the wall's plane.
 */
export function offAxisFrustum(wall: WallCorners, eye: Vec3, near = 0.05, far = 200): OffAxisFrustum {
  const vr = unit(sub(wall.lowerRight, wall.lowerLeft));
  const vu = unit(sub(wall.upperLeft, wall.lowerLeft));
  const vn = unit(cross(vr, vu));
  const va = sub(wall.lowerLeft, eye);
  const vb = sub(wall.lowerRight, eye);
  const vc = sub(wall.upperLeft, eye);
  const d = -dot(va, vn);
  if (!(d > 1e-6)) throw new Error('the viewer is not in front of this wall (check the corners: lower-left, lower-right, upper-left as seen from inside)');
  const k = near / d;
  return { left: dot(vr, va) * k, right: dot(vr, vb) * k, bottom: dot(vu, va) * k, top: dot(vu, vc) * k, near, far, right3: vr, up3: vu, normal3: vn, eye };
}

/**
 * Where a point of the room lands on a wall through its frustum, in normalised device
 * coordinates (−1..1 across the wall, left to right and bottom to top); undefined behind the eye.
 */
export function projectOnWall(f: OffAxisFrustum, p: Vec3): { x: number; y: number } | undefined {
  const rel = sub(p, f.eye);
  const x = dot(rel, f.right3);
  const y = dot(rel, f.up3);
  const z = dot(rel, f.normal3);
  if (z >= 0) return undefined;
  const w = -z;
  const { left: l, right: r, bottom: b, top: t, near: n } = f;
  return { x: ((2 * n) / (r - l) * x + ((r + l) / (r - l)) * z) / w, y: ((2 * n) / (t - b) * y + ((t + b) / (t - b)) * z) / w };
}

/** The column-major 4×4 projection matrix of a frustum (as three.js and WebGL take it). */
export function frustumMatrix(f: OffAxisFrustum): number[] {
  const { left: l, right: r, bottom: b, top: t, near: n, far: fa } = f;
  return [
    (2 * n) / (r - l), 0, 0, 0,
    0, (2 * n) / (t - b), 0, 0,
    (r + l) / (r - l), (t + b) / (t - b), -(fa + n) / (fa - n), -1,
    0, 0, (-2 * fa * n) / (fa - n), 0,
  ];
}

// ---- hologram ----

/** One of the four views of a Pepper's-ghost pyramid: where it is drawn and from which side the model is seen. */
export interface HologramView {
  rect: Rect;
  /**
   * How the view is turned on the screen (degrees, clockwise): its top points away from the
   * centre, because a pyramid face reflects what lies further out as higher up.
   */
  rotationDeg: number;
  /** A reflection swaps left and right, so each view is drawn mirrored to be seen the right way round. */
  mirrored: true;
  /** The camera's yaw around the model (0 front, 90 its right side, 180 back, 270 left). */
  yawDeg: number;
}

/**
 * The classic four-view layout on a screen lying under a pyramid: a square of side
 * min(width, height) in the middle, views of a third of that side at its bottom, right, top and
 * left, each with its top pointing outwards, showing the model's front, right, back and left.
 */
export function hologramViews(width: number, height: number, gapRatio = 0): HologramView[] {
  const side = Math.min(width, height);
  const v = side / 3;
  const cx = width / 2;
  const cy = height / 2;
  const g = v * gapRatio;
  const at = (dx: number, dy: number): Rect => ({ x: cx + dx * (v + g) - v / 2, y: cy + dy * (v + g) - v / 2, width: v, height: v });
  return [
    { rect: at(0, 1), rotationDeg: 180, yawDeg: 0, mirrored: true },
    { rect: at(1, 0), rotationDeg: 90, yawDeg: 90, mirrored: true },
    { rect: at(0, -1), rotationDeg: 0, yawDeg: 180, mirrored: true },
    { rect: at(-1, 0), rotationDeg: 270, yawDeg: 270, mirrored: true },
  ];
}
