// Shows on real (Xorg dummy) monitors: how far apart three walls present the same cue, and how
// far apart two walls' copies of the same film drift (issue 15's targets).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHall } from '../main/hall';
import { ChromiumShell, findChromium } from '../main/shell/chromium';
import { startXorg, xorgAvailable } from '../e2e/xorg';
import { ROOT } from '../e2e/hall-harness';
import { waitUntil } from '../e2e/wait';
import { percentile } from '../core/show/drift';
import type { BenchResult } from './types';

const CUES = 100;
const DRIFT_SECONDS = 60;

export async function run(): Promise<BenchResult[]> {
  const chromium = findChromium();
  if (!chromium || !xorgAvailable()) {
    console.log('shows bench skipped: needs system Chromium and Xorg dummy (scripts/system-deps.sh test)');
    return [];
  }
  const x = await startXorg(3);
  const dataDir = mkdtempSync(join(tmpdir(), 'redhall-bench-'));
  const pack = mkdtempSync(join(tmpdir(), 'redhall-bench-pack-'));
  cpSync(join(ROOT, 'content', 'demo-hall'), pack, { recursive: true });
  // 100 cues, 300 ms apart, alternating two pictures on every wall.
  const cues = Array.from({ length: CUES }, (_, i) => `  - { at: ${(1 + i * 0.3).toFixed(1)}, target: all, action: show, src: media/images/${i % 2 ? 'red-boat' : 'centenary'}.svg }`).join('\n');
  writeFileSync(join(pack, 'shows', 'spread.yaml'), `id: spread\ntitle: { zh-Hans: 同步测量, en: Spread }\nseconds: ${Math.ceil(2 + CUES * 0.3)}\ncues:\n${cues}\n`);
  const manifest = join(pack, 'pack.yaml');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/shows: \[([^\]]*)\]/, 'shows: [$1, shows/spread.yaml]'));
  const hallFile = join(dataDir, 'hall.yaml');
  writeFileSync(hallFile, `packs: [${JSON.stringify(pack)}]\nsurfaces:\n  - { id: wall-1, role: wall, display: 0 }\n  - { id: wall-2, role: wall, display: 1 }\n  - { id: wall-3, role: wall, display: 2 }\n`);
  const hall = await startHall({ rootDir: ROOT, dataDir, hallFile, shell: new ChromiumShell(chromium, join(dataDir, 'chromium'), { ...process.env, DISPLAY: x.display }), log: () => {} });
  const results: BenchResult[] = [];
  try {
    const health = async () => (await (await fetch(`http://127.0.0.1:${hall.host.port}/api/health`)).json()) as { surfaces: { connected: boolean; clockOffsetMs: number | null }[] };
    await waitUntil('walls connected and synced', async () => (await health()).surfaces.every((s) => s.connected && s.clockOffsetMs !== null), 60_000);
    await new Promise((r) => setTimeout(r, 5000));

    const spread = hall.shows.start({ showId: 'spread' })!;
    await waitUntil('the spread show to end', () => hall.shows.status().hostNow > spread.startHost + (2 + CUES * 0.3) * 1000 + 1000, 120_000, 200);
    const spreads = hall.shows.status(1000).presentations
      .filter((p) => p.runId === spread.runId && p.index < CUES && Object.keys(p.surfaces).length === 3)
      .map((p) => Math.max(...Object.values(p.surfaces)) - Math.min(...Object.values(p.surfaces)));
    results.push({ name: `cue spread, 3 walls, ${spreads.length} of ${CUES} cues seen by all, p95`, value: percentile(spreads, 95), unit: 'ms', target: '< 8 ms' });

    // Drift: the welcome film on every wall; pair two walls' samples taken within 10 ms of each other.
    const film = hall.shows.start({ showId: 'welcome' })!;
    await new Promise((r) => setTimeout(r, DRIFT_SECONDS * 1000));
    const a = hall.shows.driftSamples('wall-1').filter((s) => s.runId === film.runId && s.hostMs > film.startHost + 3000);
    const b = hall.shows.driftSamples('wall-2').filter((s) => s.runId === film.runId && s.hostMs > film.startHost + 3000);
    // Each wall's drift smoothed over its last 12 presented frames (a 24 fps frame spans ±21 ms of media time).
    const smooth = (xs: typeof a) => xs.map((s, i) => ({ hostMs: s.hostMs, d: xs.slice(Math.max(0, i - 11), i + 1).reduce((m, y) => m + y.driftMs, 0) / Math.min(12, i + 1) }));
    const sa = smooth(a);
    const sb = smooth(b);
    const gaps: number[] = [];
    let j = 0;
    for (const s of sa) {
      while (j + 1 < sb.length && sb[j + 1]!.hostMs <= s.hostMs) j++;
      const t = sb[j];
      if (t && Math.abs(t.hostMs - s.hostMs) < 10) gaps.push(Math.abs(s.d - t.d));
    }
    results.push({ name: `video drift between 2 walls over ${DRIFT_SECONDS} s (not 3 min), ${gaps.length} pairs, p95`, value: percentile(gaps, 95), unit: 'ms', target: '< 16.7 ms (1 frame at 60 Hz)' });
  } finally {
    await hall.stop();
    await x.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(pack, { recursive: true, force: true });
  }
  return results;
}
