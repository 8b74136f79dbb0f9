import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_VERSION } from '../../version';
import type { LoadedPack } from './load';
import { writeFileAtomic, type PackStore } from './store';
import { walkPackFolder } from './walk';

/**
 * The validation record of an installed pack version: what validating it produced (content with
 * zh-Hant filled in, media facts, warnings), kept beside the version as `<id>/<version>.checked.json`
 * so a restarted host does not validate the same files again (validating takes seconds; a hall
 * must be back on its screens within five).
 *
 * A record is trusted only while both still hold:
 * - the files are as they were: every file's path, size, modification and change time (the
 *   change time cannot be set back by hand, so an edited file is always noticed, whatever its
 *   size and mtime say), and no file added or removed;
 * - the validator is the same: the app version and the running bundle (its size and time), so
 *   an updated RedHall checks every pack again under its own rules.
 * Anything else (no record, a damaged one, another fingerprint) means a full validation, which
 * writes a new record.
 */
export const CHECKED_FORMAT = 'redhall.checked';
export const CHECKED_VERSION = 1;

/** What a record holds of a loaded pack: everything but the folder it was loaded from. */
export type CheckedPack = Omit<LoadedPack, 'dir'>;

interface CheckedRecord {
  format: typeof CHECKED_FORMAT;
  formatVersion: typeof CHECKED_VERSION;
  validator: string;
  files: string;
  pack: CheckedPack;
}

let stamp: string | null | undefined;
/**
 * Names the validator this process runs: the app version and the bundle it was built into (its
 * size and time), or, run from source, every .ts file of core/ and main/ (count, newest time and
 * total size: editing any of them names another validator). Undefined when neither can be read.
 */
export function validatorStamp(): string | undefined {
  if (stamp === undefined) {
    try {
      const self = fileURLToPath(import.meta.url);
      if (/\.(mjs|cjs|js)$/.test(self)) {
        const st = statSync(self);
        stamp = `${APP_VERSION}:${basename(self)}:${st.size}:${st.mtimeMs}`;
      } else {
        const root = resolve(dirname(self), '../../..');
        let n = 0;
        let newest = 0;
        let bytes = 0;
        for (const top of ['core', 'main']) {
          for (const rel of readdirSync(join(root, top), { recursive: true, encoding: 'utf8' })) {
            if (!rel.endsWith('.ts')) continue;
            const st = statSync(join(root, top, rel));
            n++;
            bytes += st.size;
            newest = Math.max(newest, st.mtimeMs);
          }
        }
        stamp = `${APP_VERSION}:source:${n}:${bytes}:${newest}`;
      }
    } catch {
      stamp = null;
    }
  }
  return stamp ?? undefined;
}

/** Where the record of a version lives: beside its folder (never inside: the version's files are the pack's). */
export function checkedFile(store: PackStore, id: string, version: string): string {
  return `${store.versionDir(id, version)}.checked.json`;
}

/**
 * A cheap fingerprint of a folder's files: path, size, mtime, ctime and inode of each, hashed.
 * Undefined when the folder holds something a pack may not (a link, a special file).
 */
export async function folderFingerprint(dir: string): Promise<string | undefined> {
  const { files, dirs, refused } = await walkPackFolder(dir);
  if (refused.length > 0) return undefined;
  const lines = await Promise.all(
    files.map(async (p) => {
      const s = await lstat(join(dir, ...p.split('/')), { bigint: true });
      return `f ${p}\0${s.size}\0${s.mtimeNs}\0${s.ctimeNs}\0${s.ino}`;
    }),
  );
  const h = createHash('sha256');
  for (const d of dirs) h.update(`d ${d}\n`);
  for (const l of lines) h.update(`${l}\n`);
  return `sha256:${h.digest('hex')}`;
}

/** The pack a record holds, when the record is there, whole, and still true of the folder; undefined otherwise. */
export async function readChecked(store: PackStore, id: string, version: string, stamp = validatorStamp()): Promise<CheckedPack | undefined> {
  if (stamp === undefined) return undefined;
  let record: Partial<CheckedRecord>;
  try {
    record = JSON.parse(await readFile(checkedFile(store, id, version), 'utf8')) as Partial<CheckedRecord>;
  } catch {
    return undefined;
  }
  if (record.format !== CHECKED_FORMAT || record.formatVersion !== CHECKED_VERSION || record.validator !== stamp || typeof record.files !== 'string') return undefined;
  const pack = record.pack;
  if (!pack || typeof pack !== 'object' || !pack.manifest || !pack.content || !pack.assets || !Array.isArray(pack.findings)) return undefined;
  if (pack.manifest.id !== id || pack.manifest.version !== version) return undefined;
  const now = await folderFingerprint(store.versionDir(id, version)).catch(() => undefined);
  return now !== undefined && now === record.files ? pack : undefined;
}

/**
 * Writes the record of a version just validated (best effort: a record that cannot be written
 * only means the next start validates again). Content that JSON cannot carry as it is (a Map, a
 * Date, a hole in an array) gets no record.
 */
export async function writeChecked(store: PackStore, pack: LoadedPack, stamp = validatorStamp()): Promise<boolean> {
  if (stamp === undefined) return false;
  const { dir, ...rest } = pack;
  if (!jsonFaithful(rest)) return false;
  const id = pack.manifest.id;
  const version = pack.manifest.version;
  try {
    const files = await folderFingerprint(dir);
    if (files === undefined) return false;
    const record: CheckedRecord = { format: CHECKED_FORMAT, formatVersion: CHECKED_VERSION, validator: stamp, files, pack: rest };
    await writeFileAtomic(checkedFile(store, id, version), JSON.stringify(record));
    return true;
  } catch {
    return false;
  }
}

/** True when JSON.parse(JSON.stringify(v)) gives back the same thing (undefined members aside, which JSON leaves out as absent). */
export function jsonFaithful(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!(i in v) || v[i] === undefined || !jsonFaithful(v[i])) return false;
    return true;
  }
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    for (const x of Object.values(v as Record<string, unknown>)) if (x !== undefined && !jsonFaithful(x)) return false;
    return true;
  }
  return false;
}
