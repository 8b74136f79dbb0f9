import type { Bilingual } from '../text';
import {
  apply,
  checkSeats,
  choiceMaker,
  currentPhase,
  holderOf,
  PLAYER_ID,
  canFindAt,
  roleOf,
  voterRoles,
  type Actor,
  type FoundClue,
  type SessionState,
  type StoryEvent,
} from './engine';
import { phaseIndex, phaseRules, type PhaseRules } from './flow';

/**
 * Commands: what a client asks for, checked by `decide` against the state and what the client
 * saw. A command carries the version its sender was looking at; it is refused as stale only when
 * something that matters to it changed since (the phase moved on, the vote tied, the sender's
 * seat changed), so two players tapping at the same moment both land.
 */

/** What an actor may ask for; a Command adds who asks and the state version they saw. */
export type Action =
  | { type: 'advance' }
  | { type: 'search'; location: string }
  | { type: 'share'; clue: string }
  /** A player's ballot (changeable until the vote closes); the DM votes `as` a seated role. */
  | { type: 'vote'; option: string; as?: string }
  | { type: 'close-vote' }
  | { type: 'break-tie'; option: string }
  /** `override`: the DM decides a choice that belongs to a seated role. */
  | { type: 'choose'; option: string; override?: true }
  | { type: 'join' }
  | { type: 'claim'; role: string }
  | { type: 'leave' }
  /** DM: give a role to a player (taking it from whoever held it), or vacate it with null. */
  | { type: 'reseat'; role: string; player: string | null }
  | { type: 'start' }
  /** A player has read their role's private page for this act. */
  | { type: 'ack'; act: string }
  | { type: 'undo' }
  | { type: 'jump'; phase: string }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'extend'; seconds: number }
  /** `to`: a role id, or 'table' to make it public. */
  | { type: 'give-clue'; clue: string; to: string }
  /** End now: at an ending phase, or without one (status 'stopped'). */
  | { type: 'end'; ending?: string };
export type Command = Action & { actor: Actor; version: number };

export type Refusal = { ok: false; code: string; reason: Bilingual };
export type Decision = { ok: true; event: StoryEvent } | Refusal;

function refuse(code: string, zh: string, en: string): Refusal {
  return { ok: false, code, reason: { 'zh-Hans': zh, en } };
}

const TIMED = new Set(['introduce', 'search', 'discuss']);
/** Commands judged against the phase the sender saw. */
const PHASE_BOUND = new Set<Action['type']>(['advance', 'search', 'vote', 'close-vote', 'break-tie', 'choose', 'jump', 'extend']);
/** What a player who holds no seat may ask for. */
const UNSEATED = new Set<Action['type']>(['join', 'claim', 'leave']);
/** Commands a player may not send while the DM has paused the game. */
const HELD_BY_PAUSE = new Set<Action['type']>(['advance', 'search', 'vote', 'choose', 'close-vote']);

/** Why this command is stale for what its sender saw, or undefined. */
function staleness(state: SessionState, cmd: Action, version: number, role: string | undefined): Refusal | undefined {
  if (version > state.version) return refuse('stale', `版本号不对（${version}，现在是第 ${state.version} 版），请刷新`, `Unknown version ${version} (now ${state.version}); refresh`);
  if (version === state.version) return undefined;
  const old = (zh: string, en: string) => refuse('stale', `画面已过时：${zh}（你看到的是第 ${version} 版，现在是第 ${state.version} 版），请看新的画面再操作`, `Your screen is out of date: ${en} (you saw version ${version}, now ${state.version}); look at the new screen and try again`);
  if (cmd.type === 'undo') return old('撤销前请先看到最新的一步', 'Undo needs the latest step on screen');
  if (role !== undefined && (state.since.seats[role] ?? 0) > version) return old('你的座位已经变了', 'Your seat has changed');
  if ((cmd.type === 'start' || cmd.type === 'reseat') && state.since.seating > version) return old('座位安排已经变了', 'The seating has changed');
  if (cmd.type === 'claim' && (state.since.seats[cmd.role] ?? 0) > version) return old('这个角色刚刚被人选了或空出来了', 'This role has just been taken or freed');
  if (PHASE_BOUND.has(cmd.type) && state.since.phase > version) return old('环节已经变了', 'The phase has moved on');
  return undefined;
}

