import { open, readFile, type FileHandle } from 'node:fs/promises';
import { crc32, inflateSync } from 'node:zlib';
import type { Finding } from '../../../core/findings';
import { readFromBytes, readMediaTracks, playbackProblem, type ByteReading, type MediaTracks } from '../../../core/pack/media';
import { EXTENSIONS, extensionOf, pixelLimitMessage, type AssetBytes, type Probe } from '../../../core/pack/probe';

/**
 * Checks that need more of a file than its ends: whole-image decoding (PNG, JPEG) and the
 * codecs inside video and audio containers. `file` is on disk, `path` is pack-relative; `bytes`,
 * what the reader already read of it, answers from memory when its head is the whole file.
 */
export async function deepAssetFindings(file: string, path: string, probe: Probe, bytes?: AssetBytes): Promise<Finding[]> {
  const at = { file: path, line: 1, column: 1 };
  if (probe.problem || !probe.format) return [];
  const inMemory = bytes !== undefined && bytes.head.length === bytes.size ? Buffer.from(bytes.head.buffer, bytes.head.byteOffset, bytes.head.length) : undefined;
  // A JPEG's frame header can follow more than 64 KiB of EXIF and colour profile: read its size from the whole file.
  if (probe.format === 'jpeg' && probe.width === undefined) {
    const size = jpegFrameSize(inMemory ?? (await readFile(file)));
    const tooBig = size && pixelLimitMessage(size.width, size.height);
    if (tooBig) return [{ code: 'asset.too-many-pixels', severity: 'error', ...at, message: tooBig }];
  }
  const why = await imageProblem(file, probe.format, inMemory);
  if (why)
    return [{
      code: 'asset.undecodable', severity: 'error', ...at,
      message: { 'zh-Hans': `图片无法解码：${why}。文件可能已损坏，请重新导出。`, en: `The image does not decode: ${why}. It may be damaged; export it again.` },
    }];
  const category = EXTENSIONS[extensionOf(path)]?.category;
  if (category !== 'video' && category !== 'audio') return [];
  const tracks = inMemory ? readFromBytes(readMediaTracks(probe.format, inMemory.length), inMemory) : await tracksFromFile(file, probe.format);
  if (!tracks) {
    if (probe.format !== 'mp4' && probe.format !== 'webm') return [];
    return [{
      code: 'asset.undecodable', severity: 'error', ...at,
      message: {
        'zh-Hans': '读不到这个视频的索引（MP4 的 moov 或 WebM 的 Tracks），文件可能没有录制完成或已损坏。请重新导出。',
        en: 'The video\'s index (an MP4\'s moov or a WebM\'s Tracks) cannot be read; the file may be unfinished or damaged. Export it again.',
      },
    }];
  }
  const p = playbackProblem(tracks, category);
  return p ? [{ code: p.code, severity: p.severity, ...at, message: p.message }] : [];
}

/** The codecs of a media file on disk. */
async function tracksFromFile(file: string, format: string): Promise<MediaTracks | undefined> {
  const fh = await open(file, 'r');
  try {
    return await readFromFile(readMediaTracks(format, (await fh.stat()).size), fh);
  } finally {
    await fh.close();
  }
}

/** Answers a byte reading from an open file. */
async function readFromFile<T>(reading: ByteReading<T>, fh: FileHandle): Promise<T> {
  let step = reading.next();
  while (!step.done) {
    const buf = new Uint8Array(step.value.length);
    const { bytesRead } = await fh.read(buf, 0, buf.length, step.value.offset);
    step = reading.next(buf.subarray(0, bytesRead));
  }
  return step.value;
}

/**
 * Decodes whole images where a header is not proof enough: every PNG chunk's CRC is checked and
 * its pixel data inflated to exactly the size its header promises; a JPEG's segments are walked
 * to the scan. Returns why the file cannot be shown, or undefined when it decodes.
 */
export async function imageProblem(file: string, format: string, whole?: Buffer): Promise<string | undefined> {
  if (format !== 'png' && format !== 'jpeg') return undefined;
  const b = whole ?? (await readFile(file));
  return format === 'png' ? pngProblem(b) : jpegProblem(b);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function pngProblem(b: Buffer): string | undefined {
  let i = 8;
  let width = 0;
  let height = 0;
  let bpp = 0;
  let interlaced = false;
  const idat: Buffer[] = [];
  let ended = false;
  while (i + 12 <= b.length) {
    const len = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (i + 12 + len > b.length) return `chunk ${type} runs past the end of the file`;
    const data = b.subarray(i + 8, i + 8 + len);
    if (crc32(b.subarray(i + 4, i + 8 + len)) !== b.readUInt32BE(i + 8 + len)) return `chunk ${type} fails its CRC check`;
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const channels = CHANNELS[data[9]!];
      if (!channels) return 'unknown colour type';
      bpp = data[8]! * channels;
      interlaced = data[12] === 1;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    i += 12 + len;
  }
  if (!ended) return 'no IEND chunk';
  if (!width || !height || idat.length === 0) return 'no image data';
  const expected = interlaced ? undefined : height * (1 + Math.ceil((width * bpp) / 8));
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: Math.min(2 ** 31 - 1, (expected ?? width * height * 8 * 2) + 1024) });
  } catch (e) {
    return `pixel data does not inflate (${(e as Error).message})`;
  }
  if (expected !== undefined && pixels.length !== expected) return `pixel data is ${pixels.length} bytes, the header promises ${expected}`;
  return undefined;
}

/** The frame size a JPEG's SOF segment states, walking the segments of the whole file. */
export function jpegFrameSize(b: Buffer): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    if (marker === 0xff || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    if (marker === 0xda) return undefined;
    i += 2 + b.readUInt16BE(i + 2);
  }
  return undefined;
}

export function jpegProblem(b: Buffer): string | undefined {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return `no marker at byte ${i}`;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const len = b.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > b.length) return `segment at byte ${i} runs past the end of the file`;
    // Start of scan: the entropy-coded data follows; the probe already checked the end marker.
    if (marker === 0xda) return undefined;
    i += 2 + len;
  }
  return 'no image scan';
}
