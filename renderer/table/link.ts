import type { StoryView } from '../../core/story/view';
import type { Bilingual } from '../../core/text';
import {
  parseTableHostMessage,
  TABLES_PROTOCOL_VERSION,
  type ScenarioSummary,
  type TableClientMessage,
  type TableHostMessage,
  type TablePublic,
  type TableSummary,
  type TimerView,
} from '../../core/protocol/tables';
import { localNow } from '../host/local-now';
import { HostOffset } from './model';

/** What a table page knows at a moment: filled from the host's pushes, read by the screens. */
export interface TablePageState {
  status: 'connecting' | 'open' | 'reconnecting';
  /** A phone's seat, once the host gave one. */
  seat?: { table: string; code: string; player: string; role: string | null; seatToken: string };
  table?: TablePublic;
  view?: StoryView;
  timer?: TimerView;
  /** When the current phase began on host time (and the pause, if paused): its films play from it. */
  phaseTime?: { since: number; pausedAt?: number | undefined };
  /** Host time minus this page's clock (ms), from the host's timestamps. */
  offsetMs: number;
  /** The last command the host refused, with its reason. */
  refused?: { code: string; reason: Bilingual; at: number };
  /** The last error the host sent (bad code, wrong PIN, table full...). */
  error?: { code: string; message: Bilingual; at: number };
  /** DM console only. */
  dm?: { token: string; scenarios: ScenarioSummary[]; screens: Array<{ id: string; role: string }> };
  tables?: TableSummary[];
}

/** The one thing the table screens talk to: the host over a WebSocket, or a local stand-in in tests. */
export interface TableLink {
  readonly state: TablePageState;
  subscribe(fn: (s: TablePageState) => void): () => void;
  send(message: TableClientMessage): void;
  /** Host time now, as this page estimates it. */
  hostNow(): number;
  /** Clears the refusal/error banners once the person has read them. */
  dismiss(): void;
}

/** The longest a page waits between tries: the host is on the hall's LAN, and a closed port answers at once. */
export const MAX_RETRY_MS = 2_000;

/** Every table socket open on this page (the DM console beside its pass-and-play screen, say). */
const pageSockets = new Set<TableSocket>();

/**
 * A table page's WebSocket to the host: plain WebSocket (chat-app browsers have it; nothing else
 * is assumed), reconnect with a capped backoff, and on every (re)connect the page says again who
 * it is (`hello()`), so the host pushes the whole current state: no polling, no lost screen.
 * When one socket of the page gets through, the others stop waiting out their backoff: the host
 * is back for all of them.
 */
export class TableSocket implements TableLink {
  private ws: WebSocket | undefined;
  private listeners = new Set<(s: TablePageState) => void>();
  private retry = 0;
  private closed = false;
  private timer: number | undefined;
  private readonly wake = () => {
    // A phone back from sleep or back on Wi-Fi reconnects at once instead of waiting out the backoff;
    // an open socket says hello again, so the host pushes the current state (or the dead socket fails fast).
    if (this.closed || document.visibilityState === 'hidden') return;
    if (this.ws) {
      if (this.ws.readyState === WebSocket.OPEN) this.reintroduce();
      return;
    }
    window.clearTimeout(this.timer);
    this.retry = 0;
    this.connect();
  };
  private readonly offset = new HostOffset();
  state: TablePageState = { status: 'connecting', offsetMs: 0 };

  constructor(
    private readonly url: string,
    /** The messages that (re)introduce this page to the host, from the current state. */
    private readonly hello: (s: TablePageState) => TableClientMessage[],
    /** Called for every message after the state is updated (e.g. to store a seat token). */
    private readonly onMessage?: (m: TableHostMessage, s: TablePageState, link: TableSocket) => void,
  ) {}

  subscribe(fn: (s: TablePageState) => void): () => void {
    this.listeners.add(fn);
    fn(this.state);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<TablePageState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state);
  }

  send(message: TableClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  /** Says hello again on the open socket (after the page learned a code, a PIN or a token). */
  reintroduce(): void {
    for (const m of this.hello(this.state)) this.send(m);
  }

  hostNow(): number {
    return localNow(0) + this.state.offsetMs;
  }

  dismiss(): void {
    const { refused: _r, error: _e, ...rest } = this.state;
    this.state = rest;
    for (const fn of this.listeners) fn(this.state);
  }

  connect(): void {
    if (typeof window !== 'undefined') {
      // The same listener is added once however often this runs.
      window.addEventListener('online', this.wake);
      document.addEventListener('visibilitychange', this.wake);
    }
    this.timer = undefined;
    pageSockets.add(this);
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.set({ status: 'open' });
      // At once, even on a join page still waiting for its code: the host closes silent sockets.
      this.send({ type: 'hello', protocol: TABLES_PROTOCOL_VERSION });
      this.reintroduce();
      for (const other of pageSockets) if (other !== this) other.hostIsBack();
    };
    ws.onmessage = (ev) => {
      const parsed = parseTableHostMessage(typeof ev.data === 'string' ? ev.data : '');
      if (!parsed.ok) {
        console.warn(`redhall: ignored a malformed table message (${parsed.detail})`);
        return;
      }
      this.receive(parsed.message);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      if (this.closed) return;
      this.set({ status: 'reconnecting' });
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    const delay = Math.min(MAX_RETRY_MS, 300 * 2 ** this.retry++);
    this.timer = window.setTimeout(() => this.connect(), delay);
  }

  /** Another socket of this page reached the host: a socket waiting to retry tries now. */
  hostIsBack(): void {
    if (this.closed || this.ws || this.timer === undefined) return;
    window.clearTimeout(this.timer);
    this.retry = 0;
    this.connect();
  }

  private receive(m: TableHostMessage): void {
    const now = localNow(0);
    switch (m.type) {
      case 'dm.welcome':
        this.set({ dm: { token: m.token, scenarios: m.scenarios, screens: m.screens ?? [] }, offsetMs: this.offset.sample(m.hostNow, now) });
        break;
      case 'tables':
        this.set({ tables: m.tables });
        break;
      case 'seat':
        this.set({ seat: { table: m.table, code: m.code, player: m.player, role: m.role, seatToken: m.seatToken } });
        break;
      case 'table': {
        const patch: Partial<TablePageState> = { table: m.table, offsetMs: this.offset.sample(m.hostNow, now) };
        // A refusal is about the screen it was tapped on: a new phase clears it.
        if (this.state.refused && m.view && m.view.phase.id !== this.state.view?.phase.id) delete this.state.refused;
        // The wire schema checked the fields the pages read; the view was built by core/story/view.
        if (m.view) patch.view = m.view as unknown as StoryView;
        this.state = { ...this.state, ...patch };
        if (!m.timer) delete this.state.timer;
        else this.state.timer = m.timer;
        if (!m.phaseTime) delete this.state.phaseTime;
        else this.state.phaseTime = m.phaseTime;
        if (!m.view) delete this.state.view;
        this.set({});
        break;
      }
      case 'refused':
        this.set({ refused: { code: m.code, reason: m.reason, at: now } });
        break;
      case 'error':
        this.set({ error: { code: m.code, message: m.message, at: now } });
        break;
    }
    this.onMessage?.(m, this.state, this);
  }

  close(): void {
    this.closed = true;
    pageSockets.delete(this);
    window.clearTimeout(this.timer);
    window.removeEventListener('online', this.wake);
    document.removeEventListener('visibilitychange', this.wake);
    this.ws?.close();
  }
}

/** The table WebSocket's URL for this page's origin. */
export function tablesUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws/tables`;
}