const notPlaying = (state: SessionState): Refusal | undefined => {
  if (state.status === 'seating') return refuse('seating', '游戏还没有开始', 'The game has not started yet');
  if (state.status === 'ended') return refuse('ended', '本局已经结束', 'This session has ended');
  if (state.status === 'stopped') return refuse('ended', '主持人已经提前结束了本局', 'The DM has ended this session');
  if (state.status === 'stuck') return refuse('stuck', '剧本在这里无路可走，请主持人跳转环节或结束', 'The scenario has no way forward here; the DM can jump to a phase or end the game');
  return undefined;
};
const onlyDm = (actor: Actor, zh: string, en: string): Refusal | undefined => (actor.kind === 'dm' ? undefined : refuse('actor', zh, en));
const wrongPhase = () => refuse('phase', '现在不是做这件事的环节', 'This cannot be done in the current phase');
const badPlayerId = (p: string) => !PLAYER_ID.test(p) || p === 'dm';

/**
 * Checks a command against the state and what its sender saw, and turns it into an event or
 * refuses it with a code and a reason in both languages. `now` is the host's clock (ms): the
 * event carries it, timers count from it, and the host's own timed commands are checked with it.
 */
export function decide(state: SessionState, cmd: Command, now?: number): Decision {
  const d = check(state, cmd, cmd.actor, cmd.version, now);
  if (d.ok && now !== undefined) d.event.at = now;
  return d;
}

/** `decide` for an action sent by `actor` looking at the state as it is now (the current version). */
export function decideAction(state: SessionState, actor: Actor, action: Action, now?: number): Decision {
  const d = check(state, action, actor, state.version, now);
  if (d.ok && now !== undefined) d.event.at = now;
  return d;
}

