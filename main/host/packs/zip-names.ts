import { crc32 } from 'node:zlib';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';
import { EXTENSIONS, SIZE_CAPS, extensionOf } from '../../../core/pack/probe';
import { decodeText } from './read';

/**
 * Zip entry names, decided once for the whole archive. Zips made by Windows' "Send to
 * compressed folder" on a Chinese system store names in GBK (code page 936) without saying so;
 * many short GBK names (图片, 学习, 展品 …) are also valid UTF-8 byte sequences, so deciding
 * entry by entry turns them into garbage such as "ͼƬ/չƷ.png" while their neighbours come out
 * right. An archive is made by one tool with one code page: decide once.
 */

/** A name as stored in the archive, with what the archive says about its encoding. */
export interface RawName {
  raw: Buffer;
  /** General purpose bit 11: the tool promises UTF-8. */
  utf8Flag: boolean;
  extras: ReadonlyArray<{ id: number; data: Buffer }>;
}

export type NameEncoding = 'utf-8' | 'gbk';

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** What a GBK name in a Chinese hall's pack is made of: ASCII, Chinese, CJK and full-width punctuation. */
const PLAIN_GBK_NAME = /^[\u0020-\u007e\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]*$/;

/** Decodes one zip entry name: UTF-8 when flagged or valid, else GBK. Prefer `decideNames`, which decides per archive. */
export function decodeEntryName(raw: Buffer, utf8Flag: boolean): string {
  if (utf8Flag) return raw.toString('utf8');
  try {
    return UTF8.decode(raw);
  } catch {
    return iconv.decode(raw, 'gbk');
  }
}

/** The Info-ZIP Unicode Path extra field (0x7075): a UTF-8 name, valid while it matches the header name's CRC. */
export function unicodePathExtra(raw: Buffer, extras: ReadonlyArray<{ id: number; data: Buffer }>): string | undefined {
  const f = extras.find((e) => e.id === 0x7075);
  if (!f || f.data.length < 5 || f.data[0] !== 1) return undefined;
  if (f.data.readUInt32LE(1) !== crc32(raw)) return undefined;
  return f.data.subarray(5).toString('utf8');
}

const isAscii = (b: Buffer) => b.every((x) => x < 0x80);
const validUtf8 = (b: Buffer) => {
  try {
    UTF8.decode(b);
    return true;
  } catch {
    return false;
  }
};

/**
 * Decides every name of an archive. In order: the UTF-8 flag and the Unicode Path extra field
 * settle the entries that carry them; the rest are UTF-8 only when all of them are valid UTF-8
 * and, read that way, the pack's text refers to them at least as often as read as GBK (when
 * neither reading is referred to, GBK wins only when UTF-8 gives no Chinese at all and GBK gives
 * nothing but Chinese, ASCII and punctuation); otherwise all of them are GBK.
 * `texts` are the pack's text files (YAML, Markdown), whose paths are the references.
 */
export function decideNames(entries: readonly RawName[], texts: readonly string[]): { names: string[]; encoding: NameEncoding } {
  const settled = entries.map((e) => (e.utf8Flag ? e.raw.toString('utf8') : unicodePathExtra(e.raw, e.extras)));
  const open = entries.map((e, i) => (settled[i] === undefined && !isAscii(e.raw) ? i : -1)).filter((i) => i >= 0);
  const asUtf8 = (i: number) => entries[i]!.raw.toString('utf8');
  const asGbk = (i: number) => iconv.decode(entries[i]!.raw, 'gbk');
  let encoding: NameEncoding = 'utf-8';
  if (!open.every((i) => validUtf8(entries[i]!.raw))) encoding = 'gbk';
  else if (open.length > 0) {
    const names = entries.map((e) => e.raw.toString('latin1'));
    const top = commonTopFolder(names);
    const score = (decode: (i: number) => string) => open.filter((i) => referenced(decode(i), top, texts)).length;
    const utf8Score = score(asUtf8);
    const gbkScore = score(asGbk);
    if (gbkScore > utf8Score) encoding = 'gbk';
    else if (gbkScore === utf8Score && !open.some((i) => CJK.test(asUtf8(i))) && open.every((i) => PLAIN_GBK_NAME.test(asGbk(i)))) encoding = 'gbk';
  }
  const names = entries.map((e, i) => settled[i] ?? (isAscii(e.raw) ? e.raw.toString('latin1') : encoding === 'gbk' ? asGbk(i) : asUtf8(i)));
  return { names, encoding };
}

