import type { Cinema } from '../pack/kinds/cinema';

/** "09:30" as minutes after midnight. */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** A screening of the day placed on a clock: its programme, when it starts and when it ends (null: a loop, until the next). */
export interface PlacedScreening {
  at: string;
  playlistId: string;
  startMs: number;
  endMs: number | null;
}

/**
 * The day's screenings on a clock whose local midnight is `midnightMs`: each starts at its time
 * and ends when its films have played (a looping programme runs until the next screening, or to
 * the end of the day). Films of unknown length count as zero.
 */
export function placeSchedule(cinema: Pick<Cinema, 'playlists' | 'schedule'>, filmSeconds: Readonly<Record<string, number>>, midnightMs: number): PlacedScreening[] {
  return cinema.schedule.map((s, i) => {
    const startMs = midnightMs + minutesOf(s.at) * 60_000;
    const pl = cinema.playlists.find((p) => p.id === s.playlist);
    const next = cinema.schedule[i + 1];
    const nextMs = next ? midnightMs + minutesOf(next.at) * 60_000 : midnightMs + 24 * 3600_000;
    const length = (pl?.films ?? []).reduce((sum, id) => sum + (filmSeconds[id] ?? 0) * 1000, 0);
    return { at: s.at, playlistId: s.playlist, startMs, endMs: pl?.loop ? nextMs : startMs + length };
  });
}

/** What is on now (a screening running at `nowMs`) and the next one to start, if any today. */
export function nowAndNext(day: readonly PlacedScreening[], nowMs: number): { now: PlacedScreening | undefined; next: PlacedScreening | undefined } {
  const now = day.find((s) => s.startMs <= nowMs && (s.endMs === null || nowMs < s.endMs));
  const next = day.find((s) => s.startMs > nowMs);
  return { now, next };
}

/** Which film of a run plays `elapsedMs` after its start, and how far into it (ms); undefined when the run is over. */
export function filmAt(films: readonly { seconds: number }[], elapsedMs: number, loop: boolean): { index: number; offsetMs: number } | undefined {
  const total = films.reduce((s, f) => s + f.seconds * 1000, 0);
  if (elapsedMs < 0 || total <= 0) return elapsedMs < 0 && films.length ? { index: 0, offsetMs: 0 } : undefined;
  if (elapsedMs >= total && !loop) return undefined;
  let t = elapsedMs % total;
  for (let i = 0; i < films.length; i++) {
    const len = films[i]!.seconds * 1000;
    if (t < len) return { index: i, offsetMs: t };
    t -= len;
  }
  return undefined;
}