function check(state: SessionState, cmd: Action, actor: Actor, version: number, now: number | undefined): Decision {
  const player = actor.kind === 'player' ? actor.player : undefined;
  const role = player === undefined ? undefined : roleOf(state, player);
  const stale = staleness(state, cmd, version, role);
  if (stale) return stale;
  if (player !== undefined && role === undefined && !UNSEATED.has(cmd.type)) return refuse('not-seated', '你不在这一局中', 'You are not seated in this session');
  if (state.clock.paused && actor.kind !== 'dm' && HELD_BY_PAUSE.has(cmd.type)) return refuse('paused', '主持人暂停了游戏', 'The DM has paused the game');
  const phase = currentPhase(state);
  switch (cmd.type) {
    // ---- seats ---------------------------------------------------------------------------
    case 'join': {
      if (player === undefined) return refuse('actor', '只有玩家可以加入', 'Only players join');
      if (state.status !== 'seating' && state.status !== 'playing') return notPlaying(state) as Refusal;
      if (badPlayerId(player)) return refuse('player', `玩家 id“${player}”不可用`, `Player id "${player}" cannot be used`);
      if (state.players.includes(player)) return refuse('joined', '你已经在这一桌了', 'You are already at this table');
      return { ok: true, event: { type: 'joined', player } };
    }
    case 'claim': {
      if (player === undefined) return refuse('actor', '只有玩家可以选角色', 'Only players claim a role');
      if (state.status !== 'seating' && state.status !== 'playing') return notPlaying(state) as Refusal;
      if (badPlayerId(player)) return refuse('player', `玩家 id“${player}”不可用`, `Player id "${player}" cannot be used`);
      if (!state.scenario.roles.some((r) => r.id === cmd.role)) return refuse('role', `没有角色“${cmd.role}”`, `There is no role "${cmd.role}"`);
      if (holderOf(state, cmd.role) !== undefined) return refuse('taken', '这个角色已经有人了', 'This role is taken');
      if (role !== undefined && state.status !== 'seating') return refuse('seated', '游戏开始后不能换角色', 'Roles cannot be swapped once the game has started');
      if (state.status === 'seating' && role === undefined && state.seats.length >= state.scenario.players.max) return refuse('full', '这一桌已经坐满了', 'This table is full');
      return { ok: true, event: { type: 'claimed', player, role: cmd.role } };
    }
    case 'leave': {
      if (player === undefined) return refuse('actor', '只有玩家可以离开', 'Only players leave');
      if (!state.players.includes(player) && role === undefined) return refuse('not-seated', '你不在这一局中', 'You are not at this table');
      return { ok: true, event: { type: 'left', player } };
    }
    case 'reseat': {
      const who = onlyDm(actor, '只有主持人可以调整座位', 'Only the DM reseats players');
      if (who) return who;
      if (state.status !== 'seating' && state.status !== 'playing') return notPlaying(state) as Refusal;
      if (!state.scenario.roles.some((r) => r.id === cmd.role)) return refuse('role', `没有角色“${cmd.role}”`, `There is no role "${cmd.role}"`);
      const holder = holderOf(state, cmd.role);
      if (cmd.player === null) {
        if (holder === undefined) return refuse('vacant', '这个角色本来就空着', 'This role is already vacant');
        return { ok: true, event: { type: 'reseated', role: cmd.role, player: null } };
      }
      if (badPlayerId(cmd.player)) return refuse('player', `玩家 id“${cmd.player}”不可用`, `Player id "${cmd.player}" cannot be used`);
      if (holder === cmd.player) return refuse('seated', '这个玩家已经坐在这个角色上了', 'This player already holds this role');
      const other = roleOf(state, cmd.player);
      if (other !== undefined && state.status !== 'seating') return refuse('seated', `这个玩家已经在扮演“${other}”，请先让那个角色空出来`, `This player already plays "${other}"; vacate that role first`);
      if (state.status === 'seating' && holder === undefined && other === undefined && state.seats.length >= state.scenario.players.max) return refuse('full', '这一桌已经坐满了', 'This table is full');
      return { ok: true, event: { type: 'reseated', role: cmd.role, player: cmd.player } };
    }
    case 'start': {
      const who = onlyDm(actor, '只有主持人可以开始游戏', 'Only the DM starts the game');
      if (who) return who;
      if (state.status !== 'seating') return refuse('started', '游戏已经开始了', 'The game has already started');
      const bad = checkSeats(state.scenario, state.seats);
      if (bad) return { ok: false, code: 'seats', reason: bad };
      return { ok: true, event: { type: 'started' } };
    }
    // ---- DM powers that work whatever the status -------------------------------------------
    case 'undo': {
      const who = onlyDm(actor, '只有主持人可以撤销', 'Only the DM can undo');
      if (who) return who;
      const top = state.undo.at(-1);
      if (!top) return refuse('nothing-to-undo', '没有可以撤销的步骤', 'There is nothing to undo');
      return { ok: true, event: { type: 'corrected', undoes: top.version } };
    }
    case 'end': {
      const who = onlyDm(actor, '只有主持人可以结束游戏', 'Only the DM can end the game');
      if (who) return who;
      if (state.status === 'ended' || state.status === 'stopped') return notPlaying(state) as Refusal;
      if (cmd.ending !== undefined) {
        const p = phaseIndex(state.scenario).byId.get(cmd.ending);
        if (!p || p.kind !== 'ending') return refuse('ending', `没有结局“${cmd.ending}”`, `There is no ending "${cmd.ending}"`);
        if (state.status === 'seating') return refuse('seating', '游戏还没有开始，不能进入结局', 'The game has not started; it cannot go to an ending');
        return { ok: true, event: { type: 'ended-early', ending: cmd.ending } };
      }
      return { ok: true, event: { type: 'ended-early' } };
    }
    case 'jump': {
      const who = onlyDm(actor, '只有主持人可以跳转环节', 'Only the DM can jump to a phase');
      if (who) return who;
      if (state.status !== 'playing' && state.status !== 'stuck') return notPlaying(state) as Refusal;
      if (!phaseIndex(state.scenario).byId.has(cmd.phase)) return refuse('phase-id', `没有环节“${cmd.phase}”`, `There is no phase "${cmd.phase}"`);
      return { ok: true, event: { type: 'jumped', phase: cmd.phase } };
    }
    default:
      break;
  }
  const halted = notPlaying(state);
  if (halted) return halted;
  switch (cmd.type) {
    case 'advance': {
      if (actor.kind === 'player') return refuse('actor', '只有主持人可以推进环节', 'Only the host can move to the next phase');
      if (phase.kind === 'vote' || phase.kind === 'choice' || phase.kind === 'ending') return refuse('phase', '这个环节要先做出决定', 'This phase needs a decision first');
      if (actor.kind === 'host') {
        if (!TIMED.has(phase.kind)) return refuse('actor', '这个环节不计时，要由主持人推进', 'This phase is not timed; the DM moves it on');
        if (state.clock.paused) return refuse('paused', '主持人暂停了游戏', 'The DM has paused the game');
        const dl = state.clock.deadline;
        if (now !== undefined && dl !== undefined && now < dl) return refuse('not-due', '这个环节的时间还没到', 'This phase still has time left');
      }
      return { ok: true, event: { type: 'advanced' } };
    }
    case 'search': {
      if (player === undefined || role === undefined) return refuse('actor', '只有玩家可以搜证', 'Only players search for clues');
      if (phase.kind !== 'search') return wrongPhase();
      if ((state.actionPoints[role] ?? 0) <= 0) return refuse('action-points', '你的行动点已经用完', 'You have no action points left');
      const loc = phase.locations.find((l) => l.id === cmd.location);
      if (!loc) return refuse('location', `没有地点“${cmd.location}”`, `There is no location "${cmd.location}"`);
      if (!canFindAt(state, loc.clues)) return refuse('searched-out', '这里已经搜不到新的线索了', 'Nothing more can be found here');
      return { ok: true, event: { type: 'searched', player, role, location: loc.id } };
    }
    case 'share': {
      if (player === undefined || role === undefined) return refuse('actor', '只有持有线索的玩家可以公开它', 'Only the player who holds a clue can share it');
      const f = state.found.find((x) => x.clue === cmd.clue);
      if (!f || f.role !== role) return refuse('not-yours', '你没有这条线索', 'You do not hold this clue');
      if (f.shared) return refuse('already-shared', '这条线索已经公开了', 'This clue is already public');
      return { ok: true, event: { type: 'shared', player, role, clue: f.clue } };
    }
    case 'vote': {
      if (phase.kind !== 'vote') return wrongPhase();
      let voter: string;
      if (actor.kind === 'dm') {
        if (cmd.as === undefined) return refuse('actor', '主持人代投时要指明代哪个角色投（as）', 'The DM votes on behalf of a role: name it with "as"');
        voter = cmd.as;
      } else if (role !== undefined) {
        if (cmd.as !== undefined && cmd.as !== role) return refuse('actor', '你只能为自己的角色投票', 'You can only vote for your own role');
        voter = role;
      } else return refuse('actor', '只有玩家可以投票', 'Only players vote');
      if (state.tie) return refuse('tie', '票数相持，正等主持人裁定', 'The vote is tied; waiting for the DM to decide');
      if (!voterRoles(state, phase).includes(voter)) return refuse('not-voter', actor.kind === 'dm' ? '这个角色不参加这次投票，或现在没人扮演' : '这次投票你的角色不参加', actor.kind === 'dm' ? 'This role does not vote here, or is vacant' : 'Your role does not vote here');
      if (!phase.options.some((o) => o.id === cmd.option)) return refuse('option', `没有选项“${cmd.option}”`, `There is no option "${cmd.option}"`);
      if (state.ballots[voter] === cmd.option) return refuse('voted', '已经投了这一项', 'This ballot is already cast for this option');
      return { ok: true, event: { type: 'voted', role: voter, option: cmd.option, by: player ?? 'dm' } };
    }
    case 'close-vote': {
      if (phase.kind !== 'vote') return wrongPhase();
      if (actor.kind === 'player') return refuse('actor', '只有主持人可以结束投票', 'Only the DM can close a vote');
      if (state.tie) return refuse('tie', '票数相持，请先裁定', 'The vote is tied; break the tie first');
      if (actor.kind === 'host') {
        const dl = state.clock.deadline;
        if (dl === undefined || now === undefined || now < dl) return refuse('not-due', '投票的时间还没到', 'The vote still has time left');
      }
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
      let override = false;
      if (actor.kind === 'dm' && chooser !== 'dm') {
        if (!cmd.override) return refuse('actor', `这个决定属于角色“${phase.by}”；主持人要代为决定请用 override`, `This decision belongs to role "${phase.by}"; the DM decides it with override`);
        override = true;
      } else if (!(chooser === 'dm' ? actor.kind === 'dm' : player === chooser)) return refuse('actor', '这个决定不由你来做', 'This decision is not yours to make');
      if (!phase.options.some((o) => o.id === cmd.option)) return refuse('option', `没有选项“${cmd.option}”`, `There is no option "${cmd.option}"`);
      return { ok: true, event: override ? { type: 'chosen', option: cmd.option, override: true } : { type: 'chosen', option: cmd.option } };
    }
    case 'ack': {
      if (role === undefined) return refuse('actor', '只有玩家确认读完自己的剧本', 'Only players acknowledge their own pages');
      const r = state.scenario.roles.find((x) => x.id === role);
      if (!state.actsReached.includes(cmd.act) || r?.pages[cmd.act] === undefined) return refuse('page', '这一幕没有给你的剧本页', 'There is no page of yours for this act');
      if ((state.reads[role] ?? []).includes(cmd.act)) return refuse('read', '已经确认过了', 'Already acknowledged');
      return { ok: true, event: { type: 'acknowledged', role, act: cmd.act } };
    }
    case 'pause': {
      const who = onlyDm(actor, '只有主持人可以暂停', 'Only the DM can pause');
      if (who) return who;
      if (state.clock.paused) return refuse('paused', '已经暂停了', 'Already paused');
      return { ok: true, event: { type: 'paused' } };
    }
    case 'resume': {
      const who = onlyDm(actor, '只有主持人可以继续', 'Only the DM can resume');
      if (who) return who;
      if (!state.clock.paused) return refuse('not-paused', '游戏没有暂停', 'The game is not paused');
      return { ok: true, event: { type: 'resumed' } };
    }
    case 'extend': {
      const who = onlyDm(actor, '只有主持人可以加时', 'Only the DM can add time');
      if (who) return who;
      if (phase.kind === 'ending') return wrongPhase();
      if (state.clock.deadline === undefined && now === undefined) return refuse('no-clock', '这个环节没有计时，主机也没有给出时间', 'This phase has no timer and the host gave no time');
      return { ok: true, event: { type: 'extended', seconds: cmd.seconds } };
    }
    case 'give-clue': {
      const who = onlyDm(actor, '只有主持人可以发线索', 'Only the DM gives clues');
      if (who) return who;
      if (!state.scenario.clues.some((c) => c.id === cmd.clue)) return refuse('clue', `没有线索“${cmd.clue}”`, `There is no clue "${cmd.clue}"`);
      if (cmd.to !== 'table' && !state.scenario.roles.some((r) => r.id === cmd.to)) return refuse('role', `没有角色“${cmd.to}”`, `There is no role "${cmd.to}"`);
      const held = state.found.find((f) => f.clue === cmd.clue);
      if (held && (cmd.to !== 'table' || held.shared)) return refuse('found', '这条线索已经有人拿到了', 'This clue has already been found');
      return { ok: true, event: { type: 'clue-given', clue: cmd.clue, to: cmd.to } };
    }
    default:
      return refuse('unknown', '不认识的操作', 'Unknown command');
  }
}

