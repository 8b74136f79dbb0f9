// Crash recovery: how long after a host is killed with SIGKILL and started again every screen is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingForRealWindows } from '../e2e/hall-harness';
import { killHost, restartHost } from '../e2e/host-process';
import { startXorg } from '../e2e/xorg';
import type { BenchResult } from './types';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function run(): Promise<BenchResult[]> {
  const missing = missingForRealWindows();
  if (missing) {
    console.log(`restart bench skipped: ${missing}`);
    return [];
  }
  const x = await startXorg(2);
  const dataDir = mkdtempSync(join(tmpdir(), 'redhall-bench-restart-'));
  const times: number[] = [];
  const listening: number[] = [];
  try {
    let { host } = await restartHost(dataDir, x.display);
    for (let i = 0; i < 3; i++) {
      await killHost(host);
      const r = await restartHost(dataDir, x.display);
      host = r.host;
      times.push(r.connectedAfterMs);
      listening.push(r.listeningAfterMs);
    }
    await killHost(host, 'SIGTERM');
  } finally {
    await x.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Where the time goes: the host's own start (node, packs, PINs) until it listens, then the windows.
  console.log(`  runs: ${times.map((t, i) => `${t.toFixed(0)} ms (listening after ${listening[i]!.toFixed(0)})`).join(', ')}; 2 surfaces, SIGKILL then start; load average ${loadavg()[0]!.toFixed(1)}`);
  return [
    { name: 'host restart → every surface connected (median of 3)', value: median(times), unit: 'ms', target: '< 5000 ms' },
    { name: 'host restart → host listening (median of 3)', value: median(listening), unit: 'ms' },
  ];
}
