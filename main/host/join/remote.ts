import { randomBytes } from 'node:crypto';
import type { PlannedSurface } from '../../../core/hall';
import type { JoinEvent, JoinSurface, PairedPc } from '../../../core/protocol/join';
import type { HostMessage } from '../../../core/protocol/messages';
import { refusal, type Refusal } from '../http';
import type { SurfaceRegistry } from '../surfaces';
import type { PcBook } from './pcs';

export interface SecondPcsOptions {
  book: PcBook;
  /**
   * The hall's surface list, shared by reference with the host's live hub, the shows, the oath
   * and the cinema: a second PC's surfaces are added to it (and taken out) so every capability
   * that reads it sees them like the host's own.
   */
  surfaces: PlannedSurface[];
  registry: () => SurfaceRegistry;
  sendTo: (surfaceId: string, message: HostMessage) => number;
  /** Closes the sockets of a surface that leaves (its PC was revoked). */
  disconnect: (surfaceId: string) => void;
  /** A one-time launch code for a window of one surface (the host's LaunchCodes). */
  issueLaunchCode: (surfaceId: string) => string;
  /** The address a PC syncs from gets the per-address connection cap of the host's own windows. */
  trust?: (address: string, on: boolean) => void;
  now?: () => number;
  log: (line: string) => void;
}

interface Pc {
  /** The token its surfaces' pages say hello with (drawn per host run; the page gets it through a launch code). */
  token: string;
  surfaces: string[];
  lastSeen: number | undefined;
  address: string | undefined;
}

const sameSurface = (a: PlannedSurface, b: PlannedSurface) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The hall's second PCs on the host's side (`redhall start --join`, main/join): which surfaces
 * each paired PC puts on its monitors, the token their pages say hello with, what the PC's
 * shell reports about its windows, and revoking a PC. A PC's surfaces join the hall's surface
 * list and the host's registry (marked with the PC's name), so health, the admin board, the
 * control desk and the live hub treat them like the host's own.
 */
export class SecondPcs {
  private readonly pcs = new Map<string, Pc>();
  private readonly now: () => number;

  constructor(private readonly opts: SecondPcsOptions) {
    this.now = opts.now ?? Date.now;
  }

  private pc(name: string): Pc {
    let pc = this.pcs.get(name);
    if (!pc) this.pcs.set(name, (pc = { token: randomBytes(24).toString('base64url'), surfaces: [], lastSeen: undefined, address: undefined }));
    return pc;
  }

  /** The PC a surface is on; undefined for the host's own. */
  pcOf(surfaceId: string): string | undefined {
    for (const [name, pc] of this.pcs) if (pc.surfaces.includes(surfaceId)) return name;
    return undefined;
  }

  /** The token a second PC's surface says hello with; undefined for the host's own surfaces. */
  tokenFor(surfaceId: string): string | undefined {
    const name = this.pcOf(surfaceId);
    return name === undefined ? undefined : this.pcs.get(name)?.token;
  }

