// Story engine figures: random legal playthroughs of the demo scenario per second, and how long
// rebuilding a session from a 10,000-event log takes (the host does this after every crash).
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Bench, BenchResult } from './types';
import { readPackTexts } from '../main/story/pack-folder';
import { checkScenario, execute, playOnce, replay, sessionStart, type Action, type Actor, type Command, type Scenario, type StoryEvent } from '../core/story';
import { seedFrom } from '../core/random';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

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

export const run: Bench = async () => {
  const demo = await load(join(root, 'content/demo-hall'), 'scenarios/south-bank/scenario.yaml');
  const loop = await load(join(root, 'core/story/fixtures'), 'loop/scenario.yaml');
  const out: BenchResult[] = [];

  for (let i = 0; i < 200; i++) playOnce(demo, seedFrom(`warm${i}`));
  let runs = 0;
  let events = 0;
  // One core: the figure is runs per second of this process's CPU time (on a shared machine the
  // wall clock also counts time other processes held the core); the wall-clock rate is shown too.
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < 3000) {
    events += playOnce(demo, seedFrom(`bench${runs}`)).events.length;
    runs++;
  }
  const cpu = process.cpuUsage(c0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  const secs = (performance.now() - t0) / 1000;
  out.push({ name: 'story: demo playthroughs (random legal play, per CPU second of one core)', value: runs / cpuSecs, unit: 'runs/s', target: '≥ 10,000 runs/s' });
  out.push({ name: 'story: demo playthroughs (same, per wall-clock second)', value: runs / secs, unit: 'runs/s' });
  out.push({ name: 'story: demo events applied while playing (per CPU second)', value: events / cpuSecs, unit: 'events/s' });

  const log = longLog(loop, 10_000);
  replay(loop, log);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const s = replay(loop, log);
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpuTimes.push((used.user + used.system) / 1000);
    if (s.version !== 10_000) throw new Error(`replayed to version ${s.version}`);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  out.push({ name: 'story: rebuild from a 10,000-event log (median, CPU time of one core)', value: cpuTimes[3] as number, unit: 'ms', target: '< 20 ms' });
  out.push({ name: 'story: rebuild from a 10,000-event log (median, wall clock)', value: times[3] as number, unit: 'ms' });
  return out;
};