/** Whether the pack's text names this file: by its pack-relative path, or by its base name when that is not plain ASCII. */
function referenced(name: string, top: number, texts: readonly string[]): boolean {
  if (name.endsWith('/')) return false;
  const segments = name.split('/');
  // The top folder's name is ASCII-compared in bytes; drop it by count, whatever its encoding.
  const rel = segments.slice(top).join('/');
  const base = segments[segments.length - 1]!;
  const needles = [rel, ...(/[^\x20-\x7e]/.test(base) ? [base] : [])];
  return texts.some((t) => needles.some((n) => t.includes(n)));
}

/** 1 when every entry sits in one top folder (a zipped folder), else 0. */
function commonTopFolder(latin1Names: readonly string[]): number {
  const firsts = new Set(latin1Names.map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/')) : '\u0000')));
  return firsts.size === 1 && !firsts.has('\u0000') ? 1 : 0;
}

const TEXT_BYTES_TOTAL = 32 * 1024 * 1024;

/**
 * Reads an archive's central directory and its small text files, and decides every name
 * (`decideNames`). Answers undefined when the archive cannot be read or is over `maxEntries`:
 * extraction then refuses it with the reason.
 */
export async function archiveNames(file: string, maxEntries: number): Promise<string[] | undefined> {
  let zf: yauzl.ZipFile;
  try {
    zf = await new Promise<yauzl.ZipFile>((res, rej) =>
      yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, z) => (err ? rej(err) : res(z))),
    );
  } catch {
    return undefined;
  }
  try {
    if (zf.entryCount > maxEntries) return undefined;
    const entries = await new Promise<yauzl.Entry[]>((res, rej) => {
      const all: yauzl.Entry[] = [];
      zf.on('entry', (e: yauzl.Entry) => {
        all.push(e);
        zf.readEntry();
      });
      zf.on('end', () => res(all));
      zf.on('error', rej);
      zf.readEntry();
    });
    const raws: RawName[] = entries.map((e) => ({
      raw: e.fileName as unknown as Buffer,
      utf8Flag: (e.generalPurposeBitFlag & 0x800) !== 0,
      extras: e.extraFields,
    }));
    // Text files are found by extension, which is ASCII whatever the names' encoding.
    const texts: string[] = [];
    let budget = TEXT_BYTES_TOTAL;
    for (const [i, e] of entries.entries()) {
      const ext = extensionOf(raws[i]!.raw.toString('latin1'));
      if (EXTENSIONS[ext]?.category !== 'text' || e.isEncrypted() || budget <= 0) continue;
      const bytes = await readCapped(zf, e, Math.min(SIZE_CAPS.text, budget));
      budget -= bytes.length;
      texts.push(decodeText(bytes).text);
    }
    return decideNames(raws, texts).names;
  } catch {
    return undefined;
  } finally {
    zf.close();
  }
}

/** An entry's bytes, at most `cap` of them (a bomb stops at the cap). */
async function readCapped(zf: yauzl.ZipFile, entry: yauzl.Entry, cap: number): Promise<Buffer> {
  const stream = await new Promise<NodeJS.ReadableStream & { destroy(): void }>((res, rej) =>
    zf.openReadStream(entry, (err, s) => (err ? rej(err) : res(s))),
  );
  const chunks: Buffer[] = [];
  let n = 0;
  return new Promise<Buffer>((resolve, reject) => {
    stream.on('data', (c: Buffer) => {
      chunks.push(c);
      n += c.length;
      if (n >= cap) {
        stream.destroy();
        resolve(Buffer.concat(chunks).subarray(0, cap));
      }
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
