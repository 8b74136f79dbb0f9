import { createHash } from 'node:crypto';
import {
  apply as applyStory,
  checkSeats,
  currentPhase,
  decide as decideStory,
  createSession,
  view as storyView,
  type Action as StoryAction,
  type Phase,
  type Scenario,
  type Seat,
  type SessionState,
  type StoryEvent as CoreEvent,
  type StoryView,
  type Viewer,
} from '../../../core/story';
import type { Bilingual } from '../../../core/text';
import type { StoryViewWire } from '../../../core/protocol/tables';

/**
 * The one place the tables host meets the story engine. Today's engine (core/story) knows no
 * seating, timers or DM pause; this adapter adds them around it with the event names the
 * extended engine is getting (created/joined/claimed/left/reseated/started, paused/resumed/
 * extended/ended-early, `at` on every event), so the log format and the rest of the host stay
 * as they are when the engine takes these over and this file shrinks to re-exports.
 */

type At = { at: number };
export type TableEvent =
  | { type: 'created'; scenario: { id: string; hash: string }; pack: { id: string; version: string }; seed: number; at: number }
  | ({ type: 'joined'; player: string } & At)
  | ({ type: 'claimed'; player: string; role: string } & At)
  | ({ type: 'left'; player: string } & At)
  | ({ type: 'reseated'; role: string; player: string | null } & At)
  | ({ type: 'started' } & At)
  | ({ type: 'paused' } & At)
  | ({ type: 'resumed' } & At)
  | ({ type: 'extended'; seconds: number } & At)
  | ({ type: 'ended-early' } & At)
  | (Exclude<CoreEvent, { type: TableOnlyEvent }> & At);

/** Events the table adapter folds itself; every other event is the story engine's. */
type TableOnlyEvent = 'created' | 'joined' | 'claimed' | 'left' | 'reseated' | 'started' | 'paused' | 'resumed' | 'extended' | 'ended-early';
/** Actions the table adapter decides (seating, clock, DM powers in the table's words). */
type TableOnlyAction = 'join' | 'claim' | 'leave' | 'reseat' | 'start' | 'pause' | 'resume' | 'extend' | 'end' | 'undo' | 'jump' | 'give-clue' | 'ack';

export type TableAction =
  | { type: 'join'; player: string }
  | { type: 'claim'; role: string }
  | { type: 'leave' }
  | { type: 'reseat'; role: string; player: string | null }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'extend'; seconds: number }
  | { type: 'end' }
  | { type: 'undo' }
  | { type: 'jump'; phase: string }
  | { type: 'give-clue'; clue: string; player?: string | undefined }
  | { type: 'ack' }
  | Exclude<StoryAction, { type: TableOnlyAction }>;

export type TableActor = { kind: 'player'; player: string } | { kind: 'dm' } | { kind: 'host' };
export interface TableCommand {
  actor: TableActor;
  /** The version the sender's screen showed. */
  version: number;
  /** Host time of the command (ms). */
  at: number;
  action: TableAction;
}

export type TableDecision = { ok: true; event: TableEvent } | { ok: false; code: string; reason: Bilingual };

export interface TableClock {
  /** Host time the current phase's time runs out; undefined for an untimed phase. */
  deadline: number | undefined;
  paused: boolean;
  pausedAt: number | undefined;
}

export interface TableState {
  scenario: Scenario;
  created: Extract<TableEvent, { type: 'created' }>;
  /** Events folded so far (the created event is version 1). */
  version: number;
  /** Everyone who joined, seated or not, in join order. */
  players: string[];
  seats: Seat[];
  status: 'seating' | 'playing' | 'ended' | 'stuck' | 'stopped';
  session: SessionState | undefined;
  clock: TableClock;
  startedAt: number | undefined;
  /**
   * Host time the current phase began, moved on by paused spans like the deadline: a phase's
   * films play from it on every screen (a ring's segments in step, a restarted host in place).
   */
  phaseSince: number | undefined;
  /**
   * The story's own version at each table version from the start on (index 0 = the `started`
   * event): a command carries the table version its sender saw, the story judges staleness
   * against what that was in its own counting.
   */
  storyVersions: number[];
}

