import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileError, type Finding } from '../../../core/findings';
import { LOCK_FILE, PackLock, formatLock } from '../../../core/pack/lock';
import { checkPackPath } from '../../../core/pack/paths';
import { extractZip, type ArchiveCaps } from './archive';
import { checkPackDir, loadedPack } from './load';
import { writeChecked } from './checked';
import { makeLock, verifyLock } from './lock-files';
import { readPackYaml } from './manifest';
import type { OnProgress } from './progress';
import { PackRefused, refuse } from './refused';
import { diskProblem } from '../../disk/health';
import { fsyncDir, type PackStore } from './store';
import { walkPackFolder } from './walk';

const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EFBIG']);

/** Copies a pack folder (no links, no special files, no unsafe names) into `dest`. */
export async function copyPackDir(src: string, dest: string, onProgress?: OnProgress): Promise<string[]> {
  const { files, dirs, refused } = await walkPackFolder(src);
  const unsafe = [...dirs, ...files].flatMap((p) => {
    const bad = checkPackPath(p);
    return bad ? [fileError(bad.code, p, bad.message)] : [];
  });
  if (refused.length > 0 || unsafe.length > 0) throw new PackRefused([...unsafe, ...refused]);
  let done = 0;
  for (const p of files) {
    const target = join(dest, ...p.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await pipeline(createReadStream(join(src, p)), createWriteStream(target, { flags: 'wx' }));
    onProgress?.({ phase: 'copy', done: ++done, total: files.length });
  }
  return files;
}

async function fsyncTree(dir: string): Promise<void> {
  const { files, dirs } = await walkPackFolder(dir);
  for (const p of files) {
    const fh = await open(join(dir, ...p.split('/')), 'r');
    await fh.sync();
    await fh.close();
  }
  for (const d of dirs.reverse()) await fsyncDir(join(dir, ...d.split('/')));
  await fsyncDir(dir);
}

/** Finds the pack root inside an unpacked folder: the folder itself, or its only subfolder (a zipped folder). */
async function packRoot(dir: string): Promise<string> {
  if (await stat(join(dir, 'pack.yaml')).catch(() => undefined)) return dir;
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.length === 1 && entries[0]!.isDirectory() && (await stat(join(dir, entries[0]!.name, 'pack.yaml')).catch(() => undefined)))
    return join(dir, entries[0]!.name);
  return dir;
}

export interface InstallResult {
  id: string;
  version: string;
  /** Warnings and notes from validation. */
  findings: Finding[];
  activated: boolean;
}

/**
 * Installs a pack from a folder or a .rhpack: stage, verify the lock, validate, move into place
 * with one rename, then switch the pointer. Any refusal leaves the store as it was.
 */
export interface InstallOptions {
  onProgress?: OnProgress;
  activate?: boolean;
  caps?: ArchiveCaps;
  /** Sees the staged pack folder of a refused install before it is deleted (the admin console quotes the offending lines). */
  onRefused?: (stagedRoot: string, refused: PackRefused) => Promise<void>;
}

export async function installPack(store: PackStore, source: string, opts: InstallOptions = {}): Promise<InstallResult> {
  // How far the install got, so a full disk can be told in terms of what the hall now holds.
  const at: InstallStage = { stored: false };
  try {
    return await install(store, source, opts, at);
  } catch (e) {
    throw (await diskRefusal(store, source, e, at)) ?? e;
  }
}

interface InstallStage {
  pack?: { id: string; version: string };
  /** The version's folder is in place (only the pointer was left to write). */
  stored: boolean;
}

/**
 * A full (or failing) disk during an install, said as the state the hall is in: nothing changed,
 * or the version is stored but not active, with what is still shown and what to do. Undefined
 * for any other error.
 */
export async function diskRefusal(store: PackStore, source: string, e: unknown, at: InstallStage): Promise<PackRefused | undefined> {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (!code || !DISK_CODES.has(code)) return undefined;
  const problem = diskProblem(code);
  const name = at.pack ? `${at.pack.id}@${at.pack.version}` : source;
  const active = at.pack ? await store.pointer(at.pack.id).catch(() => undefined) : undefined;
  const still = active
    ? { zh: `大厅仍在使用 ${at.pack!.id}@${active.version}`, en: `the hall still shows ${at.pack!.id}@${active.version}` }
    : { zh: '大厅的内容没有变化', en: 'what the hall shows is unchanged' };
  if (at.stored && at.pack) {
    return refuse(
      'install.disk-full-not-activated',
      source,
      `${problem['zh-Hans']}：${name} 已经完整保存，但没有启用；${still.zh}。腾出磁盘空间后运行 redhall pack activate ${name} 即可启用。`,
      `${problem.en}: ${name} was stored whole but not activated; ${still.en}. Free some space, then run redhall pack activate ${name}.`,
    );
  }
  return refuse(
    'install.disk-full',
    source,
    `${problem['zh-Hans']}：${name} 没有安装，已写入的临时文件已删除；${still.zh}。腾出磁盘空间后再安装一次。`,
    `${problem.en}: ${name} was not installed and its temporary files were removed; ${still.en}. Free some space and install again.`,
  );
}

