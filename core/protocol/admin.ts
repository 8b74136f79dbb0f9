import { z } from 'zod';
import { PackProgress } from './messages';

/**
 * The admin console's routes (all behind the admin guard, main/host/auth): packs, preview,
 * statistics. Uploads and thumbnails are not JSON and are described where they are served
 * (main/host/admin/plugin.ts).
 */

const Bilingual = z.object({ 'zh-Hans': z.string(), en: z.string() });
const PackId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const Version = z.string().min(1).max(64);

/** A finding as the console shows it: with the offending line and its neighbours when the file is text. */
export const ShownFinding = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  message: Bilingual,
  excerpt: z.array(z.object({ line: z.number().int(), text: z.string() })).optional(),
});
export type ShownFinding = z.infer<typeof ShownFinding>;

export const PackVersionInfo = z.object({ version: Version, title: z.string().nullable(), installedAt: z.string().nullable() });
export const AdminPack = z.object({
  id: PackId,
  active: Version.nullable(),
  /** The version a rollback returns to. */
  previous: Version.nullable(),
  versions: z.array(PackVersionInfo),
});
export type AdminPack = z.infer<typeof AdminPack>;

export const PreviewState = z.object({ surfaceId: z.string(), packId: PackId, version: Version, since: z.string() });
export type PreviewState = z.infer<typeof PreviewState>;

export const AdminPacks = z.object({ packs: z.array(AdminPack), preview: PreviewState.nullable() });
export type AdminPacks = z.infer<typeof AdminPacks>;

export const PackVersionRequest = z.object({ packId: PackId, version: Version }).strict();
export const PackOnlyRequest = z.object({ packId: PackId }).strict();
export const ActivatedResponse = z.object({ packId: PackId, version: Version, previous: Version.nullable() });
export const PrunedResponse = z.object({ packId: PackId, removed: z.array(Version), kept: z.array(Version) });

export const PreviewRequest = z.union([
  z.object({ packId: PackId, version: Version, surfaceId: z.string().min(1).max(64) }).strict(),
  z.object({ stop: z.literal(true) }).strict(),
]);
export const PreviewResponse = z.object({ preview: PreviewState.nullable() });

/**
 * The upload's answer: newline-delimited JSON, streamed while the host works: `pack.progress`
 * lines (the protocol's message: received bytes, then each install phase), then one result.
 */
export const UploadResult = z.union([
  z.object({ type: z.literal('result'), ok: z.literal(true), packId: PackId, version: Version, findings: z.array(ShownFinding) }),
  z.object({ type: z.literal('result'), ok: z.literal(false), message: Bilingual, findings: z.array(ShownFinding) }),
]);
export type UploadResult = z.infer<typeof UploadResult>;
export const UploadLine = z.union([PackProgress, UploadResult]);
export type UploadLine = z.infer<typeof UploadLine>;

/** Statistics for the console's charts (each also as CSV). */
export const AdminStats = z.object({
  /** Self-check: per day and bank, how many started, completed and left, and the mean by dimension. */
  quiz: z.array(z.object({ day: z.string(), packId: z.string(), bankId: z.string(), started: z.number(), completed: z.number(), abandoned: z.number(), meanByDimension: z.record(z.string(), z.number()) })),
  /** Script-kill: finished games per day, scenario and ending ('stopped': ended early by the DM). */
  endings: z.array(z.object({ day: z.string(), scenario: z.string(), ending: z.string(), games: z.number(), players: z.number(), minutes: z.number() })),
  /** Kiosk module visits per day and module (anonymous: a count, nothing about the visitor). */
  visits: z.array(z.object({ day: z.string(), packId: z.string(), module: z.string(), visits: z.number() })),
  /** Lines of the statistics files that could not be read (a torn last line after a power cut). */
  skipped: z.number().int(),
});
export type AdminStats = z.infer<typeof AdminStats>;