/** Checks and applies a command in one step: the host's loop (store the event, then broadcast views). */
export function execute(state: SessionState, cmd: Command, now?: number): { ok: true; state: SessionState; event: StoryEvent } | Refusal {
  const d = decide(state, cmd, now);
  if (!d.ok) return d;
  return { ok: true, state: apply(state, d.event), event: d.event };
}

/** What the host's clock must do now: the command to run when a deadline has passed, and when to look again. */
export function tick(state: SessionState, now: number): { due?: Command; wakeAt?: number } {
  if (state.status !== 'playing' || state.clock.paused) return {};
  const dl = state.clock.deadline;
  if (dl === undefined) return {};
  const phase = currentPhase(state);
  const host: Actor = { kind: 'host' };
  if (now < dl) return { wakeAt: dl };
  if (TIMED.has(phase.kind)) return { due: { type: 'advance', actor: host, version: state.version } };
  if (phase.kind === 'vote' && !state.tie) return { due: { type: 'close-vote', actor: host, version: state.version } };
  return {};
}

export interface LegalOptions {
  /** 'play' (default): the moves that make a game go on, as the simulator plays; 'all': also seats, re-votes, read receipts and every DM power. */
  include?: 'play' | 'all';
  /** The host's clock, for the host's timed commands. */
  now?: number;
}

