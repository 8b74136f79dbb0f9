import type { Bilingual } from '../text';
import { nextInt, seedFrom, type RandomState } from '../random';
import type { Value } from './expression';
import { findableClues, leave, phaseById, start } from './flow';
import type { DecisionOption, Phase, Scenario, VotePhase } from './schema';
import { EventSchema, SESSION_FORMAT_VERSION } from './messages';

/**
 * The script-kill engine, in the manner of boardgame.io's core: a session is an append-only log
 * of events folded by `apply`; commands from clients are checked by `decide` (stale version,
 * actor, phase, action points) and either refused with a reason or turned into one event.
 */

export interface Seat {
  player: string;
  role: string;
}

export type Actor = { kind: 'player'; player: string } | { kind: 'dm' } | { kind: 'host' };

export interface FoundClue {
  clue: string;
  /** The player who found it. */
  by: string;
  phase: string;
  /** Public clues are shared at once; private ones when their finder shares them. */
  shared: boolean;
}

export interface DecisionRecord {
  phase: string;
  option: string;
  how: 'vote' | 'tie-dm' | 'tie-random' | 'tie-default' | 'choice';
  /** Votes per option, for votes. */
  tally?: Record<string, number>;
}

export interface SessionState {
  scenario: Scenario;
  /** Number of events folded so far; clients send it with every command. */
  version: number;
  seats: Seat[];
  rng: RandomState;
  phase: string;
  status: 'playing' | 'ended' | 'stuck';
  vars: Record<string, Value>;
  /** Action points left per player in the current search phase. */
  actionPoints: Record<string, number>;
  found: FoundClue[];
  /** Ballots cast in the current vote, by player. */
  ballots: Record<string, string>;
  /** Options the DM must choose between after a tied vote. */
  tie: string[] | undefined;
  decisions: DecisionRecord[];
  /** Phase ids in the order they were entered. */
  path: string[];
  /** Act ids entered so far: their private pages are released to their roles. */
  actsReached: string[];
}

export type StoryEvent =
  | { type: 'created'; formatVersion: typeof SESSION_FORMAT_VERSION; scenario: Scenario; seed: number; seats: Seat[] }
  | { type: 'advanced' }
  | { type: 'searched'; player: string; location: string }
  | { type: 'shared'; player: string; clue: string }
  | { type: 'voted'; player: string; option: string }
  | { type: 'vote-closed' }
  | { type: 'tie-broken'; option: string }
  | { type: 'chosen'; option: string };

/** What an actor may ask for; a Command adds who asks and the state version they saw. */
export type Action =
  | { type: 'advance' }
  | { type: 'search'; location: string }
  | { type: 'share'; clue: string }
  | { type: 'vote'; option: string }
  | { type: 'close-vote' }
  | { type: 'break-tie'; option: string }
  | { type: 'choose'; option: string };
export type Command = Action & { actor: Actor; version: number };

export type Decision = { ok: true; event: StoryEvent } | { ok: false; code: string; reason: Bilingual };

function refuse(code: string, zh: string, en: string): Decision {
  return { ok: false, code, reason: { 'zh-Hans': zh, en } };
}

/** Why a seating cannot start this scenario, or undefined when it can. */
export function checkSeats(scenario: Scenario, seats: readonly Seat[]): Bilingual | undefined {
  const n = seats.length;
  if (n < scenario.players.min || n > scenario.players.max) {
    return { 'zh-Hans': `本剧本需要 ${scenario.players.min}–${scenario.players.max} 名玩家，现在有 ${n} 名`, en: `This scenario needs ${scenario.players.min}–${scenario.players.max} players; there are ${n}` };
  }
  const players = new Set<string>();
  const roles = new Set<string>();
  for (const s of seats) {
    // Player ids become object keys (ballots, action points): plain names only.
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(s.player)) return { 'zh-Hans': `玩家 id“${s.player}”只能包含字母、数字、_ 和 -`, en: `Player id "${s.player}" may only hold letters, digits, _ and -` };
    if (!scenario.roles.some((r) => r.id === s.role)) return { 'zh-Hans': `没有角色“${s.role}”`, en: `There is no role "${s.role}"` };
    if (players.has(s.player)) return { 'zh-Hans': `玩家“${s.player}”坐了两个位置`, en: `Player "${s.player}" holds two seats` };
    if (roles.has(s.role)) return { 'zh-Hans': `角色“${s.role}”被分配了两次`, en: `Role "${s.role}" is given twice` };
    players.add(s.player);
    roles.add(s.role);
  }
  const missing = scenario.roles.filter((r) => !r.optional && !roles.has(r.id));
  if (missing.length > 0) return { 'zh-Hans': `必选角色没有人扮演：${missing.map((r) => r.id).join('、')}`, en: `Required roles have no player: ${missing.map((r) => r.id).join(', ')}` };
  return undefined;
}

