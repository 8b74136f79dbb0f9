import type { PlannedSurface } from '../../core/hall';
import type { SurfaceRole } from '../../core/protocol/messages';

/** What the host knows of one surface, as /api/health reports it. */
export interface SurfaceStatus {
  id: string;
  role: SurfaceRole;
  display: number;
  displayName: string;
  bounds: PlannedSurface['bounds'];
  connected: boolean;
  /** ISO time of the last connect or disconnect. */
  since: string;
  clockOffsetMs: number | null;
  clockRttMs: number | null;
  restarts: number;
  screen: string | null;
  /** The shell's note, e.g. "waiting 4 s before restart" or "fault". */
  shell: string | null;
}

/** The registry of planned surfaces and their live state. */
export class SurfaceRegistry {
  private readonly byId = new Map<string, SurfaceStatus>();
  private readonly connections = new Map<string, number>();

  constructor(planned: readonly PlannedSurface[], private readonly now: () => number = Date.now) {
    for (const p of planned) this.add(p);
  }

  add(p: PlannedSurface): void {
    this.byId.set(p.id, {
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
    });
  }

  get(id: string): SurfaceStatus | undefined {
    return this.byId.get(id);
  }

  list(): SurfaceStatus[] {
    return [...this.byId.values()].map((s) => ({ ...s }));
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

  update(id: string, patch: Partial<Pick<SurfaceStatus, 'clockOffsetMs' | 'clockRttMs' | 'screen' | 'shell'>>): void {
    const s = this.byId.get(id);
    if (s) Object.assign(s, patch);
  }

  noteRestart(id: string): void {
    const s = this.byId.get(id);
    if (s) s.restarts += 1;
  }
}
