import type { Show } from '../../../core/pack/schema';
import type { HostMessage } from '../../../core/protocol/messages';
import type { ShowListing } from '../../../core/protocol/shows';
import { percentile } from '../../../core/show/drift';
import { FrameGrid, snapToGrids, type FrameGridEstimate } from '../../../core/show/grid';
import { cueAddresses, leadTime, scheduleShow, SHOW_ROLES, type CueDelivery, type ShowSurface, type TimedCue } from '../../../core/show/schedule';

/** A show as a pack holds it. */
export interface PackShow {
  packId: string;
  show: Show;
}

export interface ShowRunnerOptions {
  /** Surfaces of the hall (id and role). */
  surfaces: readonly ShowSurface[];
  /** The shows of the active packs, read when a show is asked for. */
  shows: () => readonly PackShow[];
  clock: () => number;
  /** Sends to every socket of one surface; returns how many got it. */
  send: (surfaceId: string, message: HostMessage) => number;
  /** The measured round trip of a surface (ms), when known: the lead covers two of the slowest. */
  rtt: (surfaceId: string) => number | null;
  /** The smallest lead (ms); tests and benches may shorten it. */
  minLeadMs?: number;
  /**
   * The longest a show start waits for its surfaces to make ready (ms): the preroll's bound, so a
   * dead surface never holds a show. 0: no preroll (the first cue goes one lead time from now).
   */
  prerollMs?: number;
  log: (line: string) => void;
}

/** A show of the active packs, by id (and pack); the first show when neither is given. */
export interface ShowRef {
  showId?: string | undefined;
  packId?: string | undefined;
}

export interface Run {
  runId: string;
  packId: string;
  show: Show;
  startHost: number;
  leadMs: number;
  loop: boolean;
  /** This run is the hall's attract loop (it is not resumed after itself). */
  attract: boolean;
  /** When a stop was asked for: the run ends at its stop cue, not at the show's length. */
  stopAt?: number;
  /** Sends in send order, and how many are done. */
  deliveries: CueDelivery[];
  sent: number;
  /** The surfaces asked to make ready that have not answered yet (the preroll); undefined once the first cue is scheduled. */
  preparing?: Set<string> | undefined;
}

/** When each surface presented one cue (host ms). */
export interface Presentation {
  runId: string;
  index: number;
  /** When it was due (host ms); null when reported for a run no longer known. */
  at: number | null;
  surfaces: Record<string, number>;
  /** When each surface's main thread came to it (host ms), where it said (later when the compositor showed it on time). */
  main?: Record<string, number>;
}

const MAX_PRESENTATIONS = 2000;
/** How long a show start waits at most for its surfaces to make ready (ms). */
export const DEFAULT_PREROLL_MS = 3000;
/** A surface's frame grid older than this (ms) is not trusted to place a cue unless its interval was measured. */
const GRID_FRESH_MS = 60_000;
const MAX_DRIFT_SAMPLES = 20_000;

/**
 * Runs shows on the host clock: starts (or loops) a run, sends every cue to its surfaces one
 * lead time before it is due, hands a surface that (re)joins the cues it missed, and keeps what
 * the surfaces report (presentation times, video drift) for /api/shows and the benches.
 */
export class ShowRunner {
  private current: Run | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private runs = 0;
  private readonly presentations = new Map<string, Presentation>();
  private readonly drift = new Map<string, { hostMs: number; driftMs: number; runId: string; index: number }[]>();
  private readonly seeks = new Map<string, number>();
  private attractRef: ShowRef | undefined;
  /** Where each surface's frames fall on the host clock (from its ready and presented reports). */
  private readonly grids = new Map<string, FrameGrid>();
  /** Cues already put on the frame grid (each is put once, when it is first sent). */
  private readonly snapped = new WeakSet<TimedCue>();

  constructor(private readonly opts: ShowRunnerOptions) {}

  /** The shows a kiosk can start. */
  listing(): ShowListing[] {
    return this.opts.shows().map(({ packId, show }) => ({ packId, id: show.id, title: show.title, seconds: show.seconds }));
  }

  get run(): Run | undefined {
    return this.current;
  }

  private find(showId?: string, packId?: string): PackShow | undefined {
    return this.opts.shows().find((s) => (!packId || s.packId === packId) && (!showId || s.show.id === showId));
  }

  private showSurfaces(): ShowSurface[] {
    return this.opts.surfaces.filter((s) => SHOW_ROLES.includes(s.role));
  }

