import type { z } from 'zod';
import { attractKind } from './attract';
import { cinemaKind } from './cinema';
import { exhibitsKind } from './exhibits';
import type { SchemaKind } from './kind';
import { mapKind } from './map';
import { oathKind } from './oath';
import { readingKind } from './reading';
import { showKind } from './show';
import { timelineKind } from './timeline';

export * from './kind';

/**
 * The content kinds a pack's YAML files hold, in the order pack.yaml lists them. The validator,
 * the JSON Schemas, zh-Hant derivation and the hall content loop over this list: a new kind is
 * its own file in this folder and one line here (and its screen in the renderer). Kinds with an
 * engine of their own (quiz banks, scenarios) are listed in ./engines.ts.
 *
 * Surfaces import this module (through core/protocol), so it holds schemas and data only.
 */
export const SCHEMA_KINDS = [exhibitsKind, timelineKind, mapKind, cinemaKind, oathKind, attractKind, readingKind, showKind] as const;

/** The registry as the loops read it. */
export const SCHEMA_KIND_LIST: readonly SchemaKind[] = SCHEMA_KINDS;

type SchemaKinds = (typeof SCHEMA_KINDS)[number];

/** Keys whose values are LocalisedText in pack.yaml and in every content kind. */
export const LOCALISED_KEYS: ReadonlySet<string> = new Set(['title', 'slogan', 'description', ...SCHEMA_KIND_LIST.flatMap((k) => k.localisedKeys)]);

type HallOf<K> = K extends SchemaKind<string, boolean, z.ZodType, infer H> ? H : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type HallFields = UnionToIntersection<HallOf<SchemaKinds>>;
type HallValues = { [F in keyof HallFields]: HallFields[F] extends z.ZodType ? z.infer<HallFields[F]> : never };

/** The fields every kind adds to what the surfaces receive (HallContent in core/protocol). */
export const HALL_FIELDS = Object.assign({}, ...SCHEMA_KIND_LIST.map((k) => k.hall?.shape ?? {})) as { [F in keyof HallFields]: HallFields[F] };

/** What the surfaces receive of validated content, kind by kind (`content` by kind key). */
export function projectHall(content: Readonly<Record<string, unknown>>): HallValues {
  const out: Record<string, unknown> = {};
  for (const k of SCHEMA_KIND_LIST) if (k.hall) Object.assign(out, k.hall.project(content[k.key] as never));
  return out as HallValues;
}
