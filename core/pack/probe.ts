import type { Bilingual } from '../text';
import { svgHazard, svgHazardMessage } from './svg';

/**
 * Recognises asset files from their bytes: the kind that the magic bytes say, image sizes and
 * media durations. Pure: the caller reads the first and last bytes of a file and passes them in
 * (an SVG whole, so that it is checked in full).
 */

export type AssetCategory = 'image' | 'audio' | 'video' | 'model' | 'text' | 'font' | 'subtitles';

/** What a pack may contain, by lower-case extension. Anything else is refused. */
export const EXTENSIONS: Readonly<Record<string, { category: AssetCategory; format: string }>> = {
  png: { category: 'image', format: 'png' },
  jpg: { category: 'image', format: 'jpeg' },
  jpeg: { category: 'image', format: 'jpeg' },
  gif: { category: 'image', format: 'gif' },
  webp: { category: 'image', format: 'webp' },
  svg: { category: 'image', format: 'svg' },
  mp3: { category: 'audio', format: 'mp3' },
  ogg: { category: 'audio', format: 'ogg' },
  opus: { category: 'audio', format: 'ogg' },
  wav: { category: 'audio', format: 'wav' },
  m4a: { category: 'audio', format: 'mp4' },
  mp4: { category: 'video', format: 'mp4' },
  webm: { category: 'video', format: 'webm' },
  glb: { category: 'model', format: 'glb' },
  yaml: { category: 'text', format: 'text' },
  yml: { category: 'text', format: 'text' },
  md: { category: 'text', format: 'text' },
  txt: { category: 'text', format: 'text' },
  json: { category: 'text', format: 'text' },
  vtt: { category: 'subtitles', format: 'vtt' },
  woff2: { category: 'font', format: 'woff2' },
};

/** Per-file size caps by category, in bytes. */
export const SIZE_CAPS: Readonly<Record<AssetCategory, number>> = {
  image: 30 * 1024 * 1024,
  audio: 100 * 1024 * 1024,
  video: 1024 * 1024 * 1024,
  model: 100 * 1024 * 1024,
  text: 2 * 1024 * 1024,
  font: 20 * 1024 * 1024,
  subtitles: 2 * 1024 * 1024,
};

/** The bytes a probe needs: the file size, its first bytes and its last bytes (64 KiB each is plenty). */
export interface AssetBytes {
  size: number;
  head: Uint8Array;
  tail: Uint8Array;
}

export interface Probe {
  /** The format the bytes say, or undefined when unrecognised. */
  format: string | undefined;
  width?: number;
  height?: number;
  seconds?: number;
  /** A problem found inside a recognised file (e.g. script in an SVG); its finding code is `asset.<problem>`. */
  problem?: 'svg-script' | 'undecodable' | 'too-many-pixels';
  /** Where in the file the problem is, when the file has lines (an SVG). */
  at?: { line: number; column: number };
  /** What the problem is, when there is more to say than its kind. */
  message?: Bilingual;
}

/** Largest picture a kiosk decodes: a side and a total. Decoded, 40 megapixels take 160 MB of memory. */
export const MAX_IMAGE_SIDE = 16_384;
export const MAX_IMAGE_PIXELS = 40_000_000;