/** Every action `decide` would accept from this actor now (with `include: 'all'`, parameterised powers with each valid target). */
export function legalActions(state: SessionState, actor: Actor, opts: LegalOptions = {}): Action[] {
  if (opts.include === 'all') return checkedActions(state, actor, opts);
  const table = new MoveTable();
  table.fill(state, [actor], opts.now);
  const out: Action[] = [];
  for (let b = 0; b < table.buckets; b++) {
    const type = table.typeAt[b] as PlayMove;
    const keys = table.keysAt[b];
    if (keys === undefined) out.push({ type } as Action);
    else for (const key of keys) out.push(withKey(type as Parameterised, key));
  }
  return out;
}

/**
 * Draws random moves of play for a fixed cast of actors (the simulator's step): one among every
 * (actor, action) pair the actors have now, in the order of `legalActions` of each actor in turn
 * (it is what `legalActions` runs), and returns the event `decideAction` makes of it (with `at`
 * set to `now`). The index is drawn with `pick(count)` from the number of pairs. Only the pair
 * drawn is built; what the moves depend on (the actors' roles, the clues each role holds
 * unshared, the places a search can still yield at) is kept from draw to draw while the state's
 * seats, found clues and variables are the same objects. Undefined when nobody can move.
 */
export function moveDrawer(actors: readonly Actor[]): (state: SessionState, pick: (count: number) => number, now?: number) => StoryEvent | undefined {
  const table = new MoveTable();
  return (state, pick, now) => {
    table.fill(state, actors, now);
    if (table.count === 0) return undefined;
    return table.eventAt(pick(table.count), actors, now);
  };
}

