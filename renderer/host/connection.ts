import { bestEstimate, type ClockSample } from '../../core/clock';
import { localNow } from './local-now';
import {
  PROTOCOL_VERSION,
  parseHostMessage,
  type ClientMessage,
  type HallContent,
  type HostMessage,
  type InstallerWarning,
  type SurfaceInfo,
} from '../../core/protocol/messages';
import type { CinemaRun, OathRun } from '../../core/protocol/zones';

export interface HostState {
  status: 'connecting' | 'connected' | 'disconnected' | 'refused';
  surface: SurfaceInfo | undefined;
  hall: HallContent | undefined;
  warnings: InstallerWarning[];
  identify: boolean;
  idleSeconds: number;
  /** Host time minus this page's clock, ms. */
  clockOffsetMs: number | undefined;
  /** The join code of a script-kill table the DM put on this surface, shown over its own content. */
  table?: string | undefined;
  /** The group oath the docent started (every surface hears it; those named in it show it). */
  oath?: OathRun | undefined;
  /** The film the cinema plays now (the kiosk shows it as "now showing"). */
  cinema?: CinemaRun | undefined;
  /** What the control desk holds for this surface (docent remote, control API, opening hours). */
  control?: { blackout: boolean; asleep: boolean; muted: boolean } | undefined;
  /** A module or timeline station a docent put on this wall (wall.goto). */
  focus?: Extract<HostMessage, { type: 'wall.focus' }>['focus'] | undefined;
}

export { localNow };

/** Clock samples kept: 4 pings every 10 s, so about two and a half minutes. */
const CLOCK_SAMPLES = 64;
/** Two PCs' clocks drift apart by up to this much (quartz, between NTP corrections). */
const CLOCK_DRIFT_PPM = 50;

/**
 * The surface's one link to the host: says hello with the launch token, validates everything
 * the host sends, keeps the clock estimate fresh and reconnects with a capped backoff.
 */
export class HostConnection {
  private ws: WebSocket | undefined;
  private listeners = new Set<(s: HostState) => void>();
  private messageListeners = new Set<(m: HostMessage) => void>();
  private samples: ClockSample[] = [];
  private pingId = 0;
  private retry = 0;
  private clockTimer: number | undefined;
  private closed = false;
  private arrivedAt: number | undefined;
  /** How far the clock offset can be from the truth (half the best round trip, plus drift), ms. */
  clockErrorMs: number | undefined;
  state: HostState = { status: 'connecting', surface: undefined, hall: undefined, warnings: [], identify: false, idleSeconds: 90, clockOffsetMs: undefined };

  constructor(
    private readonly url: string,
    private readonly surfaceId: string,
    private readonly token: string,
    /** Test hook: pretend this page's clock is off by this much, to measure the estimate. */
    private readonly skewMs = 0,
  ) {}