/** The first event of every session log. Throws when the seating does not fit the scenario. */
export function sessionStart(scenario: Scenario, seed: number | string, seats: readonly Seat[]): StoryEvent {
  const bad = checkSeats(scenario, seats);
  if (bad) throw new Error(`${bad['zh-Hans']} / ${bad.en}`);
  return { type: 'created', formatVersion: SESSION_FORMAT_VERSION, scenario, seed: typeof seed === 'number' ? seed >>> 0 : seedFrom(seed), seats: seats.map((s) => ({ ...s })) };
}

/** A new session: the state after its `created` event. */
export function createSession(scenario: Scenario, seed: number | string, seats: readonly Seat[]): SessionState {
  return replay([sessionStart(scenario, seed, seats)]);
}

/** Folds a whole log; the same log always gives the same state. */
export function replay(events: readonly StoryEvent[]): SessionState {
  const [first, ...rest] = events;
  if (!first || first.type !== 'created') throw new Error('A session log starts with a "created" event');
  let s = init(first);
  for (const e of rest) s = apply(s, e);
  return s;
}

function init(e: Extract<StoryEvent, { type: 'created' }>): SessionState {
  if (e.formatVersion !== SESSION_FORMAT_VERSION) throw new Error(`Unsupported session format ${String(e.formatVersion)}`);
  const first = start(e.scenario);
  const base: SessionState = {
    scenario: e.scenario,
    version: 1,
    seats: e.seats,
    rng: { seed: e.seed },
    phase: '',
    status: 'playing',
    vars: {},
    actionPoints: {},
    found: [],
    ballots: {},
    tie: undefined,
    decisions: [],
    path: [],
    actsReached: [],
  };
  return enter(base, first.target as string, first.vars);
}

/** The phase the session is in. */
export function currentPhase(state: SessionState): Phase {
  return phaseById(state.scenario, state.phase);
}

function enter(s: SessionState, target: string, vars: Record<string, Value>): SessionState {
  const phase = phaseById(s.scenario, target);
  const actionPoints: Record<string, number> = {};
  if (phase.kind === 'search') for (const seat of s.seats) actionPoints[seat.player] = phase.actionPoints;
  return {
    ...s,
    phase: target,
    vars,
    actionPoints,
    ballots: {},
    tie: undefined,
    path: [...s.path, target],
    actsReached: s.actsReached.includes(phase.act) ? s.actsReached : [...s.actsReached, phase.act],
    status: phase.kind === 'ending' ? 'ended' : 'playing',
  };
}

function move(s: SessionState, option: DecisionOption | undefined): SessionState {
  const phase = currentPhase(s);
  const step = leave(s.scenario, phase, s.vars, option);
  if (step.target === undefined) return { ...s, vars: { ...step.vars }, status: 'stuck' };
  return enter(s, step.target, { ...step.vars });
}

/** The seated players who vote in a vote phase. */
export function votersOf(state: SessionState, phase: VotePhase): string[] {
  return state.seats.filter((s) => phase.voters === 'all' || phase.voters.includes(s.role)).map((s) => s.player);
}

function roleOf(state: SessionState, player: string): string | undefined {
  return state.seats.find((s) => s.player === player)?.role;
}

