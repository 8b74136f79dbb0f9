import type { z } from 'zod';
import type { Finding } from '../../findings';
import type { Bilingual } from '../../text';
import type { Path } from '../../yaml-source';
import type { AssetCategory, Probe } from '../probe';

/**
 * A content kind, described once: what pack.yaml lists under `contents.<key>`, its schema, the
 * checks that go beyond the schema, which of its keys hold localised text, and what the surfaces
 * receive of it. The validator, the JSON Schema generator, zh-Hant derivation and the hall
 * content all loop over the registry in ./index.ts; adding a kind is one file and one line there.
 */
export interface SchemaKind<Key extends string = string, Many extends boolean = boolean, S extends z.ZodType = z.ZodType, H extends HallShape = HallShape> {
  /** The key under `contents` in pack.yaml (`timelines`). */
  key: Key;
  /** A list of files (`timelines: [a.yaml, b.yaml]`) or one file (`exhibits: exhibits.yaml`). */
  many: Many;
  schema: S;
  /** The editor's JSON Schema: file name in schemas/ and its title. */
  jsonSchema: { file: string; title: string };
  /** Keys whose values are LocalisedText (zh-Hant is derived for them). */
  localisedKeys: readonly string[];
  /** For kinds of many files: each file's `id` must be unique across them (the label names it). */
  idAcrossFiles?: string;
  /** Checks beyond the schema, for one parsed file. */
  check?(value: z.infer<S>, ctx: KindContext): void;
  /** What the surfaces receive of this kind: fields of HallContent and how they are filled. */
  hall?: { shape: H; project(content: KindContent<Many, z.infer<S>>): { [F in keyof H]: z.infer<H[F]> } };
}

/** A kind whose files have their own engine (quiz banks, scenarios): checked by it, listed by path. */
export interface EngineKind<Key extends string = string> {
  key: Key;
  many: true;
  engine: {
    /** Every finding of one listed file (`entry` is its pack path; `texts` every text file of the pack; `paths` every file). */
    check(texts: ReadonlyMap<string, string>, entry: string, paths: ReadonlySet<string>): Finding[];
    /** Markdown files that belong to an entry (a scenario's pages), checked by the markdown rule. */
    markdownFiles?(entry: string, paths: readonly string[]): string[];
    /** A folder whose files are the engine's to use: never reported as unused. */
    folder: string;
  };
}

export type AnyKind = SchemaKind<string, boolean, z.ZodType, HallShape> | EngineKind;

/** Fields a kind adds to what the surfaces receive (HallContent in core/protocol). */
export type HallShape = Record<string, z.ZodType>;

/** What a validated pack holds of one kind: a value (or none) for one file, a list for many. */
export type KindContent<Many extends boolean, T> = Many extends true ? T[] : T | undefined;

/** The content of one kind as the validated pack holds it. */
export type ContentOf<K> = K extends SchemaKind<string, infer Many, infer S> ? KindContent<Many, z.infer<S>> : K extends EngineKind ? string[] : never;

/** What a kind's checks can do, bound to the file being checked. */
export interface KindContext {
  file: string;
  /** Every kind's parsed content by its key (`timelines`, `maps`), for references between kinds. */
  content: Readonly<Record<string, unknown>>;
  /** An error at a path of this file. */
  error(code: string, path: Path, message: Bilingual): void;
  /** Checks a file reference (present, safe, of a wanted category); returns what its probe read. */
  asset(path: Path, ref: string | undefined, want: readonly AssetCategory[]): Probe | undefined;
  /** Checks a media list (`[{kind, src}]`): each src present and of its kind. */
  media(path: Path, list: ReadonlyArray<{ kind: string; src: string }> | undefined): void;
  /** Ids of a list must be unique; returns id → file for `resolve`. Pass `seen` to share across lists. */
  unique(list: ReadonlyArray<{ id: string }>, path: Path, what: string, seen?: Map<string, string>): Map<string, string>;
  /** An id must name something known. */
  resolve(path: Path, id: string, known: ReadonlySet<string> | ReadonlyMap<string, unknown>, what: string): void;
  /** What the probe read from a pack file (sizes, durations), if it is media. */
  probe(ref: string): Probe | undefined;
}

/** Declares a schema kind, keeping its key and file count as literal types for the registry. */
export function defineKind<const Key extends string, const Many extends boolean, S extends z.ZodType, H extends HallShape = Record<never, never>>(
  kind: SchemaKind<Key, Many, S, H>,
): SchemaKind<Key, Many, S, H> {
  return kind;
}

/** Declares an engine kind (quiz banks, scenarios). */
export function defineEngineKind<const Key extends string>(kind: EngineKind<Key>): EngineKind<Key> {
  return kind;
}

/** True for kinds whose files the pack validator parses with a schema. */
export function isSchemaKind(k: AnyKind): k is SchemaKind {
  return 'schema' in k;
}
