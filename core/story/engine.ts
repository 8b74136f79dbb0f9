import type { Bilingual } from '../text';
import { nextInt, seedFrom, type RandomState } from '../random';
import type { Value } from './expression';
import { clueById, clueFindable, findableClues, initialVars, leave, phaseById, phaseIndex, start, type FoundIds } from './flow';
import type { DecisionOption, Phase, Scenario, VotePhase } from './schema';
import { SESSION_FORMAT_VERSION } from './messages';
import { scenarioHash } from './hash';

/**
 * The script-kill engine, in the manner of boardgame.io's core: a session is an append-only log
 * of events folded by `apply` over a fixed, validated scenario; commands from clients are checked
 * by `decide` (decide.ts) and either refused with a reason or turned into one event.
 *
 * Everything a role owns (action points, ballot, clues, read receipts) is kept by role, so a
 * seat can change hands mid-game. Time is data: events carry the host's clock (`at`, ms) and
 * phases with a duration get a deadline from it; the engine never reads a clock.
 */

export interface Seat {
  player: string;
  role: string;
}

export type Actor = { kind: 'player'; player: string } | { kind: 'dm' } | { kind: 'host' };

export interface FoundClue {
  clue: string;
  /** The player who found it, or 'dm' when the DM gave it. */
  by: string;
  /** The role that holds it (its holder reads it); undefined when the DM gave it to the table. */
  role: string | undefined;
  phase: string;
  /** Public clues are shared at once; private ones when their holder shares them. */
  shared: boolean;
}

export interface DecisionRecord {
  phase: string;
  option: string;
  how: 'vote' | 'tie-dm' | 'tie-random' | 'tie-default' | 'choice';
  /** Votes per option, for votes. */
  tally?: Record<string, number>;
  /** A choice the DM made on behalf of the seated role it belonged to. */
  override?: true;
}

/** Which scenario a log was played on: checked against the scenario offered when it is replayed. */
export interface ScenarioRef {
  id: string;
  /** `sha256:` + hex of the scenario's canonical JSON (see `scenarioHash`). */
  hash: string;
}
export interface PackRef {
  id: string;
  version: string;
}

/** The timer of the current phase, in host milliseconds. */
export interface Clock {
  /** When the current phase's time runs out; undefined for an untimed phase or without host time. */
  deadline: number | undefined;
  paused: boolean;
  /** Host time the session was paused at (deadlines move on by the paused span on resume). */
  pausedAt: number | undefined;
}

/** The part of the state a DM undo restores. */
export interface GameSnapshot {
  rng: RandomState;
  phase: string;
  status: SessionState['status'];
  vars: Record<string, Value>;
  actionPoints: Record<string, number>;
  found: FoundClue[];
  ballots: Record<string, string>;
  tie: string[] | undefined;
  /** How many decisions and path entries there were: both only ever grow, so the lengths restore them. */
  decisionCount: number;
  pathLength: number;
  actsReached: string[];
  deadline: number | undefined;
}
export interface UndoEntry {
  /** The version the undone event produced, and its type (for the DM console). */
  version: number;
  type: StoryEvent['type'];
  /** The clock's time at the undone step (the pause moment while paused). */
  at: number | undefined;
  before: GameSnapshot;
}

export interface SessionState {
  /** The fixed scenario this session plays (given to `replay`, never stored in the log). */
  scenario: Scenario;
  scenarioRef: ScenarioRef;
  pack: PackRef | undefined;
  /** Number of events folded so far; clients send the version they saw with every command. */
  version: number;
  /** Occupied seats; a role with no seat is vacant. */
  seats: Seat[];
  /** Everyone at the table, seated or not (joined players waiting for a role). */
  players: string[];
  rng: RandomState;
  /** The current phase (while seating: the phase play will start with). */
  phase: string;
  status: 'seating' | 'playing' | 'ended' | 'stuck' | 'stopped';
  vars: Record<string, Value>;
  /** Action points left per role in the current search phase. */
  actionPoints: Record<string, number>;
  found: FoundClue[];
  /** Ballots cast in the current vote, by role (a vote can change until the vote closes). */
  ballots: Record<string, string>;
  /** Options the DM must choose between after a tied vote. */
  tie: string[] | undefined;
  decisions: DecisionRecord[];
  /** Phase ids in the order they were entered. */
  path: string[];
  /** Act ids entered so far: their private pages are released to their roles. */
  actsReached: string[];
  /** Read receipts: the acts whose private page each role acknowledged. */
  reads: Record<string, string[]>;
  clock: Clock;
  /** Versions at which things last changed, for judging a command against what its sender saw. */
  since: { phase: number; seating: number; seats: Record<string, number> };
  /** What the DM can undo, most recent last (bounded to UNDO_DEPTH). */
  undo: UndoEntry[];
}

