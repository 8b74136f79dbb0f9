import type { Bilingual } from '../text';

/** Why a path may not be part of a pack; undefined when it is a safe pack-relative path. */
export function checkPackPath(p: string): { code: string; message: Bilingual } | undefined {
  const refuse = (zh: string, en: string) => ({ code: 'path.unsafe', message: { 'zh-Hans': `路径“${p}”${zh}`, en: `Path "${p}" ${en}` } });
  if (p.length === 0) return refuse('为空。', 'is empty.');
  if (p.includes('\\')) return refuse('含有反斜杠“\\”。包内路径只用“/”分隔。', 'contains a backslash; paths inside a pack use "/" only.');
  if (p.startsWith('/')) return refuse('是绝对路径。请写成相对于 pack.yaml 的路径。', 'is absolute; write it relative to pack.yaml.');
  if (/^[A-Za-z]:/.test(p)) return refuse('带有盘符。请写成相对于 pack.yaml 的路径。', 'starts with a drive letter; write it relative to pack.yaml.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) return refuse('含有控制字符。', 'contains control characters.');
  const parts = p.split('/');
  if (parts.some((s) => s === '..' || s === '.')) return refuse('含有“..”或“.”，不能指向内容包以外。', 'contains ".." or ".": it may not point outside the pack.');
  if (parts.some((s) => s === '')) return refuse('含有空的路径段（“//”或以“/”结尾）。', 'has an empty segment ("//" or a trailing "/").');
  if (parts.some((s) => s.length > 255) || p.length > 1024) return refuse('过长。', 'is too long.');
  return undefined;
}

/** The key under which two names collide on a case-insensitive or normalising file system. */
export function foldedName(p: string): string {
  return p.normalize('NFC').toLowerCase().normalize('NFC');
}

/** Returns pairs of paths that are different strings but the same file on some disks. */
export function collidingPaths(paths: Iterable<string>): [string, string][] {
  const seen = new Map<string, string>();
  const out: [string, string][] = [];
  for (const p of paths) {
    const k = foldedName(p);
    const before = seen.get(k);
    if (before !== undefined && before !== p) out.push([before, p]);
    else seen.set(k, p);
  }
  return out;
}

/** Files that operating systems leave behind (Finder, Explorer, macOS zip): skipped, never part of a pack. */
export function isOsJunk(p: string): boolean {
  const parts = p.split('/');
  const base = parts[parts.length - 1] ?? '';
  return parts[0] === '__MACOSX' || base === '.DS_Store' || base === 'Thumbs.db' || base === 'desktop.ini' || base.startsWith('._');
}
