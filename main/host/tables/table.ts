import type { Scenario } from '../../../core/story';
import type { StoryViewWire, TableMessage, TablePublic, TableStatus, TableSummary, TimerView } from '../../../core/protocol/tables';
import { applyTable, decideTable, tablePhase, tableView, type TableAction, type TableActor, type TableEvent, type TableState } from './engine';
import type { TableLog, TableLogHeader } from './log';

/** Who a connection is at a table: a seated (or waiting) player, the DM console, or a shared screen. */
export type Audience = { kind: 'player'; player: string } | { kind: 'dm' } | { kind: 'screen' };

export interface Listener {
  audience: Audience;
  /** Receives one serialised TableMessage (serialised once per audience, not per listener). */
  send(raw: string): void;
}

export type Outcome = { ok: true; event: TableEvent } | { ok: false; code: string; reason: { 'zh-Hans': string; en: string }; version: number };

/**
 * One running table: its header, scenario, folded state and log. `command` is the host's loop
 * in boardgame.io's order: decide, append (fsync), fold, then push each listener its own view.
 */
export class Table {
  readonly listeners = new Set<Listener>();
  private closed = false;

  constructor(
    readonly header: TableLogHeader,
    readonly scenario: Scenario,
    public state: TableState,
    private readonly log: TableLog,
    private readonly joinUrl: (code: string) => string,
  ) {}

  get id(): string {
    return this.header.table;
  }

  get code(): string {
    return this.header.code;
  }

  get status(): TableStatus {
    if (this.closed) return 'closed';
    if (this.state.status === 'seating') return 'lobby';
    return this.state.status === 'playing' ? 'playing' : 'ended';
  }

  /** Checks, stores and folds one command; nothing is applied or sent unless it is on disk. */
  command(actor: TableActor, version: number, action: TableAction, at: number): Outcome {
    if (this.closed) return { ok: false, code: 'closed', reason: { 'zh-Hans': '这一桌已经关闭', en: 'This table is closed' }, version: this.state.version };
    const d = decideTable(this.state, { actor, version, at, action });
    if (!d.ok) return { ...d, version: this.state.version };
    const next = applyTable(this.state, d.event);
    this.log.append(d.event);
    this.state = next;
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

  roleOf(player: string): string | null {
    return this.state.seats.find((s) => s.player === player)?.role ?? null;
  }

  publicInfo(): TablePublic {
    const sc = this.scenario;
    return {
      id: this.id,
      code: this.code,
      ...(this.header.label ? { label: this.header.label } : {}),
      status: this.status,
      pick: this.header.pick,
      scenario: { pack: this.header.pack.id, id: sc.id, title: sc.title, theme: sc.theme, background: sc.background },
      roles: this.header.roles.map((id) => {
        const r = sc.roles.find((x) => x.id === id);
        return { id, name: r?.name ?? id, intro: r?.intro ?? '', player: this.state.seats.find((s) => s.role === id)?.player ?? null };
      }),
      seats: this.state.players.map((player) => ({ player, role: this.roleOf(player), connected: this.isConnected(player) })),
      joinUrl: this.joinUrl(this.code),
    };
  }

  summary(): TableSummary {
    const phase = tablePhase(this.state);
    return {
      id: this.id,
      code: this.code,
      ...(this.header.label ? { label: this.header.label } : {}),
      scenario: { pack: this.header.pack.id, id: this.scenario.id, title: this.scenario.title },
      status: this.status,
      size: this.header.roles.length,
      seated: this.state.seats.length,
      connected: this.state.players.filter((p) => this.isConnected(p)).length,
      version: this.state.session ? this.state.version : 0,
      ...(phase ? { phase: { id: phase.id, kind: phase.kind, ...(phase.title ? { title: phase.title } : {}) } } : {}),
      openedAt: this.header.openedAt,
    };
  }

  timer(now: number): TimerView | undefined {
    const { deadline, paused, pausedAt } = this.state.clock;
    const phase = tablePhase(this.state);
    if (deadline === undefined || !phase) return undefined;
    const from = paused ? (pausedAt ?? now) : now;
    return { phase: phase.id, endsAt: deadline, remainingMs: Math.max(0, deadline - from), paused };
  }

  /** The view this audience may see: a player only their own, an unseated player nothing of the story. */
  viewFor(audience: Audience): StoryViewWire | undefined {
    if (audience.kind === 'dm') return tableView(this.state, { kind: 'dm' });
    if (audience.kind === 'screen') return tableView(this.state, { kind: 'screen' });
    if (this.roleOf(audience.player) === null) return tableView(this.state, { kind: 'spectator' });
    return tableView(this.state, { kind: 'player', player: audience.player });
  }

  /** Pushes every listener its own view (computed once per audience). */
  broadcast(now: number): void {
    const table = this.publicInfo();
    const timer = this.timer(now);
    const frames = new Map<string, string>();
    for (const l of this.listeners) {
      const key = l.audience.kind === 'player' ? `p:${l.audience.player}` : l.audience.kind;
      let raw = frames.get(key);
      if (raw === undefined) {
        const view = this.viewFor(l.audience);
        const message: TableMessage = { type: 'table', table, ...(view ? { view } : {}), ...(timer ? { timer } : {}), hostNow: now };
        raw = JSON.stringify(message);
        frames.set(key, raw);
      }
      l.send(raw);
    }
  }

  /** One listener's message now (on attach). */
  messageFor(audience: Audience, now: number): TableMessage {
    const view = this.viewFor(audience);
    const timer = this.timer(now);
    return { type: 'table', table: this.publicInfo(), ...(view ? { view } : {}), ...(timer ? { timer } : {}), hostNow: now };
  }
}
