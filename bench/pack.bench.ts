// Packs: `pack validate` of a generated pack of 10,000 assets, and hashing 1 GiB against sha256sum.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SVG, wav, type PackFiles } from '../core/pack/fixtures/bad-packs';
import { checkTarget } from '../main/cli/pack';
import { report } from '../core/findings';
import { hashFile } from '../main/host/packs/lock-files';
import { writePack } from '../main/host/packs/testing';
import type { Bench, BenchResult } from './types';

const ASSETS = 10_000;

/** A pack of 10,000 small assets (pictures and sound clips), each an exhibit item. */
async function writeBigPack(dir: string): Promise<void> {
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
}

/** `redhall pack validate <folder>` on that pack, through the CLI's own function (read, check, decode), the first run in this process as a curator's is. */
async function validateBig(dir: string): Promise<BenchResult[]> {
  await writeBigPack(dir);
  const out: BenchResult[] = [{ name: 'pack: load average (1 min) before: timings are inflated by other processes', value: loadavg()[0] as number, unit: '' }];
  for (const run of ['first run in this process (JIT cold, as a CLI run)', 'again (warm)']) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const findings = await checkTarget(dir, false, true);
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    if (!report(findings).ok || findings.length > 0) throw new Error(`bench pack should be valid: ${findings[0]?.message.en}`);
    out.push({ name: `pack validate, ${ASSETS} assets: ${run}, wall clock`, value: s, unit: 's', ...(run.startsWith('first') ? { target: '< 2 s' } : {}) });
    out.push({ name: `pack validate, ${ASSETS} assets: ${run}, CPU time of the process`, value: (c.user + c.system) / 1e6, unit: 's' });
  }
  return out;
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
    // REDHALL_BENCH_QUICK=1 leaves out hashing 1 GiB (heavy on a shared machine).
    return [...(await validateBig(join(dir, 'pack'))), ...(process.env.REDHALL_BENCH_QUICK === '1' ? [] : await hashGiB(dir))];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
