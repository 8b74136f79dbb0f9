import type { Cinema } from '../../../core/pack/kinds/cinema';
import type { HostMessage, SurfaceRole } from '../../../core/protocol/messages';
import type { CinemaRun, CinemaStatus } from '../../../core/protocol/zones';
import { leadTime } from '../../../core/show/schedule';
import { placeSchedule, type PlacedScreening } from '../../../core/zones/cinema';

/** The cinema programme of the active packs, with each film's length as the pack's probe read it. */
export interface PackCinema {
  packId: string;
  cinema: Cinema;
  filmSeconds: Record<string, number>;
}

export interface CinemaRunnerOptions {
  surfaces: readonly { id: string; role: SurfaceRole }[];
  cinema: () => PackCinema | undefined;
  clock: () => number;
  /** Host time of the local midnight that begins the day of `nowMs` (the schedule's times are the hall's local times). */
  midnight: (nowMs: number) => number;
  broadcast: (message: HostMessage) => void;
  send: (surfaceId: string, message: HostMessage) => number;
  rtt: (surfaceId: string) => number | null;
  minLeadMs?: number;
  /** How often the schedule is looked at (ms); 0: never by itself (tests call tick()). */
  tickMs?: number;
  log: (line: string) => void;
}

export interface CinemaRefusal {
  error: 'no-cinema' | 'no-film' | 'no-surface';
  message: { 'zh-Hans': string; en: string };
}

/**
 * The cinema on the host clock: at each screening's time of the day (cinema.yaml `schedule`)
 * its programme starts on the cinema surfaces, and the docent can start a programme or one film
 * at any moment. Every surface hears the run (`cinema.run`): the cinema plays it from host
 * time, the kiosk shows it as "now showing". A surface that comes back mid-film comes in where
 * the film is.
 */
export class CinemaRunner {
  private current: CinemaRun | undefined;
  private endTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly tickTimer: ReturnType<typeof setInterval> | undefined;
  private readonly started = new Set<string>();
  private runs = 0;

  constructor(private readonly opts: CinemaRunnerOptions) {
    const every = opts.tickMs ?? 1000;
    if (every > 0) this.tickTimer = setInterval(() => this.tick(), every);
  }

  get run(): CinemaRun | undefined {
    return this.current;
  }

  /** Today's screenings in host time. */
  today(): PlacedScreening[] {
    const found = this.opts.cinema();
    if (!found) return [];
    return placeSchedule(found.cinema, found.filmSeconds, this.opts.midnight(this.opts.clock()));
  }

  status(): CinemaStatus {
    return {
      run: this.current ?? null,
      hostNow: this.opts.clock(),
      today: this.today().map((s) => ({ at: s.at, playlistId: s.playlistId, startHost: s.startMs, endHost: s.endMs })),
      films: this.opts.cinema()?.filmSeconds ?? {},
    };
  }

  /**
   * Starts a programme (or one film) on the docent's word, one lead time from now, replacing
   * whatever plays; a refusal when there is no such programme or surface.
   */
  start(ref: { playlist?: string | undefined; film?: string | undefined; surfaces?: readonly string[] | undefined } = {}): CinemaRun | CinemaRefusal {
    const found = this.opts.cinema();
    if (!found) return { error: 'no-cinema', message: { 'zh-Hans': '启用的内容包里没有影院节目。', en: 'The active packs hold no cinema programme.' } };
    const unknown = (ref.surfaces ?? []).filter((id) => !this.opts.surfaces.some((s) => s.id === id));
    if (unknown.length)
      return { error: 'no-surface', message: { 'zh-Hans': `展厅里没有这些屏幕：${unknown.join('、')}。`, en: `No such screens in this hall: ${unknown.join(', ')}.` } };
    const { cinema } = found;
    let playlistId: string;
    let films: string[];
    let loop = false;
    if (ref.film !== undefined) {
      if (!cinema.films.some((f) => f.id === ref.film)) return noFilm(ref.film);
      playlistId = ref.playlist ?? ref.film;
      films = [ref.film];
    } else {
      const pl = ref.playlist === undefined ? cinema.playlists[0] : cinema.playlists.find((p) => p.id === ref.playlist);
      if (!pl) return noFilm(ref.playlist ?? '');
      playlistId = pl.id;
      films = pl.films;
      loop = pl.loop;
    }
    const surfaces = ref.surfaces ?? this.cinemaSurfaces();
    const leadMs = leadTime(surfaces.map((id) => this.opts.rtt(id) ?? NaN), this.opts.minLeadMs);
    const startHost = this.opts.clock() + leadMs;
    // A docent's loop runs until the next screening of the day (or until stopped).
    const next = this.today().find((s) => s.startMs > startHost);
    return this.begin(found, playlistId, films, loop, startHost, loop ? (next?.startMs ?? null) : null, surfaces, 'docent');
  }

