import type { Scenario, SessionState } from '../../../core/story';
import type { StoryViewWire, TableMessage, TablePublic, TableStatus, TableSummary, TimerView } from '../../../core/protocol/tables';
import { applyTable, decideTable, tablePhase, tableView, type TableAction, type TableActor, type TableEvent, type TableState } from './engine';
import type { TableLog, TableLogHeader } from './log';

/** Who a connection is at a table: a seated (or waiting) player, the DM console, or a shared screen. */
export type Audience = { kind: 'player'; player: string } | { kind: 'dm' } | { kind: 'screen' };

export interface Listener {
  audience: Audience;
  /**
   * Receives one TableMessage as the UTF-8 bytes of a text frame (made once per audience, not
   * per listener; bytes, so a socket writes them as they are instead of encoding a string again).
   */
  send(frame: Buffer): void;
}

const VIEW_KEY = Buffer.from(',"view":');

export type Outcome = { ok: true; event: TableEvent } | { ok: false; code: string; reason: { 'zh-Hans': string; en: string }; version: number };

/**
 * One running table: its header, scenario, folded state and log. `command` is the host's loop
 * in boardgame.io's order: decide, write, fold; the listeners are pushed a state only once the
 * log line that made it is on disk (`shown`, moved on by the log's group commit).
 */
export class Table {
  readonly listeners = new Set<Listener>();
  private closed = false;
  /** The state as decided (the next command is checked against it); may be ahead of the disk. */
  public state: TableState;
  /** The newest state whose events are all on disk: the only one anyone outside is shown. */
  shown: TableState;
  /** States decided but not yet on disk, by their log line number. */
  private pending: Array<{ line: number; state: TableState }> = [];
  private settledWaiters: Array<() => void> = [];
  /** Called when `shown` moved on (the host pushes it to the listeners). */
  onShown: () => void = () => {};
  /** Called once if the log cannot be synced (the table then refuses every step). */
  onDiskFailure: (err: Error) => void = () => {};

  constructor(
    readonly header: TableLogHeader,
    readonly scenario: Scenario,
    state: TableState,
    private readonly log: TableLog,
    private readonly joinUrl: (code: string) => string,
  ) {
    this.state = state;
    this.shown = state;
    log.onDurable = (lines) => {
      let moved = false;
      while (this.pending.length > 0 && (this.pending[0] as { line: number }).line <= lines) {
        this.shown = (this.pending.shift() as { state: TableState }).state;
        moved = true;
      }
      if (this.pending.length === 0) for (const w of this.settledWaiters.splice(0)) w();
      if (moved) this.onShown();
    };
    log.onFailure = (err) => this.onDiskFailure(err);
  }

  /** Resolves once every accepted command is on disk and shown (at once when nothing waits). */
  settled(): Promise<void> {
    return this.pending.length === 0 ? Promise.resolve() : new Promise((r) => this.settledWaiters.push(r));
  }

  get id(): string {
    return this.header.table;
  }

  get code(): string {
    return this.header.code;
  }

  /** The table's status as decided (what the next command meets). */
  get status(): TableStatus {
    return this.statusOf(this.state);
  }

  private statusOf(s: TableState): TableStatus {
    if (this.closed) return 'closed';
    if (s.status === 'seating') return 'lobby';
    return s.status === 'playing' ? 'playing' : 'ended';
  }

  /**
   * Checks, writes and folds one command. The line is in the file when this returns (a failed
   * write refuses the command and changes nothing); it is shown once an fsync covers it.
   */
  command(actor: TableActor, version: number, action: TableAction, at: number): Outcome {
    if (this.closed) return { ok: false, code: 'closed', reason: { 'zh-Hans': '这一桌已经关闭', en: 'This table is closed' }, version: this.state.version };
    if (this.log.failure) {
      return { ok: false, code: 'disk', reason: { 'zh-Hans': '这一桌的记录写不进磁盘，请主持人重启主机（已保存的进度不会丢）', en: 'This table cannot write its log to disk; the DM should restart the host (what was saved is kept)' }, version: this.state.version };
    }
    const d = decideTable(this.state, { actor, version, at, action });
    if (!d.ok) return { ...d, version: this.state.version };
    const next = applyTable(this.state, d.event);
    const line = this.log.write(d.event);
    this.state = next;
    this.pending.push({ line, state: next });
    this.log.flush();
    return { ok: true, event: d.event };
  }

  markClosed(): void {
    this.closed = true;
    this.log.close();
  }

  /** Closes the log file (the host is stopping; the table resumes from it on the next start). */
  release(): void {
    this.log.close();
  }

  isConnected(player: string): boolean {
    for (const l of this.listeners) if (l.audience.kind === 'player' && l.audience.player === player) return true;
    return false;
  }

  /** The role a player holds (as decided; `shown` for what goes out). */
  roleOf(player: string, s: TableState = this.state): string | null {
    return s.seats.find((x) => x.player === player)?.role ?? null;
  }

  /** What everyone at the table may know, from what is on disk. */
  publicInfo(): TablePublic {
    const sc = this.scenario;
    const st = this.shown;
    return {
      id: this.id,
      code: this.code,
      ...(this.header.label ? { label: this.header.label } : {}),
      status: this.statusOf(st),
      pick: this.header.pick,
      scenario: { pack: this.header.pack.id, id: sc.id, title: sc.title, theme: sc.theme, background: sc.background },
      roles: this.header.roles.map((id) => {
        const r = sc.roles.find((x) => x.id === id);
        return { id, name: r?.name ?? id, intro: r?.intro ?? '', player: st.seats.find((s) => s.role === id)?.player ?? null };
      }),
      seats: st.players.map((player) => ({ player, role: this.roleOf(player, st), connected: this.isConnected(player) })),
      joinUrl: this.joinUrl(this.code),
    };
  }

