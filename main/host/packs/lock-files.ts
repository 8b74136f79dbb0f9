import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileError, type Finding } from '../../../core/findings';
import { LOCK_FILE, PackLock } from '../../../core/pack/lock';
import { checkPackPath } from '../../../core/pack/paths';
import type { OnProgress } from './progress';
import { walkPackFolder } from './walk';

/** SHA-256 of a file, streamed. */
export async function hashFile(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1024 * 1024 }), h);
  return h.digest('hex');
}

/** Lists every file under a folder (pack-relative paths, sorted); links and special files too, so a lock check sees them. */
export async function listFiles(dir: string): Promise<string[]> {
  const folder = await walkPackFolder(dir);
  return [...folder.files, ...folder.refused.map((f) => f.file)].sort();
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
  const f = (code: string, file: string, zh: string, en: string) => findings.push(fileError(code, file, { 'zh-Hans': zh, en }));
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
      f('lock.missing-file', e.path, '打包时有这个文件，现在不见了。若是有意删去，请用 redhall pack build 重新打包；否则请重新复制内容包。', 'This file was in the pack when it was built and is gone now. If you removed it on purpose, rebuild the pack with redhall pack build; otherwise copy the pack again.');
      continue;
    }
    present.delete(e.path);
    const st = await stat(full);
    if (st.size !== e.size || (await hashFile(full)) !== e.sha256)
      f('lock.mismatch', e.path, '此文件在打包（pack build）之后被改动过，或在复制时损坏。若是有意修改，请用 redhall pack build 重新打包；否则请重新复制内容包。', 'This file changed after the pack was built (or was damaged in copying). If you edited it on purpose, rebuild the pack with redhall pack build; otherwise copy the pack again.');
    onProgress?.({ phase: 'verify', done: ++done, total: lock.files.length });
  }
  for (const p of present) f('lock.extra-file', p, '此文件是打包之后才加入的。请用 redhall pack build 重新打包，或删去它。', 'This file was added after the pack was built. Rebuild the pack with redhall pack build, or remove the file.');
  return findings;
}
