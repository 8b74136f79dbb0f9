import { mkdtemp, readFile, rm, symlink, writeFile, mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_PACKS, basePack, SVG } from '../../../core/pack/fixtures/bad-packs';
import { PackStore, type ActivatedEvent } from './store';
import { buildPack } from './build';
import { installPack } from './install';
import { verifyLock } from './lock-files';
import { PackRefused } from './refused';
import { decodeEntryName, unicodePathExtra } from './zip-names';
import { crc32 } from 'node:zlib';
import { registerPackRoutes, parseRange } from './serve';
import { loadActivePack } from './load';
import { followActivePacks } from './live';
import { packEntries, rawZip, writePack, type RawEntry } from './testing';

let tmp: string;
let store: PackStore;
let app: FastifyInstance;
const events: ActivatedEvent[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'redhall-packs-'));
  store = await new PackStore(join(tmp, 'data')).open();
  store.on('activated', (e) => events.push(e));
  app = Fastify();
  registerPackRoutes(app, store);
  await app.ready();
  await writePack(join(tmp, 'v1'), basePack('1.0.0'));
  await installPack(store, join(tmp, 'v1'));
});
afterAll(async () => {
  await app.close();
  await rm(tmp, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

async function expectV1Served() {
  const r = await get('/packs/test-pack/pack.yaml');
  expect(r.statusCode).toBe(200);
  expect(r.body).toContain('version: 1.0.0');
}

describe('install, activate, rollback', () => {
  it('installs a folder, writes a lock, activates and announces it', async () => {
    expect((await store.active('test-pack'))?.version).toBe('1.0.0');
    expect(events[0]).toMatchObject({ id: 'test-pack', version: '1.0.0' });
    expect(await verifyLock(store.versionDir('test-pack', '1.0.0'))).toEqual([]);
    await expectV1Served();
  });

  it('installs a built .rhpack as v2, serves it, rolls back to v1', async () => {
    await writePack(join(tmp, 'v2'), basePack('2.0.0'));
    const out = join(tmp, 'v2.rhpack');
    const built = await buildPack(join(tmp, 'v2'), out);
    expect(built.lock?.files.map((f) => f.path)).toEqual(['exhibits.yaml', 'media/flag.svg', 'media/oath.wav', 'oath.yaml', 'pack.yaml']);
    const phases = new Set<string>();
    await installPack(store, out, { onProgress: (p) => phases.add(p.phase) });
    expect([...phases]).toEqual(['extract', 'verify', 'validate', 'read', 'activate']);
    expect((await get('/packs/test-pack/pack.yaml')).body).toContain('version: 2.0.0');
    expect(events.at(-1)).toMatchObject({ version: '2.0.0', previous: '1.0.0' });
    await store.rollback('test-pack');
    await expectV1Served();
    expect(events.at(-1)).toMatchObject({ version: '1.0.0', previous: '2.0.0' });
    await store.activate('test-pack', '2.0.0');
    await store.activate('test-pack', '1.0.0');
    expect((await store.list())[0]).toEqual({ id: 'test-pack', active: '1.0.0', versions: ['1.0.0', '2.0.0'] });
    expect(await readdir(store.stagingDir)).toEqual([]);
  });

  it('refuses a damaged copy whose files do not match the lock', async () => {
    await writePack(join(tmp, 'v3'), basePack('3.0.0'));
    const out = join(tmp, 'v3.rhpack');
    await buildPack(join(tmp, 'v3'), out);
    const buf = await readFile(out);
    // Flip a byte inside the stored WAV's samples (stored, not deflated, so the zip still opens).
    const at = buf.indexOf(Buffer.from('WAVEfmt '));
    expect(at).toBeGreaterThan(0);
    buf[at + 200] = 0x7f;
    await writeFile(out, buf);
    await expect(installPack(store, out)).rejects.toSatisfy((e: unknown) => e instanceof PackRefused && e.findings.some((f) => f.code === 'lock.mismatch'));
    await expectV1Served();
  });

  it('notices activations made by another process (the CLI) and announces them', async () => {
    const other = await new PackStore(join(tmp, 'data')).open();
    const watcher = await new PackStore(join(tmp, 'data')).open();
    const seen: ActivatedEvent[] = [];
    watcher.on('activated', (e) => seen.push(e));
    watcher.watch(20);
    try {
      await other.activate('test-pack', '2.0.0');
      await expect.poll(() => seen.at(-1)?.version, { timeout: 2000 }).toBe('2.0.0');
      await other.activate('test-pack', '1.0.0');
      await expect.poll(() => seen.at(-1)?.version, { timeout: 2000 }).toBe('1.0.0');
    } finally {
      watcher.close();
    }
    await expectV1Served();
  });

  it('hands the newly activated pack to the host without a restart', async () => {
    const got: string[] = [];
    const stop = followActivePacks(store, (pack) => got.push(pack.manifest.version));
    try {
      await store.activate('test-pack', '2.0.0');
      await expect.poll(() => got.at(-1), { timeout: 3000 }).toBe('2.0.0');
      await store.rollback('test-pack');
      await expect.poll(() => got.at(-1), { timeout: 3000 }).toBe('1.0.0');
    } finally {
      stop();
    }
    await expectV1Served();
  });

  it('loads a pack with zh-Hant derived', async () => {
    const p = (await loadActivePack(store, 'test-pack'))!;
    expect(p.dir).toBe(store.versionDir('test-pack', '1.0.0'));
    expect(p.assets['media/oath.wav']).toMatchObject({ format: 'wav', size: 32044 });
    expect(await loadActivePack(store, 'no-such-pack')).toBeUndefined();
    expect(p.manifest.title).toEqual({ 'zh-Hans': '测试展厅', 'zh-Hant': '測試展廳', en: 'Test Hall' });
    expect(p.content.oath?.lines).toHaveLength(2);
  });
});

describe('the bad-pack corpus through the installer', () => {
  for (const bad of BAD_PACKS) {
    it(`refuses ${bad.name} with ${bad.code} and keeps v1 live`, async () => {
      const files = basePack('9.0.0');
      bad.change(files);
      const dir = join(tmp, `bad-${bad.name.replace(/\W+/g, '-')}`);
      await writePack(dir, files);
      const err = await installPack(store, dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PackRefused);
      expect((err as PackRefused).findings.map((f) => f.code)).toContain(bad.code);
      expect(await store.has('test-pack', '9.0.0')).toBe(false);
      await expectV1Served();
    });
  }
});

describe('text files in other encodings', () => {
  it('refuses a YAML saved as GBK with a finding that says so, and non-UTF-8 junk with its line', async () => {
    const files = basePack('6.0.0');
    const dir = join(tmp, 'gbk-yaml');
    await writePack(dir, files);
    await writeFile(join(dir, 'exhibits.yaml'), iconv.encode(files['exhibits.yaml'] as string, 'gbk'));
    const err = (await installPack(store, dir).catch((e: unknown) => e)) as PackRefused;
    expect(err.findings.find((f) => f.code === 'text.encoding')).toMatchObject({ file: 'exhibits.yaml', line: 3 });
    expect(err.findings.find((f) => f.code === 'text.encoding')!.message.en).toContain('GBK');
    await writeFile(join(dir, 'exhibits.yaml'), Buffer.concat([Buffer.from('modules:\n  - id: m\n'), Buffer.from([0xff, 0xfe, 0x80])]));
    const err2 = (await installPack(store, dir).catch((e: unknown) => e)) as PackRefused;
    expect(err2.findings.find((f) => f.code === 'text.encoding')).toMatchObject({ file: 'exhibits.yaml', line: 3 });
    await expectV1Served();
  });
});

describe('images that do not decode', () => {
  it('refuses a PNG whose pixel data was damaged in copying, and a truncated SVG', async () => {
    const { deflateSync, crc32 } = await import('node:zlib');
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const out = Buffer.alloc(12 + data.length);
      out.writeUInt32BE(data.length, 0);
      body.copy(out, 4);
      out.writeUInt32BE(crc32(body), 8 + data.length);
      return out;
    };
    const ihdr = Buffer.from([0, 0, 0, 4, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
    const pngFile = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(2 * 13))), chunk('IEND', Buffer.alloc(0))]);
    const files = basePack('5.0.0');
    files['exhibits.yaml'] = (files['exhibits.yaml'] as string).replace('media/flag.svg', 'media/photo.png');
    files['media/photo.png'] = pngFile;
    const dir = join(tmp, 'png-ok');
    await writePack(dir, files);
    const { checkPackDir } = await import('./load');
    expect((await checkPackDir(dir)).findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const damaged = Buffer.from(pngFile);
    damaged[45] = damaged[45]! ^ 0x55;
    await writeFile(join(dir, 'media', 'photo.png'), damaged);
    const err = (await installPack(store, dir).catch((e: unknown) => e)) as PackRefused;
    expect(err.findings.map((f) => `${f.code}:${f.file}`)).toContain('asset.undecodable:media/photo.png');
    await writeFile(join(dir, 'media', 'photo.png'), pngFile);
    await writeFile(join(dir, 'media', 'flag.svg'), SVG.slice(0, 60));
    files['exhibits.yaml'] = (files['exhibits.yaml'] as string) + '      - { id: i3, kind: image, title: 旗, src: media/flag.svg }\n';
    await writeFile(join(dir, 'exhibits.yaml'), files['exhibits.yaml'] as string);
    const err2 = (await installPack(store, dir).catch((e: unknown) => e)) as PackRefused;
    expect(err2.findings.map((f) => `${f.code}:${f.file}`)).toContain('asset.undecodable:media/flag.svg');
    await expectV1Served();
  });
});

describe('hostile archives', () => {
  const good = () => packEntries(basePack('8.0.0'));
  const cases: { name: string; code: string; entries: () => RawEntry[] }[] = [
    { name: 'parent path', code: 'zip.unsafe-path', entries: () => [...good(), { name: '../evil.txt', data: Buffer.from('x') }] },
    { name: 'absolute path', code: 'zip.unsafe-path', entries: () => [...good(), { name: '/tmp/evil.txt', data: Buffer.from('x') }] },
    { name: 'backslash', code: 'zip.unsafe-path', entries: () => [...good(), { name: 'media\\..\\..\\evil.txt', data: Buffer.from('x') }] },
    { name: 'drive letter', code: 'zip.unsafe-path', entries: () => [...good(), { name: 'C:/evil.txt', data: Buffer.from('x') }] },
    { name: 'symlink', code: 'zip.symlink', entries: () => [...good(), { name: 'media/link.svg', data: Buffer.from('/etc/passwd'), mode: 0o120777 }] },
    { name: 'case collision', code: 'zip.name-collision', entries: () => [...good(), { name: 'Pack.yaml', data: Buffer.from('x') }] },
    { name: 'unicode collision', code: 'zip.name-collision', entries: () => [...good(), { name: 'media/caf\u00e9.svg', data: Buffer.from(SVG) }, { name: 'media/cafe\u0301.svg', data: Buffer.from(SVG) }] },
    { name: 'nested archive by name', code: 'zip.nested-archive', entries: () => [...good(), { name: 'media/more.zip', data: Buffer.from('PK\u0003\u0004') }] },
    { name: 'nested archive by bytes', code: 'zip.nested-archive', entries: () => [...good(), { name: 'media/more.png', data: rawZip(good()) }] },
    { name: 'zip bomb', code: 'zip.ratio', entries: () => [...good(), { name: 'media/zeros.txt', data: Buffer.alloc(64 * 1024 * 1024), deflate: true }] },
  ];
  for (const c of cases) {
    it(`refuses ${c.name} (${c.code}) and writes nothing outside staging`, async () => {
      const file = join(tmp, `${c.name.replace(/\W+/g, '-')}.rhpack`);
      await writeFile(file, rawZip(c.entries()));
      const err = await installPack(store, file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PackRefused);
      expect((err as PackRefused).findings.map((f) => f.code)).toContain(c.code);
      expect(await store.has('test-pack', '8.0.0')).toBe(false);
      expect(await readdir(store.stagingDir)).toEqual([]);
      await expect(readFile(join(tmp, 'evil.txt'))).rejects.toThrow();
      await expectV1Served();
    });
  }

  it('counts entries and bytes while streaming, against the caps', async () => {
    const file = join(tmp, 'caps.rhpack');
    await writeFile(file, rawZip(good()));
    const tooMany = await installPack(store, file, { caps: { maxEntries: 3, maxTotalBytes: 1e9, maxRatio: 200 } }).catch((e: unknown) => e);
    expect((tooMany as PackRefused).findings.map((f) => f.code)).toEqual(['zip.too-many-entries']);
    const tooBig = await installPack(store, file, { caps: { maxEntries: 100, maxTotalBytes: 10_000, maxRatio: 200 } }).catch((e: unknown) => e);
    expect((tooBig as PackRefused).findings.map((f) => f.code)).toEqual(['zip.too-large']);
    // A header that understates an entry's size is caught by yauzl's running count.
    const lying = rawZip(good());
    const cd = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(3, cd + 24);
    await writeFile(file, lying);
    const lie = await installPack(store, file).catch((e: unknown) => e);
    expect((lie as PackRefused).findings.map((f) => f.code)).toEqual(['zip.corrupt']);
    expect(await readdir(store.stagingDir)).toEqual([]);
    await expectV1Served();
  });

  it('installs a zip of the pack folder made on a Mac: top folder, __MACOSX and .DS_Store are fine', async () => {
    const entries: RawEntry[] = [
      ...packEntries(basePack('4.0.0')).map((e) => ({ ...e, name: `我的展厅/${String(e.name)}` })),
      { name: '__MACOSX/我的展厅/._pack.yaml', data: Buffer.from('junk') },
      { name: '我的展厅/.DS_Store', data: Buffer.from('junk') },
    ];
    const file = join(tmp, 'mac.rhpack');
    await writeFile(file, rawZip(entries));
    const r = await installPack(store, file, { activate: false });
    expect(r.version).toBe('4.0.0');
    expect((await readdir(store.versionDir('test-pack', '4.0.0'))).sort()).toEqual(['exhibits.yaml', 'media', 'oath.yaml', 'pack.lock.json', 'pack.yaml']);
    await expectV1Served();
  });

  it('decodes GBK names from Chinese Windows zips and installs them', async () => {
    const name = 'media/党旗.svg';
    expect(decodeEntryName(iconv.encode(name, 'gbk'), false)).toBe(name);
    const files = basePack('7.0.0');
    files['exhibits.yaml'] = (files['exhibits.yaml'] as string).replace('media/flag.svg', name);
    delete files['media/flag.svg'];
    const entries: RawEntry[] = [...packEntries(files), { name: iconv.encode(name, 'gbk'), data: Buffer.from(SVG), utf8: false }];
    const file = join(tmp, 'gbk.rhpack');
    await writeFile(file, rawZip(entries));
    await installPack(store, file, { activate: false });
    expect(await readFile(join(store.versionDir('test-pack', '7.0.0'), 'media', '党旗.svg'), 'utf8')).toBe(SVG);
    // Tools that write a code-page name plus the Info-ZIP Unicode Path field: the UTF-8 name wins while its CRC matches.
    const raw = Buffer.from('media/??.svg');
    const data = Buffer.concat([Buffer.from([1]), Buffer.alloc(4), Buffer.from(name)]);
    data.writeUInt32LE(crc32(raw), 1);
    expect(unicodePathExtra(raw, [{ id: 0x7075, data }])).toBe(name);
    expect(unicodePathExtra(Buffer.from('other.svg'), [{ id: 0x7075, data }])).toBeUndefined();
    await expectV1Served();
  });
});

describe('serving', () => {
  it('serves with MIME types, strong ETags and 304', async () => {
    const r = await get('/packs/test-pack/media/flag.svg');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/svg+xml');
    expect(r.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(r.body).toBe(SVG);
    const again = await get('/packs/test-pack/media/flag.svg', { 'if-none-match': String(r.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/packs/test-pack/media/oath.wav')).headers['content-type']).toBe('audio/wav');
  });

  it('answers Range requests with 206 and unsatisfiable ones with 416', async () => {
    const r = await get('/packs/test-pack/media/flag.svg', { range: 'bytes=1-4' });
    expect(r.statusCode).toBe(206);
    expect(r.body).toBe(SVG.slice(1, 5));
    expect(r.headers['content-range']).toBe(`bytes 1-4/${SVG.length}`);
    const tail = await get('/packs/test-pack/media/flag.svg', { range: 'bytes=-5' });
    expect(tail.body).toBe(SVG.slice(-5));
    const bad = await get('/packs/test-pack/media/flag.svg', { range: `bytes=${SVG.length + 10}-` });
    expect(bad.statusCode).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${SVG.length}`);
    expect(parseRange('bytes=0-0,5-6', 10)).toBeUndefined();
  });

  it('ignores an invalid Range header and sends the whole file (RFC 9110), 416 only for a valid one past the end', async () => {
    for (const range of ['bytes=5-2', 'bytes=-', 'bytes=', 'bytes=abc', 'items=0-3', 'bytes=0-1,3-4']) {
      const r = await get('/packs/test-pack/media/flag.svg', { range });
      expect([range, r.statusCode, r.body]).toEqual([range, 200, SVG]);
    }
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=3-99', 10)).toEqual({ start: 3, end: 9 });
  });

  it('serves Chinese and spaced file names from encoded URLs, with a locked-down CSP', async () => {
    await mkdir(join(store.versionDir('test-pack', '1.0.0'), '媒体'), { recursive: true });
    await writeFile(join(store.versionDir('test-pack', '1.0.0'), '媒体', '党旗 1.svg'), SVG);
    const r = await get(`/packs/test-pack/${encodeURIComponent('媒体')}/${encodeURIComponent('党旗 1.svg')}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe(SVG);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('answers HEAD with the headers and no body', async () => {
    const r = await app.inject({ method: 'HEAD', url: '/packs/test-pack/media/flag.svg' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-length']).toBe(String(SVG.length));
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.body).toBe('');
  });

  it('never leaves the pack folder', async () => {
    const secret = join(tmp, 'data', 'packs', 'secret.txt');
    await writeFile(secret, 'TOPSECRET-CONTENT');
    await symlink(secret, join(store.versionDir('test-pack', '1.0.0'), 'media', 'link.svg'));
    await mkdir(join(tmp, 'outside'), { recursive: true });
    for (const url of [
      '/packs/test-pack/../secret.txt', '/packs/test-pack/%2e%2e/secret.txt', '/packs/test-pack/%2E%2E%2Fsecret.txt',
      '/packs/test-pack/media/..%2f..%2fsecret.txt', '/packs/test-pack/media/link.svg', '/packs/test-pack/%5c..%5csecret.txt',
      '/packs/..%2ftest-pack/pack.yaml', '/packs/nope/pack.yaml', '/packs/test-pack/media',
    ]) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.body).not.toContain('TOPSECRET');
    }
  });
});
