import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileError, type Finding } from '../../../core/findings';
import { isOsJunk } from '../../../core/pack/paths';

/** What is under a pack folder, pack-relative with forward slashes, in name order; OS junk left out. */
export interface PackFolder {
  files: string[];
  dirs: string[];
  /** Symbolic links and special files (devices, pipes …): never part of a pack. */
  refused: Finding[];
}

/**
 * The one walk of a pack folder (reading, copying, locking, fsyncing, story tools). `skip`
 * leaves out entries by name (the story tools skip dot-files). Links are never followed.
 */
export async function walkPackFolder(dir: string, skip?: (name: string) => boolean): Promise<PackFolder> {
  const out: PackFolder = { files: [], dirs: [], refused: [] };
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (isOsJunk(p) || skip?.(e.name)) continue;
      if (e.isSymbolicLink())
        out.refused.push(fileError('path.symlink', p, { 'zh-Hans': '内容包中不能有符号链接（快捷方式）。请换成真实文件。', en: 'A pack may not contain symbolic links. Put the real file in.' }));
      else if (e.isDirectory()) {
        out.dirs.push(p);
        await walk(p);
      } else if (e.isFile()) out.files.push(p);
      else out.refused.push(fileError('path.special-file', p, { 'zh-Hans': '内容包中只能有普通文件和文件夹。请删除此项。', en: 'A pack may contain only ordinary files and folders. Remove this entry.' }));
    }
  }
  await walk('');
  return out;
}