function resolveVote(s: SessionState, phase: VotePhase): SessionState {
  const voters = votersOf(s, phase);
  const tally: Record<string, number> = {};
  for (const o of phase.options) tally[o.id] = 0;
  for (const p of voters) {
    const b = s.ballots[p];
    if (b !== undefined) tally[b] = (tally[b] ?? 0) + 1;
  }
  const counts = phase.options.map((o) => tally[o.id] as number);
  const top = Math.max(...counts);
  const leaders = phase.options.filter((o) => tally[o.id] === top).map((o) => o.id);
  let winner: string | undefined;
  let candidates: string[];
  if (phase.rule === 'plurality') {
    if (leaders.length === 1 && top > 0) winner = leaders[0];
    candidates = top > 0 ? leaders : phase.options.map((o) => o.id);
  } else {
    const needed = phase.rule === 'majority' ? Math.floor(voters.length / 2) + 1 : voters.length;
    if (top > 0 && top >= needed && leaders.length === 1) winner = leaders[0];
    const voted = phase.options.filter((o) => (tally[o.id] as number) > 0).map((o) => o.id);
    candidates = voted.length > 0 ? voted : phase.options.map((o) => o.id);
  }
  const record = (option: string, how: DecisionRecord['how'], next: SessionState): SessionState => {
    const opt = phase.options.find((o) => o.id === option) as DecisionOption;
    return move({ ...next, decisions: [...next.decisions, { phase: phase.id, option, how, tally }] }, opt);
  };
  if (winner !== undefined) return record(winner, 'vote', s);
  const tb = phase.tieBreak;
  if (tb === 'dm') return { ...s, tie: candidates };
  if (tb === 'random') {
    const [i, rng] = nextInt(s.rng, candidates.length);
    return record(candidates[i] as string, 'tie-random', { ...s, rng });
  }
  return record(tb.option, 'tie-default', s);
}

/** Folds one event into the state. Events were checked by `decide`; an impossible one throws. */
export function apply(state: SessionState | undefined, event: StoryEvent): SessionState {
  if (event.type === 'created') {
    if (state) throw new Error('"created" can only start a log');
    return init(event);
  }
  if (!state) throw new Error('A session log starts with a "created" event');
  const s: SessionState = { ...state, version: state.version + 1 };
  const phase = currentPhase(s);
  switch (event.type) {
    case 'advanced':
      return move(s, undefined);
    case 'searched': {
      if (phase.kind !== 'search') throw new Error('searched outside a search phase');
      const loc = phase.locations.find((l) => l.id === event.location);
      if (!loc) throw new Error(`no location ${event.location}`);
      const options = findableClues(s.scenario, loc.clues, new Set(s.found.map((f) => f.clue)), s.vars);
      if (options.length === 0) throw new Error(`nothing left at ${event.location}`);
      const [i, rng] = nextInt(s.rng, options.length);
      const clueId = options[i] as string;
      const clue = s.scenario.clues.find((c) => c.id === clueId);
      return {
        ...s,
        rng,
        actionPoints: { ...s.actionPoints, [event.player]: (s.actionPoints[event.player] ?? 0) - 1 },
        found: [...s.found, { clue: clueId, by: event.player, phase: phase.id, shared: clue?.visibility === 'public' }],
      };
    }
    case 'shared':
      return { ...s, found: s.found.map((f) => (f.clue === event.clue ? { ...f, shared: true } : f)) };
    case 'voted': {
      if (phase.kind !== 'vote') throw new Error('voted outside a vote');
      const next = { ...s, ballots: { ...s.ballots, [event.player]: event.option } };
      const voters = votersOf(next, phase);
      return voters.every((p) => next.ballots[p] !== undefined) ? resolveVote(next, phase) : next;
    }
    case 'vote-closed':
      if (phase.kind !== 'vote') throw new Error('vote-closed outside a vote');
      return resolveVote(s, phase);
    case 'tie-broken': {
      if (phase.kind !== 'vote') throw new Error('tie-broken outside a vote');
      const opt = phase.options.find((o) => o.id === event.option);
      if (!opt) throw new Error(`no option ${event.option}`);
      const tally: Record<string, number> = {};
      for (const o of phase.options) tally[o.id] = 0;
      for (const b of Object.values(s.ballots)) tally[b] = (tally[b] ?? 0) + 1;
      return move({ ...s, decisions: [...s.decisions, { phase: phase.id, option: opt.id, how: 'tie-dm', tally }] }, opt);
    }
    case 'chosen': {
      if (phase.kind !== 'choice') throw new Error('chosen outside a choice');
      const opt = phase.options.find((o) => o.id === event.option);
      if (!opt) throw new Error(`no option ${event.option}`);
      return move({ ...s, decisions: [...s.decisions, { phase: phase.id, option: opt.id, how: 'choice' }] }, opt);
    }
    default:
      throw new Error(`Unknown event type ${String((event as { type?: unknown }).type)}`);
  }
}

const TIMED = new Set(['introduce', 'search', 'discuss']);

