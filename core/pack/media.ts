import type { Bilingual } from '../text';

/**
 * Which codecs a video or audio file holds, read from its container (MP4 boxes, Matroska/WebM
 * elements, Ogg pages, the WAV format chunk), and whether the hall's browser plays them.
 *
 * The container index can sit anywhere in a file (an MP4's `moov` often follows gigabytes of
 * media data), so reading is a conversation: `readMediaTracks` yields the byte ranges it needs
 * and is resumed with their bytes. main/ answers from the file; tests answer from a buffer.
 */

export interface ByteRequest {
  offset: number;
  length: number;
}
/** A reader that asks for byte ranges and is resumed with them (shorter at the end of the file). */
export type ByteReading<T> = Generator<ByteRequest, T, Uint8Array>;

/** Answers a reading from bytes in memory. */
export function readFromBytes<T>(reading: ByteReading<T>, bytes: Uint8Array): T {
  let step = reading.next();
  while (!step.done) step = reading.next(bytes.subarray(step.value.offset, step.value.offset + step.value.length));
  return step.value;
}

export type Codec =
  | 'h264' | 'hevc' | 'vp8' | 'vp9' | 'av1' | 'mpeg4' | 'mpeg2' | 'mjpeg' | 'prores' | 'theora' | 'dolby-vision'
  | 'aac' | 'mp3' | 'opus' | 'vorbis' | 'flac' | 'pcm' | 'ac3' | 'eac3' | 'dts' | 'alac' | 'amr' | 'adpcm' | 'speex'
  | 'encrypted' | `other:${string}`;

export interface MediaTracks {
  /** 'matroska' is a Matroska file that is not WebM (an .mkv renamed). */
  container: 'mp4' | 'webm' | 'matroska' | 'ogg' | 'wav' | 'mp3';
  video: Codec[];
  audio: Codec[];
}

/** What the hall's Chromium plays. */
const PLAYS = new Set<Codec>(['h264', 'vp8', 'vp9', 'av1', 'aac', 'mp3', 'opus', 'vorbis', 'flac']);
/** PCM plays from a WAV file only. */
const PLAYS_IN_WAV = new Set<Codec>(['pcm']);

const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const fourcc = (b: Uint8Array, i: number) => String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
const ascii = (b: Uint8Array) => String.fromCharCode(...b.subarray(0, 256)).replace(/\0+$/, '');

/** Largest container index read into memory (a two-hour film's moov is a few MB). */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** Reads which codecs a media file holds; undefined when its container cannot be read (the probe reports damage). */
export function* readMediaTracks(format: string, size: number): ByteReading<MediaTracks | undefined> {
  if (format === 'mp4') return yield* readMp4(size);
  if (format === 'webm') return yield* readMatroska(size);
  const head = yield { offset: 0, length: Math.min(size, 64 * 1024) };
  if (format === 'ogg') return oggTracks(head);
  if (format === 'wav') return wavTracks(head);
  if (format === 'mp3') return { container: 'mp3', video: [], audio: ['mp3'] };
  return undefined;
}

// --- MP4 (ISO base media): walk the top-level boxes to moov, then trak → mdia → hdlr / minf → stbl → stsd.

function* readMp4(size: number): ByteReading<MediaTracks | undefined> {
  let offset = 0;
  for (let n = 0; offset + 8 <= size && n < 10_000; n++) {
    const h = yield { offset, length: 16 };
    if (h.length < 8) return undefined;
    let len = u32(h, 0);
    let header = 8;
    if (len === 1) {
      if (h.length < 16) return undefined;
      len = u32(h, 8) * 2 ** 32 + u32(h, 12);
      header = 16;
    } else if (len === 0) len = size - offset;
    if (len < header) return undefined;
    if (fourcc(h, 4) === 'moov') {
      if (len > MAX_INDEX_BYTES) return undefined;
      const moov = yield { offset: offset + header, length: len - header };
      return moovTracks(moov);
    }
    offset += len;
  }
  return undefined;
}