  /** The surfaces a run ends on: every show surface, and any other (the kiosk's banner) its cues name. */
  private endSurfaces(deliveries: readonly CueDelivery[]): ShowSurface[] {
    const named = new Set(deliveries.map((d) => d.surfaceId));
    return this.opts.surfaces.filter((s) => SHOW_ROLES.includes(s.role) || named.has(s.id));
  }

  /**
   * Starts a show one lead time from now (replacing a running one); undefined when no such
   * show is in the active packs.
   */
  start(ref: ShowRef & { loop?: boolean | undefined; startHost?: number | undefined; attract?: boolean | undefined }): Run | undefined {
    const found = this.find(ref.showId, ref.packId);
    if (!found) return undefined;
    const rtts = this.opts.surfaces.map((s) => this.opts.rtt(s.id) ?? NaN);
    const leadMs = leadTime(rtts, this.opts.minLeadMs);
    const preroll = this.opts.prerollMs ?? DEFAULT_PREROLL_MS;
    if (ref.startHost !== undefined || preroll <= 0) {
      this.begin(found, ref.startHost ?? this.opts.clock() + leadMs, leadMs, ref.loop ?? false, ref.attract ?? false);
      return this.current;
    }
    // The preroll: every surface of the run is asked to make ready (load and decode its media,
    // build its layers, stop its own scene). The run is timed for the bound; once all have
    // answered it is timed again, one lead time from then, before anything is sent.
    this.begin(found, this.opts.clock() + preroll + leadMs, leadMs, ref.loop ?? false, ref.attract ?? false);
    const run = this.current!;
    const cues = new Map<string, TimedCue['cue'][]>();
    for (const d of run.deliveries) {
      if (d.cue.index >= run.show.cues.length) continue;
      const list = cues.get(d.surfaceId) ?? [];
      list.push(d.cue.cue);
      cues.set(d.surfaceId, list);
    }
    const asked = new Set<string>();
    for (const s of this.endSurfaces(run.deliveries)) {
      const sent = this.opts.send(s.id, { type: 'show.prepare', runId: run.runId, packId: run.packId, showId: run.show.id, cues: cues.get(s.id) ?? [] });
      if (sent > 0) asked.add(s.id);
    }
    run.preparing = asked;
    if (asked.size === 0) this.prepared(run);
    return run;
  }

  /**
   * A surface made ready for a run (and said where its frames fall). When the last surface asked
   * is ready, the run's first cue is scheduled one lead time from now.
   */
  ready(surfaceId: string, runId: string, frame?: { hostMs: number; intervalMs: number }): void {
    if (frame) this.gridOf(surfaceId).observe(frame.hostMs, frame.intervalMs);
    const run = this.current;
    if (!run?.preparing || run.runId !== runId) return;
    run.preparing.delete(surfaceId);
    if (run.preparing.size === 0) this.prepared(run);
  }

  /** Every surface is ready: the run starts one lead time from now (if that is sooner than the bound it was timed for). */
  private prepared(run: Run): void {
    run.preparing = undefined;
    if (this.current !== run || run.sent > 0 || run.stopAt !== undefined) return;
    const startHost = this.opts.clock() + run.leadMs;
    if (startHost >= run.startHost) return;
    this.clearTimer();
    run.startHost = startHost;
    run.deliveries = this.deliveriesOf(run.show, startHost, run.leadMs);
    this.pump();
  }

  private gridOf(surfaceId: string): FrameGrid {
    let g = this.grids.get(surfaceId);
    if (!g) {
      g = new FrameGrid();
      this.grids.set(surfaceId, g);
    }
    return g;
  }

  /**
   * Puts a cue on the frame grid of the surfaces it goes to, when it is first sent: a due time on
   * their frame start is half a frame from where a surface could pick another frame.
   */
  private snap(run: Run, cue: TimedCue): void {
    if (this.snapped.has(cue)) return;
    this.snapped.add(cue);
    const grids: FrameGridEstimate[] = [];
    for (const d of run.deliveries) {
      if (d.cue !== cue) continue;
      const g = this.grids.get(d.surfaceId)?.estimate();
      if (g && Math.abs(cue.at - g.frameHost) < GRID_FRESH_MS) grids.push(g);
    }
    cue.at = snapToGrids(cue.at, grids);
  }