/** The content hash a log header and `created` name a scenario by. */
export function scenarioHash(scenario: Scenario): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(scenario)).digest('hex')}`;
}

/** A new open table (seating): its first event and state. */
export function createTable(scenario: Scenario, opts: { seed: number; pack: { id: string; version: string }; at: number }): { event: TableEvent; state: TableState } {
  const event: TableEvent = { type: 'created', scenario: { id: scenario.id, hash: scenarioHash(scenario) }, pack: opts.pack, seed: opts.seed >>> 0, at: opts.at };
  return { event, state: init(scenario, event) };
}

function init(scenario: Scenario, created: Extract<TableEvent, { type: 'created' }>): TableState {
  if (created.scenario.id !== scenario.id || created.scenario.hash !== scenarioHash(scenario)) {
    throw new Error(`This log was played on scenario ${created.scenario.id} (${created.scenario.hash.slice(0, 19)}…), not the one offered / 日志对应的剧本内容与现在不同`);
  }
  return { scenario, created, version: 1, players: [], seats: [], status: 'seating', session: undefined, clock: { deadline: undefined, paused: false, pausedAt: undefined }, startedAt: undefined, phaseSince: undefined, storyVersions: [] };
}

/** Folds a whole log over its scenario; throws when the log is not this scenario's. */
export function replayTable(scenario: Scenario, events: readonly TableEvent[]): TableState {
  const [first, ...rest] = events;
  if (!first || first.type !== 'created') throw new Error('A table log starts with a "created" event');
  let s = init(scenario, first);
  for (const e of rest) s = applyTable(s, e);
  return s;
}

/** How long a phase runs at a table of this size, in seconds; undefined when it has no timer. */
export function phaseSeconds(phase: Phase, seated: number): number | undefined {
  if (phase.kind === 'introduce') return phase.secondsPerPlayer * seated;
  if (phase.kind === 'search' || phase.kind === 'discuss') return phase.seconds;
  return undefined;
}

function statusOf(session: SessionState): TableState['status'] {
  return session.status;
}

function withPhaseClock(s: TableState, before: SessionState | undefined, at: number): TableState {
  const session = s.session;
  if (!session) return s;
  if (before && before.path.length === session.path.length) return s;
  const seconds = phaseSeconds(currentPhase(session), session.seats.length);
  const from = s.clock.paused ? (s.clock.pausedAt ?? at) : at;
  return { ...s, phaseSince: from, clock: { ...s.clock, deadline: seconds === undefined || session.status !== 'playing' ? undefined : from + seconds * 1000 } };
}

/** Folds one event; events were checked by `decideTable`, an impossible one throws. */
export function applyTable(state: TableState, event: TableEvent): TableState {
  const next = fold(state, event);
  return next.session ? { ...next, storyVersions: [...next.storyVersions, next.session.version] } : next;
}

function fold(state: TableState, event: TableEvent): TableState {
  const s: TableState = { ...state, version: state.version + 1 };
  switch (event.type) {
    case 'created':
      throw new Error('"created" can only start a log');
    case 'joined':
      return { ...s, players: [...s.players, event.player] };
    case 'claimed':
      return { ...s, seats: [...s.seats.filter((x) => x.player !== event.player && x.role !== event.role), { player: event.player, role: event.role }] };
    case 'reseated':
      return event.player === null
        ? { ...s, seats: s.seats.filter((x) => x.role !== event.role) }
        : { ...s, seats: [...s.seats.filter((x) => x.player !== event.player && x.role !== event.role), { player: event.player, role: event.role }] };
    case 'left':
      return { ...s, players: s.players.filter((p) => p !== event.player), seats: s.seats.filter((x) => x.player !== event.player) };
    case 'started': {
      // Seats in the scenario's role order, so the same seating gives the same session.
      const order = s.scenario.roles.map((r) => r.id);
      const seats = [...s.seats].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
      const session = applyStoryCreated(s.scenario, s.created.seed, seats);
      return withPhaseClock({ ...s, seats, session, status: statusOf(session), startedAt: event.at }, undefined, event.at);
    }
    case 'paused':
      return { ...s, clock: { ...s.clock, paused: true, pausedAt: event.at } };
    case 'resumed': {
      const shift = s.clock.pausedAt !== undefined ? event.at - s.clock.pausedAt : 0;
      return { ...s, phaseSince: s.phaseSince === undefined ? undefined : s.phaseSince + shift, clock: { deadline: s.clock.deadline === undefined ? undefined : s.clock.deadline + shift, paused: false, pausedAt: undefined } };
    }
    case 'extended': {
      const from = s.clock.deadline ?? (s.clock.paused ? (s.clock.pausedAt ?? event.at) : event.at);
      return { ...s, clock: { ...s.clock, deadline: from + event.seconds * 1000 } };
    }
    case 'ended-early':
      return { ...s, status: 'stopped', clock: { ...s.clock, deadline: undefined } };
    default: {
      if (!s.session) throw new Error(`${event.type} before the table started`);
      const { at, ...core } = event;
      const session = applyStory(s.session, core as CoreEvent);
      return withPhaseClock({ ...s, session, status: statusOf(session) }, s.session, at);
    }
  }
}

function applyStoryCreated(scenario: Scenario, seed: number, seats: Seat[]): SessionState {
  return createSession(scenario, seed, seats);
}

function refuse(code: string, zh: string, en: string): Extract<TableDecision, { ok: false }> {
  return { ok: false, code, reason: { 'zh-Hans': zh, en } };
}

/** Table-level commands judged against the whole table's version (the DM's clock and end). */
const STRICT = new Set(['pause', 'resume', 'extend', 'end']);

/** The story's version when the table showed `tableVersion`, or undefined before the start. */
function storyVersionSeen(state: TableState, tableVersion: number): number | undefined {
  const startVersion = state.version - state.storyVersions.length + 1;
  return state.storyVersions[tableVersion - startVersion];
}

/** Checks a command against the table and turns it into one event, or refuses it with a reason. */
export function decideTable(state: TableState, cmd: TableCommand): TableDecision {
  const { actor, action, at } = cmd;
  const dm = actor.kind === 'dm';
  const player = actor.kind === 'player' ? actor.player : undefined;
  // Seating commands are never stale (a join does not depend on what the joining phone saw).
  // Story commands are judged by the story engine against what their sender saw (two votes cast
  // on the same screen both land; a tap on a phase that has moved on is refused). The clock and
  // the end are the DM's alone and need the latest screen.
  if (cmd.version > state.version || (STRICT.has(action.type) && cmd.version !== state.version)) {
    return refuse('stale', `画面已过时（你看到的是第 ${cmd.version} 版，现在是第 ${state.version} 版），请看一眼新画面再操作`, `Your screen is out of date (version ${cmd.version}, now ${state.version}); look at the new screen and try again`);
  }
  if (state.status === 'stopped' || state.status === 'ended') return refuse('ended', '本局已经结束', 'This game has ended');
  switch (action.type) {
    case 'join':
      if (state.players.includes(action.player)) return refuse('joined', '这位玩家已经在桌上了', 'This player is already at the table');
      return { ok: true, event: { type: 'joined', player: action.player, at } };
    case 'claim': {
      if (player === undefined || !state.players.includes(player)) return refuse('not-joined', '请先加入这一桌', 'Join the table first');
      if (state.status !== 'seating') return refuse('started', '游戏已经开始，不能再换角色；请找主持人', 'The game has started; ask the DM to change roles');
      if (!state.scenario.roles.some((r) => r.id === action.role)) return refuse('role', `没有角色“${action.role}”`, `There is no role "${action.role}"`);
      const holder = state.seats.find((x) => x.role === action.role);
      if (holder && holder.player !== player) return refuse('taken', '这个角色已经有人选了', 'Someone already holds this role');
      return { ok: true, event: { type: 'claimed', player, role: action.role, at } };
    }
    case 'leave':
      if (player === undefined || !state.players.includes(player)) return refuse('not-joined', '你不在这一桌', 'You are not at this table');
      if (state.status !== 'seating') return refuse('started', '游戏已经开始；请找主持人换人', 'The game has started; ask the DM to replace you');
      return { ok: true, event: { type: 'left', player, at } };
    case 'reseat':
      if (!dm) return refuse('actor', '只有主持人可以安排座位', 'Only the DM seats players');
      if (state.status !== 'seating') return refuse('started', '游戏已经开始后换人要等引擎支持', 'Replacing a player after the start needs the extended engine');
      if (!state.scenario.roles.some((r) => r.id === action.role)) return refuse('role', `没有角色“${action.role}”`, `There is no role "${action.role}"`);
      if (action.player !== null && !state.players.includes(action.player)) return refuse('not-joined', `玩家 ${action.player} 不在这一桌`, `Player ${action.player} is not at this table`);
      return { ok: true, event: { type: 'reseated', role: action.role, player: action.player, at } };
    case 'start': {
      if (!dm) return refuse('actor', '只有主持人可以开始游戏', 'Only the DM starts the game');
      if (state.status !== 'seating') return refuse('started', '游戏已经开始了', 'The game has already started');
      const bad = checkSeats(state.scenario, state.seats);
      if (bad) return { ok: false, code: 'seats', reason: bad };
      return { ok: true, event: { type: 'started', at } };
    }
    case 'pause':
      if (!dm) return refuse('actor', '只有主持人可以暂停', 'Only the DM pauses');
      if (state.clock.paused) return refuse('paused', '已经暂停了', 'Already paused');
      return { ok: true, event: { type: 'paused', at } };
    case 'resume':
      if (!dm) return refuse('actor', '只有主持人可以继续', 'Only the DM resumes');
      if (!state.clock.paused) return refuse('running', '没有暂停', 'Not paused');
      return { ok: true, event: { type: 'resumed', at } };
    case 'extend':
      if (!dm) return refuse('actor', '只有主持人可以调整计时', 'Only the DM changes the timer');
      if (state.clock.deadline === undefined) return refuse('untimed', '这个环节不计时', 'This phase has no timer');
      return { ok: true, event: { type: 'extended', seconds: action.seconds, at } };
    case 'end':
      if (!dm) return refuse('actor', '只有主持人可以提前结束', 'Only the DM ends the game');
      return { ok: true, event: { type: 'ended-early', at } };
    default: {
      if (!state.session) return refuse('seating', '游戏还没有开始', 'The game has not started yet');
      if (state.clock.paused && actor.kind !== 'dm') return refuse('paused', '主持人暂停了游戏', 'The DM has paused the game');
      const story = storyAction(state.session, action);
      if (!story.ok) return story;
      const seen = storyVersionSeen(state, cmd.version);
      if (seen === undefined) return refuse('stale', `画面已过时（你看到的是开局前的第 ${cmd.version} 版），请看一眼新画面再操作`, `Your screen is out of date (version ${cmd.version} is from before the start); look at the new screen and try again`);
      const d = decideStory(state.session, { ...story.action, actor, version: seen } as Parameters<typeof decideStory>[1]);
      if (!d.ok) return d;
      return { ok: true, event: { ...(d.event as Exclude<CoreEvent, { type: TableOnlyEvent }>), at } };
    }
  }
}

/** The story engine's action for a table action: a clue given to a player goes to their role, a read receipt to the latest act. */
function storyAction(session: SessionState, action: Exclude<TableAction, { type: Exclude<TableOnlyAction, 'undo' | 'jump' | 'give-clue' | 'ack'> }>): { ok: true; action: StoryAction } | { ok: false; code: string; reason: Bilingual } {
  switch (action.type) {
    case 'give-clue': {
      if (action.player === undefined) return { ok: true, action: { type: 'give-clue', clue: action.clue, to: 'table' } };
      const seat = session.seats.find((x) => x.player === action.player);
      if (!seat) return refuse('not-seated', `玩家 ${action.player} 没有角色，线索无法交给他`, `Player ${action.player} holds no role to give the clue to`);
      return { ok: true, action: { type: 'give-clue', clue: action.clue, to: seat.role } };
    }
    case 'ack': {
      const act = session.actsReached.at(-1);
      if (act === undefined) return refuse('page', '现在没有要确认的剧本页', 'There is no page to acknowledge now');
      return { ok: true, action: { type: 'ack', act } };
    }
    default:
      return { ok: true, action };
  }
}

/** What a viewer sees of the story, once it started; undefined while seating. */
export function tableView(state: TableState, viewer: Viewer): StoryViewWire | undefined {
  if (!state.session) return undefined;
  const v: StoryView = { ...storyView(state.session, viewer), version: state.version };
  // StoryView is an interface (no index signature), the wire schema a loose object: the same
  // shape, checked by the test that parses every view of a played game with StoryViewWire.
  return v as unknown as StoryViewWire;
}

/** The phase the story is in, once started. */
export function tablePhase(state: TableState): Phase | undefined {
  return state.session ? currentPhase(state.session) : undefined;
}
