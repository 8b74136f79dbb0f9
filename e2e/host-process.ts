import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './hall-harness';
import { waitUntil } from './wait';
import type { SurfaceStatus } from '../main/host/surfaces';

/** The built CLI as a hall's installer runs it: its own process, so it can be killed with SIGKILL. */
export interface HostProcess {
  child: ChildProcess;
  port: number;
  health(): Promise<{ surfaces: SurfaceStatus[] }>;
  output(): string;
}

/** Starts `node dist/main/cli.mjs start --data DIR --shell chromium [args]` and waits until it listens. */
export async function startHostProcess(dataDir: string, display: string, env: Record<string, string> = {}, args: string[] = []): Promise<HostProcess> {
  let out = '';
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main', 'cli.mjs'), 'start', '--data', dataDir, '--shell', 'chromium', ...args], {
    cwd: ROOT,
    env: { ...process.env, DISPLAY: display, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let port = 0;
  await waitUntil('the host to listen', () => {
    if (child.exitCode !== null) throw new Error(`the host exited with ${child.exitCode}:\n${out}`);
    const run = JSON.parse(readFileSync(join(dataDir, 'run', 'host.json'), 'utf8')) as { pid?: number; port?: number };
    if (run.pid !== child.pid || !run.port) return false;
    port = run.port;
    return true;
  }, 60_000, 50);
  const health = async () => (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { surfaces: SurfaceStatus[] };
  return { child, port, health, output: () => out };
}

/** Kills the host the hard way and waits for it to be gone. */
export async function killHost(h: HostProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (h.child.exitCode !== null || h.child.signalCode !== null) return;
  const gone = new Promise((r) => h.child.once('exit', r));
  h.child.kill(signal);
  await gone;
}

/** Starts a host on a data folder another host ran on, and measures until every surface is connected. */
export async function restartHost(dataDir: string, display: string, env: Record<string, string> = {}): Promise<{ host: HostProcess; connectedAfterMs: number; listeningAfterMs: number }> {
  const t0 = performance.now();
  const host = await startHostProcess(dataDir, display, env);
  const listeningAfterMs = performance.now() - t0;
  await waitUntil('every surface to connect', async () => {
    const s = (await host.health()).surfaces;
    return s.length > 0 && s.every((x) => x.connected);
  }, 60_000, 20);
  return { host, connectedAfterMs: performance.now() - t0, listeningAfterMs };
}