  /**
   * The hall's attract: a show the walls loop whenever no other show runs (hall.yaml
   * `shows.attract`; the control capability's opening hours switch it). Set: it starts now
   * unless another show is running, and comes back after every show that ends. Cleared
   * (undefined): a running attract stops. False when the show is not in the active packs.
   */
  setAttract(ref: ShowRef | undefined): boolean {
    if (ref && !this.find(ref.showId, ref.packId)) return false;
    this.attractRef = ref;
    const run = this.current;
    if (!ref) {
      if (run?.attract) this.stop();
      return true;
    }
    if (!run || run.attract) this.start({ ...ref, loop: true, attract: true });
    return true;
  }

  /** The attract show, when one is set. */
  get attract(): ShowRef | undefined {
    return this.attractRef;
  }

  private resumeAttract(): void {
    if (this.attractRef && !this.current) this.start({ ...this.attractRef, loop: true, attract: true });
  }

  /** Every send of a run started at `startHost`, ending with a stop to every show surface. */
  private deliveriesOf(show: Show, startHost: number, leadMs: number): CueDelivery[] {
    // Every run ends with a stop to every show surface: a show without its own stop cue still
    // hands the walls back when it is over, and a loop starts each pass from a clean state.
    const end: TimedCue = { index: show.cues.length, at: startHost + show.seconds * 1000, cue: { at: show.seconds, target: 'all', action: 'stop' } };
    const cues = scheduleShow(show, startHost, this.opts.surfaces, leadMs);
    return [...cues, ...this.endSurfaces(cues).map((s) => ({ surfaceId: s.id, sendAt: end.at - leadMs, cue: end }))].sort((a, b) => a.sendAt - b.sendAt);
  }

  private begin(found: PackShow, startHost: number, leadMs: number, loop: boolean, attract = false): void {
    this.clearTimer();
    const { show } = found;
    const deliveries = this.deliveriesOf(show, startHost, leadMs);
    this.runs += 1;
    this.current = { runId: `${show.id.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40)}-${Math.round(startHost).toString(36)}-${this.runs}`, packId: found.packId, show, startHost, leadMs, loop, attract, deliveries, sent: 0 };
    this.opts.log(`show ${found.packId}/${show.id} starts at host ${startHost.toFixed(0)} (lead ${leadMs} ms${loop ? ', looping' : ''})`);
    this.pump();
  }

  /** Stops the running show: every show surface gets a stop one lead time from now. */
  stop(): boolean {
    const run = this.current;
    if (!run) return false;
    this.clearTimer();
    const at = this.opts.clock() + run.leadMs;
    const stop: TimedCue = { index: run.show.cues.length, at, cue: { at: (at - run.startHost) / 1000, target: 'all', action: 'stop' } };
    // Only what was never sent is dropped; the stop then overrides whatever is already out.
    run.deliveries = [...run.deliveries.slice(0, run.sent), ...this.endSurfaces(run.deliveries).map((s) => ({ surfaceId: s.id, sendAt: this.opts.clock(), cue: stop }))];
    run.loop = false;
    run.stopAt = at;
    run.preparing = undefined;
    this.pump();
    this.opts.log(`show ${run.packId}/${run.show.id} stopped`);
    return true;
  }

  /** Sends a surface that (re)joined every cue of the running show already sent to it. */
  join(surfaceId: string): void {
    const run = this.current;
    const surface = this.opts.surfaces.find((s) => s.id === surfaceId);
    if (!run || !surface) return;
    const cues = run.deliveries.slice(0, run.sent).filter((d) => d.surfaceId === surfaceId).map((d) => d.cue);
    // A surface the show does not address (a kiosk in a show without kiosk cues) hears nothing.
    if (!SHOW_ROLES.includes(surface.role) && !run.deliveries.some((d) => d.surfaceId === surfaceId)) return;
    this.opts.send(surfaceId, { type: 'show.cues', runId: run.runId, packId: run.packId, showId: run.show.id, startHost: run.startHost, replace: true, cues });
  }

