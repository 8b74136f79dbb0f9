import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { Finding } from '../../../core/findings';
import { LOCK_FILE, formatLock, type PackLock } from '../../../core/pack/lock';
import { checkPackDir } from './load';
import { makeLock } from './lock-files';
import type { OnProgress } from './progress';

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