  summary(): TableSummary {
    const st = this.shown;
    const phase = tablePhase(st);
    return {
      id: this.id,
      code: this.code,
      ...(this.header.label ? { label: this.header.label } : {}),
      scenario: { pack: this.header.pack.id, id: this.scenario.id, title: this.scenario.title },
      status: this.statusOf(st),
      size: this.header.roles.length,
      seated: st.seats.length,
      connected: st.players.filter((p) => this.isConnected(p)).length,
      version: st.session ? st.version : 0,
      ...(phase ? { phase: { id: phase.id, kind: phase.kind, ...(phase.title ? { title: phase.title } : {}) } } : {}),
      openedAt: this.header.openedAt,
    };
  }

  timer(now: number, s: TableState = this.state): TimerView | undefined {
    const { deadline, paused, pausedAt } = s.clock;
    const phase = tablePhase(s);
    if (deadline === undefined || !phase) return undefined;
    const from = paused ? (pausedAt ?? now) : now;
    return { phase: phase.id, endsAt: deadline, remainingMs: Math.max(0, deadline - from), paused };
  }

  /** When the current phase began (host time, moved on by pauses), and the pause, if paused. */
  phaseTime(s: TableState = this.shown): TableMessage['phaseTime'] {
    if (s.phaseSince === undefined || !s.session) return undefined;
    return s.clock.paused && s.clock.pausedAt !== undefined ? { since: s.phaseSince, pausedAt: s.clock.pausedAt } : { since: s.phaseSince };
  }

  /** The view this audience may see (of what is on disk): a player only their own, an unseated player nothing of the story. */
  viewFor(audience: Audience, s: TableState = this.shown): StoryViewWire | undefined {
    if (audience.kind === 'dm') return tableView(s, { kind: 'dm' });
    if (audience.kind === 'screen') return tableView(s, { kind: 'screen' });
    if (this.roleOf(audience.player, s) === null) return tableView(s, { kind: 'spectator' });
    return tableView(s, { kind: 'player', player: audience.player });
  }

  /**
   * Each audience's view of a story state, serialised once (UTF-8): `{"viewer":…,"version":` is
   * put in front of the rest at every push. The story state (a new object at every story step,
   * never changed in place) is what a view is made of; the table's version is the only part of it
   * that moves with the table's own steps (a join, a pause, a phone that reconnects), so those
   * pushes reuse the serialised views instead of building and serialising them again.
   */
  private readonly views = new WeakMap<SessionState, Map<string, { viewer: string; rest: Buffer } | { whole: Buffer; version: number }>>();

  /** The UTF-8 JSON of what `viewFor(audience, s)` returns (undefined before the start). */
  private viewBytes(audience: Audience, s: TableState): Buffer | undefined {
    if (!s.session) return undefined;
    const key = audience.kind === 'player' ? `p:${audience.player}:${this.roleOf(audience.player, s) ?? ''}` : audience.kind;
    let bySession = this.views.get(s.session);
    let hit = bySession?.get(key);
    if (hit && 'whole' in hit && hit.version !== s.version) hit = undefined;
    if (!hit) {
      const view = this.viewFor(audience, s);
      if (!view) return undefined;
      const json = JSON.stringify(view satisfies StoryViewWire);
      const head = `{"viewer":${JSON.stringify(view.viewer)},"version":${JSON.stringify(view.version)}`;
      // A view whose first fields are not these (a changed StoryView) is kept for its own version only.
      hit = json.startsWith(head) ? { viewer: JSON.stringify(view.viewer), rest: Buffer.from(json.slice(head.length)) } : { whole: Buffer.from(json), version: s.version };
      if (!bySession) this.views.set(s.session, (bySession = new Map()));
      bySession.set(key, hit);
    }
    if ('whole' in hit) return hit.whole;
    return Buffer.concat([Buffer.from(`{"viewer":${hit.viewer},"version":${JSON.stringify(s.version)}`), hit.rest]);
  }

  /** The JSON of what `viewFor(audience, s)` returns, as the table's frames carry it (undefined before the start). */
  viewJson(audience: Audience, s: TableState = this.shown): string | undefined {
    return this.viewBytes(audience, s)?.toString('utf8');
  }

  /**
   * Pushes every listener its own view of the shown state. The parts all audiences share (the
   * table's public info, the timer) are serialised once and each audience's view once, so a
   * table of thirteen listeners costs eight view serialisations, not thirteen whole messages
   * (and none when only the table moved on: see `views`).
   */
  broadcast(now: number): void {
    const timer = this.timer(now, this.shown);
    // The same fields, in the same order, as a TableMessage ({ type, table, view?, timer?, hostNow }).
    const head = `{"type":"table","table":${JSON.stringify(this.publicInfo() satisfies TableMessage['table'])}`;
    const phaseTime = this.phaseTime(this.shown);
    const tail = `${timer ? `,"timer":${JSON.stringify(timer satisfies TimerView)}` : ''}${phaseTime ? `,"phaseTime":${JSON.stringify(phaseTime)}` : ''},"hostNow":${JSON.stringify(now)}}`;
    const headBytes = Buffer.from(head);
    const tailBytes = Buffer.from(tail);
    const frames = new Map<string, Buffer>();
    for (const l of this.listeners) {
      const key = l.audience.kind === 'player' ? `p:${l.audience.player}` : l.audience.kind;
      let frame = frames.get(key);
      if (frame === undefined) {
        const view = this.viewBytes(l.audience, this.shown);
        frame = view ? Buffer.concat([headBytes, VIEW_KEY, view, tailBytes]) : Buffer.concat([headBytes, tailBytes]);
        frames.set(key, frame);
      }
      l.send(frame);
    }
  }
}
