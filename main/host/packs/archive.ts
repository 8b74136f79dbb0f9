import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { checkPackPath, foldedName, isOsJunk } from '../../../core/pack/paths';
import type { OnProgress } from './progress';
import { PackRefused, refuse } from './refused';
import { archiveNames, decodeEntryName, unicodePathExtra } from './zip-names';

/** Limits for an archive, counted while streaming (headers are not trusted). */
export interface ArchiveCaps {
  maxEntries: number;
  maxTotalBytes: number;
  /** Largest allowed ratio of uncompressed to compressed bytes, per entry and overall. */
  maxRatio: number;
}
export const DEFAULT_CAPS: ArchiveCaps = { maxEntries: 50_000, maxTotalBytes: 8 * 1024 ** 3, maxRatio: 200 };

const ARCHIVE_EXT = /\.(zip|rhpack|7z|rar|tar|gz|tgz|bz2|xz|zst|jar|apk)$/i;
const ARCHIVE_MAGIC: ReadonlyArray<readonly number[]> = [
  [0x50, 0x4b, 0x03, 0x04], [0x37, 0x7a, 0xbc, 0xaf], [0x52, 0x61, 0x72, 0x21], [0x1f, 0x8b], [0x42, 0x5a, 0x68], [0xfd, 0x37, 0x7a, 0x58, 0x5a], [0x28, 0xb5, 0x2f, 0xfd],
];

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
