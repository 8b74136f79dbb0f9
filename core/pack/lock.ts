import { z } from 'zod';

/**
 * pack.lock.json: written by `redhall pack build`, checked by the installer. It lists every
 * other file of the pack with its size and SHA-256, so a copy damaged on a USB stick is refused.
 */
export const LOCK_FILE = 'pack.lock.json';

export const PackLock = z
  .object({
    lockVersion: z.literal(1),
    id: z.string(),
    version: z.string(),
    files: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict()),
  })
  .strict();
export type PackLock = z.infer<typeof PackLock>;

/** Serialises a lock with files in byte order of their paths, so equal packs give equal locks. */
export function formatLock(lock: PackLock): string {
  const files = [...lock.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return JSON.stringify({ ...lock, files }, null, 2) + '\n';
}