  subscribe(fn: (s: HostState) => void): () => void {
    this.listeners.add(fn);
    fn(this.state);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<HostState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state);
  }

  /** Hears every valid message from the host (the show player takes its cues this way). */
  listen(fn: (m: HostMessage) => void): () => void {
    this.messageListeners.add(fn);
    return () => this.messageListeners.delete(fn);
  }

  send(message: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  connect(): void {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.send({ type: 'hello', protocol: PROTOCOL_VERSION, surfaceId: this.surfaceId, token: this.token });
    };
    ws.onmessage = (ev) => {
      // A pong's arrival time is read before parsing: the parse is not part of the round trip.
      this.arrivedAt = localNow(this.skewMs);
      const parsed = parseHostMessage(typeof ev.data === 'string' ? ev.data : '');
      if (!parsed.ok) {
        console.warn(`redhall: ignored a malformed host message (${parsed.detail})`);
        return;
      }
      this.receive(parsed.message);
      for (const fn of this.messageListeners) fn(parsed.message);
    };
    ws.onclose = (ev) => {
      window.clearInterval(this.clockTimer);
      if (this.closed) return;
      if (ev.code === 4001) {
        this.set({ status: 'refused' });
        return;
      }
      this.set({ status: 'disconnected' });
      const delay = Math.min(10_000, 250 * 2 ** this.retry++);
      window.setTimeout(() => this.connect(), delay);
    };
  }

  private receive(m: HostMessage): void {
    switch (m.type) {
      case 'welcome':
        this.set({ status: 'connected', surface: m.surface, warnings: m.warnings, identify: m.identify, idleSeconds: m.idleSeconds });
        this.syncClock(8);
        // The first burst lands while the page is busy starting up; a second, calmer one follows.
        window.setTimeout(() => this.syncClock(8), 4000);
        window.clearInterval(this.clockTimer);
        this.clockTimer = window.setInterval(() => this.syncClock(4), 10_000);
        return;
      case 'hall':
        this.set({ hall: m.content });
        return;
      case 'identify':
        this.set({ identify: m.on });
        return;
      case 'clock.pong': {
        this.samples.push({ t0: m.t0, t1: m.t1, t2: m.t2, t3: this.arrivedAt ?? localNow(this.skewMs) });
        // A few minutes of samples: the quickest round trip in them (aged by how far two
        // machines' clocks may drift) gives the estimate, so one busy moment does not move it.
        if (this.samples.length > CLOCK_SAMPLES) this.samples.shift();
        return;
      }
      case 'error':
        console.warn(`redhall host: ${m.code} ${m.message.en}`);
        return;
      case 'pack.progress':
        return;
      case 'oath.run':
        this.set({ oath: m.run ?? undefined });
        return;
      case 'cinema.run':
        this.set({ cinema: m.run ?? undefined });
        return;
      case 'control.screen':
        this.set({ control: { blackout: m.blackout, asleep: m.asleep, muted: m.muted } });
        return;
      case 'wall.focus':
        this.set({ focus: m.focus });
        return;
      case 'table.show':
        this.set({ table: m.code ?? undefined });
        return;
      case 'surface.reload':
        // The host's watchdog saw this page stop drawing; start it afresh.
        console.warn(`redhall: reloading at the host's request (${m.reason})`);
        window.location.reload();
        return;
    }
  }

  /**
   * A fresh burst of clock pings now (a show about to start wants the best estimate, and any
   * change it brings made before its first cue); resolves once the estimate is made.
   */
  refreshClock(): Promise<void> {
    return new Promise((done) => this.syncClock(8, done));
  }

  /** Sends a burst of pings spaced apart, then reports the best estimate. */
  private syncClock(count: number, done?: () => void): void {
    let sent = 0;
    const tick = () => {
      if (sent++ < count) {
        this.send({ type: 'clock.ping', id: this.pingId++, t0: localNow(this.skewMs) });
        window.setTimeout(tick, 60);
        return;
      }
      const est = bestEstimate(this.samples, { nowMs: localNow(this.skewMs), driftPpm: CLOCK_DRIFT_PPM });
      done?.();
      if (!est) return;
      // Pages read the offset through hostNow(); React hears of it only when it first comes or
      // really moves (each burst re-rendering every screen would stall a show's frames).
      const known = this.state.clockOffsetMs;
      if (known === undefined || Math.abs(known - est.offsetMs) > 2) this.set({ clockOffsetMs: est.offsetMs });
      else this.state = { ...this.state, clockOffsetMs: est.offsetMs };
      this.send({ type: 'clock.report', offsetMs: est.offsetMs, rttMs: est.rttMs, samples: est.samples });
      this.clockErrorMs = est.errorMs;
    };
    tick();
  }

  /** Host time now, as this surface estimates it. */
  hostNow(): number {
    return localNow(this.skewMs) + (this.state.clockOffsetMs ?? 0);
  }

  /** Host time of a moment on this page's performance clock (an animation frame's timestamp). */
  hostTimeAt(perfMs: number): number {
    return performance.timeOrigin + perfMs + this.skewMs + (this.state.clockOffsetMs ?? 0);
  }

  close(): void {
    this.closed = true;
    window.clearInterval(this.clockTimer);
    this.ws?.close();
  }
}