type Parameterised = Extract<Action, { type: 'search' | 'share' | 'vote' | 'break-tie' | 'choose' }>['type'];
type PlayMove = 'advance' | 'close-vote' | 'start' | Parameterised;

/**
 * The moves of play, enumerated directly by the rules `check` applies to them at the current
 * version, without running the full check (and building its bilingual refusals) per candidate:
 * the simulator and the DM console ask for these at every step. Same actions, same order as
 * `checkedActions(…, { include: 'play' })`: legal.test.ts holds them equal on random games.
 * Kept as buckets (one actor, one type, the keys of its moves, or none for one plain move), so
 * counting the moves and finding the one drawn touches each bucket, not each move.
 */
class MoveTable {
  buckets = 0;
  count = 0;
  readonly actorAt: number[] = [];
  readonly typeAt: PlayMove[] = [];
  readonly keysAt: Array<readonly string[] | undefined> = [];
  readonly endAt: number[] = [];
  // What the moves depend on, worked out again only when the state holds other objects.
  private seatsSeen: SessionState['seats'] | undefined;
  private actorsSeen: readonly Actor[] | undefined;
  private readonly roles: Array<string | undefined> = [];
  private foundSeen: readonly FoundClue[] | undefined;
  /** Bumped whenever `roles` is worked out again. */
  private rolesVersion = 0;
  private unsharedRoles = -1;
  private unshared: Array<string[] | undefined> = [];
  private searchRules: PhaseRules | undefined;
  private searchFound: readonly FoundClue[] | undefined;
  private searchVars: SessionState['vars'] | undefined;
  private searchable: string[] = [];

  fill(state: SessionState, actors: readonly Actor[], now: number | undefined): void {
    this.buckets = 0;
    this.count = 0;
    if (state.status === 'seating') {
      for (let a = 0; a < actors.length; a++) if ((actors[a] as Actor).kind === 'dm' && checkSeats(state.scenario, state.seats) === undefined) this.push(a, 'start', undefined);
      return;
    }
    if (state.status !== 'playing') return;
    const rules = phaseRules(state.scenario, state.phase);
    const kind = rules.kind;
    const paused = state.clock.paused;
    const dl = state.clock.deadline;
    const tie = state.tie;
    // The host may move a timed phase on once its time is up.
    const hostAdvances = rules.timed && !paused && !(now !== undefined && dl !== undefined && now < dl);
    const roles = this.rolesOf(state, actors);
    for (let a = 0; a < actors.length; a++) {
      const actor = actors[a] as Actor;
      const role = roles[a];
      // A player not seated may only join, claim or leave: none of these is a move of play.
      if (actor.kind === 'player' && role === undefined) continue;
      const held = paused && actor.kind !== 'dm';
      if (!rules.decides && (actor.kind === 'dm' || (actor.kind === 'host' && hostAdvances))) this.push(a, 'advance', undefined);
      if (role !== undefined) {
        if (kind === 'search' && !held && (state.actionPoints[role] ?? 0) > 0) this.push(a, 'search', this.searchableNow(state, rules));
        const mine = this.unsharedOf(state.found, roles)[a];
        if (mine !== undefined) this.push(a, 'share', mine);
      }
      if (kind === 'vote') {
        if (!held && actor.kind !== 'player' && tie === undefined && (actor.kind === 'dm' || (dl !== undefined && now !== undefined && now >= dl))) this.push(a, 'close-vote', undefined);
        if (actor.kind === 'dm' && tie !== undefined) this.push(a, 'break-tie', rules.optionIds.filter((id) => tie.includes(id)));
        // A seated role votes when the phase's voters take it in (what `voterRoles` lists).
        if (role !== undefined && !held && tie === undefined && state.ballots[role] === undefined && (rules.voters === 'all' || rules.voters.includes(role))) this.push(a, 'vote', rules.optionIds);
      } else if (kind === 'choice' && !held) {
        const chooser = choiceMaker(state, rules.by);
        if (chooser === 'dm' ? actor.kind === 'dm' : actor.kind === 'player' && actor.player === chooser) this.push(a, 'choose', rules.optionIds);
      }
    }
  }

