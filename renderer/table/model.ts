import type { ClueView, StoryView } from '../../core/story/view';
import type { LocalisedText } from '../../core/text';
import type { TablePublic } from '../../core/protocol/tables';
import { packAssetUrl } from '../../core/pack/url';

/**
 * What the table pages reason about, kept free of React and the DOM so it is tested in Node:
 * the timer in host time, what a player may do now, which page belongs to this act.
 */

/** A phase timer as the host sends it (core/protocol/tables TimerView): a host-time deadline, the time left when paused. */
export interface TimerLike {
  endsAt: number;
  remainingMs: number;
  paused: boolean;
}

/** Time left on a timer at host time `hostNow`, never below zero; a paused timer stands still. */
export function timeLeft(timer: TimerLike, hostNow: number): number {
  return Math.max(0, timer.paused ? timer.remainingMs : timer.endsAt - hostNow);
}

/** "mm:ss", rounding up so a timer shows 00:00 only once it has really run out. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(s / 60);
  return `${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The seated role's display name for a player id ('dm' is the host). */
export function nameOf(view: StoryView, player: string): LocalisedText | undefined {
  return view.seats.find((s) => s.player === player)?.name;
}

/** The private page for the act the table is in (or undefined when this role has none for it). */
export function pageForAct(view: StoryView): string | undefined {
  return view.me?.pages.find((p) => p.act === view.phase.act.id)?.text;
}

export interface SearchSpot {
  id: string;
  name: LocalisedText;
  remaining: number;
  enabled: boolean;
}

/** What the seated player can do in the current phase. */
export interface PlayerTasks {
  search?: { points: number; spots: SearchSpot[] };
  vote?: { options: Array<{ id: string; text: LocalisedText }>; ballot?: string; canVote: boolean; tie: boolean; voted: number; voters: number };
  choice?: { options: Array<{ id: string; text: LocalisedText }>; mine: boolean; decidedBy: string };
  /** Clues this player found and may still share with the table. */
  shareable: ClueView[];
}

/** Reads what a player view lets its player do now. Nothing here grants a right: the host decides. */
export function playerTasks(view: StoryView): PlayerTasks {
  const me = view.me;
  const phase = view.phase;
  const playing = view.status === 'playing';
  const tasks: PlayerTasks = { shareable: me ? view.clues.filter((c) => c.foundBy === me.player && !c.shared) : [] };
  if (!me) return tasks;
  if (phase.kind === 'search' && phase.locations) {
    const points = me.actionPoints;
    tasks.search = { points, spots: phase.locations.map((l) => ({ ...l, enabled: playing && points > 0 && l.remaining > 0 })) };
  }
  if (phase.kind === 'vote' && phase.options) {
    const voters = phase.voters ?? [];
    const tie = (phase.tie?.length ?? 0) > 0;
    tasks.vote = {
      options: phase.options,
      ...(me.ballot !== undefined ? { ballot: me.ballot } : {}),
      canVote: playing && !tie && voters.includes(me.player),
      tie,
      voted: phase.voted?.length ?? 0,
      voters: voters.length,
    };
  }
  if (phase.kind === 'choice' && phase.options) {
    const decidedBy = phase.decidedBy ?? 'dm';
    tasks.choice = { options: phase.options, mine: playing && decidedBy === me.player, decidedBy };
  }
  return tasks;
}

/** The clue that appeared in `next` and was not in `prev` (the one a search just turned up), if any. */
export function newlyFound(prev: StoryView | undefined, next: StoryView): ClueView | undefined {
  if (!prev || !next.me) return undefined;
  const before = new Set(prev.clues.map((c) => c.id));
  return next.clues.find((c) => !before.has(c.id) && c.foundBy === next.me?.player);
}

/** The last decision taken, with the winning option's text, for the result banner. */
export function lastDecision(view: StoryView): { phase: string; option: string; tally?: Record<string, number> } | undefined {
  return view.decisions[view.decisions.length - 1];
}