/** The first event of every log: names the scenario (by id and hash), never carries it. */
export interface CreatedEvent {
  type: 'created';
  formatVersion: typeof SESSION_FORMAT_VERSION;
  scenario: ScenarioRef;
  pack?: PackRef | undefined;
  seed: number;
  seats: Seat[];
  /** True: the table opens for seating and the DM starts it; false: play starts at once. */
  open?: boolean | undefined;
  at?: number | undefined;
}

type Timed = { at?: number | undefined };
export type StoryEvent =
  | CreatedEvent
  | ({ type: 'started' } & Timed)
  | ({ type: 'joined'; player: string } & Timed)
  | ({ type: 'claimed'; player: string; role: string } & Timed)
  | ({ type: 'left'; player: string } & Timed)
  | ({ type: 'reseated'; role: string; player: string | null } & Timed)
  | ({ type: 'advanced' } & Timed)
  | ({ type: 'searched'; player: string; role: string; location: string } & Timed)
  | ({ type: 'shared'; player: string; role: string; clue: string } & Timed)
  /** `by` is the voting player, or 'dm' when the DM voted on behalf of the seated role. */
  | ({ type: 'voted'; role: string; option: string; by: string } & Timed)
  | ({ type: 'vote-closed' } & Timed)
  | ({ type: 'tie-broken'; option: string } & Timed)
  | ({ type: 'chosen'; option: string; override?: true | undefined } & Timed)
  | ({ type: 'acknowledged'; role: string; act: string } & Timed)
  | ({ type: 'corrected'; undoes: number } & Timed)
  | ({ type: 'jumped'; phase: string } & Timed)
  | ({ type: 'paused' } & Timed)
  | ({ type: 'resumed' } & Timed)
  | ({ type: 'extended'; seconds: number } & Timed)
  | ({ type: 'clue-given'; clue: string; to: string } & Timed)
  | ({ type: 'ended-early'; ending?: string | undefined } & Timed);

/** How many steps back the DM can undo. */
export const UNDO_DEPTH = 50;
const UNDOABLE = new Set<StoryEvent['type']>(['advanced', 'searched', 'shared', 'voted', 'vote-closed', 'tie-broken', 'chosen', 'jumped', 'clue-given', 'ended-early']);

/** Player ids are shown to the whole table and become object keys: plain short names only. */
export const PLAYER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Why a seating cannot start this scenario (or, with `open`, cannot even be offered), or undefined. */
export function checkSeats(scenario: Scenario, seats: readonly Seat[], open = false): Bilingual | undefined {
  const n = seats.length;
  if (!open && (n < scenario.players.min || n > scenario.players.max)) {
    return { 'zh-Hans': `本剧本需要 ${scenario.players.min}–${scenario.players.max} 名玩家，现在有 ${n} 名`, en: `This scenario needs ${scenario.players.min}–${scenario.players.max} players; there are ${n}` };
  }
  const players = new Set<string>();
  const roles = new Set<string>();
  for (const s of seats) {
    if (!PLAYER_ID.test(s.player)) return { 'zh-Hans': `玩家 id“${s.player}”只能包含字母、数字、_ 和 -`, en: `Player id "${s.player}" may only hold letters, digits, _ and -` };
    if (!scenario.roles.some((r) => r.id === s.role)) return { 'zh-Hans': `没有角色“${s.role}”`, en: `There is no role "${s.role}"` };
    if (players.has(s.player)) return { 'zh-Hans': `玩家“${s.player}”坐了两个位置`, en: `Player "${s.player}" holds two seats` };
    if (roles.has(s.role)) return { 'zh-Hans': `角色“${s.role}”被分配了两次`, en: `Role "${s.role}" is given twice` };
    players.add(s.player);
    roles.add(s.role);
  }
  if (open) return undefined;
  const missing = scenario.roles.filter((r) => !r.optional && !roles.has(r.id));
  if (missing.length > 0) return { 'zh-Hans': `必选角色没有人扮演：${missing.map((r) => r.id).join('、')}`, en: `Required roles have no player: ${missing.map((r) => r.id).join(', ')}` };
  return undefined;
}

