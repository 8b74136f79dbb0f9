import { z } from 'zod';
import { CONTENT_SCHEMAS, type ContentKind } from './schema';

/** File names of the generated schemas, by content kind (pack.yaml is "pack"). */
export const SCHEMA_FILES: Readonly<Record<ContentKind, string>> = {
  manifest: 'pack.schema.json',
  exhibits: 'exhibits.schema.json',
  timeline: 'timeline.schema.json',
  map: 'map.schema.json',
  cinema: 'cinema.schema.json',
  oath: 'oath.schema.json',
  attract: 'attract.schema.json',
  reading: 'reading.schema.json',
  show: 'show.schema.json',
};

/** JSON Schema (draft 2020-12) for every content kind, as curators' editors read it (input shape: defaults optional). */
export function packJsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [kind, schema] of Object.entries(CONTENT_SCHEMAS) as [ContentKind, z.ZodType][]) {
    out[SCHEMA_FILES[kind]] = {
      ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
      title: `RedHall ${kind === 'manifest' ? 'pack.yaml' : kind}`,
    };
  }
  return out;
}
