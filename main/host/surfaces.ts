import type { PlannedSurface } from '../../core/hall';
import type { SurfaceStatus } from '../../core/protocol/http';

// What the host knows of one surface is part of the HTTP contract (/api/health).
export type { SurfaceStatus } from '../../core/protocol/http';

/** The registry of planned surfaces and their live state. */
export class SurfaceRegistry {
  private readonly byId = new Map<string, SurfaceStatus>();
  private readonly connections = new Map<string, number>();

  constructor(planned: readonly PlannedSurface[], private readonly now: () => number = Date.now) {
    for (const p of planned) this.add(p);
  }

  /** A surface, on the host's own monitors or (`pc`) on a second PC's. */
  add(p: PlannedSurface, pc?: string): void {
    this.byId.set(p.id, {
      ...(pc === undefined ? {} : { pc }),
      id: p.id,
      role: p.role,
      display: p.displayIndex,
      displayName: p.displayName,
      bounds: p.bounds,
      connected: false,
      since: new Date(this.now()).toISOString(),
      clockOffsetMs: null,
      clockRttMs: null,
      restarts: 0,
      screen: null,
      shell: null,
      fault: null,
      heartbeatAt: null,
      watchdog: { reloads: 0, restarts: 0, last: null },
    });
  }

  /** A second PC's surface that left the hall (its PC revoked, or no longer placing it). */
  remove(id: string): void {
    this.byId.delete(id);
    this.connections.delete(id);
  }

  get(id: string): SurfaceStatus | undefined {
    return this.byId.get(id);
  }

  list(): SurfaceStatus[] {
    return [...this.byId.values()].map((s) => ({ ...s, watchdog: { ...s.watchdog } }));
  }

  /** A surface may have more than one socket for a moment while it reloads. */
  connected(id: string): void {
    const s = this.byId.get(id);
    if (!s) return;
    const n = (this.connections.get(id) ?? 0) + 1;
    this.connections.set(id, n);
    if (!s.connected) {
      s.connected = true;
      s.since = new Date(this.now()).toISOString();
    }
  }

  disconnected(id: string): void {
    const s = this.byId.get(id);
    if (!s) return;
    const n = Math.max(0, (this.connections.get(id) ?? 1) - 1);
    this.connections.set(id, n);
    if (n === 0 && s.connected) {
      s.connected = false;
      s.since = new Date(this.now()).toISOString();
    }
  }

  update(id: string, patch: Partial<Pick<SurfaceStatus, 'clockOffsetMs' | 'clockRttMs' | 'screen' | 'shell' | 'fault' | 'heartbeatAt'>>): void {
    const s = this.byId.get(id);
    if (s) Object.assign(s, patch);
  }

  noteRestart(id: string): void {
    const s = this.byId.get(id);
    if (s) s.restarts += 1;
  }

  /** A heartbeat from the page's render loop; a blank page's heartbeat does not count as alive. */
  heartbeat(id: string, blank: boolean): void {
    const s = this.byId.get(id);
    if (s && !blank) s.heartbeatAt = new Date(this.now()).toISOString();
  }

  /** Counts what the watchdog did to a surface whose page stopped. */
  noteWatchdog(id: string, action: 'reload' | 'restart', reason: string): void {
    const s = this.byId.get(id);
    if (!s) return;
    if (action === 'reload') s.watchdog.reloads += 1;
    else s.watchdog.restarts += 1;
    s.watchdog.last = `${new Date(this.now()).toISOString()} ${action}: ${reason}`;
  }
}
