import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import type { Finding } from '../../../core/findings';
import { LOCK_FILE, PackLock, formatLock } from '../../../core/pack/lock';
import { checkPackPath, foldedName, isOsJunk } from '../../../core/pack/paths';
import { parseYamlSource } from '../../../core/yaml-source';
import { checkPackDir } from './load';
import { fsyncDir, type PackStore } from './store';
import { archiveNames, decodeEntryName, unicodePathExtra } from './zip-names';

/** Progress of long work, for the CLI's bar and the admin page (forwarded on the protocol). */
export interface InstallProgress {
  phase: 'extract' | 'copy' | 'verify' | 'read' | 'validate' | 'activate' | 'hash' | 'write';
  done: number;
  total: number;
}
export type OnProgress = (p: InstallProgress) => void;

/** Limits for an archive, counted while streaming (headers are not trusted). */
export interface ArchiveCaps {
  maxEntries: number;
  maxTotalBytes: number;
  /** Largest allowed ratio of uncompressed to compressed bytes, per entry and overall. */
  maxRatio: number;
}
export const DEFAULT_CAPS: ArchiveCaps = { maxEntries: 50_000, maxTotalBytes: 8 * 1024 ** 3, maxRatio: 200 };

/** A refusal with the findings that explain it. */
export class PackRefused extends Error {
  constructor(readonly findings: Finding[]) {
    super(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.message.en}`).join('\n'));
  }
}

const refuse = (code: string, file: string, zh: string, en: string): PackRefused =>
  new PackRefused([{ code, severity: 'error', file, line: 1, column: 1, message: { 'zh-Hans': zh, en } }]);

const ARCHIVE_EXT = /\.(zip|rhpack|7z|rar|tar|gz|tgz|bz2|xz|zst|jar|apk)$/i;
const ARCHIVE_MAGIC: ReadonlyArray<readonly number[]> = [
  [0x50, 0x4b, 0x03, 0x04], [0x37, 0x7a, 0xbc, 0xaf], [0x52, 0x61, 0x72, 0x21], [0x1f, 0x8b], [0x42, 0x5a, 0x68], [0xfd, 0x37, 0x7a, 0x58, 0x5a], [0x28, 0xb5, 0x2f, 0xfd],
];

export { decodeEntryName, unicodePathExtra } from './zip-names';

const openZip = (file: string) =>
  new Promise<yauzl.ZipFile>((res, rej) =>
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true }, (err, zf) => (err ? rej(err) : res(zf))),
  );

/**
 * Streams a zip into `dest` (which must be empty), refusing anything unsafe before it reaches
 * the disk: paths out of the folder, links, colliding names, nested archives, and archives that
 * grow past the caps while being inflated.
 */
export async function extractZip(file: string, dest: string, caps: ArchiveCaps = DEFAULT_CAPS, onProgress?: OnProgress): Promise<string[]> {
  let zf: yauzl.ZipFile;
  try {
    zf = await openZip(file);
  } catch (e) {
    throw refuse('zip.corrupt', file, `无法打开压缩包：${(e as Error).message}。文件可能已损坏。`, `Cannot open the archive: ${(e as Error).message}. The file may be damaged.`);
  }
  if (zf.entryCount > caps.maxEntries)
    throw refuse('zip.too-many-entries', file, `压缩包中有 ${zf.entryCount} 个条目，超过上限 ${caps.maxEntries}。`, `The archive has ${zf.entryCount} entries, over the limit of ${caps.maxEntries}.`);
  const names = await archiveNames(file, caps.maxEntries);
  const headerTotal = Math.max(1, zf.entryCount);
  const seen = new Map<string, string>();
  const written: string[] = [];
  let totalOut = 0;
  let totalIn = 0;
  let count = 0;
  return new Promise<string[]>((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      zf.close();
      reject(e instanceof PackRefused ? e : refuse('zip.corrupt', file, `压缩包已损坏：${(e as Error).message}`, `The archive is damaged: ${(e as Error).message}`));
    };
    zf.on('error', fail);
    zf.on('end', () => {
      if (!failed) resolve(written);
    });
    zf.on('entry', (entry: yauzl.Entry) => {
      void (async () => {
        count++;
        if (count > caps.maxEntries) throw refuse('zip.too-many-entries', file, '压缩包条目过多。', 'The archive has too many entries.');
        const raw = entry.fileName as unknown as Buffer;
        const name = names?.[count - 1] ?? unicodePathExtra(raw, entry.extraFields) ?? decodeEntryName(raw, (entry.generalPurposeBitFlag & 0x800) !== 0);
        const isDir = name.endsWith('/');
        const path = isDir ? name.slice(0, -1) : name;
        if (isOsJunk(path)) {
          zf.readEntry();
          return;
        }
        const bad = checkPackPath(path);
        if (bad) throw new PackRefused([{ code: 'zip.unsafe-path', severity: 'error', file: name, line: 1, column: 1, message: bad.message }]);
        const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
        if (mode === 0o120000)
          throw refuse('zip.symlink', path, '压缩包中有符号链接，不能安装。请放入真实文件。', 'The archive contains a symbolic link; put the real file in.');
        if (mode !== 0 && mode !== 0o100000 && mode !== 0o040000)
          throw refuse('zip.special-file', path, '压缩包中有特殊文件（设备、管道等）。', 'The archive contains a special file (device, pipe …).');
        if (entry.isEncrypted()) throw refuse('zip.encrypted', path, '压缩包中的文件加了密码，不能安装。', 'An entry is encrypted; packs cannot be encrypted.');
        const key = foldedName(path);
        const before = seen.get(key);
        if (before !== undefined && !(isDir && before === path))
          throw refuse('zip.name-collision', path, `“${path}”与“${before}”在不区分大小写或 Unicode 规范化后是同一个名字。`, `"${path}" and "${before}" are the same name once case and Unicode normalisation are folded.`);
        seen.set(key, path);
        const target = join(dest, ...path.split('/'));
        if (isDir) {
          await mkdir(target, { recursive: true });
          zf.readEntry();
          return;
        }
        if (ARCHIVE_EXT.test(path))
          throw refuse('zip.nested-archive', path, '内容包里不能再放压缩包。请解压后放入。', 'A pack may not contain another archive; unpack it first.');
        await mkdir(dirname(target), { recursive: true });
        const stream = await new Promise<NodeJS.ReadableStream>((res, rej) => zf.openReadStream(entry, (err, s) => (err ? rej(err) : res(s))));
        let entryOut = 0;
        let first = true;
        const compressed = Math.max(entry.compressedSize, 1);
        totalIn += entry.compressedSize;
        const guard = new Transform({
          transform(chunk: Buffer, _enc, cb: TransformCallback) {
            if (first && chunk.length > 0) {
              first = false;
              if (ARCHIVE_MAGIC.some((m) => m.every((b, i) => chunk[i] === b)))
                return cb(refuse('zip.nested-archive', path, '内容包里不能再放压缩包。请解压后放入。', 'A pack may not contain another archive; unpack it first.'));
            }
            entryOut += chunk.length;
            totalOut += chunk.length;
            if (totalOut > caps.maxTotalBytes)
              return cb(refuse('zip.too-large', path, `解压后超过上限 ${caps.maxTotalBytes} 字节。`, `Unpacked, the archive exceeds the limit of ${caps.maxTotalBytes} bytes.`));
            if (entryOut > 1024 * 1024 && entryOut / compressed > caps.maxRatio)
              return cb(refuse('zip.ratio', path, `“${path}”的压缩比超过 ${caps.maxRatio}:1，像是压缩炸弹。`, `"${path}" inflates more than ${caps.maxRatio}:1, like a zip bomb.`));
            if (totalOut > 1024 * 1024 && totalOut / Math.max(totalIn, 1) > caps.maxRatio)
              return cb(refuse('zip.ratio', path, `压缩包整体压缩比超过 ${caps.maxRatio}:1，像是压缩炸弹。`, `The archive inflates more than ${caps.maxRatio}:1 overall, like a zip bomb.`));
            cb(null, chunk);
          },
        });
        const out = createWriteStream(target, { flags: 'wx' });
        await pipeline(stream, guard, out);
        written.push(path);
        onProgress?.({ phase: 'extract', done: count, total: headerTotal });
        zf.readEntry();
      })().catch(fail);
    });
    zf.readEntry();
  });
}

/** Copies a pack folder (no links, no special files) into `dest`. */
export async function copyPackDir(src: string, dest: string, onProgress?: OnProgress): Promise<string[]> {
  const files: string[] = [];
  async function walk(rel: string) {
    for (const e of (await readdir(join(src, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (isOsJunk(p)) continue;
      const bad = checkPackPath(p);
      if (bad) throw new PackRefused([{ code: bad.code, severity: 'error', file: p, line: 1, column: 1, message: bad.message }]);
      if (e.isSymbolicLink()) throw refuse('path.symlink', p, '内容包中不能有符号链接。请放入真实文件。', 'A pack may not contain symbolic links. Put the real file in.');
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) files.push(p);
      else throw refuse('path.special-file', p, '内容包中只能有普通文件和文件夹。', 'A pack may contain only ordinary files and folders.');
    }
  }
  await walk('');
  let done = 0;
  for (const p of files) {
    const target = join(dest, ...p.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await pipeline(createReadStream(join(src, p)), createWriteStream(target, { flags: 'wx' }));
    onProgress?.({ phase: 'copy', done: ++done, total: files.length });
  }
  return files;
}

/** SHA-256 of a file, streamed. */
export async function hashFile(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1024 * 1024 }), h);
  return h.digest('hex');
}

/** Lists every file under a folder (pack-relative paths). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string) {
    for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (isOsJunk(p)) continue;
      if (e.isDirectory()) await walk(p);
      else out.push(p);
    }
  }
  await walk('');
  return out.sort();
}

/** Builds the lock of a pack folder: size and SHA-256 of every file but the lock. */
export async function makeLock(dir: string, id: string, version: string, onProgress?: OnProgress): Promise<PackLock> {
  const paths = (await listFiles(dir)).filter((p) => p !== LOCK_FILE);
  const files: PackLock['files'] = [];
  let done = 0;
  for (const path of paths) {
    const full = join(dir, path);
    files.push({ path, size: (await stat(full)).size, sha256: await hashFile(full) });
    onProgress?.({ phase: 'hash', done: ++done, total: paths.length });
  }
  return { lockVersion: 1, id, version, files };
}

/** Checks a folder against its lock: every listed file present with its size and hash, nothing else. */
export async function verifyLock(dir: string, onProgress?: OnProgress): Promise<Finding[]> {
  const text = await readFile(join(dir, LOCK_FILE), 'utf8');
  const findings: Finding[] = [];
  const f = (code: string, file: string, zh: string, en: string) =>
    findings.push({ code, severity: 'error', file, line: 1, column: 1, message: { 'zh-Hans': zh, en } });
  let lock: PackLock;
  try {
    lock = PackLock.parse(JSON.parse(text));
  } catch {
    f('lock.invalid', LOCK_FILE, 'pack.lock.json 格式不对。请用 redhall pack build 重新打包。', 'pack.lock.json is malformed. Rebuild the pack with redhall pack build.');
    return findings;
  }
  const present = new Set((await listFiles(dir)).filter((p) => p !== LOCK_FILE));
  let done = 0;
  for (const e of lock.files) {
    const full = join(dir, ...e.path.split('/'));
    if (checkPackPath(e.path) || !present.has(e.path)) {
      f('lock.missing-file', e.path, '锁文件中列出的文件在包中不存在。内容包不完整，请重新复制。', 'A file listed in the lock is missing. The pack is incomplete; copy it again.');
      continue;
    }
    present.delete(e.path);
    const st = await stat(full);
    if (st.size !== e.size || (await hashFile(full)) !== e.sha256)
      f('lock.mismatch', e.path, '文件内容与锁文件中的校验值不一致，可能在复制时损坏。请重新复制内容包。', 'The file does not match its checksum in the lock; it may have been damaged in copying. Copy the pack again.');
    onProgress?.({ phase: 'verify', done: ++done, total: lock.files.length });
  }
  for (const p of present) f('lock.extra-file', p, '此文件不在锁文件中，是打包后才加入的。请重新打包。', 'This file is not in the lock; it was added after the pack was built. Rebuild the pack.');
  return findings;
}

async function fsyncTree(dir: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await fsyncTree(p);
    else {
      const fh = await open(p, 'r');
      await fh.sync();
      await fh.close();
    }
  }
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

async function readIdVersion(root: string): Promise<{ id: string; version: string } | undefined> {
  const text = await readFile(join(root, 'pack.yaml'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const v = parseYamlSource(text, 'pack.yaml').value as { id?: unknown; version?: unknown } | undefined;
  return typeof v?.id === 'string' && typeof v.version === 'string' ? { id: v.id, version: v.version } : undefined;
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
export async function installPack(store: PackStore, source: string, opts: { onProgress?: OnProgress; activate?: boolean; caps?: ArchiveCaps } = {}): Promise<InstallResult> {
  const job = join(store.stagingDir, `${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(join(job, 'unpacked'), { recursive: true });
  try {
    const st = await lstat(source).catch(() => undefined);
    if (!st) throw refuse('install.not-found', source, '找不到要安装的文件或文件夹。', 'The file or folder to install was not found.');
    if (st.isDirectory()) await copyPackDir(source, join(job, 'unpacked'), opts.onProgress);
    else await extractZip(source, join(job, 'unpacked'), opts.caps, opts.onProgress);
    const root = await packRoot(join(job, 'unpacked'));

    const hasLock = await stat(join(root, LOCK_FILE)).catch(() => undefined);
    if (hasLock) {
      const bad = await verifyLock(root, opts.onProgress);
      if (bad.length) throw new PackRefused(bad);
    }
    opts.onProgress?.({ phase: 'validate', done: 0, total: 1 });
    const { findings } = await checkPackDir(root, {}, opts.onProgress);
    if (findings.some((f) => f.severity === 'error')) throw new PackRefused(findings);
    opts.onProgress?.({ phase: 'validate', done: 1, total: 1 });
    const iv = (await readIdVersion(root))!;
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
    } else {
      await fsyncTree(root);
      await mkdir(dirname(target), { recursive: true });
      await rename(root, target);
      await fsyncDir(dirname(target));
    }
    const activate = opts.activate !== false;
    if (activate) await store.activate(iv.id, iv.version);
    opts.onProgress?.({ phase: 'activate', done: 1, total: 1 });
    return { id: iv.id, version: iv.version, findings, activated: activate };
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

/** Builds a .rhpack from a valid folder: the files plus a lock, written to a temp file and renamed. */
export async function buildPack(dir: string, out: string, onProgress?: OnProgress): Promise<{ findings: Finding[]; lock: PackLock | undefined }> {
  const { findings, content } = await checkPackDir(dir);
  if (!content) return { findings, lock: undefined };
  const lock = await makeLock(dir, content.manifest.id, content.manifest.version, onProgress);
  const zip = new yazl.ZipFile();
  const mtime = new Date(Date.UTC(2021, 6, 1));
  zip.addBuffer(Buffer.from(formatLock(lock)), LOCK_FILE, { mtime, mode: 0o100644 });
  for (const f of lock.files) {
    // Media is already compressed: store it; deflate text.
    const compress = /\.(ya?ml|md|json|txt|svg|vtt)$/i.test(f.path);
    zip.addFile(join(dir, f.path), f.path, { mtime, mode: 0o100644, compress });
  }
  zip.end();
  const tmp = `${out}.${process.pid}.tmp`;
  let done = 0;
  const total = lock.files.reduce((n, f) => n + f.size, 0);
  const counter = new Transform({
    transform(chunk: Buffer, _e, cb) {
      done += chunk.length;
      onProgress?.({ phase: 'write', done: Math.min(done, total), total });
      cb(null, chunk);
    },
  });
  await pipeline(zip.outputStream, counter, createWriteStream(tmp));
  await rename(tmp, out);
  return { findings, lock };
}