export interface CreateOptions {
  seed: number | string;
  /** Seats taken at creation; with `open`, any subset (even none) of the roles. */
  seats?: readonly Seat[];
  /** Open the table for seating (join/claim/reseat) and let the DM `start` it. */
  open?: boolean;
  /** The pack the scenario came from, named in the log header. */
  pack?: PackRef;
  /** Host time (ms) of creation; needed for a first phase with a timer. */
  at?: number;
}

/** A new session: its `created` event (the first line of its log) and the state after it. Throws on a seating that does not fit. */
export function create(scenario: Scenario, opts: CreateOptions): { event: CreatedEvent; state: SessionState } {
  const seats = opts.seats ?? [];
  const bad = checkSeats(scenario, seats, opts.open === true);
  if (bad) throw new Error(`${bad['zh-Hans']} / ${bad.en}`);
  const event: CreatedEvent = {
    type: 'created',
    formatVersion: SESSION_FORMAT_VERSION,
    scenario: { id: scenario.id, hash: scenarioHash(scenario) },
    seed: typeof opts.seed === 'number' ? opts.seed >>> 0 : seedFrom(opts.seed),
    seats: seats.map((s) => ({ player: s.player, role: s.role })),
  };
  if (opts.pack) event.pack = { id: opts.pack.id, version: opts.pack.version };
  if (opts.open) event.open = true;
  if (opts.at !== undefined) event.at = opts.at;
  return { event, state: init(scenario, event) };
}

/** The `created` event of a session whose play starts at once (seats must fit the scenario). */
export function sessionStart(scenario: Scenario, seed: number | string, seats: readonly Seat[]): CreatedEvent {
  return create(scenario, { seed, seats }).event;
}

/** The state of a new session whose play starts at once. */
export function createSession(scenario: Scenario, seed: number | string, seats: readonly Seat[]): SessionState {
  return create(scenario, { seed, seats }).state;
}

/** Why a log's `created` event does not belong to this scenario, or undefined when it does. */
export function scenarioMismatch(scenario: Scenario, ref: ScenarioRef): Bilingual | undefined {
  if (ref.id !== scenario.id) return { 'zh-Hans': `这局游戏用的是剧本“${ref.id}”，不是“${scenario.id}”`, en: `This session was played on scenario "${ref.id}", not "${scenario.id}"` };
  const hash = scenarioHash(scenario);
  if (ref.hash !== hash) {
    return {
      'zh-Hans': `剧本“${scenario.id}”的内容与这局游戏开始时不同（存档 ${ref.hash.slice(0, 19)}…，现在 ${hash.slice(0, 19)}…），请装回当时的内容包版本`,
      en: `Scenario "${scenario.id}" has changed since this session began (log ${ref.hash.slice(0, 19)}…, offered ${hash.slice(0, 19)}…); install the pack version it was played with`,
    };
  }
  return undefined;
}

/** Folds a whole log over its scenario; the same scenario and log always give the same state. Throws when the log is not this scenario's. */
export function replay(scenario: Scenario, events: readonly StoryEvent[]): SessionState {
  const first = events[0];
  if (!first || first.type !== 'created') throw new Error('A session log starts with a "created" event');
  return foldingPrivately(() => {
    let s = init(scenario, first);
    for (let i = 1; i < events.length; i++) s = apply(s, events[i] as StoryEvent);
    return s;
  });
}

