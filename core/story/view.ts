import type { LocalisedText } from '../text';
import type { Value } from './expression';
import type { Bilingual } from '../text';
import { choiceMaker, currentPhase, holderOf, remainingAt, voterRoles, votersOf, type DecisionRecord, type SessionState, type UndoEntry } from './engine';
import type { MediaCue, Phase } from './schema';

/**
 * What a client may see. `view` is the only thing the host ever sends: each view is built
 * field by field from what that viewer is allowed, never by copying the state and deleting.
 */
export type Viewer = { kind: 'player'; player: string } | { kind: 'dm' } | { kind: 'screen' } | { kind: 'spectator' };

export interface ClueView {
  id: string;
  title: LocalisedText;
  text: LocalisedText;
  /** The player who found it ('dm' when the DM gave it). */
  foundBy: string;
  /** The role holding it; undefined when the DM gave it to the table. */
  role?: string;
  shared: boolean;
}

export interface PhaseView {
  id: string;
  kind: Phase['kind'];
  act: { id: string; title: LocalisedText };
  title?: LocalisedText;
  prompt?: LocalisedText;
  text?: LocalisedText;
  media?: MediaCue[];
  seconds?: number;
  question?: LocalisedText;
  options?: Array<{ id: string; text: LocalisedText }>;
  /** Vote: the players who vote, and who has voted so far (never what, until it is decided). */
  voters?: string[];
  voted?: string[];
  tie?: string[];
  /** Choice: who decides ('dm' or a player id). */
  decidedBy?: string;
  /** Search: locations with how many clues can still be found there. */
  locations?: Array<{ id: string; name: LocalisedText; remaining: number }>;
  debrief?: string;
}

export interface SeatView {
  player: string;
  role: string;
  name: LocalisedText;
  intro: LocalisedText;
}

/** Every role with who holds it (public: players pick free roles from this). */
export interface RoleView {
  id: string;
  name: LocalisedText;
  intro: LocalisedText;
  optional: boolean;
  /** The player in this role; undefined while it is vacant. */
  player?: string;
}

/** The phase timer: a host-time deadline (ms), frozen while paused. */
export interface ClockView {
  deadline?: number;
  paused: boolean;
  /** While paused: the milliseconds that will be left on resume. */
  remainingMs?: number;
}

export interface StoryView {
  viewer: Viewer['kind'];
  version: number;
  status: SessionState['status'];
  scenario: { id: string; title: LocalisedText; theme: LocalisedText; background: LocalisedText };
  seats: SeatView[];
  roles: RoleView[];
  /** Everyone at the table (player ids are public: never a seat token). */
  players: string[];
  clock: ClockView;
  phase: PhaseView;
  decisions: DecisionRecord[];
  /** Clues this viewer may read. */
  clues: ClueView[];
  /** For a player: their own role in full, pages released so far, action points. */
  me?: {
    player: string;
    role: string;
    goals: LocalisedText[];
    secrets: LocalisedText[];
    pages: Array<{ act: string; text: string }>;
    actionPoints: number;
    ballot?: string;
    /** Acts whose page this role has acknowledged reading. */
    read: string[];
  };
  /** For the DM only. */
  dm?: {
    /** What this view holds that no player's does, to say so on the DM's screen. */
    notice: Bilingual;
    vars: Record<string, Value>;
    /** Ballots by seated player (by role, vacant ones included, under `roles`). */
    ballots: Record<string, string>;
    roles: Array<{
      id: string;
      player?: string;
      goals: LocalisedText[];
      secrets: LocalisedText[];
      pages: Array<{ act: string; text: string }>;
      ballot?: string;
      actionPoints?: number;
      /** Read receipts: acts whose page this role acknowledged. */
      read: string[];
    }>;
    /** Action points by seated player. */
    actionPoints: Record<string, number>;
    clues: ClueView[];
    /** Clues nobody holds yet (the DM may give them). */
    unfound: Array<{ id: string; title: LocalisedText; visibility: string }>;
    /** The step an undo would take back, if any. */
    undo?: { version: number; type: UndoEntry['type'] };
  };
}

function phaseView(state: SessionState, phase: Phase): PhaseView {
  const act = state.scenario.acts.find((a) => a.id === phase.act) as { id: string; title: LocalisedText };
  const v: PhaseView = { id: phase.id, kind: phase.kind, act: { id: act.id, title: act.title } };
  if (phase.title) v.title = phase.title;
  switch (phase.kind) {
    case 'narrate':
      v.text = phase.text;
      if (phase.media) v.media = phase.media;
      break;
    case 'read':
    case 'introduce':
    case 'discuss':
      if (phase.prompt) v.prompt = phase.prompt;
      if (phase.kind === 'introduce') v.seconds = phase.secondsPerPlayer * state.seats.length;
      if (phase.kind === 'discuss') v.seconds = phase.seconds;
      break;
    case 'search': {
      v.locations = phase.locations.map((l) => ({ id: l.id, name: l.name, remaining: remainingAt(state, l.clues).length }));
      if (phase.seconds) v.seconds = phase.seconds;
      break;
    }
    case 'vote':
      v.question = phase.question;
      v.options = phase.options.map((o) => ({ id: o.id, text: o.text }));
      v.voters = votersOf(state, phase);
      v.voted = voterRoles(state, phase)
        .filter((r) => state.ballots[r] !== undefined)
        .map((r) => holderOf(state, r) as string)
        .sort();
      if (state.tie) v.tie = [...state.tie];
      break;
    case 'choice':
      v.question = phase.question;
      v.options = phase.options.map((o) => ({ id: o.id, text: o.text }));
      v.decidedBy = choiceMaker(state, phase.by);
      break;
    case 'ending':
      v.text = phase.text;
      if (phase.media) v.media = phase.media;
      v.debrief = phase.debrief;
      break;
  }
  return v;
}

