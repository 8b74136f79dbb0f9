import { nextInt, RandomStream, seedFrom, shuffle, type RandomState } from '../random';
import { apply, create, foldingPrivately, type Actor, type Seat, type SessionState, type StoryEvent } from './engine';
import { moveDrawer } from './decide';
import type { Scenario } from './schema';
import { interned } from './intern';

/**
 * Random legal playthroughs: at every step one (actor, action) pair is drawn from everything
 * `legalActions` allows, so the simulator plays by exactly the engine's rules. Seeded: the same
 * scenario, runs and seed always give the same report.
 */
export interface SimulationOptions {
  runs: number;
  seed: number | string;
  /** A run that has not ended after this many events is reported as unfinished. */
  maxEvents?: number;
}

export interface StuckRun {
  run: number;
  seed: number;
  phase: string;
  status: SessionState['status'];
  reason: 'no-legal-action' | 'too-long';
  seats: Seat[];
  /** The log after its `created` event (which names the scenario by id and hash). */
  events: StoryEvent[];
  /** Events of the log left out of `events`: only the first stuck runs keep their last events (the run replays from its seed). */
  eventsOmitted: number;
}

/** Stuck runs whose log the report carries, and how many of its last events: a report stays readable, every run replays from its seed. */
export const STUCK_LOGS = 3;
export const STUCK_LOG_EVENTS = 200;

export interface SimulationReport {
  scenario: string;
  runs: number;
  seed: number;
  /** Runs that reached each ending (every ending is listed, zero included). */
  endings: Record<string, number>;
  phasesPerRun: { min: number; mean: number; max: number };
  eventsPerRun: { min: number; mean: number; max: number };
  stuck: StuckRun[];
}

/** A random seating for a run: every required role, then optional ones up to a random table size. */
export function randomSeats(scenario: Scenario, rng: RandomState): [Seat[], RandomState] {
  let r = rng;
  let size: number;
  [size, r] = nextInt(r, scenario.players.max - scenario.players.min + 1);
  size += scenario.players.min;
  const required = scenario.roles.filter((x) => !x.optional).map((x) => x.id);
  const [optional, after] = shuffle(scenario.roles.filter((x) => x.optional).map((x) => x.id), r);
  const roles = [...required, ...optional].slice(0, Math.max(size, required.length));
  return [roles.map((role, i) => ({ player: playerId(i), role })), after];
}

// Seat i's player id, `p${i + 1}`, made once (interned: ids compare by pointer).
const playerIds: string[] = [];
function playerId(i: number): string {
  return (playerIds[i] ??= interned(`p${i + 1}`));
}

/** Plays one random legal game from a seed; returns its log and final state. */
export function playOnce(scenario: Scenario, seed: number, maxEvents = 5000): { events: StoryEvent[]; state: SessionState; reason?: StuckRun['reason'] } {
  // Nobody sees the states between the moves: the fold may grow its own arrays in place.
  return foldingPrivately(() => playFolded(scenario, seed, maxEvents));
}

function playFolded(scenario: Scenario, seed: number, maxEvents: number): { events: StoryEvent[]; state: SessionState; reason?: StuckRun['reason'] } {
  const [seats, seated] = randomSeats(scenario, { seed });
  const rng = new RandomStream(seated.seed);
  const created = create(scenario, { seed, seats });
  const events: StoryEvent[] = [created.event];
  let state = created.state;
  const actors: Actor[] = [{ kind: 'dm' }, { kind: 'host' }];
  for (const s of seats) actors.push({ kind: 'player', player: s.player });
  const drawMove = moveDrawer(actors);
  const draw = (count: number): number => rng.nextInt(count);
  while (state.status === 'playing') {
    if (events.length >= maxEvents) return { events, state, reason: 'too-long' };
    // One (actor, action) pair drawn from every pair `legalActions` allows now, as its event.
    const ev = drawMove(state, draw);
    if (ev === undefined) return { events, state, reason: 'no-legal-action' };
    events.push(ev);
    state = apply(state, ev);
  }
  if (state.status === 'stuck') return { events, state, reason: 'no-legal-action' };
  return { events, state };
}

/** Runs many random playthroughs and tallies endings, lengths and stuck runs. */
export function simulate(scenario: Scenario, opts: SimulationOptions): SimulationReport {
  const seed = typeof opts.seed === 'number' ? opts.seed >>> 0 : seedFrom(opts.seed);
  const endings: Record<string, number> = {};
  for (const a of scenario.acts) for (const p of a.phases) if (p.kind === 'ending') endings[p.id] = 0;
  const phases: number[] = [];
  const eventsCount: number[] = [];
  const stuck: StuckRun[] = [];
  for (let run = 0; run < opts.runs; run++) {
    const runSeed = seedFrom(`${seed}:${run}`);
    const r = playOnce(scenario, runSeed, opts.maxEvents);
    phases.push(r.state.path.length);
    eventsCount.push(r.events.length);
    if (r.state.status === 'ended') endings[r.state.phase] = (endings[r.state.phase] ?? 0) + 1;
    else {
      const log = r.events.slice(1);
      const events = stuck.length < STUCK_LOGS ? log.slice(-STUCK_LOG_EVENTS) : [];
      stuck.push({ run, seed: runSeed, phase: r.state.phase, status: r.state.status, reason: r.reason ?? 'no-legal-action', seats: r.state.seats, events, eventsOmitted: log.length - events.length });
    }
  }
  return { scenario: scenario.id, runs: opts.runs, seed, endings, phasesPerRun: stats(phases), eventsPerRun: stats(eventsCount), stuck };
}

function stats(xs: number[]): { min: number; mean: number; max: number } {
  if (xs.length === 0) return { min: 0, mean: 0, max: 0 };
  const sum = xs.reduce((a, b) => a + b, 0);
  return { min: Math.min(...xs), mean: Math.round((sum / xs.length) * 100) / 100, max: Math.max(...xs) };
}