/**
 * A private fold. Replay and the simulator fold events one after another and let out only the
 * last state, so nobody sees the states between: inside such a fold `apply` changes the state it
 * made at the previous step in place (a draft) instead of copying it, and grows the arrays the
 * fold made (path, decisions, undo) in place. Everything an undo snapshot holds (vars, action
 * points, found clues, ballots, acts reached, rng) is still replaced, never changed, and
 * snapshots keep the lengths of the path and decisions, not the arrays, so growing them never
 * changes a snapshot. Outside a fold every step copies: the public API returns immutable states.
 */
interface Fold {
  arrays: WeakSet<unknown[]>;
  /** The state the last step of this fold made: the only one `apply` may change in place. */
  draft: SessionState | undefined;
}
let fold: Fold | undefined;

/** Runs `fold` with appends in place on arrays the fold itself made; `fold` must not let out any state but its result. */
export function foldingPrivately<T>(run: () => T): T {
  const outer = fold;
  fold = { arrays: new WeakSet(), draft: undefined };
  try {
    return run();
  } finally {
    fold = outer;
  }
}

function append<T>(list: T[], item: T): T[] {
  if (fold?.arrays.has(list)) {
    list.push(item);
    return list;
  }
  const next = [...list, item];
  fold?.arrays.add(next);
  return next;
}

/** Appends and keeps the last `max` items. */
function appendBounded<T>(list: T[], item: T, max: number): T[] {
  if (fold?.arrays.has(list)) {
    list.push(item);
    // One over (every step but the first past the bound): shift moves the array's start, no copy.
    if (list.length === max + 1) list.shift();
    else if (list.length > max) list.splice(0, list.length - max);
    return list;
  }
  const next = list.length >= max ? [...list.slice(list.length - max + 1), item] : [...list, item];
  fold?.arrays.add(next);
  return next;
}

/** The list without its last item. */
function dropLast<T>(list: T[]): T[] {
  if (fold?.arrays.has(list)) {
    list.pop();
    return list;
  }
  return list.slice(0, -1);
}

/** The state the next step may change: a copy, or inside a private fold the draft itself. */
function draftOf(state: SessionState): SessionState {
  if (fold !== undefined && fold.draft === state) return state;
  const s = { ...state };
  if (fold !== undefined) fold.draft = s;
  return s;
}

function init(scenario: Scenario, e: CreatedEvent): SessionState {
  if (e.formatVersion !== SESSION_FORMAT_VERSION) throw new Error(`Unsupported session format ${String(e.formatVersion)}`);
  const bad = scenarioMismatch(scenario, e.scenario);
  if (bad) throw new Error(`${bad['zh-Hans']} / ${bad.en}`);
  const seats = e.seats.map((s) => ({ player: s.player, role: s.role }));
  const base: SessionState = {
    scenario,
    scenarioRef: { id: e.scenario.id, hash: e.scenario.hash },
    pack: e.pack ? { id: e.pack.id, version: e.pack.version } : undefined,
    version: 1,
    seats,
    players: seats.map((s) => s.player),
    rng: { seed: e.seed },
    phase: (phaseIndex(scenario).order[0] as Phase).id,
    status: 'seating',
    vars: initialVars(scenario),
    actionPoints: {},
    found: [],
    ballots: {},
    tie: undefined,
    decisions: [],
    path: [],
    actsReached: [],
    reads: {},
    clock: { deadline: undefined, paused: false, pausedAt: undefined },
    since: { phase: 1, seating: 1, seats: {} },
    undo: [],
  };
  const s = e.open ? base : begin(base, e.at);
  if (fold !== undefined) fold.draft = s;
  return s;
}

function begin(s: SessionState, at: number | undefined): SessionState {
  const first = start(s.scenario);
  return enter(s, first.target as string, first.vars, at);
}

/** The phase the session is in (while seating: the one play will start with). */
export function currentPhase(state: SessionState): Phase {
  return phaseById(state.scenario, state.phase);
}