  /** A PC's report: its surfaces (added, changed, dropped) and its shell's events; answers what the host sees of them. */
  sync(name: string, address: string, surfaces: readonly JoinSurface[], events: readonly JoinEvent[]): Refusal | { pc: string; surfaces: Array<{ id: string; connected: boolean; since: string; heartbeatAt: string | null; fault: boolean }> } {
    const pc = this.pc(name);
    const ids = surfaces.map((s) => s.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) return refusal(409, 'surface-taken', `界面 id “${twice}” 在这台电脑上出现了两次。`, `The surface id "${twice}" appears twice on this PC.`);
    const taken = ids.find((id) => this.opts.surfaces.some((s) => s.id === id) && !pc.surfaces.includes(id));
    if (taken) {
      const where = this.pcOf(taken);
      return refusal(
        409,
        'surface-taken',
        `界面 id “${taken}” 已被${where ? `电脑“${where}”` : '主机'}使用：请在这台电脑的 hall.yaml 中换一个 id。展厅其他部分不受影响。`,
        `The surface id "${taken}" is already used by ${where ? `the PC "${where}"` : 'the main PC'}: give it another id in this PC's hall.yaml. Nothing else in the hall changed.`,
      );
    }
    const registry = this.opts.registry();
    for (const id of pc.surfaces.filter((x) => !ids.includes(x))) this.drop(id, registry);
    for (const s of surfaces) {
      const planned: PlannedSurface = s;
      const i = this.opts.surfaces.findIndex((x) => x.id === s.id);
      if (i >= 0 && sameSurface(this.opts.surfaces[i]!, planned)) continue;
      if (i >= 0) this.opts.surfaces.splice(i, 1, planned);
      else this.opts.surfaces.push(planned);
      const old = registry.get(s.id);
      registry.add(planned, name);
      if (old) registry.update(s.id, { clockOffsetMs: old.clockOffsetMs, clockRttMs: old.clockRttMs, screen: old.screen, heartbeatAt: old.heartbeatAt });
      this.opts.log(`second PC ${name}: surface ${s.id} (${s.role}) on its display ${s.displayIndex} ${s.displayName}`);
    }
    pc.surfaces = ids;
    if (pc.address !== address) {
      if (pc.address) this.opts.trust?.(pc.address, false);
      this.opts.trust?.(address, true);
      this.opts.log(`second PC ${name} reports from ${address}`);
    }
    pc.address = address;
    pc.lastSeen = this.now();
    for (const e of events) this.apply(name, e, registry);
    return {
      pc: name,
      surfaces: ids.map((id) => {
        const st = registry.get(id)!;
        return { id, connected: st.connected, since: st.since, heartbeatAt: st.heartbeatAt, fault: st.fault !== null };
      }),
    };
  }

  private apply(name: string, e: JoinEvent, registry: SurfaceRegistry): void {
    // A PC speaks only of its own surfaces.
    if (!this.pcs.get(name)?.surfaces.includes(e.surface)) return;
    switch (e.kind) {
      case 'restarted':
        registry.noteRestart(e.surface);
        return;
      case 'note':
        registry.update(e.surface, { shell: e.text });
        return;
      case 'fault':
        registry.update(e.surface, { fault: e.fault });
        return;
      case 'watchdog':
        registry.noteWatchdog(e.surface, e.action, e.reason);
        // The PC's watchdog restarts its windows itself; a reload goes over the page's socket, which is here.
        if (e.action === 'reload') this.opts.sendTo(e.surface, { type: 'surface.reload', reason: e.reason });
        return;
    }
  }

  /** A one-time launch code for a window of one of the PC's own surfaces. */
  launch(name: string, surfaceId: string): Refusal | { code: string } {
    if (!this.pcs.get(name)?.surfaces.includes(surfaceId)) return refusal(404, 'unknown-surface', `界面“${surfaceId}”不在这台电脑上。`, `The surface "${surfaceId}" is not on this PC.`);
    return { code: this.opts.issueLaunchCode(surfaceId) };
  }

  /** Revokes a PC: its credential stops working, its surfaces leave the hall and their pages are disconnected. */
  revoke(name: string): string | undefined {
    const at = this.opts.book.revoke(name);
    if (at === undefined) return undefined;
    const pc = this.pcs.get(name);
    if (pc) {
      const registry = this.opts.registry();
      for (const id of pc.surfaces) this.drop(id, registry);
      if (pc.address) this.opts.trust?.(pc.address, false);
      this.pcs.delete(name);
    }
    this.opts.log(`second PC ${name} revoked`);
    return at;
  }

  private drop(id: string, registry: SurfaceRegistry): void {
    const i = this.opts.surfaces.findIndex((s) => s.id === id);
    if (i >= 0) this.opts.surfaces.splice(i, 1);
    registry.remove(id);
    this.opts.disconnect(id);
  }

  /** Every paired PC with what this run saw of it. */
  list(): PairedPc[] {
    return this.opts.book.list().map((r) => {
      const pc = this.pcs.get(r.pc);
      return { ...r, lastSeen: pc?.lastSeen ? new Date(pc.lastSeen).toISOString() : null, address: pc?.address ?? null, surfaces: pc?.surfaces ?? [] };
    });
  }
}
