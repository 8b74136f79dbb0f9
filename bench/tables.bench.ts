// Script-kill tables on one host (issue 11): a tables host in its own process on loopback, real
// WebSocket clients here. Figures: command → every client of that table updated (10 tables × 6
// phones + DM), fan-out with 200 clients connected across tables, and host RSS per table.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { Bench, BenchResult } from './types';
import { P, SIX_ROLES, TEST_PIN } from '../main/host/tables/testing';

const FIXTURE = join(import.meta.dirname, '..', 'main', 'host', 'tables', 'fixtures', 'host-process.ts');

function startHost(dir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dir, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) ok({ child, port: Number(m[1]) });
    });
    child.once('exit', (c) => fail(new Error(`host exited ${c}`)));
  });
}

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

/** A bare client: the version of the last table push (read without a full parse, as cheaply as a page could). */
class Client {
  version = 0;
  private waits: Array<{ v: number; done: () => void }> = [];
  messages: Array<Record<string, unknown>> = [];
  constructor(readonly ws: WebSocket, private readonly keep = false) {
    ws.on('message', (d) => {
      const text = d.toString();
      if (this.keep) this.messages.push(JSON.parse(text) as Record<string, unknown>);
      const m = /"view":\{"viewer":"[a-z]+","version":(\d+)/.exec(text);
      if (!m) return;
      this.version = Number(m[1]);
      this.waits = this.waits.filter((w) => (this.version >= w.v ? (w.done(), false) : true));
    });
  }
  static open(port: number, keep = false): Promise<Client> {
    return new Promise((ok, fail) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/tables`);
      ws.once('open', () => ok(new Client(ws, keep)));
      ws.once('error', fail);
    });
  }
  send(m: unknown) {
    this.ws.send(JSON.stringify(m));
  }
  reach(v: number): Promise<void> {
    return this.version >= v ? Promise.resolve() : new Promise((done) => this.waits.push({ v, done }));
  }
  async first(type: string): Promise<Record<string, unknown>> {
    for (;;) {
      const m = this.messages.find((x) => x.type === type);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

interface BenchTable {
  id: string;
  code: string;
  clients: Client[];
  /** The DM's clock, toggled by each round's command. */
  paused: boolean;
}

async function openTables(port: number, dm: Client, n: number, extraScreens: number): Promise<BenchTable[]> {
  const out: BenchTable[] = [];
  for (let i = 0; i < n; i++) {
    const before = dm.messages.length;
    dm.send({ type: 'dm.open', scenario: { pack: 'demo-hall', scenario: 'south-bank' }, roles: SIX_ROLES, pick: 'dm' });
    let t: Record<string, unknown> | undefined;
    while (!t) {
      t = dm.messages.slice(before).find((m) => m.type === 'table');
      if (!t) await new Promise((r) => setTimeout(r, 5));
    }
    const table = t.table as { id: string; code: string };
    const clients: Client[] = [];
    for (let k = 0; k < 6; k++) {
      const c = await Client.open(port);
      c.send({ type: 'join', protocol: P, code: table.code });
      clients.push(c);
    }
    await new Promise((r) => setTimeout(r, 50));
    // One DM console per table watching it (its own socket), plus shared screens.
    const tdm = await Client.open(port, true);
    tdm.send({ type: 'dm.hello', protocol: P, pin: TEST_PIN });
    await tdm.first('dm.welcome');
    tdm.send({ type: 'dm.watch', table: table.id });
    clients.push(tdm);
    for (let k = 0; k < extraScreens; k++) {
      const s = await Client.open(port);
      s.send({ type: 'watch', protocol: P, code: table.code });
      clients.push(s);
    }
    tdm.send({ type: 'dm.start', table: table.id });
    await Promise.all(clients.map((c) => c.reach(1)));
    out.push({ id: table.id, code: table.code, clients, paused: false });
  }
  return out;
}

/** One DM command per table at once (pause, then resume, … per table); each table's latency until all its clients show the new version. */
async function rounds(tables: BenchTable[], n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let r = 0; r < n; r++) {
    await Promise.all(
      tables.map(async (t) => {
        const dm = t.clients[6] as Client;
        const v = dm.version;
        const t0 = performance.now();
        dm.send({ type: 'dm.command', table: t.id, version: v, action: { type: t.paused ? 'resume' : 'pause' } });
        t.paused = !t.paused;
        await Promise.all(t.clients.map((c) => c.reach(v + 1)));
        samples.push(performance.now() - t0);
      }),
    );
  }
  return samples;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};

export const run: Bench = async () => {
  const out: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'redhall-bench-tables-'));
  const host = await startHost(dir);
  const all: Client[] = [];
  try {
    const dm = await Client.open(host.port, true);
    all.push(dm);
    dm.send({ type: 'dm.hello', protocol: P, pin: TEST_PIN });
    await dm.first('dm.welcome');
    await new Promise((r) => setTimeout(r, 300));
    const base = rssKb(host.child.pid!);

    const ten = await openTables(host.port, dm, 10, 0);
    all.push(...ten.flatMap((t) => t.clients));
    await rounds(ten, 5); // warm-up
    const s1 = await rounds(ten, 40);
    out.push({ name: 'tables: 10×6 phones, command → all updated p50', value: pct(s1, 50), unit: 'ms' });
    out.push({ name: 'tables: 10×6 phones, command → all updated p95', value: pct(s1, 95), unit: 'ms', target: '< 20 ms' });
    const rss10 = rssKb(host.child.pid!);
    out.push({ name: 'tables: host RSS per table (10 tables, 7 clients each)', value: (rss10 - base) / 10 / 1024, unit: 'MB' });

    // Over 200 clients: ten more tables with 6 phones, the DM and 6 shared screens each, beside the first ten.
    const more = await openTables(host.port, dm, 10, 6);
    all.push(...more.flatMap((t) => t.clients));
    const connected = ten.concat(more).reduce((n, t) => n + t.clients.length, 0) + 1;
    await rounds(ten.concat(more), 3);
    const s2 = await rounds(ten.concat(more), 30);
    out.push({ name: `tables: ${connected} clients on 20 tables, fan-out p50`, value: pct(s2, 50), unit: 'ms' });
    out.push({ name: `tables: ${connected} clients on 20 tables, fan-out p95`, value: pct(s2, 95), unit: 'ms', target: '< 50 ms' });
    const rss20 = rssKb(host.child.pid!);
    out.push({ name: 'tables: host RSS per table (20 tables)', value: (rss20 - base) / 20 / 1024, unit: 'MB' });
    out.push({ name: `tables: host RSS total (20 tables, ${connected} clients)`, value: rss20 / 1024, unit: 'MB' });
  } finally {
    for (const c of all) c.ws.terminate();
    host.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
};
