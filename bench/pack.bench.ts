// Packs: validating a generated pack of 10,000 assets, and hashing 1 GiB against sha256sum.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SVG, wav, type PackFiles } from '../core/pack/fixtures/bad-packs';
import { checkPackDir } from '../main/host/packs/load';
import { hashFile } from '../main/host/packs/lock-files';
import { writePack } from '../main/host/packs/testing';
import type { Bench, BenchResult } from './types';

const ASSETS = 10_000;

async function validateBig(dir: string): Promise<BenchResult[]> {
  const files: PackFiles = {};
  const modules: string[] = [];
  const clip = wav(0.05);
  for (let m = 0; m < ASSETS / 100; m++) {
    const items: string[] = [];
    for (let i = 0; i < 100; i++) {
      const n = m * 100 + i;
      const audio = n % 2 === 1;
      const src = audio ? `media/${m}/a${n}.wav` : `media/${m}/p${n}.svg`;
      files[src] = audio ? clip : SVG;
      items.push(`      - { id: i${n}, kind: ${audio ? 'audio' : 'image'}, title: 展项${n}, caption: 第${n}号展品的说明文字。, src: ${src} }`);
    }
    modules.push(`  - id: m${m}\n    title: 展区${m}\n    items:\n${items.join('\n')}`);
  }
  files['pack.yaml'] = 'id: bench\nversion: 1.0.0\nformatVersion: 1\nminAppVersion: 0.1.0\ntitle: 基准\ncontents:\n  exhibits: exhibits.yaml\n';
  files['exhibits.yaml'] = `modules:\n${modules.join('\n')}\n`;
  await writePack(dir, files);
  const t0 = performance.now();
  const { findings } = await checkPackDir(dir);
  const ms = performance.now() - t0;
  if (findings.length) throw new Error(`bench pack should be valid: ${findings[0]!.message.en}`);
  return [{ name: `validate pack of ${ASSETS} assets (read + check)`, value: ms / 1000, unit: 's', target: '< 2 s' }];
}

async function hashGiB(dir: string): Promise<BenchResult[]> {
  const file = join(dir, 'one-gib.bin');
  const chunk = randomBytes(16 * 1024 * 1024);
  const out = createWriteStream(file);
  for (let i = 0; i < 64; i++) if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  // Warm the page cache once so both hashers read from memory.
  execFileSync('sha256sum', [file]);
  const t0 = performance.now();
  const ours = await hashFile(file);
  const oursS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const theirs = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];
  const refS = (performance.now() - t1) / 1000;
  if (ours !== theirs) throw new Error('hash mismatch with sha256sum');
  return [
    { name: 'sha256 of 1 GiB (streamed, node:crypto)', value: oursS, unit: 's', target: '≤ 1.5× sha256sum', ratio: { value: oursS / refS, against: `sha256sum (${refS.toFixed(2)} s)` } },
    { name: 'sha256 throughput', value: 1024 / oursS, unit: 'MiB/s' },
  ];
}

export const run: Bench = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'redhall-bench-pack-'));
  try {
    return [...(await validateBig(join(dir, 'pack'))), ...(await hashGiB(dir))];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
