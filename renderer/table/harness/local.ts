import { createSession, execute, legalActions, type Action, type Actor, type Command, type Seat, type SessionState } from '../../../core/story/index';
import { view, type StoryView, type Viewer } from '../../../core/story/view';
import type { Scenario } from '../../../core/story/schema';
import type { TableClientMessage, TablePublic } from '../../../core/protocol/tables';
import type { TableLink, TablePageState } from '../link';

/**
 * A table run by the story engine inside the page, standing in for the host: the screens'
 * harness and their tests use it to play the real scenario without a network. It speaks the
 * same TableLink as the WebSocket, answers `play` and `dm.command` with the engine's decisions,
 * and keeps a simple phase timer. Host-only features (seating, undo, give a clue) are refused.
 */
export class LocalTable {
  state: SessionState;
  private links = new Set<LocalLink>();
  timer: { phase: string; endsAt: number; remainingMs: number; paused: boolean } | undefined;
  acks = new Map<string, Set<string>>();

  constructor(
    readonly scenario: Scenario,
    readonly seats: Seat[],
    readonly code = 'HQ7RT',
    private readonly now: () => number = () => Date.now(),
  ) {
    this.state = createSession(scenario, 'harness', seats);
    this.startTimer();
  }

  /** A page's link: a player's phone, the DM console or the shared screen. */
  link(viewer: Viewer, lobby = false): LocalLink {
    const l = new LocalLink(this, viewer, lobby);
    this.links.add(l);
    return l;
  }

  publicTable(): TablePublic {
    const sc = this.scenario;
    return {
      id: 't-harness',
      code: this.code,
      status: this.state.status === 'playing' ? 'playing' : 'ended',
      pick: 'player',
      scenario: { pack: 'demo-hall', id: sc.id, title: sc.title, theme: sc.theme, background: sc.background },
      roles: this.seats.map((s) => {
        const r = sc.roles.find((x) => x.id === s.role);
        return { id: s.role, name: r?.name ?? s.role, intro: r?.intro ?? '', player: s.player };
      }),
      seats: this.seats.map((s) => ({ player: s.player, role: s.role, connected: true })),
      joinUrl: `http://192.168.1.20:8080/phone/#/phone?code=${this.code}`,
    };
  }

  /** Runs a command as `actor`; returns the refusal, if any. */
  run(actor: Actor, action: Action, version: number): TablePageState['refused'] {
    const r = execute(this.state, { ...action, actor, version } as Command);
    if (!r.ok) return { code: r.code, reason: r.reason, at: this.now() };
    const before = this.state.phase;
    this.state = r.state;
    if (this.state.phase !== before) this.startTimer();
    this.broadcast();
    return undefined;
  }

  private startTimer(): void {
    const seconds = view(this.state, { kind: 'screen' }).phase.seconds;
    this.timer = seconds ? { phase: this.state.phase, endsAt: this.now() + seconds * 1000, remainingMs: seconds * 1000, paused: false } : undefined;
  }

  timerCommand(action: { type: 'pause' } | { type: 'resume' } | { type: 'extend'; seconds: number }): void {
    const t = this.timer;
    if (!t) return;
    const left = t.paused ? t.remainingMs : Math.max(0, t.endsAt - this.now());
    if (action.type === 'pause') this.timer = { ...t, paused: true, remainingMs: left };
    if (action.type === 'resume') this.timer = { ...t, paused: false, endsAt: this.now() + left, remainingMs: left };
    if (action.type === 'extend') this.timer = { ...t, remainingMs: left + action.seconds * 1000, endsAt: this.now() + left + action.seconds * 1000 };
    this.broadcast();
  }

  broadcast(): void {
    for (const l of this.links) l.refresh();
  }

  /**
   * Plays the table forward until it reaches `phaseId` (or ends): players search a little and
   * vote by a fixed preference, the DM advances. For screenshots and tests of a given moment.
   */
  playTo(phaseId: string, prefer: Record<string, string> = {}): void {
    for (let guard = 0; guard < 500 && this.state.status === 'playing' && this.state.phase !== phaseId; guard++) {
      const s = this.state;
      const players = s.seats.map((x): Actor => ({ kind: 'player', player: x.player }));
      const step = (): [Actor, Action] | undefined => {
        for (const p of players) {
          const acts = legalActions(s, p);
          const search = acts.find((a) => a.type === 'search');
          if (search) return [p, search];
          const votes = acts.filter((a): a is Extract<Action, { type: 'vote' | 'choose' }> => a.type === 'vote' || a.type === 'choose');
          if (votes.length > 0) return [p, votes.find((a) => a.option === prefer[s.phase]) ?? (votes[0] as Action)];
        }
        const dm = legalActions(s, { kind: 'dm' });
        const pick = dm.find((a) => (a.type === 'choose' || a.type === 'break-tie') && a.option === prefer[s.phase]) ?? dm.find((a) => a.type === 'advance') ?? dm.find((a) => a.type === 'close-vote') ?? dm[0];
        return pick ? [{ kind: 'dm' }, pick] : undefined;
      };
      const next = step();
      if (!next) break;
      this.run(next[0], next[1], s.version);
    }
  }
}