/** How long a phase runs, in seconds, at this table; undefined for phases without a timer. */
export function phaseSeconds(phase: Phase, seated: number): number | undefined {
  if (phase.kind === 'introduce') return phase.secondsPerPlayer * seated;
  if (phase.kind === 'search' || phase.kind === 'discuss') return phase.seconds;
  return undefined;
}

/** Host time a timer counts from: while paused, the moment of the pause. */
function clockNow(s: SessionState, at: number | undefined): number | undefined {
  return s.clock.paused ? (s.clock.pausedAt ?? at) : at;
}

/** Enters a phase: changes `s`, a state only this step holds (a copy, or a private fold's draft). */
function enter(s: SessionState, target: string, vars: Record<string, Value>, at: number | undefined): SessionState {
  const phase = phaseById(s.scenario, target);
  const actionPoints: Record<string, number> = {};
  if (phase.kind === 'search') for (const seat of s.seats) actionPoints[seat.role] = phase.actionPoints;
  const seconds = phaseSeconds(phase, s.seats.length);
  const from = clockNow(s, at);
  s.phase = target;
  s.vars = vars;
  s.actionPoints = actionPoints;
  s.ballots = {};
  s.tie = undefined;
  s.path = append(s.path, target);
  if (!s.actsReached.includes(phase.act)) s.actsReached = [...s.actsReached, phase.act];
  s.status = phase.kind === 'ending' ? 'ended' : 'playing';
  s.clock = withDeadline(s.clock, seconds !== undefined && from !== undefined ? from + seconds * 1000 : undefined);
  s.since = phaseMoved(s);
  return s;
}

/** Leaves the current phase (after `option` was decided): changes `s` as `enter` does. */
function move(s: SessionState, option: DecisionOption | undefined, at: number | undefined): SessionState {
  const phase = currentPhase(s);
  // Variables are never changed in place: the step's own object (or the unchanged one) is kept.
  const step = leave(s.scenario, phase, s.vars, option);
  if (step.target === undefined) {
    s.vars = step.vars as Record<string, Value>;
    s.status = 'stuck';
    s.clock = withDeadline(s.clock, undefined);
    s.since = phaseMoved(s);
    return s;
  }
  return enter(s, step.target, step.vars as Record<string, Value>, at);
}

/** The seated roles that vote in a vote phase. */
export function voterRoles(state: SessionState, phase: VotePhase): string[] {
  const out: string[] = [];
  for (const s of state.seats) if (phase.voters === 'all' || phase.voters.includes(s.role)) out.push(s.role);
  return out;
}

/** The seated players who vote in a vote phase. */
export function votersOf(state: SessionState, phase: VotePhase): string[] {
  return state.seats.filter((s) => phase.voters === 'all' || phase.voters.includes(s.role)).map((s) => s.player);
}

/** The role a player holds, if seated. */
export function roleOf(state: SessionState, player: string): string | undefined {
  // Plain loops here and below: these run for every actor at every step of a simulated game.
  for (const s of state.seats) if (s.player === player) return s.role;
  return undefined;
}

/** The player holding a role, if it is not vacant. */
export function holderOf(state: SessionState, role: string): string | undefined {
  for (const s of state.seats) if (s.role === role) return s.player;
  return undefined;
}

/** Who makes a choice: 'dm', or the player seated in the deciding role (the DM when it is vacant). */
export function choiceMaker(state: SessionState, by: string): string {
  if (by === 'dm') return 'dm';
  return holderOf(state, by) ?? 'dm';
}

function tallyOf(phase: VotePhase, ballots: Record<string, string>, roles: readonly string[] | undefined): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const o of phase.options) tally[o.id] = 0;
  for (const role in ballots) {
    if (roles !== undefined && !roles.includes(role)) continue;
    const b = ballots[role] as string;
    tally[b] = (tally[b] ?? 0) + 1;
  }
  return tally;
}

