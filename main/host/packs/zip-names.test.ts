import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basePack, SVG, type PackFiles } from '../../../core/pack/fixtures/bad-packs';
import { png } from '../../../core/pack/fixtures/media';
import { installPack } from './install';
import { PackStore } from './store';
import { rawZip, type RawEntry } from './testing';
import { decideNames, type RawName } from './zip-names';

const gbk = (name: string): RawName => ({ raw: iconv.encode(name, 'gbk'), utf8Flag: false, extras: [] });
const utf8 = (name: string, flag = false): RawName => ({ raw: Buffer.from(name), utf8Flag: flag, extras: [] });

describe('zip names, decided per archive', () => {
  it('reads GBK names that are also valid UTF-8 as GBK when the pack refers to them', () => {
    // 学习 and 图片 in GBK are the UTF-8 sequences "ѧϰ" and "ͼƬ": entry by entry they came out as garbage.
    const names = ['学习/', '学习/pack.yaml', '学习/图片/', '学习/图片/展品.png'];
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(iconv.encode('学习/图片/展品.png', 'gbk'))).not.toThrow();
    const r = decideNames(names.map(gbk), ['src: 图片/展品.png']);
    expect(r).toEqual({ encoding: 'gbk', names });
  });

  it('reads such names as GBK when nothing refers to them but UTF-8 gives no Chinese at all', () => {
    expect(decideNames([gbk('展品.png'), gbk('学习.md')], ['id: x']).names).toEqual(['展品.png', '学习.md']);
  });

  it('keeps unflagged UTF-8 names (zips made on a Mac) as UTF-8', () => {
    expect(decideNames([utf8('红船.png'), utf8('pack.yaml')], ['src: 红船.png'])).toEqual({ encoding: 'utf-8', names: ['红船.png', 'pack.yaml'] });
    expect(decideNames([utf8('南湖会议.md')], []).names).toEqual(['南湖会议.md']);
  });

  it('decides GBK for all unflagged names once one of them is not UTF-8', () => {
    // 图片/ alone would pass as UTF-8; 红船 cannot, and one archive has one code page.
    expect(decideNames([gbk('图片/'), gbk('图片/红船.png')], []).names).toEqual(['图片/', '图片/红船.png']);
  });

  it('lets the UTF-8 flag and the Unicode Path field settle their own entries', () => {
    const raw = iconv.encode('图片.png', 'gbk');
    const data = Buffer.concat([Buffer.from([1]), Buffer.alloc(4), Buffer.from('图片.png')]);
    data.writeUInt32LE(crc32(raw), 1);
    const r = decideNames([utf8('红船.png', true), { raw, utf8Flag: false, extras: [{ id: 0x7075, data }] }, gbk('党史学习.svg')], []);
    expect(r.names).toEqual(['红船.png', '图片.png', '党史学习.svg']);
  });
});

describe('installing zips made on Chinese Windows', () => {
  let tmp: string;
  let store: PackStore;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'redhall-zipnames-'));
    store = await new PackStore(join(tmp, 'data')).open();
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  /** The base pack with Chinese-named media, referred to from the exhibits. */
  function chinesePack(version: string, image: string, svg: string): PackFiles {
    const files = basePack(version);
    files['exhibits.yaml'] = (files['exhibits.yaml'] as string)
      .replace('media/flag.svg', svg)
      .replace('    items:', `    cover: ${image}\n    items:`);
    delete files['media/flag.svg'];
    files[image] = png(8, 6);
    files[svg] = SVG;
    files['南湖会议.md'] = '# 南湖会议\n\n1921年8月初，大会在嘉兴南湖的一条游船上闭幕。\n';
    return files;
  }

  /** Entries as Windows' "Send to → Compressed folder" writes them: GBK names, no UTF-8 flag, folder entries, DOS attributes. */
  function windowsZip(files: PackFiles, top: string | undefined): Buffer {
    const prefix = top ? `${top}/` : '';
    const folders = new Set<string>(top ? [prefix] : []);
    for (const p of Object.keys(files)) {
      const parts = p.split('/').slice(0, -1);
      parts.forEach((_, i) => folders.add(prefix + parts.slice(0, i + 1).join('/') + '/'));
    }
    const entries: RawEntry[] = [
      ...[...folders].map((f): RawEntry => ({ name: iconv.encode(f, 'gbk'), data: Buffer.alloc(0), dos: true })),
      ...Object.entries(files).map(([p, v]): RawEntry => ({ name: iconv.encode(prefix + p, 'gbk'), data: Buffer.from(v), deflate: true, dos: true })),
    ];
    return rawZip(entries);
  }

  for (const [label, top] of [['inside a top folder', '南湖'], ['without a top folder', undefined]] as const) {
    it(`installs 红船.png, 南湖会议.md and 党史学习.svg ${label} with their names intact`, async () => {
      const version = top ? '1.0.0' : '1.0.1';
      const file = join(tmp, `${version}.zip`);
      await writeFile(file, windowsZip(chinesePack(version, '媒体/红船.png', '媒体/党史学习.svg'), top));
      const r = await installPack(store, file, { activate: false });
      expect(r.findings.filter((f) => f.code.startsWith('ref.'))).toEqual([]);
      const dir = store.versionDir('test-pack', version);
      expect((await readdir(join(dir, '媒体'))).sort()).toEqual(['党史学习.svg', '红船.png']);
      expect(await readFile(join(dir, '南湖会议.md'), 'utf8')).toContain('嘉兴南湖');
    });
  }

  it('installs a zip whose every GBK name is also valid UTF-8 (学习/图片/展品.png)', async () => {
    const file = join(tmp, 'utf8-lookalike.zip');
    const files = chinesePack('1.0.2', '图片/展品.png', '图片/学习.svg');
    delete files['南湖会议.md'];
    await writeFile(file, windowsZip(files, '学习'));
    const r = await installPack(store, file, { activate: false });
    expect(r.findings.filter((f) => f.code.startsWith('ref.'))).toEqual([]);
    expect((await readdir(join(store.versionDir('test-pack', '1.0.2'), '图片'))).sort()).toEqual(['学习.svg', '展品.png']);
  });
});
