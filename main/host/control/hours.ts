import { hoursEventsBetween, hoursOfDay, isOpenAt, nextChange, type HoursEvent } from '../../../core/control/hours';
import type { HoursConfig } from '../../../core/hall';
import type { HallControlState } from '../../../core/protocol/control';
import type { DeskResult } from './desk';

export interface HallHoursOptions {
  hours: HoursConfig;
  clock: () => number;
  /** The machine's UTC offset at a moment, minutes (China: 480). */
  utcOffsetMin: (ms: number) => number;
  /** Whether hall.yaml lists projectors for opening and closing to power. */
  projectors: boolean;
  run: (command: unknown, who: string) => Promise<DeskResult>;
  log: (line: string) => void;
}

/** A show whose start time was missed by more than this (the host was off) is not started late. */
const LATE_SHOW_MS = 5 * 60_000;

/**
 * Opening hours on the host clock: at start the hall takes the state of the moment (open:
 * screens awake and projectors on; closed: asleep and off); then each tick runs what fell due
 * since the last one through the control desk, like a docent would: opening, the shows of the
 * day (dayparting), closing. A docent's change in between stands until the next event.
 */
export class HallHours {
  private last: number;

  constructor(private readonly opts: HallHoursOptions) {
    this.last = opts.clock();
  }

  private offset(ms: number): number {
    return this.opts.utcOffsetMin(ms);
  }

  /** Takes the state of the moment. */
  async start(): Promise<void> {
    const now = this.opts.clock();
    this.last = now;
    await this.apply({ at: now, kind: isOpenAt(this.opts.hours, now, this.offset(now)) ? 'open' : 'close' }, 'opening hours (start)');
  }

  /** Runs what fell due since the last tick. */
  async tick(): Promise<void> {
    const now = this.opts.clock();
    if (now <= this.last) return;
    const due = hoursEventsBetween(this.opts.hours, this.last, now, this.offset(now));
    this.last = now;
    // After a long gap (a suspended or stopped host) only the latest opening/closing matters.
    const lastChange = due.filter((e) => e.kind !== 'show').at(-1);
    for (const e of due) {
      if (e.kind === 'show' && now - e.at > LATE_SHOW_MS) continue;
      if (e.kind !== 'show' && e !== lastChange) continue;
      await this.apply(e, 'opening hours');
    }
  }

  private async apply(e: HoursEvent, who: string): Promise<void> {
    const commands: unknown[] =
      e.kind === 'show'
        ? [{ command: 'show.start', show: e.show, ...(e.pack ? { pack: e.pack } : {}) }]
        : [{ command: e.kind === 'open' ? 'screens.wake' : 'screens.sleep' }, ...(this.opts.projectors && this.opts.hours.projectors !== false ? [{ command: 'projector.power', projector: 'all', on: e.kind === 'open' }] : [])];
    for (const c of commands) {
      const r = await this.opts.run(c, who);
      if (!r.ok) this.opts.log(`opening hours: ${(c as { command: string }).command} failed: ${r.message.en}`);
    }
  }

  /** Open now, and the next opening or closing. */
  state(): NonNullable<HallControlState['hours']> {
    const now = this.opts.clock();
    const next = nextChange(this.opts.hours, now, this.offset(now));
    return { open: isOpenAt(this.opts.hours, now, this.offset(now)), next: next ? { at: new Date(next.at).toISOString(), what: next.kind } : null, today: hoursOfDay(this.opts.hours, now, this.offset(now)) };
  }
}
