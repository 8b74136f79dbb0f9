import { lstat, open, readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Finding } from '../../../core/findings';
import { EXTENSIONS, extensionOf, type AssetBytes } from '../../../core/pack/probe';
import { coverageFromUnicodeRanges, type FontCoverage } from '../../../core/pack/coverage';
import type { PackSource } from '../../../core/pack/validate';
import type { OnProgress } from './install';

const PROBE_BYTES = 64 * 1024;

/** Reads a pack folder into what core/pack/validate needs. Symlinks and special files become findings. */
export async function readPackSource(dir: string, onProgress?: OnProgress): Promise<{ source: PackSource; findings: Finding[] }> {
  const paths: string[] = [];
  const texts = new Map<string, string>();
  const assets = new Map<string, AssetBytes>();
  const findings: Finding[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) {
        findings.push({
          code: 'path.symlink', severity: 'error', file: p, line: 1, column: 1,
          message: { 'zh-Hans': '内容包中不能有符号链接。请放入真实文件。', en: 'A pack may not contain symbolic links. Put the real file in.' },
        });
      } else if (e.isDirectory()) await walk(p);
      else if (e.isFile()) paths.push(p);
      else {
        findings.push({
          code: 'path.special-file', severity: 'error', file: p, line: 1, column: 1,
          message: { 'zh-Hans': '内容包中只能有普通文件和文件夹。', en: 'A pack may contain only ordinary files and folders.' },
        });
      }
    }
  }
  const st = await lstat(dir);
  if (!st.isDirectory()) throw Object.assign(new Error(`${dir} is not a folder`), { exitCode: 2 });
  await walk('');
  let done = 0;
  for (const p of paths) {
    if (EXTENSIONS[extensionOf(p)]?.category === 'text') texts.set(p, stripBom(await readFile(join(dir, p), 'utf8')));
    else assets.set(p, await readEnds(join(dir, p)));
    onProgress?.({ phase: 'read', done: ++done, total: paths.length });
  }
  return { source: { paths, texts, assets }, findings };
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Size, first and last 64 KiB of a file: enough for every probe. */
export async function readEnds(file: string): Promise<AssetBytes> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const head = new Uint8Array(Math.min(size, PROBE_BYTES));
    await fh.read(head, 0, head.length, 0);
    const tailLen = Math.min(size, PROBE_BYTES);
    const tail = new Uint8Array(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    return { size, head, tail };
  } finally {
    await fh.close();
  }
}

let font: FontCoverage | undefined;
/** The characters the bundled UI font (Noto Sans SC) draws, from its package's unicode.json. */
export function bundledFontCoverage(): FontCoverage {
  if (font) return font;
  const require = createRequire(import.meta.url);
  const ranges = require('@fontsource-variable/noto-sans-sc/unicode.json') as Record<string, string>;
  font = coverageFromUnicodeRanges(Object.values(ranges));
  return font;
}