/** Counts a vote and moves on, or records the tie: changes `s` as `enter` does. */
function resolveVote(s: SessionState, phase: VotePhase, at: number | undefined): SessionState {
  const voters = voterRoles(s, phase);
  const tally = tallyOf(phase, s.ballots, voters);
  let top = -Infinity;
  for (const o of phase.options) top = Math.max(top, tally[o.id] as number);
  const leaders: string[] = [];
  for (const o of phase.options) if (tally[o.id] === top) leaders.push(o.id);
  let winner: string | undefined;
  if (phase.rule === 'plurality') {
    if (leaders.length === 1 && top > 0) winner = leaders[0];
  } else {
    const needed = phase.rule === 'majority' ? Math.floor(voters.length / 2) + 1 : voters.length;
    if (top > 0 && top >= needed && leaders.length === 1) winner = leaders[0];
  }
  if (winner !== undefined) return record(s, phase, winner, 'vote', tally, at);
  // No winner: the options a tie is broken between.
  let candidates: string[];
  if (phase.rule === 'plurality') candidates = top > 0 ? leaders : phase.options.map((o) => o.id);
  else {
    const voted = phase.options.filter((o) => (tally[o.id] as number) > 0).map((o) => o.id);
    candidates = voted.length > 0 ? voted : phase.options.map((o) => o.id);
  }
  const tb = phase.tieBreak;
  // A tie changes what the vote is: taps made before it are judged stale.
  if (tb === 'dm') {
    s.tie = candidates;
    s.since = phaseMoved(s);
    return s;
  }
  if (tb === 'random') {
    const [i, rng] = nextInt(s.rng, candidates.length);
    s.rng = rng;
    return record(s, phase, candidates[i] as string, 'tie-random', tally, at);
  }
  return record(s, phase, tb.option, 'tie-default', tally, at);
}

/** Records the vote's outcome and moves on. */
function record(s: SessionState, phase: VotePhase, option: string, how: DecisionRecord['how'], tally: Record<string, number>, at: number | undefined): SessionState {
  let opt: DecisionOption | undefined;
  for (const o of phase.options) {
    if (o.id === option) {
      opt = o;
      break;
    }
  }
  s.decisions = append(s.decisions, { phase: phase.id, option, how, tally });
  return move(s, opt, at);
}

function snapshot(s: SessionState): GameSnapshot {
  return {
    rng: s.rng,
    phase: s.phase,
    status: s.status,
    vars: s.vars,
    actionPoints: s.actionPoints,
    found: s.found,
    ballots: s.ballots,
    tie: s.tie,
    decisionCount: s.decisions.length,
    pathLength: s.path.length,
    actsReached: s.actsReached,
    deadline: s.clock.deadline,
  };
}

function restore(s: SessionState, entry: UndoEntry, at: number | undefined): SessionState {
  const { deadline, decisionCount, pathLength, ...game } = entry.before;
  // The restored phase gets back the time it had left when the undone step happened.
  let restored = deadline;
  const now = clockNow(s, at);
  if (deadline !== undefined && entry.at !== undefined && now !== undefined) restored = now + (deadline - entry.at);
  Object.assign(s, game);
  s.decisions = s.decisions.slice(0, decisionCount);
  s.path = s.path.slice(0, pathLength);
  s.clock = withDeadline(s.clock, restored);
  s.undo = dropLast(s.undo);
  s.since = phaseMoved(s);
  return s;
}

function seatChanged(s: SessionState, roles: Array<string | undefined>): SessionState['since'] {
  const seats = { ...s.since.seats };
  for (const r of roles) if (r !== undefined) seats[r] = s.version;
  return { phase: s.since.phase, seating: s.version, seats };
}

function seatRole(s: SessionState, player: string, role: string): SessionState {
  const phase = currentPhase(s);
  const actionPoints = s.status === 'playing' && phase.kind === 'search' && s.actionPoints[role] === undefined ? withKey(s.actionPoints, role, phase.actionPoints) : s.actionPoints;
  const before = roleOf(s, player);
  s.seats = [...s.seats.filter((x) => x.player !== player && x.role !== role), { player, role }];
  if (!s.players.includes(player)) s.players = [...s.players, player];
  s.actionPoints = actionPoints;
  s.since = seatChanged(s, [role, before]);
  return s;
}

