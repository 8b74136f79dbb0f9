import type { Show } from '../pack/schema';

/**
 * A show on the host clock. The host starts a run at a host time; every cue then has a due
 * time (`startHost + at`) and is sent to its surfaces `leadMs` before it, so each surface holds
 * it in time to convert it to its own clock, load its media and present it on the frame that
 * reaches the due time. A surface that joins late is handed every cue already sent to it and
 * folds them (state.ts) into where the show is now.
 */

export type ShowCue = Show['cues'][number];

/** The surfaces a show can address. */
export interface ShowSurface {
  id: string;
  role: string;
}

/** One cue of a run, with its due host time (ms). `index` is its place in the show's cue list. */
export interface TimedCue {
  index: number;
  /** Host time (ms) at which surfaces present the cue. */
  at: number;
  cue: ShowCue;
}

/** One send the host makes: the cue to one surface, `leadMs` before it is due. */
export interface CueDelivery {
  surfaceId: string;
  sendAt: number;
  cue: TimedCue;
}

/** Roles that take part in shows; `all` means every surface of these roles (not the kiosk, phones or consoles). */
export const SHOW_ROLES: readonly string[] = ['wall', 'cave', 'ring', 'hologram', 'cinema'];

/** Lead time when nothing slower is measured: enough to fetch and decode a picture on the hall's own machine. */
export const DEFAULT_LEAD_MS = 1000;

/** True when a cue's target names this surface: `all` (show roles), its role, or its id. */
export function cueAddresses(target: string, surface: ShowSurface): boolean {
  if (target === 'all') return SHOW_ROLES.includes(surface.role);
  return target === surface.role || target === surface.id;
}

/** The ids of the surfaces a cue target reaches, in the order given. */
export function cueTargets(target: string, surfaces: readonly ShowSurface[]): string[] {
  return surfaces.filter((s) => cueAddresses(target, s)).map((s) => s.id);
}

/** The show's cues with their due host times for a run started at `startHost`, in due order (stable). */
export function timedCues(show: Show, startHost: number): TimedCue[] {
  return show.cues
    .map((cue, index) => ({ index, at: startHost + cue.at * 1000, cue }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
}

/**
 * Lead time for a run: at least two round trips of the slowest surface ahead (DESIGN.md), and
 * never less than `minLeadMs`.
 */
export function leadTime(rttsMs: readonly number[], minLeadMs = DEFAULT_LEAD_MS): number {
  const worst = rttsMs.reduce((m, r) => (Number.isFinite(r) ? Math.max(m, r) : m), 0);
  return Math.max(minLeadMs, Math.ceil(2 * worst));
}

/** Every send of a run, in send order: one per cue and surface it reaches. */
export function scheduleShow(show: Show, startHost: number, surfaces: readonly ShowSurface[], leadMs: number): CueDelivery[] {
  const out: CueDelivery[] = [];
  for (const cue of timedCues(show, startHost)) {
    for (const surfaceId of cueTargets(cue.cue.target, surfaces)) out.push({ surfaceId, sendAt: cue.at - leadMs, cue });
  }
  return out;
}

/**
 * The cues one surface should hold at host time `now` of a run: every cue addressed to it whose
 * send time has come (due ≤ now + lead). A surface joining mid-show gets exactly these.
 */
export function cuesHeldAt(show: Show, startHost: number, surface: ShowSurface, now: number, leadMs: number): TimedCue[] {
  return timedCues(show, startHost).filter((c) => c.at - leadMs <= now && cueAddresses(c.cue.target, surface));
}

/** Where a run is at host time `now`: ms since it started (negative before), and whether it is over. */
export function showPosition(show: Show, startHost: number, now: number): { elapsedMs: number; ended: boolean } {
  const elapsedMs = now - startHost;
  return { elapsedMs, ended: elapsedMs >= show.seconds * 1000 };
}

/** The index of the last cue due at or before `now` for a surface (−1 before the first): "which cue is it on". */
export function currentCueIndex(cues: readonly TimedCue[], now: number): number {
  let last = -1;
  for (const c of cues) if (c.at <= now) last = c.index;
  return last;
}
