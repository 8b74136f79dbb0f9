import { z } from 'zod';
import { YamlPath } from '../fields';
import { SCHEMA_KINDS } from './index';
import type { AnyKind, ContentOf, EngineKind } from './kind';
import { quizKind } from './quiz';
import { scenarioKind } from './scenario';

/**
 * Kinds whose files their own engine checks (core/quiz, core/story), after the schema kinds of
 * ./index.ts; together they are every key of pack.yaml `contents`. Kept apart so the surfaces,
 * which import the schema kinds, do not carry the engines' checkers.
 */
export const ENGINE_KINDS = [quizKind, scenarioKind] as const;

/** Every kind, in pack.yaml's order. */
export const KINDS: readonly AnyKind[] = [...SCHEMA_KINDS, ...ENGINE_KINDS];

/** The registry as the loops read it. */
export const ENGINE_KIND_LIST: readonly EngineKind[] = ENGINE_KINDS;

type Kinds = (typeof SCHEMA_KINDS)[number] | (typeof ENGINE_KINDS)[number];

/** Validated content by kind key: a value (or none) for one-file kinds, a list for the rest; engine kinds by path. */
export type KindsContent = { [K in Kinds as K['key']]: ContentOf<K> };

type ContentsShape = { [K in Kinds as K['key']]: K['many'] extends true ? z.ZodOptional<z.ZodArray<typeof YamlPath>> : z.ZodOptional<typeof YamlPath> };

/** The `contents` map of pack.yaml: one entry per kind. */
export const PackContents = z
  .object(Object.fromEntries(KINDS.map((k) => [k.key, k.many ? z.array(YamlPath).optional() : YamlPath.optional()])) as ContentsShape)
  .strict();
export type PackContents = z.infer<typeof PackContents>;