/** Vote tally as bars: each option with its count and share of the largest, in the phase's option order. */
export function tallyBars(options: Array<{ id: string; text: LocalisedText }>, tally: Record<string, number>): Array<{ id: string; text: LocalisedText; count: number; share: number }> {
  const max = Math.max(1, ...options.map((o) => tally[o.id] ?? 0));
  return options.map((o) => ({ id: o.id, text: o.text, count: tally[o.id] ?? 0, share: (tally[o.id] ?? 0) / max }));
}

/** Phases in which each player needs the screen to themselves when there are no phones. */
export function isPrivatePhase(kind: StoryView['phase']['kind']): boolean {
  return kind === 'read' || kind === 'search' || kind === 'vote' || kind === 'choice';
}

/**
 * The host clock as seen from a page that only receives pushes stamped with `hostNow`. Each push
 * says host − local ≥ true offset − its one-way delay, so the largest recent sample is the least
 * delayed one (the same reasoning as core/clock's shortest round trip, with one leg).
 */
export class HostOffset {
  private samples: number[] = [];

  constructor(private readonly keep = 20) {}

  /** Adds one push (host time stamped on it, local time it arrived) and returns the estimate. */
  sample(hostNow: number, localAtReceipt: number): number {
    this.samples.push(hostNow - localAtReceipt);
    if (this.samples.length > this.keep) this.samples.shift();
    return Math.max(...this.samples);
  }
}

/**
 * Fields the story engine adds as it grows (read receipts, the DM notice, clues still to give,
 * the step an undo would take back). Read defensively so the pages work on either engine.
 */
interface ViewExtras {
  me?: { read?: string[] };
  dm?: {
    notice?: { 'zh-Hans': string; en: string };
    unfound?: Array<{ id: string; title: LocalisedText; visibility?: string }>;
    undo?: { version: number; type: string };
    roles?: Array<{ id: string; player?: string; read?: string[]; ballot?: string; actionPoints?: number }>;
  };
}

/** Whether this player has told the host they read the current act's page. */
export function hasRead(view: StoryView): boolean {
  const read = (view as unknown as ViewExtras).me?.read;
  return Array.isArray(read) && read.includes(view.phase.act.id);
}

/** The DM-only extras of a DM view, empty where the engine does not send them. */
export function dmExtras(view: StoryView): Required<Pick<NonNullable<ViewExtras['dm']>, 'unfound'>> & Pick<NonNullable<ViewExtras['dm']>, 'notice' | 'undo'> & { readBy: (player: string) => boolean } {
  const dm = (view as unknown as ViewExtras).dm;
  const act = view.phase.act.id;
  return {
    unfound: dm?.unfound ?? [],
    ...(dm?.notice ? { notice: dm.notice } : {}),
    ...(dm?.undo ? { undo: dm.undo } : {}),
    readBy: (player) => (dm?.roles ?? []).some((r) => r.player === player && (r.read ?? []).includes(act)),
  };
}

/** Where a table's scenario media lives: the host's `assetBase` when it sends one, else the pack's scenario folder. */
export function mediaUrl(table: Pick<TablePublic, 'scenario'> & { assetBase?: string }, src: string): string {
  const path = src.split('/').map(encodeURIComponent).join('/');
  if (table.assetBase) return `${table.assetBase.replace(/\/?$/, '/')}${path}`;
  return packAssetUrl(table.scenario.pack, `scenarios/${table.scenario.id}/${src}`);
}

/**
 * Whether this player still needs the screen in pass-and-play: an unread page, a search with
 * points and places left, an open vote they have not voted in, a choice that is theirs.
 */
export function needsTurn(view: StoryView): boolean {
  if (!view.me || view.status !== 'playing') return false;
  const t = playerTasks(view);
  switch (view.phase.kind) {
    case 'read':
      return !hasRead(view);
    case 'search':
      return !!t.search?.spots.some((s) => s.enabled);
    case 'vote':
      return !!t.vote?.canVote && t.vote.ballot === undefined;
    case 'choice':
      return !!t.choice?.mine;
    default:
      return false;
  }
}

/** The players who still get a turn this phase, in seating order: they need one and have not had it yet. */
export function turnQueue(views: ReadonlyArray<{ player: string; view: StoryView | undefined }>, hadTurn: ReadonlySet<string>): string[] {
  return views.filter((v) => v.view && needsTurn(v.view) && !hadTurn.has(v.player)).map((v) => v.player);
}
