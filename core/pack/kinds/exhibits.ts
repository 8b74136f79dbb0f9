import { z } from 'zod';
import { LocalisedText } from '../../text';
import { AssetPath, Id, Markdown } from '../fields';
import type { AssetCategory } from '../probe';
import { defineKind } from './kind';

// Exhibits: modules → items.

export const EXHIBIT_KINDS = ['text', 'image', 'audio', 'video', 'model'] as const;
export type ExhibitKind = (typeof EXHIBIT_KINDS)[number];

export const ExhibitItem = z
  .object({
    id: Id,
    kind: z.enum(EXHIBIT_KINDS),
    title: LocalisedText,
    body: Markdown.optional(),
    src: AssetPath.optional(),
    poster: AssetPath.optional(),
    caption: LocalisedText.optional(),
    alt: LocalisedText.optional(),
    /** A station of the pack's timelines this item tells of: the kiosk links to it. */
    station: Id.optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.kind === 'text' && item.body === undefined)
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'a text item needs a body' });
    if (item.kind !== 'text' && item.src === undefined)
      ctx.addIssue({ code: 'custom', path: ['src'], message: `a ${item.kind} item needs src` });
  });
export type ExhibitItem = z.infer<typeof ExhibitItem>;

export const ExhibitModule = z
  .object({
    id: Id,
    title: LocalisedText,
    subtitle: LocalisedText.optional(),
    summary: LocalisedText.optional(),
    cover: AssetPath.optional(),
    items: z.array(ExhibitItem),
  })
  .strict();
export type ExhibitModule = z.infer<typeof ExhibitModule>;

export const Exhibits = z.object({ $schema: z.string().optional(), modules: z.array(ExhibitModule).min(1) }).strict();
export type Exhibits = z.infer<typeof Exhibits>;

/** What a kiosk receives of one exhibit item. */
const Localised = z.union([z.string(), z.record(z.string(), z.string())]);
export const HallItem = z.object({
  id: z.string(),
  kind: z.string(),
  title: Localised,
  body: Localised.optional(),
  src: z.string().optional(),
  caption: Localised.optional(),
  station: z.string().optional(),
});

/** What a kiosk receives of one exhibit module. */
export const HallModule = z.object({
  id: z.string(),
  title: Localised,
  subtitle: Localised.optional(),
  summary: Localised.optional(),
  items: z.array(HallItem),
});

/** Exhibits: the kiosk's modules (zones) of items. */
export const exhibitsKind = defineKind({
  key: 'exhibits',
  many: false,
  schema: Exhibits,
  jsonSchema: { file: 'exhibits.schema.json', title: 'exhibits' },
  localisedKeys: ['title', 'subtitle', 'summary', 'body', 'caption', 'alt'],
  check(exhibits, ctx) {
    ctx.unique(exhibits.modules, ['modules'], '展区 / module');
    const itemIds = new Map<string, string>();
    const timelines = (ctx.content['timelines'] ?? []) as ReadonlyArray<{ stations: ReadonlyArray<{ id: string }> }>;
    const stations = new Set(timelines.flatMap((t) => t.stations.map((s) => s.id)));
    exhibits.modules.forEach((m, mi) => {
      ctx.asset(['modules', mi, 'cover'], m.cover, ['image']);
      ctx.unique(m.items, ['modules', mi, 'items'], '展项 / item', itemIds);
      m.items.forEach((it, ii) => {
        const p = ['modules', mi, 'items', ii] as const;
        if (it.kind !== 'text') ctx.asset([...p, 'src'], it.src, [it.kind as AssetCategory]);
        ctx.asset([...p, 'poster'], it.poster, ['image']);
        if (it.station !== undefined) ctx.resolve([...p, 'station'], it.station, stations, '时间线站点 / timeline station');
      });
    });
  },
  hall: {
    shape: { modules: z.array(HallModule) },
    project: (exhibits) => ({ modules: exhibits?.modules ?? [] }),
  },
});