/** The curator's message for a probe's problem. */
export function probeMessage(p: Probe): Bilingual {
  if (p.message) return p.message;
  if (p.problem === 'svg-script')
    return {
      'zh-Hans': 'SVG 中含有脚本、事件属性或外部链接，展厅不会执行内容中的代码。请删去后再导出。',
      en: 'The SVG contains script, event attributes or external links; the hall never runs code from content. Remove them and export again.',
    };
  return { 'zh-Hans': `无法解读此文件（${p.format}），文件可能已损坏。请重新导出。`, en: `This ${p.format} file cannot be read; it may be damaged. Export it again.` };
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Why a picture of w×h pixels is too big for a kiosk to decode, or undefined when it is within the limits. */
export function pixelLimitMessage(w: number, h: number): Bilingual | undefined {
  if (w <= MAX_IMAGE_SIDE && h <= MAX_IMAGE_SIDE && w * h <= MAX_IMAGE_PIXELS) return undefined;
  const mp = ((w * h) / 1e6).toFixed(1);
  return {
    'zh-Hans': `图片为 ${w}×${h} 像素（${mp} 百万像素），超过上限：每边 ${thousands(MAX_IMAGE_SIDE)} 像素、总共 ${MAX_IMAGE_PIXELS / 1e6} 百万像素。展厅电脑解码这么大的图会耗尽内存。请缩小到屏幕所需的大小（如长边 4096 像素）再放入。`,
    en: `The picture is ${w}×${h} pixels (${mp} megapixels), over the limit of ${thousands(MAX_IMAGE_SIDE)} px a side and ${MAX_IMAGE_PIXELS / 1e6} megapixels in all; a kiosk decoding it would run out of memory. Scale it down to what the screen needs (e.g. 4096 px on the long side).`,
  };
}

/** Refuses a picture too big for a kiosk to decode, from the size its header states. */
function withPixelLimit(p: Probe): Probe {
  const message = p.problem || p.width === undefined || p.height === undefined ? undefined : pixelLimitMessage(p.width, p.height);
  return message ? { ...p, problem: 'too-many-pixels', message } : p;
}

export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

const ascii = (b: Uint8Array, at: number, len: number): string => {
  const end = Math.min(at + len, b.length);
  let s = '';
  // A magic number (a few bytes, read for every file of a pack) char by char; spreading a slice costs more than it saves.
  if (end - at <= 64) {
    for (let i = at; i < end; i++) s += String.fromCharCode(b[i] as number);
    return s;
  }
  // In slices: a whole SVG can be megabytes.
  for (let i = at; i < end; i += 8192) s += String.fromCharCode(...b.subarray(i, Math.min(i + 8192, end)));
  return s;
};
const u16be = (b: Uint8Array, i: number) => ((b[i]! << 8) | b[i + 1]!) >>> 0;
const u16le = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8)) >>> 0;
const u24le = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) >>> 0;
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const u32le = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

