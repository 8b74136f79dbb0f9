import { z } from 'zod';
import { LocalisedText } from '../text';
import { Id, PACK_FORMAT_VERSION, SemVer } from './fields';
import { PackContents } from './kinds/engines';

/**
 * The pack format: pack.yaml here, each content kind's schema in core/pack/kinds/<kind>.ts,
 * shared fields in ./fields.ts. Every YAML file of a pack is parsed with one of these; the JSON
 * Schema in schemas/ is generated from them (`redhall pack schema`).
 */
export * from './fields';
export { PackContents };
export { EXHIBIT_KINDS, ExhibitItem, ExhibitModule, Exhibits, type ExhibitKind } from './kinds/exhibits';
export { Station, Timeline, TimelineLine } from './kinds/timeline';
export { MapPoint, MapRoute, ParkMap } from './kinds/map';
export { Cinema, Film, Playlist, Screening } from './kinds/cinema';
export { Oath, OathLine } from './kinds/oath';
export { Attract, AttractSlide } from './kinds/attract';
export { Article, Reading } from './kinds/reading';
export { Cue, Show } from './kinds/show';

export const PackSettings = z
  .object({
    /** Turn every text-lint warning into an error for this pack. */
    lintAsErrors: z.boolean().default(false),
    /** Whole-pack size budget in bytes (default 2 GiB). */
    maxPackBytes: z.number().int().positive().optional(),
  })
  .strict();

export const PackManifest = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    version: SemVer,
    formatVersion: z.literal(PACK_FORMAT_VERSION),
    minAppVersion: SemVer,
    title: LocalisedText,
    slogan: LocalisedText.optional(),
    description: LocalisedText.optional(),
    settings: PackSettings.optional(),
    contents: PackContents,
  })
  .strict();
export type PackManifest = z.infer<typeof PackManifest>;