/** Checks a command against the state and turns it into an event, or refuses it with a reason. */
export function decide(state: SessionState, cmd: Command): Decision {
  if (cmd.version !== state.version) {
    return refuse('stale', `画面已过时（你看到的是第 ${cmd.version} 版，现在是第 ${state.version} 版），请刷新后再试`, `Your screen is out of date (version ${cmd.version}, now ${state.version}); refresh and try again`);
  }
  if (state.status === 'ended') return refuse('ended', '本局已经结束', 'This session has ended');
  if (state.status === 'stuck') return refuse('stuck', '剧本在这里无路可走，请主持人检查剧本', 'The scenario has no way forward here; the host should check the scenario');
  const actor = cmd.actor;
  const player = actor.kind === 'player' ? actor.player : undefined;
  if (player !== undefined && roleOf(state, player) === undefined) return refuse('not-seated', '你不在这一局中', 'You are not seated in this session');
  const phase = currentPhase(state);
  const wrongPhase = () => refuse('phase', '现在不是做这件事的环节', 'This cannot be done in the current phase');
  switch (cmd.type) {
    case 'advance': {
      if (actor.kind === 'player') return refuse('actor', '只有主持人可以推进环节', 'Only the host can move to the next phase');
      if (actor.kind === 'host' && !TIMED.has(phase.kind)) return refuse('actor', '这个环节不计时，要由主持人推进', 'This phase is not timed; the DM moves it on');
      if (phase.kind === 'vote' || phase.kind === 'choice' || phase.kind === 'ending') return refuse('phase', '这个环节要先做出决定', 'This phase needs a decision first');
      return { ok: true, event: { type: 'advanced' } };
    }
    case 'search': {
      if (player === undefined) return refuse('actor', '只有玩家可以搜证', 'Only players search for clues');
      if (phase.kind !== 'search') return wrongPhase();
      if ((state.actionPoints[player] ?? 0) <= 0) return refuse('action-points', '你的行动点已经用完', 'You have no action points left');
      const loc = phase.locations.find((l) => l.id === cmd.location);
      if (!loc) return refuse('location', `没有地点“${cmd.location}”`, `There is no location "${cmd.location}"`);
      if (findableClues(state.scenario, loc.clues, new Set(state.found.map((f) => f.clue)), state.vars).length === 0) {
        return refuse('searched-out', '这里已经搜不到新的线索了', 'Nothing more can be found here');
      }
      return { ok: true, event: { type: 'searched', player, location: loc.id } };
    }
    case 'share': {
      if (player === undefined) return refuse('actor', '只有找到线索的玩家可以公开它', 'Only the player who found a clue can share it');
      const f = state.found.find((x) => x.clue === cmd.clue);
      if (!f || f.by !== player) return refuse('not-yours', '你没有这条线索', 'You do not hold this clue');
      if (f.shared) return refuse('already-shared', '这条线索已经公开了', 'This clue is already public');
      return { ok: true, event: { type: 'shared', player, clue: f.clue } };
    }
    case 'vote': {
      if (player === undefined) return refuse('actor', '只有玩家可以投票', 'Only players vote');
      if (phase.kind !== 'vote') return wrongPhase();
      if (state.tie) return refuse('tie', '票数相持，正等主持人裁定', 'The vote is tied; waiting for the DM to decide');
      if (!votersOf(state, phase).includes(player)) return refuse('not-voter', '这次投票你的角色不参加', 'Your role does not vote here');
      if (state.ballots[player] !== undefined) return refuse('voted', '你已经投过票了', 'You have already voted');
      if (!phase.options.some((o) => o.id === cmd.option)) return refuse('option', `没有选项“${cmd.option}”`, `There is no option "${cmd.option}"`);
      return { ok: true, event: { type: 'voted', player, option: cmd.option } };
    }
    case 'close-vote': {
      if (actor.kind !== 'dm') return refuse('actor', '只有主持人可以结束投票', 'Only the DM can close a vote');
      if (phase.kind !== 'vote') return wrongPhase();
      if (state.tie) return refuse('tie', '票数相持，请先裁定', 'The vote is tied; break the tie first');
      return { ok: true, event: { type: 'vote-closed' } };
    }
    case 'break-tie': {
      if (actor.kind !== 'dm') return refuse('actor', '只有主持人可以裁定平票', 'Only the DM can break a tie');
      if (phase.kind !== 'vote' || !state.tie) return refuse('no-tie', '现在没有需要裁定的平票', 'There is no tie to break');
      if (!state.tie.includes(cmd.option)) return refuse('option', '只能在得票相持的选项中裁定', 'Choose one of the tied options');
      return { ok: true, event: { type: 'tie-broken', option: cmd.option } };
    }
    case 'choose': {
      if (phase.kind !== 'choice') return wrongPhase();
      const chooser = choiceMaker(state, phase.by);
      const allowed = chooser === 'dm' ? actor.kind === 'dm' : player === chooser;
      if (!allowed) return refuse('actor', '这个决定不由你来做', 'This decision is not yours to make');
      if (!phase.options.some((o) => o.id === cmd.option)) return refuse('option', `没有选项“${cmd.option}”`, `There is no option "${cmd.option}"`);
      return { ok: true, event: { type: 'chosen', option: cmd.option } };
    }
  }
}

