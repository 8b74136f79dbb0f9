import { z } from 'zod';
import { LocalisedText } from '../../text';
import { AssetPath, Id, Markdown, Media } from '../fields';
import { defineKind } from './kind';

// Maps: a base image, points on it, walking routes through them.

export const MapPoint = z
  .object({
    id: Id,
    title: LocalisedText,
    text: Markdown.optional(),
    /** Position in the base image's pixel space. */
    x: z.number(),
    y: z.number(),
    kind: z.enum(['site', 'hall', 'entrance', 'service', 'rest']).default('site'),
    media: z.array(Media).optional(),
  })
  .strict();

export const MapRoute = z
  .object({
    id: Id,
    title: LocalisedText,
    text: Markdown.optional(),
    /** Point ids in walking order. */
    points: z.array(Id).min(2),
    minutes: z.number().int().positive().optional(),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
    /** A walking lesson (listen at each stop) or an orienteering course (find each control in turn). */
    kind: z.enum(['walk', 'orienteering']).default('walk'),
    /** What this route tells at a stop, where it says more than the point's own text. */
    stories: z.array(z.object({ point: Id, text: Markdown }).strict()).optional(),
  })
  .strict();

/** A zone of the park: an outlined area with its name (the red education area, the lakeside). */
export const MapZone = z
  .object({
    id: Id,
    title: LocalisedText,
    text: Markdown.optional(),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
    /** The outline, corner by corner, in the base image's pixel space. */
    outline: z.array(z.tuple([z.number(), z.number()])).min(3),
  })
  .strict();

export const ParkMap = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    title: LocalisedText,
    base: z.object({ src: AssetPath, width: z.number().positive(), height: z.number().positive() }).strict(),
    points: z.array(MapPoint).min(1),
    zones: z.array(MapZone).default([]),
    routes: z.array(MapRoute).default([]),
  })
  .strict();
export type ParkMap = z.infer<typeof ParkMap>;

/** Maps: a base image, points on it, walking routes through them. */
export const mapKind = defineKind({
  key: 'maps',
  many: true,
  schema: ParkMap,
  jsonSchema: { file: 'map.schema.json', title: 'map' },
  localisedKeys: ['title', 'text', 'caption'],
  idAcrossFiles: '地图 / map',
  check(m, ctx) {
    const base = ctx.asset(['base', 'src'], m.base.src, ['image']);
    if (base?.width && base.height && Math.abs(base.width / base.height - m.base.width / m.base.height) > 0.01)
      ctx.error('map.base-size', ['base', 'width'], {
        'zh-Hans': `底图实际为 ${base.width}×${base.height}，与填写的 ${m.base.width}×${m.base.height} 比例不同，点位会错位。`,
        en: `The base image is ${base.width}×${base.height}, a different shape from the stated ${m.base.width}×${m.base.height}; points would be misplaced.`,
      });
    const ids = ctx.unique(m.points, ['points'], '点位 / point');
    m.points.forEach((pt, i) => {
      ctx.media(['points', i, 'media'], pt.media);
      if (pt.x < 0 || pt.y < 0 || pt.x > m.base.width || pt.y > m.base.height)
        ctx.error('map.off-map', ['points', i, 'x'], {
          'zh-Hans': `点位“${pt.id}”(${pt.x}, ${pt.y}) 在底图 ${m.base.width}×${m.base.height} 之外。`,
          en: `Point "${pt.id}" (${pt.x}, ${pt.y}) lies outside the ${m.base.width}×${m.base.height} base image.`,
        });
    });
    ctx.unique(m.zones, ['zones'], '片区 / zone');
    m.zones.forEach((z, zi) =>
      z.outline.forEach(([x, y], ci) => {
        if (x < 0 || y < 0 || x > m.base.width || y > m.base.height)
          ctx.error('map.off-map', ['zones', zi, 'outline', ci], {
            'zh-Hans': `片区“${z.id}”的角点 (${x}, ${y}) 在底图 ${m.base.width}×${m.base.height} 之外。`,
            en: `A corner (${x}, ${y}) of zone "${z.id}" lies outside the ${m.base.width}×${m.base.height} base image.`,
          });
      }),
    );
    ctx.unique(m.routes, ['routes'], '路线 / route');
    m.routes.forEach((r, ri) => {
      r.points.forEach((pid, pi) => ctx.resolve(['routes', ri, 'points', pi], pid, ids, '点位 / point'));
      r.stories?.forEach((st, si) => {
        if (!r.points.includes(st.point))
          ctx.error('map.story-off-route', ['routes', ri, 'stories', si, 'point'], {
            'zh-Hans': `路线“${r.id}”的讲解写给了点位“${st.point}”，但这条路线不经过它。`,
            en: `Route "${r.id}" has a story for point "${st.point}", which the route does not pass.`,
          });
      });
    });
  },
  hall: {
    // The kiosk's map zone: the base image, its points, zones and routes.
    shape: { maps: z.array(ParkMap.omit({ $schema: true })).optional() },
    project: (maps) => ({ maps: maps.map(({ $schema: _, ...m }) => m) }),
  },
});
