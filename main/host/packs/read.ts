import * as fs from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { finding, type Finding } from '../../../core/findings';
import { EXTENSIONS, SIZE_CAPS, extensionOf, type AssetBytes } from '../../../core/pack/probe';
import { coverageFromUnicodeRanges, type FontCoverage } from '../../../core/pack/coverage';
import type { PackSource } from '../../../core/pack/validate';
import { CliError } from '../../errors';
import type { OnProgress } from './progress';
import { walkPackFolder } from './walk';
// A static import: the packaged app's main bundle carries it inside, with no node_modules beside it.
import fontRanges from '@fontsource-variable/noto-sans-sc/unicode.json' with { type: 'json' };

const PROBE_BYTES = 64 * 1024;

/** Reads a pack folder into what core/pack/validate needs. Symlinks and special files become findings. */
export async function readPackSource(dir: string, onProgress?: OnProgress): Promise<{ source: PackSource; findings: Finding[] }> {
  const texts = new Map<string, string>();
  const assets = new Map<string, AssetBytes>();
  const st = await lstat(dir);
  if (!st.isDirectory()) throw new CliError(`不是文件夹 / not a folder: ${dir}`, 2);
  const { files: paths, refused } = await walkPackFolder(dir);
  const findings: Finding[] = [...refused];
  let done = 0;
  const readOne = (p: string): ReturnType<typeof decodeText> | AssetBytes => {
    const file = join(dir, p);
    const r = EXTENSIONS[extensionOf(p)]?.category === 'text'
      ? decodeText(fs.readFileSync(file))
      // An SVG is read whole: a script can hide anywhere in it.
      : readEnds(file, extensionOf(p) === 'svg' ? SIZE_CAPS.image : PROBE_BYTES);
    onProgress?.({ phase: 'read', done: ++done, total: paths.length });
    return r;
  };
  // Files are read in the loop's own thread, in slices of a few milliseconds with the event loop
  // let run between them (a pack's files are small and mostly in the page cache: a read through
  // libuv's threads and a promise cost the process several times the read itself).
  const read: (ReturnType<typeof decodeText> | AssetBytes)[] = [];
  let slice = performance.now();
  for (const p of paths) {
    read.push(readOne(p));
    if (performance.now() - slice > SLICE_MS) {
      await new Promise<void>((r) => setImmediate(r));
      slice = performance.now();
    }
  }
  paths.forEach((p, i) => {
    const r = read[i] as ReturnType<typeof decodeText> | AssetBytes;
    if (!('text' in r)) {
      assets.set(p, r);
      return;
    }
    texts.set(p, r.text);
    if (r.encoding !== 'utf-8')
      findings.push(finding('text.encoding', 'error', p, { line: r.line, column: 1 }, r.encoding === 'gbk'
          ? { 'zh-Hans': '此文件是 GBK 编码（常见于 Windows 记事本“ANSI”保存）。请另存为 UTF-8 编码。', en: 'This file is GBK-encoded (as Windows Notepad saves "ANSI"). Save it as UTF-8.' }
          : { 'zh-Hans': `此文件不是有效的 UTF-8 文本（第 ${r.line} 行起）。请另存为 UTF-8 编码。`, en: `This file is not valid UTF-8 (from line ${r.line}). Save it as UTF-8.` }));
  });
  return { source: { paths, texts, assets }, findings };
}

/** Decodes a text file: UTF-8 (a BOM is dropped); otherwise says whether it reads as GBK, and where UTF-8 broke. */
export function decodeText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gbk' | 'unknown'; line: number } {
  try {
    return { text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8', line: 1 };
  } catch {
    const lossy = bytes.toString('utf8');
    const line = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD'))).split('\n').length;
    const gbk = iconv.decode(bytes, 'gbk');
    // GBK decodes almost anything; call it GBK only when the result is mostly common Chinese text.
    const cjk = [...gbk].filter((c) => /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/.test(c)).length;
    const odd = [...gbk].filter((c) => c === '\uFFFD' || /[\u0080-\u00ff]/.test(c)).length;
    return cjk > 0 && odd === 0 ? { text: gbk, encoding: 'gbk', line } : { text: lossy, encoding: 'unknown', line };
  }
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** How long a slice of reads may hold the event loop. */
const SLICE_MS = 4;

/** Size, first and last 64 KiB of a file (or a longer head): enough for every probe. A head that holds the whole file is the whole file. */
export function readEnds(file: string, headBytes = PROBE_BYTES): AssetBytes {
  const fd = fs.openSync(file, 'r');
  try {
    const { size } = fs.fstatSync(fd);
    const head = new Uint8Array(Math.min(size, headBytes));
    fs.readSync(fd, head, 0, head.length, 0);
    const tailLen = Math.min(size, PROBE_BYTES);
    // A small file is read once: its tail is the end of its head.
    if (head.length === size) return { size, head, tail: head.subarray(size - tailLen) };
    const tail = new Uint8Array(tailLen);
    fs.readSync(fd, tail, 0, tailLen, size - tailLen);
    return { size, head, tail };
  } finally {
    fs.closeSync(fd);
  }
}

let font: FontCoverage | undefined;
/** The characters the bundled UI font (Noto Sans SC) draws, from its package's unicode.json. */
export function bundledFontCoverage(): FontCoverage {
  if (font) return font;
  font = coverageFromUnicodeRanges(Object.values(fontRanges as Record<string, string>));
  return font;
}
