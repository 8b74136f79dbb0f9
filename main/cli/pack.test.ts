import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basePack } from '../../core/pack/fixtures/bad-packs';
import { writePack } from '../host/packs/testing';
import { redhall } from './testing';

let tmp: string;
const cli = (...args: string[]) => redhall(['pack', ...args]);

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'redhall-cli-'));
  await writePack(join(tmp, 'v1'), basePack('1.0.0'));
  await writePack(join(tmp, 'v2'), basePack('2.0.0'));
  const bad = basePack('3.0.0');
  bad['exhibits.yaml'] = (bad['exhibits.yaml'] as string).replace('media/flag.svg', 'media/nope.svg').replace('召开。', '召开,,');
  await writePack(join(tmp, 'bad'), bad);
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('redhall pack', () => {
  it('validate: 0 valid, 1 invalid with placed JSON findings, 2 usage', () => {
    expect(cli('validate', join(tmp, 'v1')).code).toBe(0);
    const bad = cli('validate', join(tmp, 'bad'), '--json');
    expect(bad.code).toBe(1);
    const r = JSON.parse(bad.out) as { ok: boolean; errors: { code: string; severity: string; file: string; line: number; column: number; message: { 'zh-Hans': string; en: string } }[] };
    expect(r.ok).toBe(false);
    expect(r.errors).toContainEqual(expect.objectContaining({ code: 'ref.missing-file', severity: 'error', file: 'exhibits.yaml', line: 12, column: 14 }));
    expect(r.errors.find((e) => e.code === 'lint.punctuation')?.severity).toBe('warning');
    expect(cli('validate', join(tmp, 'missing')).code).toBe(2);
    expect(cli('validate').code).toBe(2);
    const lint = JSON.parse(cli('lint', join(tmp, 'bad'), '--json').out) as { errors: { code: string }[] };
    expect(lint.errors.map((e) => e.code)).toEqual(['lint.punctuation']);
  });

  // Runs the CLI several times as child processes: slow on a busy shared machine, so a longer limit.
  it('build, install, list, activate, rollback', { timeout: 90_000 }, () => {
    const data = join(tmp, 'data');
    const file = join(tmp, 'v2.rhpack');
    expect(cli('build', join(tmp, 'v2'), '-o', file, '--json').code).toBe(0);
    expect(JSON.parse(cli('validate', file, '--json').out)).toEqual({ ok: true, errors: [] });
    expect(cli('install', join(tmp, 'v1'), '--data', data).code).toBe(0);
    const inst = cli('install', file, '--data', data, '--json');
    expect(inst.code).toBe(0);
    expect(inst.err).toMatch(/^progress extract /m);
    expect(JSON.parse(inst.out)).toMatchObject({ ok: true, id: 'test-pack', version: '2.0.0', activated: true });
    expect(JSON.parse(cli('list', '--data', data, '--json').out)).toEqual({ ok: true, packs: [{ id: 'test-pack', active: '2.0.0', versions: ['1.0.0', '2.0.0'] }] });
    expect(JSON.parse(cli('rollback', 'test-pack', '--data', data, '--json').out)).toMatchObject({ ok: true, version: '1.0.0', previous: '2.0.0' });
    expect(JSON.parse(cli('activate', 'test-pack@2.0.0', '--data', data, '--json').out)).toMatchObject({ ok: true, version: '2.0.0' });
    expect(cli('activate', 'test-pack@9.9.9', '--data', data).code).toBe(1);
    expect(cli('activate', 'nonsense', '--data', data).code).toBe(2);
    const refused = cli('install', join(tmp, 'bad'), '--data', data, '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out).errors.map((e: { code: string }) => e.code)).toContain('ref.missing-file');
  });
});