  private pump(): void {
    const run = this.current;
    if (!run) return;
    const now = this.opts.clock();
    const batch = new Map<string, TimedCue[]>();
    if (run.preparing && run.deliveries[run.sent] && run.deliveries[run.sent]!.sendAt <= now + 1) {
      // The preroll's bound: the show goes on without the surfaces that did not answer.
      this.opts.log(`show ${run.packId}/${run.show.id}: starting without ${[...run.preparing].join(', ')} ready`);
      run.preparing = undefined;
    }
    while (run.sent < run.deliveries.length && run.deliveries[run.sent]!.sendAt <= now + 1) {
      const d = run.deliveries[run.sent++]!;
      this.snap(run, d.cue);
      const list = batch.get(d.surfaceId) ?? [];
      list.push(d.cue);
      batch.set(d.surfaceId, list);
    }
    for (const [surfaceId, cues] of batch) {
      this.opts.send(surfaceId, { type: 'show.cues', runId: run.runId, packId: run.packId, showId: run.show.id, startHost: run.startHost, replace: false, cues });
    }
    const next = run.deliveries[run.sent];
    if (next) {
      this.timer = setTimeout(() => this.pump(), Math.max(0, next.sendAt - this.opts.clock()));
      return;
    }
    const endAt = run.stopAt ?? run.startHost + run.show.seconds * 1000;
    if (run.loop) {
      // The next pass starts where this one ends; its first sends go out one lead before.
      const found = { packId: run.packId, show: run.show };
      this.timer = setTimeout(() => this.begin(found, endAt, run.leadMs, true, run.attract), Math.max(0, endAt - run.leadMs - this.opts.clock()));
      return;
    }
    this.timer = setTimeout(() => {
      if (this.current !== run) return;
      this.current = undefined;
      // A show that ended (or was stopped) hands the walls back to the hall's attract; a stopped attract stays stopped.
      if (!run.attract) this.resumeAttract();
    }, Math.max(0, Math.max(endAt, run.deliveries.at(-1)?.cue.at ?? endAt) - this.opts.clock()));
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** A surface presented a cue at host time `hostMs`. */
  presented(surfaceId: string, runId: string, index: number, hostMs: number, mainMs?: number): void {
    const key = `${runId}#${index}`;
    let p = this.presentations.get(key);
    if (!p) {
      const due = this.current?.runId === runId ? this.current.deliveries.find((d) => d.cue.index === index)?.cue.at : undefined;
      p = { runId, index, at: due ?? null, surfaces: {} };
      this.presentations.set(key, p);
      if (this.presentations.size > MAX_PRESENTATIONS) this.presentations.delete(this.presentations.keys().next().value!);
    }
    p.surfaces[surfaceId] = hostMs;
    this.gridOf(surfaceId).observe(hostMs);
    if (mainMs !== undefined) (p.main ??= {})[surfaceId] = mainMs;
  }

  /** A surface's video drift samples. */
  video(surfaceId: string, runId: string, index: number, samples: readonly { hostMs: number; driftMs: number }[], seeks: number): void {
    const list = this.drift.get(surfaceId) ?? [];
    for (const s of samples) list.push({ ...s, runId, index });
    if (list.length > MAX_DRIFT_SAMPLES) list.splice(0, list.length - MAX_DRIFT_SAMPLES);
    this.drift.set(surfaceId, list);
    this.seeks.set(surfaceId, (this.seeks.get(surfaceId) ?? 0) + seeks);
  }

  /** The state for /api/shows: the shows, the run, the last presentations, drift per surface. */
  status(recent = 200) {
    const run = this.current;
    const now = this.opts.clock();
    return {
      shows: this.listing(),
      run: run ? { runId: run.runId, packId: run.packId, showId: run.show.id, startHost: run.startHost, leadMs: run.leadMs, loop: run.loop, elapsedMs: now - run.startHost, preparing: [...(run.preparing ?? [])] } : null,
      attract: this.attractRef ? { showId: this.attractRef.showId ?? null, packId: this.attractRef.packId ?? null } : null,
      hostNow: now,
      presentations: [...this.presentations.values()].slice(-recent),
      drift: Object.fromEntries(
        [...this.drift].map(([id, list]) => {
          const abs = list.map((s) => Math.abs(s.driftMs));
          return [id, { samples: list.length, p95AbsMs: abs.length ? percentile(abs, 95) : null, lastMs: list.at(-1)?.driftMs ?? null, seeks: this.seeks.get(id) ?? 0 }];
        }),
      ),
    };
  }

  /** Every drift sample of a surface (benches pair two walls' samples by host time). */
  driftSamples(surfaceId: string): readonly { hostMs: number; driftMs: number; runId: string; index: number }[] {
    return this.drift.get(surfaceId) ?? [];
  }

  /** True when the surface takes show cues. */
  isShowSurface(surfaceId: string): boolean {
    const s = this.opts.surfaces.find((x) => x.id === surfaceId);
    return !!s && cueAddresses('all', s);
  }

  dispose(): void {
    this.clearTimer();
    this.current = undefined;
  }
}