  /** The event `decideAction` makes of move `i` (0 ≤ i < count). */
  eventAt(i: number, actors: readonly Actor[], now: number | undefined): StoryEvent {
    let b = 0;
    while ((this.endAt[b] as number) <= i) b++;
    const keys = this.keysAt[b];
    const key = keys === undefined ? '' : (keys[i - ((this.endAt[b] as number) - keys.length)] as string);
    const a = this.actorAt[b] as number;
    const event = playEvent(this.typeAt[b] as PlayMove, actors[a] as Actor, this.roles[a], key);
    if (now !== undefined) event.at = now;
    return event;
  }

  private push(a: number, type: PlayMove, keys: readonly string[] | undefined): void {
    if (keys !== undefined && keys.length === 0) return;
    const b = this.buckets++;
    this.actorAt[b] = a;
    this.typeAt[b] = type;
    this.keysAt[b] = keys;
    this.count += keys === undefined ? 1 : keys.length;
    this.endAt[b] = this.count;
  }

  /** The role each actor holds (undefined for the DM, the host and unseated players). */
  private rolesOf(state: SessionState, actors: readonly Actor[]): ReadonlyArray<string | undefined> {
    if (state.seats !== this.seatsSeen || actors !== this.actorsSeen) {
      this.seatsSeen = state.seats;
      this.actorsSeen = actors;
      this.rolesVersion++;
      this.roles.length = actors.length;
      for (let a = 0; a < actors.length; a++) {
        const actor = actors[a] as Actor;
        this.roles[a] = actor.kind === 'player' ? roleOf(state, actor.player) : undefined;
      }
    }
    return this.roles;
  }

  /** The locations of this search phase that can still yield a clue (`canFindAt`), by id. */
  private searchableNow(state: SessionState, rules: PhaseRules): readonly string[] {
    if (rules !== this.searchRules || state.found !== this.searchFound || state.vars !== this.searchVars) {
      this.searchRules = rules;
      this.searchFound = state.found;
      this.searchVars = state.vars;
      const ids: string[] = [];
      for (const l of rules.searchable) if (canFindAt(state, l.clues)) ids.push(l.id);
      this.searchable = ids;
    }
    return this.searchable;
  }

  /**
   * The clues each actor's role may share, in the order found: held by it and unshared, each
   * judged (as `check` does) by the first entry of its id.
   */
  private unsharedOf(found: readonly FoundClue[], roles: ReadonlyArray<string | undefined>): ReadonlyArray<string[] | undefined> {
    if (found === this.foundSeen && this.rolesVersion === this.unsharedRoles) return this.unshared;
    this.foundSeen = found;
    this.unsharedRoles = this.rolesVersion;
    const byActor: Array<string[] | undefined> = new Array<string[] | undefined>(roles.length).fill(undefined);
    for (let i = 0; i < found.length; i++) {
      const f = found[i] as FoundClue;
      if (f.role === undefined || f.shared) continue;
      let first = f;
      for (let j = 0; j < i; j++) {
        if ((found[j] as FoundClue).clue === f.clue) {
          first = found[j] as FoundClue;
          break;
        }
      }
      if (first.role !== f.role || first.shared) continue;
      for (let a = 0; a < roles.length; a++) {
        if (roles[a] !== f.role) continue;
        const list = byActor[a];
        if (list === undefined) byActor[a] = [f.clue];
        else list.push(f.clue);
      }
    }
    this.unshared = byActor;
    return byActor;
  }
}

