import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basePack, SVG, type PackFiles } from '../../../core/pack/fixtures/bad-packs';
import { esds, jpegHeader, mp4 } from '../../../core/pack/fixtures/media';
import { jpegProblem, pngProblem } from './decode';
import { checkPackDir } from './load';
import { writePack } from './testing';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A w×h RGB PNG, every row filter 0. */
function png(w: number, h: number, rows = h): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc(rows * (1 + w * 3), 0x7f);
  for (let r = 0; r < rows; r++) raw[r * (1 + w * 3)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('whole-image decoding', () => {
  it('accepts a sound PNG and refuses bad CRCs, short pixel data and truncation', () => {
    expect(pngProblem(png(4, 3))).toBeUndefined();
    const flipped = png(4, 3);
    flipped[40] = flipped[40]! ^ 0xff;
    expect(pngProblem(flipped)).toMatch(/CRC/);
    expect(pngProblem(png(4, 3, 2))).toMatch(/header promises/);
    expect(pngProblem(png(4, 3).subarray(0, 40))).toBeDefined();
  });
  it('walks JPEG segments to the scan', () => {
    const seg = (m: number, body: number[]) => [0xff, m, 0, body.length + 2, ...body];
    const good = Buffer.from([0xff, 0xd8, ...seg(0xe0, [1, 2, 3]), ...seg(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]), ...seg(0xda, [1, 1, 0, 0, 0x3f, 0]), 0x12, 0xff, 0xd9]);
    expect(jpegProblem(good)).toBeUndefined();
    expect(jpegProblem(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 40, 1]))).toMatch(/past the end/);
    expect(jpegProblem(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0x00, 0x00, 0x00]))).toMatch(/no marker/);
  });
});

describe('assets checked in full when a pack folder is read', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'redhall-assets-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function check(name: string, extra: PackFiles, edit: (exhibits: string) => string) {
    const files = basePack();
    files['exhibits.yaml'] = edit(files['exhibits.yaml'] as string);
    Object.assign(files, extra);
    await writePack(join(dir, name), files);
    return (await checkPackDir(join(dir, name))).findings;
  }

  it('refuses a script 100 KB into an SVG, placed on its line', async () => {
    const svg = SVG.replace('<rect', `${'<rect width="1" height="1"/>\n'.repeat(4000)}<rect onload="x()" width="1" height="1"/><rect`);
    const f = await check('svg', { 'media/flag.svg': svg }, (e) => e);
    expect(f.map((x) => [x.code, x.file, x.line, x.column])).toEqual([['asset.svg-script', 'media/flag.svg', 4001, 7]]);
  });

  it('refuses a JPEG too big to decode whose frame header sits past 64 KiB of EXIF', async () => {
    const f = await check('jpeg', { 'media/huge.jpg': jpegHeader(20_000, 12_000, 100_000) }, (e) => e.replace('media/flag.svg', 'media/huge.jpg'));
    expect(f.map((x) => [x.code, x.file])).toEqual([['asset.unused', 'media/flag.svg'], ['asset.too-many-pixels', 'media/huge.jpg']]);
    expect(f[1]!.message['zh-Hans']).toContain('20000×12000 像素');
  });

  it('refuses an HEVC film and accepts the same film in H.264', async () => {
    const film = (entry: string) => mp4([{ handler: 'vide', entry }, { handler: 'soun', entry: 'mp4a', children: [esds(0x40)] }], { moovLast: true, mdatBytes: 100_000 });
    const asVideo = (e: string) => e.replace('kind: image', 'kind: video').replace('media/flag.svg', 'media/film.mp4');
    const hevc = await check('hevc', { 'media/film.mp4': film('hev1') }, asVideo);
    expect(hevc.map((x) => [x.code, x.severity, x.file])).toEqual([['asset.unused', 'info', 'media/flag.svg'], ['asset.unplayable', 'error', 'media/film.mp4']]);
    expect(hevc[1]!.message['zh-Hans']).toBe('该视频为 H.265/HEVC 编码，展厅浏览器无法播放，请转为 H.264（MP4）。');
    expect((await check('h264', { 'media/film.mp4': film('avc1') }, asVideo)).map((x) => x.code)).toEqual(['asset.unused']);
  });
});
