// Story engine figures: random legal playthroughs of the demo scenario per second, and how long
// rebuilding a session from a 10,000-event log takes (the host does this after every crash).
// Each is measured in a fresh process (bench/story-child.ts), so the rows before it in `npm run
// bench` (their garbage, and the JIT's feedback from other code) are not charged to the engine.
// REDHALL_BENCH_PROF=DIR writes each child's CPU profile there.
import { fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { Bench, BenchResult } from './types';
import type { ChildFigures } from './story-child';
import { readPackTexts } from '../main/story/pack-folder';
import { checkScenario, execute, logEventLine, logHeaderLine, replay, sessionStart, type Action, type Actor, type Command, type CreatedEvent, type Scenario, type StoryEvent } from '../core/story';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

async function load(dir: string, entry: string): Promise<Scenario> {
  const { files } = await readPackTexts(dir);
  const c = checkScenario(files, entry);
  if (!c.scenario) throw new Error(`${entry} does not compile`);
  return c.scenario;
}

/** A legal log of `n` events: the loop fixture's discussion, voted round again and again. */
function longLog(loop: Scenario, n: number): StoryEvent[] {
  const log: StoryEvent[] = [sessionStart(loop, 1, [{ player: 'a', role: 'a' }, { player: 'b', role: 'b' }])];
  let s = replay(loop, log);
  const script: Array<Action & { actor: Actor }> = [
    { type: 'advance', actor: { kind: 'host' } },
    { type: 'vote', option: 'more', actor: { kind: 'player', player: 'a' } },
    { type: 'vote', option: 'more', actor: { kind: 'player', player: 'b' } },
  ];
  for (let i = 0; log.length < n; i++) {
    const r = execute(s, { ...script[i % script.length], version: s.version } as Command);
    if (!r.ok) throw new Error(r.reason.en);
    log.push(r.event);
    s = r.state;
  }
  return log;
}

/** Runs bench/story-child.ts in a fresh process and returns what it measured. */
function child(args: string[]): Promise<ChildFigures> {
  const prof = process.env.REDHALL_BENCH_PROF;
  return new Promise((resolve, reject) => {
    const p = fork(join(here, 'story-child.ts'), args, {
      execArgv: [...process.execArgv, '--expose-gc', ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let figures: ChildFigures | undefined;
    p.on('message', (m) => (figures = m as ChildFigures));
    p.on('error', reject);
    p.on('exit', (code) => (figures && code === 0 ? resolve(figures) : reject(new Error(`story-child ${args[0]} exited with ${code}`))));
  });
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
};
const load1 = () => loadavg()[0] as number;

export const run: Bench = async () => {
  const out: BenchResult[] = [];
  out.push({ name: 'story: load average (1 min) before the rows below: timings are inflated by other processes', value: load1(), unit: '' });

  const p = await child(['play']);
  const runs = p.runs as number;
  out.push({ name: 'story: demo playthroughs (random legal play, per CPU second of the process: one core)', value: runs / ((p.cpu[0] as number) / 1000), unit: 'runs/s', target: '≥ 10,000 runs/s' });
  if (p.thread) out.push({ name: 'story: demo playthroughs (per CPU second of the engine thread alone, without GC/JIT helper threads)', value: runs / ((p.thread[0] as number) / 1000), unit: 'runs/s' });
  out.push({ name: 'story: demo playthroughs (per wall-clock second)', value: runs / ((p.wall[0] as number) / 1000), unit: 'runs/s' });
  out.push({ name: 'story: demo events applied while playing (per CPU second)', value: (p.events as number) / ((p.cpu[0] as number) / 1000), unit: 'events/s' });

  // The log as the host keeps it on disk: a header line, then one event a line.
  const loop = await load(join(root, 'core/story/fixtures'), 'loop/scenario.yaml');
  const log = longLog(loop, 10_000);
  const dir = await mkdtemp(join(tmpdir(), 'redhall-bench-story-'));
  try {
    const file = join(dir, 'session.log');
    await writeFile(file, logHeaderLine(log[0] as CreatedEvent) + log.map(logEventLine).join(''));
    const r = await child(['rebuild', file]);
    out.push({ name: 'story: rebuild from a 10,000-event log (median of 15, warmed up, CPU time of the process: one core)', value: median(r.cpu), unit: 'ms', target: '< 20 ms' });
    if (r.thread) out.push({ name: 'story: rebuild from a 10,000-event log (median, CPU time of the engine thread alone)', value: median(r.thread), unit: 'ms' });
    out.push({ name: 'story: rebuild from a 10,000-event log (median, wall clock)', value: median(r.wall), unit: 'ms' });
    const cold = r.cold as { wall: number; cpu: number };
    out.push({ name: 'story: first rebuild in a fresh process from the log file (lines parsed and checked, JIT cold; wall clock)', value: cold.wall, unit: 'ms' });
    out.push({ name: 'story: the same first rebuild (CPU time of the process)', value: cold.cpu, unit: 'ms' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  out.push({ name: 'story: load average (1 min) after', value: load1(), unit: '' });
  return out;
};
