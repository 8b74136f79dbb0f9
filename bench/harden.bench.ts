// Hardening (issue 13): the host in a process of its own, hostile clients in others.
// Figures: host RSS while a client that never reads sends 10.5 MB of junk (the probe that once
// took the host from 325 to 904 MB), and clock-ping p95 (a wall's socket on loopback, pinging from
// this process, which does nothing else meanwhile) while four signed-in sockets flood self-check
// outcomes and reconnect whenever the host closes them: from this machine's LAN address (as a
// phone on the hall's Wi-Fi would: the figure) and, for reference, from loopback (the
// hall's own windows, which are never cooled down). The third figure of the issue, host restart
// → every surface connected, is `npm run bench restart` (real windows).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { RawSocket } from '../main/host/guard/testing';
import type { Bench, BenchResult } from './types';

const FIXTURE = join(import.meta.dirname, '..', 'main', 'chaos', 'fixtures', 'host-process.ts');
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startHost(listen: 'loopback' | 'lan' = 'loopback'): Promise<{ child: ChildProcess; port: number; token: string }> {
  // BENCH_HOST_PROF=dir writes the host's CPU profile there (node --cpu-prof) for a look at where its loop goes.
  const prof = process.env.BENCH_HOST_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_HOST_PROF] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', FIXTURE, listen], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\d+) (\S+)/.exec(out);
      if (m) ok({ child, port: Number(m[1]), token: m[2]! });
    });
    child.once('exit', (c) => fail(new Error(`host exited ${c}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([gone, sleep(5000)]);
  child.kill('SIGKILL');
}

async function nonReadingClient(port: number, pid: number): Promise<{ base: number; peak: number; closed: boolean; sentMb: number }> {
  await sleep(500);
  const base = rssMb(pid);
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  const raw = await RawSocket.open(port, '/ws');
  raw.stopReading();
  const junk = JSON.stringify({ type: 'nonsense', pad: 'x'.repeat(1000) });
  let sent = 0;
  const end = Date.now() + 30_000;
  while (sent < 10_500_000 && !raw.socket.destroyed && Date.now() < end) {
    if (!raw.send(junk)) await sleep(1);
    sent += junk.length;
  }
  await sleep(1000);
  clearInterval(sampler);
  const closed = raw.socket.destroyed || raw.closed || raw.socket.writableEnded;
  raw.destroy();
  console.log(`  non-reading client: ${(sent / 1e6).toFixed(1)} MB of junk sent; host RSS ${base.toFixed(0)} → peak ${peak.toFixed(0)} MB`);
  return { base, peak, closed, sentMb: sent / 1e6 };
}

/** This machine's own LAN address: a socket to it reaches the host from a non-loopback address. */
const lanAddress = () => Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

type Pings = { p95: number; p50: number; pings: number; cutOff: number; refused: number };

async function floodedPings(port: number, token: string, from: string | undefined): Promise<Pings> {
  if (!from) return pings(port, token, undefined, 'no flood');
  const flood = spawn(process.execPath, [join(import.meta.dirname, '..', 'main', 'chaos', 'fixtures', 'flooder.mjs'), String(port), token, from], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((r) => flood.stdout!.once('data', () => r()));
  return pings(port, token, flood, `flood from ${from}`);
}

async function pings(port: number, token: string, flood: ChildProcess | undefined, label: string): Promise<Pings> {
  let floodOut = '';
  flood?.stdout!.on('data', (d: Buffer) => (floodOut += d.toString()));
  const ping = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const sentAt = new Map<number, number>();
  const rtts: number[] = [];
  ping.on('message', (d) => {
    // The arrival time first, before the frame is even parsed.
    const at = performance.now();
    const m = JSON.parse(d.toString()) as { type: string; id?: number };
    if (m.type === 'clock.pong' && m.id !== undefined) rtts.push(at - sentAt.get(m.id)!);
  });
  await new Promise((r) => ping.once('open', r));
  ping.send(JSON.stringify({ type: 'hello', protocol: 1, surfaceId: 'wall-1', token }));
  await sleep(1000);
  // 5 s of pings, 25 a second: under the socket's own rate.
  for (let i = 0; i < 125; i++) {
    sentAt.set(i, performance.now());
    ping.send(JSON.stringify({ type: 'clock.ping', id: i, t0: i }));
    await sleep(40);
  }
  await sleep(500);
  ping.close();
  if (flood) {
    const gone = new Promise((r) => flood.once('exit', r));
    flood.kill('SIGTERM');
    await gone;
  }
  const cutOff = Number(/cut-off (\d+)/.exec(floodOut)?.[1] ?? 0);
  const refused = Number(/refused (\d+)/.exec(floodOut)?.[1] ?? 0);
  const sorted = [...rtts].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const floodSays = flood ? `; the flooders were cut off ${cutOff} times and refused at the door ${refused} times` : '';
  console.log(`  ${label}: ${rtts.length}/125 pongs, p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${at(1).toFixed(1)} ms${floodSays}`);
  return { p95: at(0.95), p50: at(0.5), pings: rtts.length, cutOff, refused };
}

export const run: Bench = async () => {
  const out: BenchResult[] = [];
  const a = await startHost();
  try {
    const r = await nonReadingClient(a.port, a.child.pid!);
    console.log(`  the host ${r.closed ? 'cut the client off' : 'did NOT cut the client off'} after ${r.sentMb.toFixed(1)} MB (of 10.5 MB it meant to send)`);
    out.push({ name: 'host RSS, peak, a non-reading client sending junk', value: r.peak, unit: 'MB', target: `bounded: < base ${r.base.toFixed(0)} MB + 100 MB (was 325 → 904 MB)` });
    out.push({ name: 'host RSS growth during it', value: r.peak - r.base, unit: 'MB', target: '< 100 MB' });
  } finally {
    await stop(a.child);
  }
  const lan = lanAddress();
  const b = await startHost(lan ? 'lan' : 'loopback');
  try {
    // The same pings without a flood first: on a loaded machine that is the floor the flood adds to.
    const quiet = await floodedPings(b.port, b.token, undefined);
    out.push({ name: 'clock ping p95, no flood (reference)', value: quiet.p95, unit: 'ms' });
    if (lan) {
      const f = await floodedPings(b.port, b.token, lan);
      out.push({ name: 'clock ping p95, 4-socket outcome flood from the LAN', value: f.p95, unit: 'ms', target: '< 5 ms (was 360 ms)', ratio: { value: f.p95 / quiet.p95, against: 'no flood' } });
    } else console.log('  no LAN address on this machine: the flood from the LAN (the issue’s figure) is not measured');
    const local = await floodedPings(b.port, b.token, '127.0.0.1');
    out.push({ name: 'clock ping p95, the same flood from loopback', value: local.p95, unit: 'ms', target: 'reference: loopback is never cooled down', ratio: { value: local.p95 / quiet.p95, against: 'no flood' } });
  } finally {
    await stop(b.child);
  }
  return out;
};