function clueView(state: SessionState, f: SessionState['found'][number]): ClueView {
  const c = state.scenario.clues.find((x) => x.id === f.clue);
  const v: ClueView = { id: f.clue, title: c?.title ?? f.clue, text: c?.text ?? '', foundBy: f.by, shared: f.shared };
  if (f.role !== undefined) v.role = f.role;
  return v;
}

function pagesOf(state: SessionState, roleId: string): Array<{ act: string; text: string }> {
  const role = state.scenario.roles.find((r) => r.id === roleId);
  if (!role) return [];
  return state.actsReached.filter((a) => role.pages[a] !== undefined).map((a) => ({ act: a, text: role.pages[a] as string }));
}

const DM_NOTICE: Bilingual = {
  'zh-Hans': '主持人视图：你能看到所有角色的剧本页、目标和秘密，所有未公开的线索、每个人的选票、行动点、阅读回执和剧本变量；玩家都看不到这些。',
  en: "DM view: you see every role's pages, goals and secrets, every unshared clue, each ballot, action points, read receipts and the scenario's variables; no player sees these.",
};

function clockView(state: SessionState): ClockView {
  const c = state.clock;
  const v: ClockView = { paused: c.paused };
  if (c.deadline !== undefined) {
    v.deadline = c.deadline;
    if (c.paused && c.pausedAt !== undefined) v.remainingMs = Math.max(0, c.deadline - c.pausedAt);
  }
  return v;
}

/** The projection of a session for one viewer: a player, the DM, the shared screen or a spectator. Built field by field; a player's never holds another role's private text. */
export function view(state: SessionState, viewer: Viewer): StoryView {
  const sc = state.scenario;
  const phase = currentPhase(state);
  const base: StoryView = {
    viewer: viewer.kind,
    version: state.version,
    status: state.status,
    scenario: { id: sc.id, title: sc.title, theme: sc.theme, background: sc.background },
    seats: state.seats.map((s) => {
      const r = sc.roles.find((x) => x.id === s.role);
      return { player: s.player, role: s.role, name: r?.name ?? s.role, intro: r?.intro ?? '' };
    }),
    roles: sc.roles.map((r) => {
      const v: RoleView = { id: r.id, name: r.name, intro: r.intro, optional: r.optional };
      const p = holderOf(state, r.id);
      if (p !== undefined) v.player = p;
      return v;
    }),
    players: [...state.players],
    clock: clockView(state),
    phase: phaseView(state, phase),
    decisions: state.decisions.map((d) => ({ ...d, ...(d.tally ? { tally: { ...d.tally } } : {}) })),
    clues: state.found.filter((f) => f.shared).map((f) => clueView(state, f)),
  };
  if (viewer.kind === 'player') {
    const seat = state.seats.find((s) => s.player === viewer.player);
    if (!seat) return base;
    const role = sc.roles.find((r) => r.id === seat.role);
    base.clues = state.found.filter((f) => f.shared || f.role === seat.role).map((f) => clueView(state, f));
    base.me = {
      player: seat.player,
      role: seat.role,
      goals: role?.goals ?? [],
      secrets: role?.secrets ?? [],
      pages: pagesOf(state, seat.role),
      actionPoints: state.actionPoints[seat.role] ?? 0,
      read: [...(state.reads[seat.role] ?? [])],
    };
    const ballot = state.ballots[seat.role];
    if (ballot !== undefined) base.me.ballot = ballot;
  }
  if (viewer.kind === 'dm') {
    const byPlayer = (m: Record<string, string | number>) => {
      const out: Record<string, never> = {};
      for (const s of state.seats) if (m[s.role] !== undefined) (out as Record<string, unknown>)[s.player] = m[s.role];
      return out;
    };
    const top = state.undo.at(-1);
    base.dm = {
      notice: DM_NOTICE,
      vars: { ...state.vars },
      ballots: byPlayer(state.ballots),
      // The DM runs the table and reads ahead: every page of every role, released or not.
      roles: sc.roles.map((r) => {
        const v: NonNullable<StoryView['dm']>['roles'][number] = { id: r.id, goals: r.goals, secrets: r.secrets, pages: Object.entries(r.pages).map(([act, text]) => ({ act, text })), read: [...(state.reads[r.id] ?? [])] };
        const p = holderOf(state, r.id);
        if (p !== undefined) v.player = p;
        if (state.ballots[r.id] !== undefined) v.ballot = state.ballots[r.id];
        if (state.actionPoints[r.id] !== undefined) v.actionPoints = state.actionPoints[r.id];
        return v;
      }),
      actionPoints: byPlayer(state.actionPoints),
      clues: state.found.map((f) => clueView(state, f)),
      unfound: sc.clues.filter((c) => !state.found.some((f) => f.clue === c.id)).map((c) => ({ id: c.id, title: c.title, visibility: c.visibility })),
    };
    if (top) base.dm.undo = { version: top.version, type: top.type };
  }
  return base;
}
