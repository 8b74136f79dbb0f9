import type { Display, PlannedSurface } from '../../core/hall';

/** What a shell reports back to the host about the windows it keeps. */
export interface ShellEvents {
  /** A surface's window died or hung and is being started again. */
  restarted(surfaceId: string): void;
  /** A short human note for /api/health, or null when all is well. */
  note(surfaceId: string, text: string | null): void;
  log(line: string): void;
}

/** Puts surfaces on monitors and keeps them there. Electron and system Chromium both do this. */
export interface Shell {
  readonly name: 'electron' | 'chromium';
  displays(): Promise<{ displays: Display[]; source: string }>;
  open(surfaces: readonly PlannedSurface[], urlFor: (s: PlannedSurface, fault?: boolean) => string, events: ShellEvents): Promise<void>;
  close(): Promise<void>;
}