/** Who makes a choice: 'dm', or the player seated in the deciding role (the DM when it is empty). */
export function choiceMaker(state: SessionState, by: string): string {
  if (by === 'dm') return 'dm';
  return state.seats.find((s) => s.role === by)?.player ?? 'dm';
}

/** Every action `decide` would accept from this actor now. */
export function legalActions(state: SessionState, actor: Actor): Action[] {
  if (state.status !== 'playing') return [];
  const phase = currentPhase(state);
  const candidates: Action[] = [{ type: 'advance' }];
  if (phase.kind === 'search') for (const l of phase.locations) candidates.push({ type: 'search', location: l.id });
  if (actor.kind === 'player') for (const f of state.found) if (f.by === actor.player && !f.shared) candidates.push({ type: 'share', clue: f.clue });
  if (phase.kind === 'vote') {
    candidates.push({ type: 'close-vote' });
    for (const o of phase.options) candidates.push({ type: 'vote', option: o.id }, { type: 'break-tie', option: o.id });
  }
  if (phase.kind === 'choice') for (const o of phase.options) candidates.push({ type: 'choose', option: o.id });
  return candidates.filter((a) => decide(state, { ...a, actor, version: state.version } as Command).ok);
}

/** Checks and applies a command in one step: the host's loop (store the event, then broadcast views). */
export function execute(state: SessionState, cmd: Command): { ok: true; state: SessionState; event: StoryEvent } | { ok: false; code: string; reason: Bilingual } {
  const d = decide(state, cmd);
  if (!d.ok) return d;
  return { ok: true, state: apply(state, d.event), event: d.event };
}

/** A saved session: its whole event log with a format version. */
export interface SavedSession {
  format: 'redhall.story.session';
  version: typeof SESSION_FORMAT_VERSION;
  events: StoryEvent[];
}

/** Serialises a session log to JSON. */
export function saveSession(events: readonly StoryEvent[]): string {
  const saved: SavedSession = { format: 'redhall.story.session', version: SESSION_FORMAT_VERSION, events: [...events] };
  return JSON.stringify(saved);
}

/** Reads a saved session and rebuilds its state; refuses other formats and versions with a reason. */
export function loadSession(json: string): { ok: true; events: StoryEvent[]; state: SessionState } | { ok: false; reason: Bilingual } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, reason: { 'zh-Hans': '存档不是有效的 JSON', en: 'The save is not valid JSON' } };
  }
  const d = data as Partial<SavedSession> | null;
  if (!d || d.format !== 'redhall.story.session' || !Array.isArray(d.events)) return { ok: false, reason: { 'zh-Hans': '这不是剧本杀存档', en: 'This is not a script-kill session save' } };
  if (d.version !== SESSION_FORMAT_VERSION) {
    return { ok: false, reason: { 'zh-Hans': `存档版本 ${String(d.version)} 不受支持（本程序读取版本 ${SESSION_FORMAT_VERSION}）`, en: `Save version ${String(d.version)} is not supported (this build reads version ${SESSION_FORMAT_VERSION})` } };
  }
  for (let i = 0; i < d.events.length; i++) {
    const ev = EventSchema.safeParse(d.events[i]);
    if (!ev.success) return { ok: false, reason: { 'zh-Hans': `存档的第 ${i + 1} 个事件格式不对`, en: `Event ${i + 1} of the save is malformed` } };
  }
  try {
    return { ok: true, events: d.events, state: replay(d.events) };
  } catch (e) {
    return { ok: false, reason: { 'zh-Hans': `存档无法重放：${e instanceof Error ? e.message : String(e)}`, en: `The save cannot be replayed: ${e instanceof Error ? e.message : String(e)}` } };
  }
}
