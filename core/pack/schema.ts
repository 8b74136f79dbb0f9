import { z } from 'zod';
import { LocalisedText } from '../text';

/**
 * The pack format. This file starts with what the frame needs (manifest and exhibits);
 * the content-pack work extends it with every content kind.
 */
export const PACK_FORMAT_VERSION = 1;

export const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and hyphens');

export const PackManifest = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'a semantic version such as 1.0.0'),
    formatVersion: z.literal(PACK_FORMAT_VERSION),
    minAppVersion: z.string(),
    title: LocalisedText,
    slogan: LocalisedText.optional(),
    contents: z
      .object({
        exhibits: z.string().optional(),
      })
      .passthrough(),
  })
  .strict();
export type PackManifest = z.infer<typeof PackManifest>;

export const ExhibitItem = z
  .object({
    id: Id,
    kind: z.enum(['text', 'image', 'audio', 'video', 'model']),
    title: LocalisedText,
    body: LocalisedText.optional(),
    src: z.string().optional(),
    caption: LocalisedText.optional(),
  })
  .strict();
export type ExhibitItem = z.infer<typeof ExhibitItem>;

export const ExhibitModule = z
  .object({
    id: Id,
    title: LocalisedText,
    subtitle: LocalisedText.optional(),
    summary: LocalisedText.optional(),
    items: z.array(ExhibitItem),
  })
  .strict();
export type ExhibitModule = z.infer<typeof ExhibitModule>;

export const Exhibits = z.object({ $schema: z.string().optional(), modules: z.array(ExhibitModule).min(1) }).strict();
export type Exhibits = z.infer<typeof Exhibits>;
