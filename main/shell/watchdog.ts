import type { Host } from '../host/server';
import type { Shell } from './types';

/**
 * The last line of defence for a screen: a page that stopped (frozen, white, navigated away,
 * socket gone while its browser lives) is reloaded, and if that does not bring it back, its
 * window is started again. The pages prove they live with a heartbeat from their render loop.
 */
export interface WatchdogOptions {
  /** A freshly started browser gets this long to load and say hello. */
  startGraceMs: number;
  /** A connected page that sends no heartbeat for this long has stopped. */
  heartbeatTimeoutMs: number;
  /** A page whose socket is gone for this long (browser still running) has gone away. */
  disconnectTimeoutMs: number;
  /** After a reload, how long the page has to beat again before its window is restarted. */
  reloadGraceMs: number;
  checkEveryMs: number;
}

// Generous on purpose: a reload costs a visitor their place, and a busy machine (a wall's first
// WebGL frames, a pack being validated) can hold a healthy page back for seconds.
export const DEFAULT_WATCHDOG: WatchdogOptions = {
  startGraceMs: 60_000,
  heartbeatTimeoutMs: 15_000,
  disconnectTimeoutMs: 15_000,
  reloadGraceMs: 15_000,
  checkEveryMs: 1_000,
};

/** What the watchdog sees of one surface at a check. */
export interface SurfaceView {
  id: string;
  /** Its browser or window is up. */
  running: boolean;
  connected: boolean;
  /** ms since the epoch of the last connect or disconnect */
  since: number;
  /** ms since the epoch of the last heartbeat of a non-blank page */
  heartbeatAt: number | undefined;
}

export type WatchdogAction = { id: string; action: 'reload' | 'restart'; reason: string };

interface Memory {
  runningSince: number;
  /** The last reload the watchdog asked for, while waiting to see whether it helped. */
  reloadedAt: number | undefined;
}

/** The watchdog's judgement, apart from timers and processes so a fake clock can drive it. */
export class SurfaceWatchdog {
  private readonly memory = new Map<string, Memory>();
  private lastCheck: number | undefined;
  private resumedAt = 0;

  constructor(private readonly opts: WatchdogOptions = DEFAULT_WATCHDOG) {}

  /** Looks at every surface once; returns what to do about those that stopped. */
  check(now: number, surfaces: readonly SurfaceView[]): WatchdogAction[] {
    // If the host itself stalled (a long synchronous job), heartbeats wait unread in the
    // sockets: judge nobody by the stalled stretch.
    if (this.lastCheck !== undefined && now - this.lastCheck > 3 * this.opts.checkEveryMs) this.resumedAt = now;
    this.lastCheck = now;
    const actions: WatchdogAction[] = [];
    for (const s of surfaces) {
      if (!s.running) {
        this.memory.delete(s.id);
        continue;
      }
      let m = this.memory.get(s.id);
      if (!m) {
        m = { runningSince: now, reloadedAt: undefined };
        this.memory.set(s.id, m);
      }
      // A heartbeat after the reload: the reload helped.
      if (m.reloadedAt !== undefined && (s.heartbeatAt ?? 0) > m.reloadedAt) m.reloadedAt = undefined;
      const reason = this.stopped(now, s, m);
      if (!reason) continue;
      if (m.reloadedAt === undefined && s.connected) {
        m.reloadedAt = now;
        actions.push({ id: s.id, action: 'reload', reason });
      } else if (m.reloadedAt === undefined || now - m.reloadedAt >= this.opts.reloadGraceMs) {
        // Gone away (no socket to ask a reload over), or the reload did not help.
        this.memory.delete(s.id);
        actions.push({ id: s.id, action: 'restart', reason: m.reloadedAt === undefined ? reason : `${reason}; a reload did not help` });
      }
    }
    return actions;
  }

  private stopped(now: number, s: SurfaceView, m: Memory): string | undefined {
    // Time before the floor does not count: a new browser's start grace, or a host stall.
    const floor = (timeout: number) => Math.max(m.runningSince + this.opts.startGraceMs - timeout, this.resumedAt);
    if (!s.connected) {
      const gone = now - Math.max(s.since, floor(this.opts.disconnectTimeoutMs));
      return gone > this.opts.disconnectTimeoutMs ? `page disconnected for ${Math.round(gone / 1000)} s while its browser runs` : undefined;
    }
    const silent = now - Math.max(s.heartbeatAt ?? 0, s.since, floor(this.opts.heartbeatTimeoutMs));
    return silent > this.opts.heartbeatTimeoutMs ? `no heartbeat for ${Math.round(silent / 1000)} s (frozen or blank page)` : undefined;
  }
}

/** Runs the watchdog over a host's surfaces and a shell's windows; returns a stop function. */
/** What the watchdog reads and tells: the host itself, or a second PC's view of the main host (main/join). */
export interface WatchedHall {
  registry: {
    list(): ReadonlyArray<{ id: string; connected: boolean; since: string; heartbeatAt: string | null; fault: unknown }>;
    noteWatchdog(id: string, action: 'reload' | 'restart', reason: string): void;
  };
  sendTo: Host['sendTo'];
}

export function watchSurfaces(host: WatchedHall, shell: Shell, log: (line: string) => void, opts: Partial<WatchdogOptions> = {}, now: () => number = Date.now): () => void {
  const o = { ...DEFAULT_WATCHDOG, ...opts };
  const dog = new SurfaceWatchdog(o);
  const timer = setInterval(() => {
    const views: SurfaceView[] = host.registry.list().map((s) => ({
      id: s.id,
      // A surface resting on the fault screen belongs to the shell, which keeps its announced retry.
      running: shell.running(s.id) && !s.fault,
      connected: s.connected,
      since: Date.parse(s.since),
      heartbeatAt: s.heartbeatAt ? Date.parse(s.heartbeatAt) : undefined,
    }));
    for (const a of dog.check(now(), views)) {
      host.registry.noteWatchdog(a.id, a.action, a.reason);
      log(`[${a.id}] watchdog: ${a.action}: ${a.reason}`);
      if (a.action === 'restart') shell.restart(a.id, `watchdog: ${a.reason}`);
      else if (!shell.reload?.(a.id, a.reason)) host.sendTo(a.id, { type: 'surface.reload', reason: a.reason });
    }
  }, o.checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