async function install(store: PackStore, source: string, opts: InstallOptions, at: InstallStage): Promise<InstallResult> {
  const job = join(store.stagingDir, `${process.pid}-${randomBytes(6).toString('hex')}`);
  let staged: string | undefined;
  try {
    await mkdir(join(job, 'unpacked'), { recursive: true });
    const st = await lstat(source).catch(() => undefined);
    if (!st) throw refuse('install.not-found', source, '找不到要安装的文件或文件夹。', 'The file or folder to install was not found.');
    if (st.isDirectory()) await copyPackDir(source, join(job, 'unpacked'), opts.onProgress);
    else await extractZip(source, join(job, 'unpacked'), opts.caps, opts.onProgress);
    const root = await packRoot(join(job, 'unpacked'));
    staged = root;

    const hasLock = await stat(join(root, LOCK_FILE)).catch(() => undefined);
    if (hasLock) {
      const bad = await verifyLock(root, opts.onProgress);
      if (bad.length) throw new PackRefused(bad);
    }
    opts.onProgress?.({ phase: 'validate', done: 0, total: 1 });
    const checked = await checkPackDir(root, {}, opts.onProgress);
    const { findings } = checked;
    if (findings.some((f) => f.severity === 'error')) throw new PackRefused(findings);
    opts.onProgress?.({ phase: 'validate', done: 1, total: 1 });
    const manifest = readPackYaml(root);
    // Validation passed, so pack.yaml is there with an id and a version.
    const iv = { id: manifest!.id!, version: manifest!.version! };
    at.pack = iv;
    if (!hasLock) {
      const lock = await makeLock(root, iv.id, iv.version, opts.onProgress);
      await writeFile(join(root, LOCK_FILE), formatLock(lock));
    } else {
      const lock = PackLock.parse(JSON.parse(await readFile(join(root, LOCK_FILE), 'utf8')));
      if (lock.id !== iv.id || lock.version !== iv.version)
        throw refuse('lock.mismatch', LOCK_FILE, `锁文件属于 ${lock.id}@${lock.version}，而 pack.yaml 是 ${iv.id}@${iv.version}。请重新打包。`, `The lock is for ${lock.id}@${lock.version} but pack.yaml says ${iv.id}@${iv.version}. Rebuild the pack.`);
    }

    opts.onProgress?.({ phase: 'activate', done: 0, total: 1 });
    const target = store.versionDir(iv.id, iv.version);
    if (await store.has(iv.id, iv.version)) {
      // Same version again: fine when identical, refused when different (versions are immutable).
      const same = (await readFile(join(target, LOCK_FILE), 'utf8').catch(() => '')) === (await readFile(join(root, LOCK_FILE), 'utf8'));
      if (!same)
        throw refuse('install.version-exists', 'pack.yaml', `${iv.id}@${iv.version} 已安装且内容不同。请提高 pack.yaml 中的版本号。`, `${iv.id}@${iv.version} is already installed with different content. Raise the version in pack.yaml.`);
      at.stored = true;
    } else {
      await fsyncTree(root);
      await mkdir(dirname(target), { recursive: true });
      await rename(root, target);
      at.stored = true;
      await fsyncDir(dirname(target));
      // What this validation found, kept beside the version: the host loads it without validating
      // the same files again (main/host/packs/checked.ts). Best effort; without it the host validates.
      await (async () => writeChecked(store, loadedPack(target, checked)))().catch(() => false);
    }
    const activate = opts.activate !== false;
    if (activate) await store.activate(iv.id, iv.version);
    opts.onProgress?.({ phase: 'activate', done: 1, total: 1 });
    return { id: iv.id, version: iv.version, findings, activated: activate };
  } catch (e) {
    if (e instanceof PackRefused && staged && opts.onRefused) await opts.onRefused(staged, e).catch(() => undefined);
    throw e;
  } finally {
    await rm(job, { recursive: true, force: true });
  }
}

/** Validates a .rhpack without installing it: unpack to a temporary folder, check, delete. */
export async function checkPackFile(file: string): Promise<Finding[]> {
  const tmp = await mkdtemp(join(tmpdir(), 'redhall-check-'));
  try {
    await extractZip(file, tmp);
    const root = await packRoot(tmp);
    const lockFindings = (await stat(join(root, LOCK_FILE)).catch(() => undefined)) ? await verifyLock(root) : [];
    return [...lockFindings, ...(await checkPackDir(root)).findings];
  } catch (e) {
    if (e instanceof PackRefused) return e.findings;
    throw e;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