/** One page's link to a LocalTable. */
export class LocalLink implements TableLink {
  private listeners = new Set<(s: TablePageState) => void>();
  state: TablePageState;

  constructor(
    private readonly table: LocalTable,
    private readonly viewer: Viewer,
    /** Show the table as before its start: no story view yet, roles still to take. */
    private readonly lobby = false,
  ) {
    this.state = this.build();
  }

  private build(): TablePageState {
    const t = this.table;
    const v: StoryView = view(t.state, this.viewer);
    const s: TablePageState = { status: 'open', offsetMs: 0, table: t.publicTable(), view: v };
    if (this.lobby && s.table) {
      delete s.view;
      s.table = { ...s.table, status: 'lobby', roles: s.table.roles.map((r, i) => ({ ...r, player: i < 2 ? r.player : null })), seats: s.table.seats.slice(0, 2) };
      if (this.viewer.kind === 'player') s.seat = { table: 't-harness', code: t.code, player: this.viewer.player, role: null, seatToken: 'harness-token-000000' };
      return s;
    }
    if (t.timer) s.timer = t.timer;
    if (this.viewer.kind === 'dm') {
      const sc = t.scenario;
      s.dm = {
        token: 'harness-dm-token-0000',
        screens: [],
        scenarios: [{ pack: 'demo-hall', packVersion: '1.0.0', id: sc.id, title: sc.title, theme: sc.theme, players: sc.players, minutes: sc.duration, roles: sc.roles.map((r) => ({ id: r.id, name: r.name, intro: r.intro, optional: !!r.optional })) }],
      };
      s.tables = [{ id: 't-harness', code: t.code, label: '第 3 组', scenario: { pack: 'demo-hall', id: sc.id, title: sc.title }, status: 'playing', size: t.seats.length, seated: t.seats.length, connected: t.seats.length - 1, version: t.state.version, phase: { id: v.phase.id, kind: v.phase.kind, ...(v.phase.title ? { title: v.phase.title } : {}) }, openedAt: 0 }];
    }
    if (this.viewer.kind === 'player') {
      const seat = t.seats.find((x) => x.player === (this.viewer as { player: string }).player);
      s.seat = { table: 't-harness', code: t.code, player: seat?.player ?? '', role: seat?.role ?? null, seatToken: 'harness-token-000000' };
    }
    return s;
  }

  refresh(): void {
    const { refused, error } = this.state;
    this.state = { ...this.build(), ...(refused ? { refused } : {}), ...(error ? { error } : {}) };
    for (const fn of this.listeners) fn(this.state);
  }

  subscribe(fn: (s: TablePageState) => void): () => void {
    this.listeners.add(fn);
    fn(this.state);
    return () => this.listeners.delete(fn);
  }

  hostNow(): number {
    return Date.now();
  }

  dismiss(): void {
    const { refused: _r, error: _e, ...rest } = this.state;
    this.state = rest;
    for (const fn of this.listeners) fn(this.state);
  }

  send(m: TableClientMessage): void {
    const t = this.table;
    let refused: TablePageState['refused'];
    if (m.type === 'play' && this.viewer.kind === 'player') {
      if (m.action.type === 'ack') {
        const set = t.acks.get(t.state.phase) ?? new Set<string>();
        set.add(this.viewer.player);
        t.acks.set(t.state.phase, set);
        t.broadcast();
      } else refused = t.run({ kind: 'player', player: this.viewer.player }, m.action, m.version);
    } else if (m.type === 'dm.command' && this.viewer.kind === 'dm') {
      const a = m.action;
      if (a.type === 'advance' || a.type === 'close-vote' || a.type === 'break-tie' || a.type === 'choose') refused = t.run({ kind: 'dm' }, a, m.version);
      else if (a.type === 'pause' || a.type === 'resume' || a.type === 'extend') t.timerCommand(a);
      else refused = { code: 'harness', reason: { 'zh-Hans': '本地演示不支持此操作', en: 'Not available in the local harness' }, at: Date.now() };
    }
    if (refused) {
      this.state = { ...this.state, refused };
      for (const fn of this.listeners) fn(this.state);
    }
  }
}