/** Folds one event into the state. Events were checked by `decide`; an impossible one throws. */
export function apply(state: SessionState, event: StoryEvent): SessionState {
  if (event.type === 'created') throw new Error('"created" can only start a log: use replay(scenario, events)');
  const at = event.at;
  // Read off `state` first: inside a private fold `s` may be `state` itself.
  const entry: UndoEntry | undefined = UNDOABLE.has(event.type) ? { version: state.version + 1, type: event.type, at: clockNow(state, at), before: snapshot(state) } : undefined;
  const s = draftOf(state);
  s.version += 1;
  if (entry) s.undo = appendBounded(s.undo, entry, UNDO_DEPTH);
  const phase = currentPhase(s);
  switch (event.type) {
    case 'started':
      if (s.status !== 'seating') throw new Error('started twice');
      return begin(s, at);
    case 'joined':
      if (!s.players.includes(event.player)) {
        s.players = [...s.players, event.player];
        s.since = { phase: s.since.phase, seating: s.version, seats: s.since.seats };
      }
      return s;
    case 'claimed':
      return seatRole(s, event.player, event.role);
    case 'reseated': {
      if (event.player !== null) return seatRole(s, event.player, event.role);
      s.seats = s.seats.filter((x) => x.role !== event.role);
      s.since = seatChanged(s, [event.role]);
      return s;
    }
    case 'left': {
      const role = roleOf(s, event.player);
      s.seats = s.seats.filter((x) => x.player !== event.player);
      s.players = s.players.filter((p) => p !== event.player);
      s.since = seatChanged(s, [role]);
      return s;
    }
    case 'advanced':
      return move(s, undefined, at);
    case 'searched': {
      if (phase.kind !== 'search') throw new Error('searched outside a search phase');
      const loc = phase.locations.find((l) => l.id === event.location);
      if (!loc) throw new Error(`no location ${event.location}`);
      const options = remainingAt(s, loc.clues);
      if (options.length === 0) throw new Error(`nothing left at ${event.location}`);
      const [i, rng] = nextInt(s.rng, options.length);
      const clueId = options[i] as string;
      const clue = clueById(s.scenario, clueId);
      s.rng = rng;
      s.actionPoints = withKey(s.actionPoints, event.role, (s.actionPoints[event.role] ?? 0) - 1);
      s.found = [...s.found, { clue: clueId, by: event.player, role: event.role, phase: phase.id, shared: clue?.visibility === 'public' }];
      return s;
    }
    case 'shared':
      s.found = sharedIn(s.found, event.clue);
      return s;
    case 'voted': {
      if (phase.kind !== 'vote') throw new Error('voted outside a vote');
      s.ballots = withKey(s.ballots, event.role, event.option);
      return allVoted(s, phase) ? resolveVote(s, phase, at) : s;
    }
    case 'vote-closed':
      if (phase.kind !== 'vote') throw new Error('vote-closed outside a vote');
      return resolveVote(s, phase, at);
    case 'tie-broken': {
      if (phase.kind !== 'vote') throw new Error('tie-broken outside a vote');
      const opt = phase.options.find((o) => o.id === event.option);
      if (!opt) throw new Error(`no option ${event.option}`);
      const tally = tallyOf(phase, s.ballots, undefined);
      s.decisions = append(s.decisions, { phase: phase.id, option: opt.id, how: 'tie-dm', tally });
      return move(s, opt, at);
    }
    case 'chosen': {
      if (phase.kind !== 'choice') throw new Error('chosen outside a choice');
      const opt = phase.options.find((o) => o.id === event.option);
      if (!opt) throw new Error(`no option ${event.option}`);
      const record: DecisionRecord = { phase: phase.id, option: opt.id, how: 'choice' };
      if (event.override) record.override = true;
      s.decisions = append(s.decisions, record);
      return move(s, opt, at);
    }
    case 'acknowledged':
      s.reads = withKey(s.reads, event.role, [...(s.reads[event.role] ?? []), event.act]);
      return s;
    case 'corrected': {
      const top = s.undo.at(-1);
      if (!top || top.version !== event.undoes) throw new Error(`nothing to undo at version ${event.undoes}`);
      return restore(s, top, at);
    }
    case 'jumped':
      return enter(s, event.phase, s.vars, at);
    case 'paused':
      s.clock = { deadline: s.clock.deadline, paused: true, pausedAt: at };
      return s;
    case 'resumed': {
      const shift = at !== undefined && s.clock.pausedAt !== undefined ? at - s.clock.pausedAt : 0;
      const deadline = s.clock.deadline === undefined ? undefined : s.clock.deadline + shift;
      s.clock = { deadline, paused: false, pausedAt: undefined };
      return s;
    }
    case 'extended': {
      const from = s.clock.deadline ?? clockNow(s, at);
      if (from === undefined) throw new Error('extended without a clock');
      s.clock = withDeadline(s.clock, from + event.seconds * 1000);
      return s;
    }
    case 'clue-given': {
      const held = s.found.find((f) => f.clue === event.clue);
      if (held) {
        s.found = sharedIn(s.found, event.clue);
        return s;
      }
      const clue = clueById(s.scenario, event.clue);
      const table = event.to === 'table';
      s.found = [...s.found, { clue: event.clue, by: 'dm', role: table ? undefined : event.to, phase: s.phase, shared: table || clue?.visibility === 'public' }];
      return s;
    }
    case 'ended-early':
      if (event.ending !== undefined) return enter(s, event.ending, s.vars, at);
      s.status = 'stopped';
      s.clock = withDeadline(s.clock, undefined);
      s.since = phaseMoved(s);
      return s;
    default:
      throw new Error(`Unknown event type ${String((event as { type?: unknown }).type)}`);
  }
}