function indexOf(hay: Uint8Array, needle: string, from = 0): number {
  const n = needle.length;
  outer: for (let i = from; i + n <= hay.length; i++) {
    for (let j = 0; j < n; j++) if (hay[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** Tells what the bytes are and what can be read from them without decoding the whole file. */
export function probeAsset(bytes: AssetBytes): Probe {
  const p = probeBytes(bytes);
  return p.format === 'png' || p.format === 'jpeg' || p.format === 'gif' || p.format === 'webp' ? withPixelLimit(p) : p;
}

function probeBytes(bytes: AssetBytes): Probe {
  const h = bytes.head;
  if (h.length >= 24 && h[0] === 0x89 && ascii(h, 1, 3) === 'PNG' && h[4] === 0x0d && h[5] === 0x0a) {
    // A PNG ends with its IEND chunk: a copy cut short on a USB stick does not.
    if (ascii(h, 12, 4) !== 'IHDR' || indexOf(bytes.tail, 'IEND') < 0) return { format: 'png', problem: 'undecodable' };
    return { format: 'png', width: u32be(h, 16), height: u32be(h, 20) };
  }
  if (h.length >= 3 && h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff) {
    const t = bytes.tail;
    // A JPEG ends with EOI (FF D9), sometimes followed by a little padding.
    const end = t.subarray(Math.max(0, t.length - 32));
    let eoi = false;
    for (let i = 0; i + 1 < end.length; i++) if (end[i] === 0xff && end[i + 1] === 0xd9) eoi = true;
    return eoi ? probeJpeg(h) : { format: 'jpeg', problem: 'undecodable' };
  }
  if (ascii(h, 0, 6) === 'GIF87a' || ascii(h, 0, 6) === 'GIF89a') return { format: 'gif', width: u16le(h, 6), height: u16le(h, 8) };
  if (ascii(h, 0, 4) === 'RIFF' && ascii(h, 8, 4) === 'WEBP') return probeWebp(h);
  if (ascii(h, 0, 4) === 'RIFF' && ascii(h, 8, 4) === 'WAVE') return probeWav(h, bytes.size);
  if (ascii(h, 0, 4) === 'OggS') return probeOgg(h, bytes.tail);
  if (ascii(h, 4, 4) === 'ftyp') return probeMp4(h, bytes.tail);
  if (h[0] === 0x1a && h[1] === 0x45 && h[2] === 0xdf && h[3] === 0xa3) return probeWebm(h);
  if (ascii(h, 0, 4) === 'glTF') return { format: 'glb', ...(u32le(h, 4) === 2 ? {} : { problem: 'undecodable' as const }) };
  if (ascii(h, 0, 4) === 'wOF2') return { format: 'woff2' };
  if (ascii(h, 0, 3) === 'ID3' || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0)) return probeMp3(h, bytes.size);
  if (ascii(h, 0, 6) === 'WEBVTT' || (h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf && ascii(h, 3, 6) === 'WEBVTT')) return { format: 'vtt' };
  // The tag and its attributes are ASCII: reading bytes as Latin-1 is enough to find them.
  const text = ascii(h, 0, h.length);
  if (/<svg[\s>]/.test(text)) {
    // A copy cut short loses its closing tag.
    if (!/<\/svg>\s*$/.test(ascii(bytes.tail, 0, bytes.tail.length))) return { format: 'svg', problem: 'undecodable' };
    return probeSvg(text);
  }
  return { format: undefined };
}

function probeJpeg(h: Uint8Array): Probe {
  let i = 2;
  while (i + 9 < h.length) {
    if (h[i] !== 0xff) return { format: 'jpeg', problem: 'undecodable' };
    const marker = h[i + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    const len = u16be(h, i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { format: 'jpeg', height: u16be(h, i + 5), width: u16be(h, i + 7) };
    i += 2 + len;
  }
  return { format: 'jpeg' };
}

function probeWebp(h: Uint8Array): Probe {
  const chunk = ascii(h, 12, 4);
  if (chunk === 'VP8 ') return { format: 'webp', width: u16le(h, 26) & 0x3fff, height: u16le(h, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const b = u32le(h, 21);
    return { format: 'webp', width: (b & 0x3fff) + 1, height: ((b >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { format: 'webp', width: u24le(h, 24) + 1, height: u24le(h, 27) + 1 };
  return { format: 'webp', problem: 'undecodable' };
}

function probeWav(h: Uint8Array, size: number): Probe {
  let i = 12;
  let byteRate = 0;
  while (i + 8 <= h.length) {
    const id = ascii(h, i, 4);
    const len = u32le(h, i + 4);
    if (id === 'fmt ') byteRate = u32le(h, i + 16);
    if (id === 'data') {
      if (byteRate === 0) break;
      const dataLen = Math.min(len, size - i - 8);
      return { format: 'wav', seconds: dataLen / byteRate };
    }
    i += 8 + len + (len % 2);
  }
  return { format: 'wav', problem: 'undecodable' };
}

function probeOgg(h: Uint8Array, tail: Uint8Array): Probe {
  let rate = 0;
  const v = indexOf(h, '\x01vorbis');
  if (v >= 0) rate = u32le(h, v + 12);
  else if (indexOf(h, 'OpusHead') >= 0) rate = 48000;
  // The last page's granule position is the stream's length in samples.
  let last = -1;
  for (let i = tail.length - 27; i >= 0; i--) {
    if (tail[i] === 0x4f && ascii(tail, i, 4) === 'OggS') {
      last = i;
      break;
    }
  }
  if (rate === 0 || last < 0) return { format: 'ogg', problem: 'undecodable' };
  const lo = u32le(tail, last + 6);
  const hi = u32le(tail, last + 10);
  let samples = hi * 2 ** 32 + lo;
  const pre = indexOf(h, 'OpusHead');
  if (pre >= 0) samples -= u16le(h, pre + 10);
  return { format: 'ogg', seconds: samples / rate };
}

function mvhdSeconds(b: Uint8Array): number | undefined {
  const i = indexOf(b, 'mvhd');
  if (i < 0 || i + 32 > b.length) return undefined;
  const version = b[i + 4];
  if (version === 1) {
    const scale = u32be(b, i + 24);
    const dur = u32be(b, i + 28) * 2 ** 32 + u32be(b, i + 32);
    return scale ? dur / scale : undefined;
  }
  const scale = u32be(b, i + 16);
  const dur = u32be(b, i + 20);
  return scale ? dur / scale : undefined;
}

function probeMp4(h: Uint8Array, tail: Uint8Array): Probe {
  const seconds = mvhdSeconds(h) ?? mvhdSeconds(tail);
  let width: number | undefined;
  let height: number | undefined;
  // Track header of the first video track: width and height are 16.16 fixed point at its end.
  for (const b of [h, tail]) {
    let from = 0;
    for (;;) {
      const t = indexOf(b, 'tkhd', from);
      if (t < 0) break;
      const version = b[t + 4];
      const end = t + 4 + (version === 1 ? 96 : 84);
      if (end > b.length) break;
      const w = u32be(b, end - 8) / 65536;
      const hh = u32be(b, end - 4) / 65536;
      if (w > 0 && hh > 0) {
        width = w;
        height = hh;
        break;
      }
      from = t + 4;
    }
    if (width) break;
  }
  return {
    format: 'mp4',
    ...(seconds === undefined ? {} : { seconds }),
    ...(width ? { width, height } : {}),
  };
}

function probeWebm(h: Uint8Array): Probe {
  let scale = 1_000_000;
  const s = indexOf(h, '\x2a\xd7\xb1');
  if (s >= 0) {
    const sizeByte = h[s + 3]!;
    const n = sizeByte & 0x80 ? 1 : 0;
    if (n) {
      const len = sizeByte & 0x7f;
      scale = 0;
      for (let k = 0; k < len; k++) scale = scale * 256 + h[s + 4 + k]!;
    }
  }
  const d = indexOf(h, '\x44\x89');
  if (d < 0) return { format: 'webm' };
  const sizeByte = h[d + 2]!;
  const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
  let ticks: number | undefined;
  if (sizeByte === 0x84 && d + 7 <= h.length) ticks = view.getFloat32(d + 3);
  if (sizeByte === 0x88 && d + 11 <= h.length) ticks = view.getFloat64(d + 3);
  return ticks === undefined ? { format: 'webm' } : { format: 'webm', seconds: (ticks * scale) / 1e9 };
}

const MP3_BITRATES = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
function probeMp3(h: Uint8Array, size: number): Probe {
  let i = 0;
  if (ascii(h, 0, 3) === 'ID3') i = 10 + ((h[6]! << 21) | (h[7]! << 14) | (h[8]! << 7) | h[9]!);
  for (; i + 4 < h.length; i++) {
    if (h[i] === 0xff && (h[i + 1]! & 0xe0) === 0xe0) {
      const versionBits = (h[i + 1]! >> 3) & 3;
      const layerBits = (h[i + 1]! >> 1) & 3;
      const kbps = MP3_BITRATES[(h[i + 2]! >> 4) & 15];
      // Only MPEG-1 Layer III gives a bitrate we read here; other files are accepted without a duration.
      if (versionBits === 3 && layerBits === 1 && kbps) return { format: 'mp3', seconds: ((size - i) * 8) / (kbps * 1000) };
      return { format: 'mp3' };
    }
  }
  return { format: 'mp3', problem: 'undecodable' };
}

function probeSvg(text: string): Probe {
  // Content is data: an SVG with script, event handlers or outside links could run code on a surface.
  const hazard = svgHazard(text);
  if (hazard) return { format: 'svg', problem: 'svg-script', at: byteLineColumn(text, hazard.index), message: svgHazardMessage(hazard) };
  const tag = /<svg\b[^>]*>/.exec(text)?.[0] ?? '';
  const num = (name: string) => {
    const m = new RegExp(`\\s${name}\\s*=\\s*["']\\s*([0-9.]+)(px)?\\s*["']`).exec(tag);
    return m ? Number(m[1]) : undefined;
  };
  let width = num('width');
  let height = num('height');
  const vb = /\sviewBox\s*=\s*["']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)\s*["']/.exec(tag);
  if ((width === undefined || height === undefined) && vb) {
    width = Number(vb[1]);
    height = Number(vb[2]);
  }
  if (width === undefined || height === undefined) return { format: 'svg', problem: 'undecodable' };
  return { format: 'svg', width, height };
}

/** Line and column (1-based, in characters) of a byte offset in UTF-8 bytes held as a Latin-1 string. */
function byteLineColumn(latin1: string, index: number): { line: number; column: number } {
  const before = latin1.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  let column = 1;
  // UTF-8 continuation bytes (0x80-0xBF) do not start a character.
  for (let i = lineStart; i < index; i++) if ((latin1.charCodeAt(i) & 0xc0) !== 0x80) column++;
  return { line: before.split('\n').length, column };
}