/** The child boxes of a box body: type, and where the body of each starts and ends. */
function* children(b: Uint8Array, from = 0, to = b.length): Generator<{ type: string; start: number; end: number }> {
  let i = from;
  while (i + 8 <= to) {
    let len = u32(b, i);
    let header = 8;
    if (len === 1 && i + 16 <= to) {
      len = u32(b, i + 8) * 2 ** 32 + u32(b, i + 12);
      header = 16;
    } else if (len === 0) len = to - i;
    if (len < header || i + len > to) return;
    yield { type: fourcc(b, i + 4), start: i + header, end: i + len };
    i += len;
  }
}
const child = (b: Uint8Array, type: string, from: number, to: number) => [...children(b, from, to)].find((c) => c.type === type);

function moovTracks(moov: Uint8Array): MediaTracks {
  const tracks: MediaTracks = { container: 'mp4', video: [], audio: [] };
  for (const trak of children(moov)) {
    if (trak.type !== 'trak') continue;
    const mdia = child(moov, 'mdia', trak.start, trak.end);
    if (!mdia) continue;
    const hdlr = child(moov, 'hdlr', mdia.start, mdia.end);
    const handler = hdlr ? fourcc(moov, hdlr.start + 8) : '';
    const minf = child(moov, 'minf', mdia.start, mdia.end);
    const stbl = minf && child(moov, 'stbl', minf.start, minf.end);
    const stsd = stbl && child(moov, 'stsd', stbl.start, stbl.end);
    if (!stsd) continue;
    // stsd: version and flags, entry count, then one box per sample entry.
    for (const entry of children(moov, stsd.start + 8, stsd.end)) {
      const codec = sampleEntryCodec(moov, entry);
      if (handler === 'vide') tracks.video.push(codec);
      else if (handler === 'soun') tracks.audio.push(codec);
    }
  }
  return tracks;
}

const MP4_CODECS: Readonly<Record<string, Codec>> = {
  avc1: 'h264', avc2: 'h264', avc3: 'h264', avc4: 'h264', hvc1: 'hevc', hev1: 'hevc', dvh1: 'dolby-vision', dvhe: 'dolby-vision',
  vp08: 'vp8', vp09: 'vp9', av01: 'av1', mp4v: 'mpeg4', 'mp2v': 'mpeg2', jpeg: 'mjpeg', mjpa: 'mjpeg', mjpb: 'mjpeg',
  apcn: 'prores', apch: 'prores', apcs: 'prores', apco: 'prores', ap4h: 'prores',
  Opus: 'opus', fLaC: 'flac', '.mp3': 'mp3', 'ac-3': 'ac3', 'ec-3': 'eac3', alac: 'alac', samr: 'amr', sawb: 'amr',
  dtsc: 'dts', dtsh: 'dts', dtsl: 'dts', lpcm: 'pcm', sowt: 'pcm', twos: 'pcm', in24: 'pcm', in32: 'pcm', fl32: 'pcm', fl64: 'pcm', 'raw ': 'pcm',
  ima4: 'adpcm', encv: 'encrypted', enca: 'encrypted',
};

function sampleEntryCodec(b: Uint8Array, entry: { type: string; start: number; end: number }): Codec {
  if (entry.type !== 'mp4a') return MP4_CODECS[entry.type] ?? `other:${entry.type}`;
  // mp4a carries AAC or MP3: the esds decoder config says which (object type 0x40 AAC, 0x69/0x6B MP3).
  const body = b.subarray(entry.start, entry.end);
  for (let i = 0; i + 4 <= body.length; i++) {
    if (fourcc(body, i) !== 'esds') continue;
    const objectType = esdsObjectType(body.subarray(i + 8));
    if (objectType === undefined) break;
    if (objectType === 0x40 || (objectType >= 0x66 && objectType <= 0x68)) return 'aac';
    if (objectType === 0x69 || objectType === 0x6b) return 'mp3';
    if (objectType === 0xa5) return 'ac3';
    if (objectType === 0xa6) return 'eac3';
    if (objectType === 0xa9 || objectType === 0xac) return 'dts';
    if (objectType === 0xad) return 'opus';
    return `other:mp4a.${objectType.toString(16)}`;
  }
  // No decoder config: AAC is what an mp4a entry almost always is.
  return 'aac';
}