// Small objects are rebuilt field by field: a spread over objects of many shapes, or with a
// computed key, takes V8's slow path, and the engine makes a few of these at every step.

/** A copy of the found clues with every entry of this clue shared. */
function sharedIn(found: readonly FoundClue[], clue: string): FoundClue[] {
  const out: FoundClue[] = [];
  for (const f of found) out.push(f.clue === clue ? { ...f, shared: true } : f);
  return out;
}

/** A copy of a record with one key set. */
function withKey<V>(record: Readonly<Record<string, V>>, key: string, value: V): Record<string, V> {
  const out: Record<string, V> = Object.assign({}, record);
  out[key] = value;
  return out;
}

function withDeadline(clock: Clock, deadline: number | undefined): Clock {
  return { deadline, paused: clock.paused, pausedAt: clock.pausedAt };
}

/** What `since` becomes when the phase (or what a phase's commands are judged against) changes at this version. */
function phaseMoved(s: SessionState): SessionState['since'] {
  return { phase: s.version, seating: s.since.seating, seats: s.since.seats };
}

/** Every seated role that votes in this phase has a ballot. */
function allVoted(s: SessionState, phase: VotePhase): boolean {
  for (const seat of s.seats) if ((phase.voters === 'all' || phase.voters.includes(seat.role)) && s.ballots[seat.role] === undefined) return false;
  return true;
}

// The ids of the clues found, per `found` list (lists of found clues are replaced, never changed).
const foundIds = new WeakMap<readonly FoundClue[], Set<string>>();
function foundSet(found: readonly FoundClue[]): FoundIds {
  // A short list is searched as it is (cheaper than building and keeping a set for it).
  if (found.length <= 16) return found;
  let ids = foundIds.get(found);
  if (!ids) {
    ids = new Set(found.map((f) => f.clue));
    foundIds.set(found, ids);
  }
  return ids;
}

/** Clues a search location can still yield now. */
export function remainingAt(state: SessionState, clues: readonly string[]): string[] {
  return findableClues(state.scenario, clues, foundSet(state.found), state.vars);
}

/** Whether a search location can still yield a clue now (`remainingAt(…).length > 0`, without building the list). */
export function canFindAt(state: SessionState, clues: readonly string[]): boolean {
  const found = foundSet(state.found);
  for (const id of clues) if (clueFindable(state.scenario, id, found, state.vars)) return true;
  return false;
}
