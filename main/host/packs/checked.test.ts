import { appendFile, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basePack } from '../../../core/pack/fixtures/bad-packs';
import { checkedFile, jsonFaithful, readChecked, validatorStamp } from './checked';
import { installPack } from './install';
import { loadActivePack, loadPackDir } from './load';
import { PackStore } from './store';
import { writePack } from './testing';

const DEMO = resolve(import.meta.dirname, '../../../content/demo-hall');

let tmp: string;
let store: PackStore;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'redhall-checked-'));
  store = await new PackStore(join(tmp, 'data')).open();
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Puts a marker into a record's warnings: a load that returns it trusted the record instead of validating. */
async function mark(id: string, version: string): Promise<void> {
  const file = checkedFile(store, id, version);
  const record = JSON.parse(await readFile(file, 'utf8')) as { pack: { findings: unknown[] } };
  record.pack.findings.push({ code: 'test.marker', severity: 'info', file: 'pack.yaml', line: 1, column: 1, message: { 'zh-Hans': '标记', en: 'marker' } });
  await writeFile(file, JSON.stringify(record));
}
const marked = (p: { findings: Array<{ code: string }> } | undefined) => p?.findings.some((f) => f.code === 'test.marker') ?? false;

describe('validation records of installed packs', () => {
  it('names the validator it runs (from source here)', () => {
    expect(validatorStamp()).toMatch(/^\d+\.\d+\.\d+.*:source:\d+:\d+:/);
  });

  it('an install leaves a record that gives exactly what validating the version gives', async () => {
    await installPack(store, DEMO);
    const active = (await store.active('demo-hall'))!;
    expect(await stat(checkedFile(store, 'demo-hall', active.version))).toBeTruthy();
    const fromRecord = await readChecked(store, 'demo-hall', active.version);
    expect(fromRecord).toBeDefined();
    const fresh = await loadPackDir(active.dir);
    expect({ dir: active.dir, ...fromRecord }).toEqual(fresh);
    expect(jsonFaithful({ ...fresh, dir: undefined })).toBe(true);
  }, 120_000);

  it('is trusted while the files are untouched, and a changed file is validated again in full', async () => {
    await writePack(join(tmp, 'p1'), basePack('1.0.0'));
    await installPack(store, join(tmp, 'p1'));
    await mark('test-pack', '1.0.0');
    expect(marked(await loadActivePack(store, 'test-pack'))).toBe(true);

    // The same size and the same mtime as before: the change time still tells.
    const file = join(store.versionDir('test-pack', '1.0.0'), 'exhibits.yaml');
    const before = await stat(file);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('中共一大', '中共二大'));
    await utimes(file, before.atime, before.mtime);
    expect((await stat(file)).size).toBe(before.size);
    const again = await loadActivePack(store, 'test-pack');
    expect(marked(again)).toBe(false);
    expect(JSON.stringify(again?.content.exhibits)).toContain('中共二大');
    // …and that validation wrote a new record, trusted from then on.
    await mark('test-pack', '1.0.0');
    expect(marked(await loadActivePack(store, 'test-pack'))).toBe(true);
  });

  it('never stands in for the findings of a pack broken after it was installed', async () => {
    await writePack(join(tmp, 'p2'), basePack('2.0.0'));
    await installPack(store, join(tmp, 'p2'));
    await mark('test-pack', '2.0.0');
    await appendFile(join(store.versionDir('test-pack', '2.0.0'), 'exhibits.yaml'), '  - id: m1\n    title: [broken\n');
    await expect(loadActivePack(store, 'test-pack')).rejects.toThrow(/Invalid pack/);
  });

  it('a file added, another validator, or a damaged record means validating again', async () => {
    await writePack(join(tmp, 'p3'), basePack('3.0.0'));
    await installPack(store, join(tmp, 'p3'));
    const dir = store.versionDir('test-pack', '3.0.0');

    await mark('test-pack', '3.0.0');
    await writeFile(join(dir, 'media', 'flag-2.svg'), await readFile(join(dir, 'media', 'flag.svg')));
    expect(marked(await loadActivePack(store, 'test-pack'))).toBe(false);
    await rm(join(dir, 'media', 'flag-2.svg'));
    expect(marked(await loadActivePack(store, 'test-pack'))).toBe(false);

    await mark('test-pack', '3.0.0');
    expect(marked(await loadActivePack(store, 'test-pack', { stamp: 'another validator' }))).toBe(false);
    expect(marked(await loadActivePack(store, 'test-pack', { stamp: undefined }))).toBe(false);

    await writeFile(checkedFile(store, 'test-pack', '3.0.0'), '{"format":"redhall.checked",');
    const p = await loadActivePack(store, 'test-pack');
    expect(p?.manifest.version).toBe('3.0.0');
    expect(await readChecked(store, 'test-pack', '3.0.0')).toBeDefined();
  });

  it('says which values JSON carries faithfully', () => {
    expect(jsonFaithful({ a: [1, 'x', null, { b: true }], c: undefined })).toBe(true);
    expect(jsonFaithful({ a: new Map() })).toBe(false);
    expect(jsonFaithful({ a: new Date(0) })).toBe(false);
    expect(jsonFaithful([1, undefined])).toBe(false);
    expect(jsonFaithful({ a: NaN })).toBe(false);
    // eslint-disable-next-line no-sparse-arrays
    expect(jsonFaithful([1, , 2])).toBe(false);
  });
});
