import { z } from 'zod';
import { PackManifest } from './schema';
import { SCHEMA_KIND_LIST } from './kinds/index';

/** File names of the generated schemas: pack.yaml's, then one per content kind (from the kinds registry). */
export const SCHEMA_FILES: readonly { file: string; title: string; schema: z.ZodType }[] = [
  { file: 'pack.schema.json', title: 'pack.yaml', schema: PackManifest },
  ...SCHEMA_KIND_LIST.map((k) => ({ file: k.jsonSchema.file, title: k.jsonSchema.title, schema: k.schema })),
];

/** JSON Schema (draft 2020-12) for every content kind, as curators' editors read it (input shape: defaults optional). */
export function packJsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { file, title, schema } of SCHEMA_FILES)
    out[file] = { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title: `RedHall ${title}` };
  return out;
}
