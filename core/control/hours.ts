import { WEEKDAYS, type HoursConfig } from '../hall';

/**
 * Opening hours as events on the host clock: the hall opens and closes at set local times on its
 * open days (not on closed dates), and shows start at set times on open days. Time comes in as
 * epoch ms plus the machine's UTC offset in minutes (China: +480), so this is a function of its
 * inputs and tests choose any day and zone.
 */

export type HoursEvent =
  | { at: number; kind: 'open' }
  | { at: number; kind: 'close' }
  | { at: number; kind: 'show'; show: string; pack?: string | undefined };

const DAY = 86_400_000;

function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

interface LocalDay {
  /** UTC ms of this local day's midnight. */
  midnight: number;
  weekday: (typeof WEEKDAYS)[number];
  date: string;
}

function localDay(index: number, offsetMin: number): LocalDay {
  return {
    midnight: index * DAY - offsetMin * 60_000,
    // 1970-01-01 was a Thursday.
    weekday: WEEKDAYS[(((index + 4) % 7) + 7) % 7]!,
    date: new Date(index * DAY).toISOString().slice(0, 10),
  };
}

function dayIndex(ms: number, offsetMin: number): number {
  return Math.floor((ms + offsetMin * 60_000) / DAY);
}

/** True when the hall opens on that local day (an open weekday, not a closed date). */
function opensOn(h: HoursConfig, d: LocalDay): boolean {
  return (h.days ?? WEEKDAYS).includes(d.weekday) && !(h.closed ?? []).includes(d.date);
}

function eventsOfDay(h: HoursConfig, d: LocalDay): HoursEvent[] {
  if (!opensOn(h, d)) return [];
  const out: HoursEvent[] = [
    { at: d.midnight + minutes(h.open) * 60_000, kind: 'open' },
    { at: d.midnight + minutes(h.close) * 60_000, kind: 'close' },
  ];
  for (const s of h.shows ?? []) {
    if (s.days && !s.days.includes(d.weekday)) continue;
    out.push({ at: d.midnight + minutes(s.at) * 60_000, kind: 'show', show: s.show, pack: s.pack });
  }
  return out;
}

/** The events after `fromMs` up to and including `toMs`, in time order (at most `limit`). */
export function hoursEventsBetween(h: HoursConfig, fromMs: number, toMs: number, offsetMin: number, limit = 500): HoursEvent[] {
  const out: HoursEvent[] = [];
  for (let i = dayIndex(fromMs, offsetMin); i <= dayIndex(toMs, offsetMin) && out.length < limit; i++) {
    for (const e of eventsOfDay(h, localDay(i, offsetMin))) if (e.at > fromMs && e.at <= toMs) out.push(e);
  }
  // Opening comes before a show at the same minute, closing after it.
  const rank = { open: 0, show: 1, close: 2 } as const;
  return out.sort((a, b) => a.at - b.at || rank[a.kind] - rank[b.kind]).slice(0, limit);
}

/** True while the hall is open at `ms`. */
export function isOpenAt(h: HoursConfig, ms: number, offsetMin: number): boolean {
  const d = localDay(dayIndex(ms, offsetMin), offsetMin);
  if (!opensOn(h, d)) return false;
  const m = (ms - d.midnight) / 60_000;
  return m >= minutes(h.open) && m < minutes(h.close);
}

/** The next opening or closing after `ms` (looking two weeks ahead), or undefined. */
export function nextChange(h: HoursConfig, ms: number, offsetMin: number): HoursEvent | undefined {
  return hoursEventsBetween(h, ms, ms + 15 * DAY, offsetMin).find((e) => e.kind !== 'show');
}

/** The local day of `ms`: its opening hours and timed shows, or null when the hall stays closed that day. */
export function hoursOfDay(h: HoursConfig, ms: number, offsetMin: number): { open: string; close: string; shows: Array<{ at: string; show: string }> } | null {
  const d = localDay(dayIndex(ms, offsetMin), offsetMin);
  if (!opensOn(h, d)) return null;
  const shows = (h.shows ?? []).filter((s) => !s.days || s.days.includes(d.weekday)).map((s) => ({ at: s.at, show: s.show }));
  return { open: h.open, close: h.close, shows: shows.sort((a, b) => minutes(a.at) - minutes(b.at)) };
}
