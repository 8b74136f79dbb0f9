import type { LocalisedText } from '../text';
import type { Value } from './expression';
import { findableClues } from './flow';
import { choiceMaker, currentPhase, votersOf, type DecisionRecord, type SessionState } from './engine';
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
  foundBy: string;
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

export interface StoryView {
  viewer: Viewer['kind'];
  version: number;
  status: SessionState['status'];
  scenario: { id: string; title: LocalisedText; theme: LocalisedText; background: LocalisedText };
  seats: SeatView[];
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
  };
  /** For the DM only. */
  dm?: {
    vars: Record<string, Value>;
    ballots: Record<string, string>;
    roles: Array<{ id: string; goals: LocalisedText[]; secrets: LocalisedText[]; pages: Array<{ act: string; text: string }> }>;
    actionPoints: Record<string, number>;
    clues: ClueView[];
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
      const found = new Set(state.found.map((f) => f.clue));
      v.locations = phase.locations.map((l) => ({ id: l.id, name: l.name, remaining: findableClues(state.scenario, l.clues, found, state.vars).length }));
      if (phase.seconds) v.seconds = phase.seconds;
      break;
    }
    case 'vote':
      v.question = phase.question;
      v.options = phase.options.map((o) => ({ id: o.id, text: o.text }));
      v.voters = votersOf(state, phase);
      v.voted = Object.keys(state.ballots).sort();
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
  return { id: f.clue, title: c?.title ?? f.clue, text: c?.text ?? '', foundBy: f.by, shared: f.shared };
}

function pagesOf(state: SessionState, roleId: string): Array<{ act: string; text: string }> {
  const role = state.scenario.roles.find((r) => r.id === roleId);
  if (!role) return [];
  return state.actsReached.filter((a) => role.pages[a] !== undefined).map((a) => ({ act: a, text: role.pages[a] as string }));
}

/** The projection of a session for one viewer: a player, the DM, the shared screen or a spectator. */
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
    phase: phaseView(state, phase),
    decisions: state.decisions.map((d) => ({ ...d, ...(d.tally ? { tally: { ...d.tally } } : {}) })),
    clues: state.found.filter((f) => f.shared).map((f) => clueView(state, f)),
  };
  if (viewer.kind === 'player') {
    const seat = state.seats.find((s) => s.player === viewer.player);
    if (!seat) return base;
    const role = sc.roles.find((r) => r.id === seat.role);
    base.clues = state.found.filter((f) => f.shared || f.by === viewer.player).map((f) => clueView(state, f));
    base.me = {
      player: seat.player,
      role: seat.role,
      goals: role?.goals ?? [],
      secrets: role?.secrets ?? [],
      pages: pagesOf(state, seat.role),
      actionPoints: state.actionPoints[seat.player] ?? 0,
    };
    const ballot = state.ballots[seat.player];
    if (ballot !== undefined) base.me.ballot = ballot;
  }
  if (viewer.kind === 'dm') {
    base.dm = {
      vars: { ...state.vars },
      ballots: { ...state.ballots },
      // The DM runs the table and reads ahead: every page of every role, released or not.
      roles: sc.roles.map((r) => ({ id: r.id, goals: r.goals, secrets: r.secrets, pages: Object.entries(r.pages).map(([act, text]) => ({ act, text })) })),
      actionPoints: { ...state.actionPoints },
      clues: state.found.map((f) => clueView(state, f)),
    };
  }
  return base;
}
