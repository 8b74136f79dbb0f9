import { z } from 'zod';
import { offAxisFrustum, spanViews, type Rect, type Vec3, type WallCorners } from './geometry';

/**
 * What hall.yaml says about an immersive surface's place in the room, and what the host tells
 * the surface of it (its `placement` in the welcome): the part of a spanning canvas it draws,
 * its ring segment, its CAVE wall's corners and the viewer's eye, whether touch reaches its scene.
 */

const Vec3Schema = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);

/** hall.yaml, per surface: one picture across several displays (all surfaces of a group share it). */
export const SpanConfig = z.object({ group: z.string().min(1).max(40), bezel: z.number().int().min(0).max(400).optional() }).strict();
/** hall.yaml, per surface: a segment of the 360° ring (by default: ring surfaces in file order, as many as there are). */
export const RingConfig = z.object({
  index: z.number().int().nonnegative().optional(),
  count: z.number().int().min(1).max(64).optional(),
  /** Degrees the whole ring is turned (where the picture's left edge is). */
  yawOffset: z.number().finite().optional(),
  /** Degrees above the horizon the segment's middle looks. */
  pitch: z.number().min(-90).max(90).optional(),
}).strict();
/** hall.yaml, per surface: a CAVE wall's corners in metres, as seen from inside the room. */
export const CaveConfig = z.object({ lowerLeft: Vec3Schema, lowerRight: Vec3Schema, upperLeft: Vec3Schema }).strict();
/** hall.yaml, top level: where the CAVE's viewer stands (eye point, metres). */
export const ViewerConfig = z.object({ eye: Vec3Schema }).strict();

/** What a surface is told of its place (core/protocol SurfaceInfo.placement). */
export const SurfacePlacement = z.object({
  span: z.object({ group: z.string(), canvas: z.object({ width: z.number(), height: z.number() }), viewport: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }) }).optional(),
  ring: z.object({ index: z.number().int(), count: z.number().int(), yawOffsetDeg: z.number(), pitchDeg: z.number() }).optional(),
  cave: z.object({ lowerLeft: Vec3Schema, lowerRight: Vec3Schema, upperLeft: Vec3Schema, eye: Vec3Schema }).optional(),
  interactive: z.boolean().optional(),
});
export type SurfacePlacement = z.infer<typeof SurfacePlacement>;

/** The viewer's eye when hall.yaml gives none: standing in the middle of the room, 1.6 m up. */
export const DEFAULT_EYE: Vec3 = [0, 1.6, 0];

/**
 * The walls of a 4 m × 4 m room, 2.5 m high, around the default eye: what CAVE surfaces show
 * when hall.yaml gives no corners (in file order: front, left, right, floor).
 */
export const DEFAULT_CAVE_WALLS: readonly WallCorners[] = [
  { lowerLeft: [-2, 0, -2], lowerRight: [2, 0, -2], upperLeft: [-2, 2.5, -2] },
  { lowerLeft: [-2, 0, 2], lowerRight: [-2, 0, -2], upperLeft: [-2, 2.5, 2] },
  { lowerLeft: [2, 0, -2], lowerRight: [2, 0, 2], upperLeft: [2, 2.5, -2] },
  { lowerLeft: [-2, 0, 2], lowerRight: [2, 0, 2], upperLeft: [-2, 0, -2] },
];

export interface PlaceInput {
  id: string;
  role: string;
  bounds: Rect;
  span?: z.infer<typeof SpanConfig> | undefined;
  ring?: z.infer<typeof RingConfig> | undefined;
  cave?: z.infer<typeof CaveConfig> | undefined;
  interactive?: boolean | undefined;
}

/**
 * Each placed surface's placement, from what hall.yaml says and the displays' bounds: spanning
 * groups share one canvas, ring surfaces are numbered in file order, CAVE surfaces without
 * corners take the default room's walls. Surfaces with nothing to say get none.
 */
export function placeSurfaces(surfaces: readonly PlaceInput[], viewerEye: Vec3 = DEFAULT_EYE): Map<string, SurfacePlacement> {
  const out = new Map<string, SurfacePlacement>();
  const put = (id: string, p: SurfacePlacement) => out.set(id, { ...out.get(id), ...p });
  const groups = new Map<string, PlaceInput[]>();
  for (const s of surfaces) if (s.span) groups.set(s.span.group, [...(groups.get(s.span.group) ?? []), s]);
  for (const [group, members] of groups) {
    const bezel = Math.max(...members.map((m) => m.span?.bezel ?? 0));
    spanViews(members.map((m) => m.bounds), bezel).forEach((v, i) => put(members[i]!.id, { span: { group, ...v } }));
  }
  const rings = surfaces.filter((s) => s.role === 'ring');
  rings.forEach((s, i) => {
    const count = s.ring?.count ?? rings.length;
    put(s.id, { ring: { index: s.ring?.index ?? i, count, yawOffsetDeg: s.ring?.yawOffset ?? 0, pitchDeg: s.ring?.pitch ?? 0 } });
  });
  surfaces.filter((s) => s.role === 'cave').forEach((s, i) => {
    const wall = s.cave ?? DEFAULT_CAVE_WALLS[i % DEFAULT_CAVE_WALLS.length]!;
    const v = (p: Vec3): [number, number, number] => [p[0], p[1], p[2]];
    put(s.id, { cave: { lowerLeft: v(wall.lowerLeft), lowerRight: v(wall.lowerRight), upperLeft: v(wall.upperLeft), eye: v(viewerEye) } });
  });
  for (const s of surfaces) if (s.interactive) put(s.id, { interactive: true });
  return out;
}

/** Why a CAVE wall cannot be drawn from this eye (the eye is behind or on its plane), or undefined when it can. */
export function caveProblem(wall: WallCorners, eye: Vec3): string | undefined {
  try {
    offAxisFrustum(wall, eye);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