  /** Stops the film that plays; false when none did. */
  stop(): boolean {
    if (!this.current) return false;
    this.end(this.current.runId);
    this.opts.log('cinema stopped');
    return true;
  }

  /** Tells a surface that (re)connected about the film that plays. */
  join(surfaceId: string): void {
    if (this.current) this.opts.send(surfaceId, { type: 'cinema.run', run: this.current });
  }

  /**
   * Looks at the day's schedule: a screening whose time has come (and whose programme has not
   * finished) starts at its own time, so a host that starts mid-screening joins it in progress.
   */
  tick(): void {
    const found = this.opts.cinema();
    if (!found) return;
    const now = this.opts.clock();
    const lead = leadTime(this.cinemaSurfaces().map((id) => this.opts.rtt(id) ?? NaN), this.opts.minLeadMs);
    for (const s of this.today()) {
      const key = `${found.packId}@${s.startMs}`;
      if (this.started.has(key) || now < s.startMs - lead || (s.endMs !== null && now >= s.endMs)) continue;
      this.started.add(key);
      const pl = found.cinema.playlists.find((p) => p.id === s.playlistId);
      if (!pl) continue;
      this.begin(found, pl.id, pl.films, pl.loop, s.startMs, pl.loop ? s.endMs : null, this.cinemaSurfaces(), { schedule: s.at });
    }
    if (this.started.size > 500) this.started.clear();
  }

  private cinemaSurfaces(): string[] {
    return this.opts.surfaces.filter((s) => s.role === 'cinema').map((s) => s.id);
  }

  private begin(found: PackCinema, playlistId: string, filmIds: readonly string[], loop: boolean, startHost: number, loopEnd: number | null, surfaces: readonly string[], by: CinemaRun['by']): CinemaRun {
    const films = filmIds.map((id) => ({ id, seconds: found.filmSeconds[id] && found.filmSeconds[id] > 0 ? found.filmSeconds[id] : 1 }));
    const total = films.reduce((s, f) => s + f.seconds * 1000, 0);
    const endHost = loop ? loopEnd : startHost + total;
    this.runs += 1;
    const run: CinemaRun = { runId: `cinema-${Math.round(startHost).toString(36)}-${this.runs}`, packId: found.packId, playlistId, films, loop, startHost, endHost, surfaces: [...surfaces], by };
    this.current = run;
    this.opts.broadcast({ type: 'cinema.run', run });
    this.clearEnd();
    if (endHost !== null) this.endTimer = setTimeout(() => this.end(run.runId), Math.max(0, endHost - this.opts.clock()) + 500);
    this.opts.log(`cinema: ${playlistId} (${films.map((f) => f.id).join(', ')}) at host ${startHost.toFixed(0)} on ${surfaces.join(', ') || 'no cinema surface'}${typeof by === 'object' ? ` for the ${by.schedule} screening` : ' by the docent'}`);
    return run;
  }

  private end(runId: string): void {
    if (this.current?.runId !== runId) return;
    this.clearEnd();
    this.current = undefined;
    this.opts.broadcast({ type: 'cinema.run', run: null });
  }

  private clearEnd(): void {
    if (this.endTimer) clearTimeout(this.endTimer);
    this.endTimer = undefined;
  }

  dispose(): void {
    this.clearEnd();
    if (this.tickTimer) clearInterval(this.tickTimer);
  }
}

function noFilm(id: string): CinemaRefusal {
  return { error: 'no-film', message: { 'zh-Hans': `影院节目里没有“${id}”。`, en: `The cinema programme has no "${id}".` } };
}

/** True when a start gave a refusal rather than a run. */
export function isCinemaRefusal(r: CinemaRun | CinemaRefusal): r is CinemaRefusal {
  return 'error' in r;
}

/** The host time of local midnight on the day of `nowMs` (the hall's time zone is the machine's). */
export function localMidnight(nowMs: number): number {
  const d = new Date(nowMs);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}
