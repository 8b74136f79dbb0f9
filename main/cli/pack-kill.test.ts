import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basePack, wav } from '../../core/pack/fixtures/bad-packs';
import { PackStore } from '../host/packs/store';
import { buildPack } from '../host/packs/build';
import { installPack } from '../host/packs/install';
import { verifyLock } from '../host/packs/lock-files';
import { writePack } from '../host/packs/testing';
import { cliArgs, REPO } from './testing';

// Kill the installer at many moments; the pointer must always name a complete version.
let tmp: string;
let rhpack: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'redhall-kill-'));
  const files = basePack('2.0.0');
  // Many media files so that the install takes long enough to be killed in every phase.
  const items: string[] = [];
  for (let i = 0; i < 300; i++) {
    files[`media/s${i}.wav`] = wav(2);
    items.push(`      - { id: s${i}, kind: audio, title: 录音${i}, src: media/s${i}.wav }`);
  }
  files['exhibits.yaml'] = (files['exhibits.yaml'] as string) + items.join('\n') + '\n';
  await writePack(join(tmp, 'v2'), files);
  rhpack = join(tmp, 'v2.rhpack');
  const r = await buildPack(join(tmp, 'v2'), rhpack);
  expect(r.lock, JSON.stringify(r.findings.slice(0, 3))).toBeDefined();
  await writePack(join(tmp, 'v1'), basePack('1.0.0'));
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function runInstall(data: string, kill: { afterLines?: number; afterMs?: number }): Promise<{ killed: boolean; lines: number; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, cliArgs('pack', 'install', rhpack, '--data', data), { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let killed = false;
    const kill9 = () => {
      if (!killed && child.exitCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      lines += d.split('\n').filter((l) => l.startsWith('progress ')).length;
      if (kill.afterLines !== undefined && lines >= kill.afterLines) kill9();
    });
    child.stdout.resume();
    const timer = kill.afterMs !== undefined ? setTimeout(kill9, kill.afterMs) : undefined;
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ killed, lines, code });
    });
  });
}

/** Installs v1 in a fresh data folder, then runs the CLI install of v2 with the kill plan. */
async function runOnce(data: string, plan: { afterLines?: number; afterMs?: number }) {
  const store = await new PackStore(data).open();
  await installPack(store, join(tmp, 'v1'));
  const before = (await readdir(tmp)).sort();
  const r = await runInstall(data, plan);
  const after = (await readdir(tmp)).sort();
  expect(after, 'nothing written next to the data folder').toEqual(before);
  return { r, store };
}

describe('killing the installer', () => {
  it('leaves the old or the new version active, complete, and nothing outside the data folder', async () => {
    // One full run first, to learn how many progress lines an install prints; then kill at
    // fractions of that (every phase) and right at the end (validate, rename, pointer), and after fixed delays.
    const probe = (await runOnce(join(tmp, 'data-probe'), {})).r;
    expect(probe.code).toBe(0);
    const n = probe.lines;
    expect(n).toBeGreaterThan(50);
    const plans: { afterLines?: number; afterMs?: number }[] = [
      ...[0.01, 0.2, 0.4, 0.6, 0.8].map((f) => ({ afterLines: Math.max(1, Math.floor(n * f)) })),
      ...[4, 3, 2, 1].map((k) => ({ afterLines: n - k })),
      { afterMs: 300 }, { afterMs: 1200 }, { afterMs: 2500 },
    ];
    const outcomes: string[] = [`finished@${n}→2.0.0`];
    for (const [i, plan] of plans.entries()) {
      const data = join(tmp, `data-${i}`);
      const { r, store } = await runOnce(data, plan);

      const ptr = JSON.parse(await readFile(join(data, 'packs', 'test-pack', 'active.json'), 'utf8')) as { version: string };
      expect(['1.0.0', '2.0.0']).toContain(ptr.version);
      expect(await verifyLock(store.versionDir('test-pack', ptr.version)), `active ${ptr.version} matches its lock`).toEqual([]);
      // Every version folder present is complete (it arrived by one rename).
      for (const v of await store.versions('test-pack')) expect(await verifyLock(store.versionDir('test-pack', v))).toEqual([]);
      // Reopening the store clears what the killed job left in staging.
      await new PackStore(data).open();
      expect(await readdir(join(data, 'packs', '.staging'))).toEqual([]);
      if (!r.killed) expect(r.code).toBe(0);
      outcomes.push(`${r.killed ? 'killed' : 'finished'}@${r.lines}→${ptr.version}`);
    }
    // The plans must reach both outcomes, or the test proves nothing.
    expect(outcomes.some((o) => o.endsWith('1.0.0') && o.startsWith('killed'))).toBe(true);
    expect(outcomes.some((o) => o.endsWith('2.0.0'))).toBe(true);
    console.log(outcomes.join('  '));
  }, 240_000);
});
