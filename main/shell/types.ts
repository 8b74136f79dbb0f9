import type { Display, PlannedSurface } from '../../core/hall';

/** Why a surface shows the fault screen, and when the shell tries the surface itself again. */
export interface SurfaceFault {
  /** ms since the epoch */
  since: number;
  /** e.g. "4 failures in 5 min; last: browser killed by SIGKILL" */
  reason: string;
  recentFailures: number;
  /** ms since the epoch: the time the fault screen announces, and keeps. */
  retryAt: number;
}

/** A surface's page address; with `fault`, the fault screen that announces the retry. */
export type SurfaceUrl = (s: PlannedSurface, fault?: SurfaceFault) => string;
/**
 * The same, where the address has to be asked for first (a second PC asks the main host for
 * each window's launch code, main/join). The Chromium shell takes either.
 */
export type AsyncSurfaceUrl = (s: PlannedSurface, fault?: SurfaceFault) => string | Promise<string>;

/** What a shell reports back to the host about the windows it keeps. */
export interface ShellEvents {
  /** A surface's window died or hung and is being started again. */
  restarted(surfaceId: string): void;
  /** A short human note for /api/health, or null when all is well. */
  note(surfaceId: string, text: string | null): void;
  /** The surface went to the fault screen (with why and until when), or left it (null). */
  fault?(surfaceId: string, fault: SurfaceFault | null): void;
  log(line: string): void;
}

/** Puts surfaces on monitors and keeps them there. Electron and system Chromium both do this. */
export interface Shell {
  readonly name: 'electron' | 'chromium';
  displays(): Promise<{ displays: Display[]; source: string }>;
  open(surfaces: readonly PlannedSurface[], urlFor: SurfaceUrl, events: ShellEvents): Promise<void>;
  /**
   * The watchdog's last resort for a surface whose page stopped (frozen, white, gone away):
   * start its window again. Counted like a crash, so a surface that keeps stopping rests on
   * the fault screen.
   */
  restart(surfaceId: string, reason: string): void;
  /**
   * The watchdog's first, gentler step, where the shell can do it without the page's help
   * (Electron: webContents.reload). Returns false when it cannot; the watchdog then asks the
   * page itself over its socket.
   */
  reload?(surfaceId: string, reason: string): boolean;
  /**
   * A PNG of what the surface's monitor shows now (the admin board's thumbnail), or undefined
   * when this shell cannot take one. Chromium: the X11 screen rectangle of the surface.
   */
  capture?(surfaceId: string): Promise<Buffer | undefined>;
  /** True while the surface's browser or window is up (the watchdog only judges live ones). */
  running(surfaceId: string): boolean;
  close(): Promise<void>;
}