/** The event `check` makes of a move of play the table offered (legal.test.ts holds the two equal). */
function playEvent(type: PlayMove, actor: Actor, role: string | undefined, key: string): StoryEvent {
  switch (type) {
    case 'advance':
      return { type: 'advanced' };
    case 'close-vote':
      return { type: 'vote-closed' };
    case 'start':
      return { type: 'started' };
    case 'break-tie':
      return { type: 'tie-broken', option: key };
    case 'choose':
      return { type: 'chosen', option: key };
    default:
      break;
  }
  // Searches, shares and votes are offered to seated players only.
  const player = (actor as { player: string }).player;
  const held = role as string;
  if (type === 'search') return { type: 'searched', player, role: held, location: key };
  if (type === 'share') return { type: 'shared', player, role: held, clue: key };
  return { type: 'voted', role: held, option: key, by: player };
}

function withKey(type: Parameterised, key: string): Action {
  switch (type) {
    case 'search':
      return { type, location: key };
    case 'share':
      return { type, clue: key };
    default:
      return { type, option: key };
  }
}

/** Candidates filtered through the full check: every DM power with each target (include 'all'), and the reference for the moves of play. */
export function checkedActions(state: SessionState, actor: Actor, opts: LegalOptions = {}): Action[] {
  const all = opts.include === 'all';
  const candidates: Action[] = [];
  const phase = currentPhase(state);
  if (state.status === 'seating') {
    candidates.push({ type: 'start' });
    if (all) {
      candidates.push({ type: 'join' }, { type: 'leave' }, { type: 'end' });
      for (const r of state.scenario.roles) {
        candidates.push({ type: 'claim', role: r.id }, { type: 'reseat', role: r.id, player: null });
        for (const p of state.players) candidates.push({ type: 'reseat', role: r.id, player: p });
      }
    }
  } else if (state.status === 'playing') {
    candidates.push({ type: 'advance' });
    if (phase.kind === 'search') for (const l of phase.locations) candidates.push({ type: 'search', location: l.id });
    if (actor.kind === 'player') {
      const role = roleOf(state, actor.player);
      for (const f of state.found) if (f.role !== undefined && f.role === role && !f.shared) candidates.push({ type: 'share', clue: f.clue });
    }
    if (phase.kind === 'vote') {
      candidates.push({ type: 'close-vote' });
      for (const o of phase.options) {
        candidates.push({ type: 'break-tie', option: o.id });
        const mine = actor.kind === 'player' ? roleOf(state, actor.player) : undefined;
        // In play, a ballot is cast once; changing it is offered with include: 'all'.
        if (actor.kind === 'player' && (all || (mine !== undefined && state.ballots[mine] === undefined))) candidates.push({ type: 'vote', option: o.id });
        if (all && actor.kind === 'dm') for (const r of voterRoles(state, phase)) candidates.push({ type: 'vote', option: o.id, as: r });
      }
    }
    if (phase.kind === 'choice') for (const o of phase.options) candidates.push({ type: 'choose', option: o.id }, ...(all ? [{ type: 'choose', option: o.id, override: true } as const] : []));
    if (all) {
      candidates.push({ type: 'join' }, { type: 'leave' }, { type: 'pause' }, { type: 'resume' }, { type: 'extend', seconds: 60 }, { type: 'end' });
      for (const a of state.actsReached) candidates.push({ type: 'ack', act: a });
      for (const r of state.scenario.roles) {
        candidates.push({ type: 'claim', role: r.id }, { type: 'reseat', role: r.id, player: null });
        for (const p of state.players) candidates.push({ type: 'reseat', role: r.id, player: p });
      }
      for (const c of state.scenario.clues) {
        candidates.push({ type: 'give-clue', clue: c.id, to: 'table' });
        for (const r of state.scenario.roles) candidates.push({ type: 'give-clue', clue: c.id, to: r.id });
      }
    }
  }
  if (all && (state.status === 'playing' || state.status === 'stuck')) {
    for (const p of phaseIndex(state.scenario).order) {
      candidates.push({ type: 'jump', phase: p.id });
      if (p.kind === 'ending') candidates.push({ type: 'end', ending: p.id });
    }
    if (state.status === 'stuck') candidates.push({ type: 'end' });
  }
  if (all) candidates.push({ type: 'undo' });
  return candidates.filter((a) => check(state, a, actor, state.version, opts.now).ok);
}