/** The objectTypeIndication of an esds box body (after its version and flags). */
function esdsObjectType(b: Uint8Array): number | undefined {
  let i = 0;
  const descriptor = (tag: number): boolean => {
    if (b[i] !== tag) return false;
    i++;
    for (let k = 0; k < 4 && i < b.length; k++) if (!(b[i++]! & 0x80)) break;
    return true;
  };
  if (!descriptor(0x03)) return undefined;
  const flags = b[i + 2] ?? 0;
  i += 3;
  if (flags & 0x80) i += 2;
  if (flags & 0x40) i += 1 + (b[i] ?? 0);
  if (flags & 0x20) i += 2;
  if (!descriptor(0x04)) return undefined;
  return b[i];
}

// --- Matroska / WebM: the EBML header's DocType, then the Segment's children to Tracks.

const ID_EBML = 0x1a45dfa3;
const ID_DOCTYPE = 0x4282;
const ID_SEGMENT = 0x18538067;
const ID_TRACKS = 0x1654ae6b;
const ID_CLUSTER = 0x1f43b675;
const ID_TRACK_ENTRY = 0xae;
const ID_TRACK_TYPE = 0x83;
const ID_CODEC_ID = 0x86;

interface Element {
  id: number;
  /** Where the body starts, relative to the bytes read. */
  start: number;
  /** Body length; undefined for an element of unknown size (live streams). */
  size: number | undefined;
}

/** Reads an element header (ID, then size as a variable-length integer) at `i`. */
function elementAt(b: Uint8Array, i: number): Element | undefined {
  const first = b[i];
  if (first === undefined || first === 0) return undefined;
  const idLen = Math.clz32(first) - 23;
  if (idLen > 4 || i + idLen >= b.length) return undefined;
  let id = 0;
  for (let k = 0; k < idLen; k++) id = id * 256 + b[i + k]!;
  const s0 = b[i + idLen]!;
  if (s0 === 0) return undefined;
  const sizeLen = Math.clz32(s0) - 23;
  if (i + idLen + sizeLen > b.length) return undefined;
  let size = s0 & (0xff >> sizeLen);
  let allOnes = size === 0xff >> sizeLen;
  for (let k = 1; k < sizeLen; k++) {
    const x = b[i + idLen + k]!;
    size = size * 256 + x;
    allOnes &&= x === 0xff;
  }
  return { id, start: i + idLen + sizeLen, size: allOnes ? undefined : size };
}

function* ebmlChildren(b: Uint8Array, from: number, to: number): Generator<Element> {
  let i = from;
  while (i < to) {
    const e = elementAt(b, i);
    if (!e || e.size === undefined) return;
    yield e;
    i = e.start + e.size;
  }
}

