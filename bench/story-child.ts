// The story bench's measurements, each in a fresh process (started by story.bench.ts): what ran
// before in the bench process (other rows' garbage, the JIT's feedback from other scenarios) is
// not charged to the engine. `play`: random demo playthroughs; `rebuild <log file>`: a host
// reading a session's log file after a crash and rebuilding its state.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { readPackTexts } from '../main/story/pack-folder';
import { checkScenario, playOnce, readLog, replay, type Scenario } from '../core/story';
import { seedFrom } from '../core/random';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ChildFigures {
  /** Per measured unit: process CPU (every thread: the JIT's and the GC's helpers too), this thread's CPU and wall clock, in ms. */
  cpu: number[];
  thread: number[] | undefined;
  wall: number[];
  /** play: how many runs and events each sample covered. */
  runs?: number;
  events?: number;
  /** rebuild: the first rebuild in this process, from the log file (lines parsed and checked, then replayed), wall and CPU ms. */
  cold?: { wall: number; cpu: number };
}

async function load(dir: string, entry: string): Promise<Scenario> {
  const { files } = await readPackTexts(dir);
  const c = checkScenario(files, entry);
  if (!c.scenario) throw new Error(`${entry} does not compile`);
  return c.scenario;
}

/** CPU time of this thread alone, in ms (Linux's schedstat, nanoseconds); undefined elsewhere. */
function threadMs(): number | undefined {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** Measures `f` once: process CPU, thread CPU and wall time, in ms. */
function measure(f: () => void): { cpu: number; thread: number | undefined; wall: number } {
  const c0 = process.cpuUsage();
  const th0 = threadMs();
  const t0 = performance.now();
  f();
  const wall = performance.now() - t0;
  const th1 = threadMs();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, thread: th0 === undefined || th1 === undefined ? undefined : th1 - th0, wall };
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function play(): Promise<ChildFigures> {
  const demo = await load(join(root, 'content/demo-hall'), 'scenarios/south-bank/scenario.yaml');
  for (let i = 0; i < 1000; i++) playOnce(demo, seedFrom(`warm${i}`));
  gc();
  let runs = 0;
  let events = 0;
  const m = measure(() => {
    const t0 = performance.now();
    while (performance.now() - t0 < 3000) {
      events += playOnce(demo, seedFrom(`bench${runs}`)).events.length;
      runs++;
    }
  });
  return { cpu: [m.cpu], thread: m.thread === undefined ? undefined : [m.thread], wall: [m.wall], runs, events };
}

async function rebuild(file: string): Promise<ChildFigures> {
  const loop = await load(join(root, 'core/story/fixtures'), 'loop/scenario.yaml');
  const text = await readFile(file, 'utf8');
  // The first rebuild in a fresh process: what a host pays once after a crash (every line parsed
  // and checked, then replayed), JIT compilation included.
  let events: Parameters<typeof replay>[1] = [];
  const first = measure(() => {
    const r = readLog(text, loop);
    if (!r.ok) throw new Error(r.reason.en);
    events = r.events;
  });
  // Then the engine's own speed: warmed up, each rebuild from a collected heap (as a host that
  // has just started), the log already in memory.
  for (let i = 0; i < 20; i++) replay(loop, events);
  const cpu: number[] = [];
  const thread: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < 15; i++) {
    gc();
    const m = measure(() => {
      const s = replay(loop, events);
      if (s.version !== events.length) throw new Error(`replayed to version ${s.version} of ${events.length}`);
    });
    cpu.push(m.cpu);
    if (m.thread !== undefined) thread.push(m.thread);
    wall.push(m.wall);
  }
  return { cpu, thread: thread.length === cpu.length ? thread : undefined, wall, cold: { wall: first.wall, cpu: first.cpu } };
}

const [mode, file] = process.argv.slice(2);
const figures = mode === 'play' ? await play() : await rebuild(file as string);
process.send?.(figures);
