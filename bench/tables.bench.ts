// Script-kill tables on one host (issue 11): a tables host in its own process on loopback, real
// WebSocket clients here. Figures: command → every client of that table updated (10 tables × 6
// phones + DM), fan-out with 200 clients connected across tables, and host RSS per table.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { Bench, BenchResult } from './types';
import { P, SIX_ROLES, spawnTablesHost, TEST_PIN } from '../main/host/tables/testing';

/** CPU time (user + system) a process has used, in ms: less swayed by a loaded machine than latencies are. */
const cpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

/** Progress on stderr: the rows print only at the end, and a bench that waits should say on what. */
const progress = (line: string) => process.stderr.write(`  tables bench: ${line}\n`);

/** Waits for `ready`, or fails after `ms` saying what never came (a lost frame must not hang the bench). */
async function within<T>(what: string, ms: number, ready: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`tables bench: no ${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([ready(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A bare client: the version of the last table push (read without a full parse, as cheaply as a
 * page could). A client that `keep`s parses and keeps its messages until `forget()` (the DM
 * consoles during setup), so the clients' own work does not crowd the host on a shared machine.
 */
class Client {
  version = 0;
  private waits: Array<{ v: number; done: () => void }> = [];
  messages: Array<Record<string, unknown>> = [];
  constructor(readonly ws: WebSocket, private keep = false) {
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
  forget() {
    this.keep = false;
    this.messages = [];
  }
  send(m: unknown) {
    this.ws.send(JSON.stringify(m));
  }
  reach(v: number): Promise<void> {
    return this.version >= v ? Promise.resolve() : new Promise((done) => this.waits.push({ v, done }));
  }
  first(type: string, from = 0): Promise<Record<string, unknown>> {
    return within(`"${type}" message`, 30_000, async () => {
      for (;;) {
        const m = this.messages.slice(from).find((x) => x.type === type);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 5));
      }
    });
  }
}

interface BenchTable {
  id: string;
  code: string;
  clients: Client[];
  /** The DM's clock, toggled by each round's table command. */
  paused: boolean;
  /** The story's last step was the DM's advance (the next story round undoes it). */
  advanced: boolean;
}

async function openTables(port: number, dm: Client, n: number, extraScreens: number): Promise<BenchTable[]> {
  const out: BenchTable[] = [];
  for (let i = 0; i < n; i++) {
    const before = dm.messages.length;
    dm.send({ type: 'dm.open', scenario: { pack: 'demo-hall', scenario: 'south-bank' }, roles: SIX_ROLES, pick: 'dm' });
    const table = (await dm.first('table', before)).table as { id: string; code: string };
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
    // Which clients never saw the start, and what they last had (6 phones, the DM console, then the screens).
    const behind = () => clients.flatMap((c, k) => (c.version >= 1 ? [] : [`${k < 6 ? `phone ${k + 1}` : k === 6 ? 'DM console' : `screen ${k - 6}`} at version ${c.version}`])).join(', ');
    await within(`start of table ${i + 1} on all its ${clients.length} clients`, 30_000, () => Promise.all(clients.map((c) => c.reach(1)))).catch((e: Error) => {
      throw new Error(`${e.message} (not there: ${behind()})`);
    });
    tdm.forget();
    out.push({ id: table.id, code: table.code, clients, paused: false, advanced: false });
  }
  return out;
}

/**
 * One DM command per table at once; each table's latency until all its clients show the new
 * version. A table step (pause, then resume, …) leaves the story as it was; a story step (the DM
 * moves the phase on, then undoes that, …) changes every seat's view.
 */
async function rounds(tables: BenchTable[], n: number, step: 'table' | 'story' = 'table'): Promise<number[]> {
  const samples: number[] = [];
  for (let r = 0; r < n; r++) {
    await Promise.all(
      tables.map(async (t) => {
        const dm = t.clients[6] as Client;
        const v = dm.version;
        const t0 = performance.now();
        if (step === 'table') {
          dm.send({ type: 'dm.command', table: t.id, version: v, action: { type: t.paused ? 'resume' : 'pause' } });
          t.paused = !t.paused;
        } else {
          dm.send({ type: 'dm.command', table: t.id, version: v, action: { type: t.advanced ? 'undo' : 'advance' } });
          t.advanced = !t.advanced;
        }
        await within(`version ${v + 1} on every client of ${t.code}`, 30_000, () => Promise.all(t.clients.map((c) => c.reach(v + 1))));
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
  // REDHALL_BENCH_PROF=DIR writes the host's CPU profile there (a clean SIGTERM stop writes it).
  const prof = process.env.REDHALL_BENCH_PROF;
  const host = await spawnTablesHost(dir, 0, prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []);
  progress(`host ${host.child.pid} on port ${host.port}`);
  const all: Client[] = [];
  try {
    const dm = await Client.open(host.port, true);
    all.push(dm);
    dm.send({ type: 'dm.hello', protocol: P, pin: TEST_PIN });
    await dm.first('dm.welcome');
    await new Promise((r) => setTimeout(r, 300));
    const base = rssKb(host.child.pid!);

    const ten = await openTables(host.port, dm, 10, 0);
    progress('10 tables × 6 phones + DM open');
    all.push(...ten.flatMap((t) => t.clients));
    await rounds(ten, 5); // warm-up
    const cpuT = cpuMs(host.child.pid!);
    const s1 = await rounds(ten, 40);
    const cpuTable = (cpuMs(host.child.pid!) - cpuT) / 40;
    out.push({ name: 'tables: 10×6 phones, command → all updated p50', value: pct(s1, 50), unit: 'ms' });
    out.push({ name: 'tables: 10×6 phones, command → all updated p95', value: pct(s1, 95), unit: 'ms', target: '< 20 ms' });
    out.push({ name: 'tables: 10×6, host CPU per round of table steps', value: cpuTable, unit: 'ms', target: 'reference' });
    const rss10 = rssKb(host.child.pid!);
    out.push({ name: 'tables: host RSS per table (10 tables, 7 clients each)', value: (rss10 - base) / 10 / 1024, unit: 'MB' });
    // The same with story steps (advance, undo, …): every seat's view is made and serialised again.
    // Paused tables refuse no DM step; resume them first so the story rounds run as in play.
    for (const t of ten) if (t.paused) await rounds([t], 1);
    await rounds(ten, 2, 'story');
    const cpuS = cpuMs(host.child.pid!);
    const s1s = await rounds(ten, 40, 'story');
    const cpuStory = (cpuMs(host.child.pid!) - cpuS) / 40;
    out.push({ name: 'tables: 10×6 phones, story step → all updated p50', value: pct(s1s, 50), unit: 'ms' });
    out.push({ name: 'tables: 10×6 phones, story step → all updated p95', value: pct(s1s, 95), unit: 'ms', target: '< 20 ms' });
    out.push({ name: 'tables: 10×6, host CPU per round of story steps', value: cpuStory, unit: 'ms', target: 'reference' });

    // Over 200 clients: ten more tables with 6 phones, the DM and 6 shared screens each, beside the first ten.
    const more = await openTables(host.port, dm, 10, 6);
    dm.forget();
    progress('10 more tables with 6 shared screens each open');
    all.push(...more.flatMap((t) => t.clients));
    const connected = ten.concat(more).reduce((n, t) => n + t.clients.length, 0) + 1;
    await rounds(ten.concat(more), 3);
    const cpu0 = cpuMs(host.child.pid!);
    const s2 = await rounds(ten.concat(more), 30);
    const cpuPerRound = (cpuMs(host.child.pid!) - cpu0) / 30;
    out.push({ name: `tables: ${connected} clients on 20 tables, fan-out p50`, value: pct(s2, 50), unit: 'ms' });
    out.push({ name: `tables: ${connected} clients on 20 tables, fan-out p95`, value: pct(s2, 95), unit: 'ms', target: '< 50 ms' });
    out.push({ name: `tables: host CPU per round (20 steps to ${connected} clients)`, value: cpuPerRound, unit: 'ms', target: 'reference: the host’s own work, steadier than latency on a loaded machine' });
    const rss20 = rssKb(host.child.pid!);
    out.push({ name: 'tables: host RSS per table (20 tables)', value: (rss20 - base) / 20 / 1024, unit: 'MB' });
    out.push({ name: `tables: host RSS total (20 tables, ${connected} clients)`, value: rss20 / 1024, unit: 'MB' });
  } finally {
    for (const c of all) c.ws.terminate();
    const exited = new Promise((r) => host.child.once('exit', r));
    host.child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
};