const MATROSKA_CODECS: ReadonlyArray<readonly [RegExp, Codec]> = [
  [/^V_MPEG4\/ISO\/AVC/, 'h264'], [/^V_MPEGH\/ISO\/HEVC/, 'hevc'], [/^V_VP8$/, 'vp8'], [/^V_VP9$/, 'vp9'], [/^V_AV1$/, 'av1'],
  [/^V_MPEG4\//, 'mpeg4'], [/^V_MPEG[12]$/, 'mpeg2'], [/^V_MJPEG$/, 'mjpeg'], [/^V_THEORA$/, 'theora'], [/^V_PRORES$/, 'prores'],
  [/^A_OPUS$/, 'opus'], [/^A_VORBIS$/, 'vorbis'], [/^A_AAC/, 'aac'], [/^A_MPEG\/L3$/, 'mp3'], [/^A_FLAC$/, 'flac'],
  [/^A_AC3/, 'ac3'], [/^A_EAC3$/, 'eac3'], [/^A_DTS/, 'dts'], [/^A_PCM\//, 'pcm'], [/^A_ALAC$/, 'alac'],
];

function* readMatroska(size: number): ByteReading<MediaTracks | undefined> {
  const head = yield { offset: 0, length: Math.min(size, 4096) };
  const ebml = elementAt(head, 0);
  if (!ebml || ebml.id !== ID_EBML || ebml.size === undefined) return undefined;
  let docType = 'matroska';
  for (const e of ebmlChildren(head, ebml.start, Math.min(head.length, ebml.start + ebml.size)))
    if (e.id === ID_DOCTYPE) docType = ascii(head.subarray(e.start, e.start + e.size!));
  const segment = elementAt(head, ebml.start + ebml.size);
  if (!segment || segment.id !== ID_SEGMENT) return undefined;
  const end = segment.size === undefined ? size : Math.min(size, segment.start + segment.size);
  let offset = segment.start;
  for (let n = 0; offset < end && n < 10_000; n++) {
    const h = yield { offset, length: 12 };
    const e = elementAt(h, 0);
    if (!e || e.size === undefined || e.id === ID_CLUSTER) break;
    if (e.id === ID_TRACKS) {
      if (e.size > MAX_INDEX_BYTES) return undefined;
      const body = yield { offset: offset + e.start, length: e.size };
      return { container: docType === 'webm' ? 'webm' : 'matroska', ...tracksOf(body) };
    }
    offset += e.start + e.size;
  }
  return undefined;
}

function tracksOf(b: Uint8Array): { video: Codec[]; audio: Codec[] } {
  const out: { video: Codec[]; audio: Codec[] } = { video: [], audio: [] };
  for (const t of ebmlChildren(b, 0, b.length)) {
    if (t.id !== ID_TRACK_ENTRY) continue;
    let type = 0;
    let codecId = '';
    for (const f of ebmlChildren(b, t.start, t.start + t.size!)) {
      if (f.id === ID_TRACK_TYPE) type = b[f.start + f.size! - 1] ?? 0;
      if (f.id === ID_CODEC_ID) codecId = ascii(b.subarray(f.start, f.start + f.size!));
    }
    const codec = MATROSKA_CODECS.find(([re]) => re.test(codecId))?.[1] ?? (`other:${codecId}` as const);
    if (type === 1) out.video.push(codec);
    else if (type === 2) out.audio.push(codec);
  }
  return out;
}

// --- Ogg: every stream starts with a page flagged "beginning of stream" whose packet names the codec.

function oggTracks(head: Uint8Array): MediaTracks {
  const tracks: MediaTracks = { container: 'ogg', video: [], audio: [] };
  let i = 0;
  while (i + 27 <= head.length && fourcc(head, i) === 'OggS') {
    const segments = head[i + 26]!;
    let body = 0;
    for (let k = 0; k < segments; k++) body += head[i + 27 + k] ?? 0;
    const start = i + 27 + segments;
    if ((head[i + 5]! & 0x02) === 0) break;
    const magic = String.fromCharCode(...head.subarray(start, start + 8));
    if (magic.startsWith('OpusHead')) tracks.audio.push('opus');
    else if (magic.startsWith('\x01vorbis')) tracks.audio.push('vorbis');
    else if (magic.startsWith('\x7fFLAC')) tracks.audio.push('flac');
    else if (magic.startsWith('Speex')) tracks.audio.push('speex');
    else if (magic.startsWith('\x80theora')) tracks.video.push('theora');
    i = start + body;
  }
  return tracks;
}

// --- WAV: the format tag of the fmt chunk.

function wavTracks(head: Uint8Array): MediaTracks | undefined {
  let i = 12;
  while (i + 8 <= head.length) {
    const len = (head[i + 4]! | (head[i + 5]! << 8) | (head[i + 6]! << 16) | (head[i + 7]! << 24)) >>> 0;
    if (fourcc(head, i) === 'fmt ') {
      const tag = head[i + 8]! | (head[i + 9]! << 8);
      // 1 integer PCM, 3 float PCM, 0xFFFE extensible (PCM with a channel layout).
      const codec: Codec = tag === 1 || tag === 3 || tag === 0xfffe ? 'pcm' : tag === 2 || tag === 0x11 ? 'adpcm' : tag === 0x55 ? 'mp3' : `other:wav.${tag.toString(16)}`;
      return { container: 'wav', video: [], audio: [codec] };
    }
    i += 8 + len + (len % 2);
  }
  return undefined;
}

// --- Verdict.

const NAMES: Partial<Record<Codec, string>> = {
  hevc: 'H.265/HEVC', 'dolby-vision': '杜比视界（Dolby Vision）', mpeg4: 'MPEG-4 Part 2（Xvid/DivX）', mpeg2: 'MPEG-2', mjpeg: 'Motion JPEG',
  prores: 'Apple ProRes', theora: 'Theora', ac3: '杜比数字 AC-3', eac3: '杜比数字 E-AC-3', dts: 'DTS', alac: 'Apple 无损（ALAC）',
  amr: 'AMR（手机录音）', adpcm: 'ADPCM', speex: 'Speex', pcm: 'PCM',
};
const NAMES_EN: Partial<Record<Codec, string>> = { 'dolby-vision': 'Dolby Vision', ac3: 'Dolby Digital AC-3', eac3: 'Dolby Digital Plus E-AC-3', alac: 'Apple Lossless (ALAC)', amr: 'AMR (a phone recording)' };
const name = (c: Codec, lang: 'zh' | 'en') => (lang === 'en' ? NAMES_EN[c] : undefined) ?? NAMES[c] ?? (c.startsWith('other:') ? `“${c.slice(6)}”` : c);

/** A finding about playback: refused ('error') or worth knowing ('warning'). */
export interface PlaybackProblem {
  code: 'asset.unplayable' | 'asset.no-picture';
  severity: 'error' | 'warning';
  message: Bilingual;
}

/** Whether the hall's browser plays these tracks, for a file used as `category`; undefined when it does. */
export function playbackProblem(t: MediaTracks, category: 'video' | 'audio'): PlaybackProblem | undefined {
  const refuse = (zh: string, en: string): PlaybackProblem => ({ code: 'asset.unplayable', severity: 'error', message: { 'zh-Hans': zh, en } });
  if (t.container === 'matroska')
    return refuse(
      '这是 MKV（Matroska）文件，只是扩展名写成了 .webm，展厅浏览器不一定能播放。请用视频转换软件导出为 H.264（MP4）或 VP9（WebM）。',
      'This is an MKV (Matroska) file with a .webm name; the hall\'s browser may not play it. Export it as H.264 (MP4) or VP9 (WebM) with a video converter.',
    );
  if ([...t.video, ...t.audio].includes('encrypted'))
    return refuse('该文件有版权加密（DRM），展厅浏览器无法播放。请使用未加密的原片。', 'The file is encrypted (DRM); the hall\'s browser cannot play it. Use an unencrypted master.');
  const badVideo = t.video.find((c) => !PLAYS.has(c));
  if (badVideo)
    return refuse(
      `该视频为 ${name(badVideo, 'zh')} 编码，展厅浏览器无法播放，请转为 H.264（MP4）。`,
      `This video is ${name(badVideo, 'en')}, which the hall's browser cannot play. Convert it to H.264 (MP4).`,
    );
  const badAudio = t.audio.find((c) => !PLAYS.has(c) && !(t.container === 'wav' && PLAYS_IN_WAV.has(c)));
  if (badAudio) {
    const target = category === 'video' || t.video.length > 0 ? 'AAC（视频仍用 H.264 MP4）' : 'MP3 或 AAC（M4A）';
    const targetEn = category === 'video' || t.video.length > 0 ? 'AAC (keep the video H.264 MP4)' : 'MP3 or AAC (M4A)';
    return refuse(
      `该文件的声音为 ${name(badAudio, 'zh')} 编码，展厅浏览器播放不出声音，请把声音转为 ${target}。`,
      `The sound in this file is ${name(badAudio, 'en')}, which the hall's browser cannot play. Convert the sound to ${targetEn}.`,
    );
  }
  if (category === 'video' && t.video.length === 0 && t.audio.length > 0)
    return {
      code: 'asset.no-picture',
      severity: 'warning',
      message: {
        'zh-Hans': '这个视频文件里只有声音，没有画面，屏幕上会是黑的。若只想放声音，请把它放在音频的位置。',
        en: 'This video file has sound but no picture; the screen would stay black. If only sound is meant, use it where audio goes.',
      },
    };
  return undefined;
}
