import { z } from 'zod';
import { Cue } from '../pack/kinds/show';
import { LocalisedText } from '../text';

/**
 * Show messages on the surfaces' one socket (`/ws`, beside messages.ts, which lists them in its
 * unions). The host runs a show on its clock and sends each cue to its surfaces a lead time
 * before it is due (`show.cues`); a surface that comes (back) says `show.join` and receives
 * every cue of the running show already sent to it, marked `replace`, so it comes in at the
 * right place. Surfaces report when they presented a cue and how far their video drifted, in
 * host time, for the cue-spread and drift figures. A kiosk (or the docent, DM or admin page)
 * asks the host to start or stop a show with `show.request`.
 */

const RunId = z.string().regex(/^[a-z0-9-]{1,80}$/);

/** A cue of a run with its due host time (ms) and its index in the show's cue list. */
export const TimedCueSchema = z.object({ index: z.number().int().nonnegative(), at: z.number().finite(), cue: Cue }).strict();

// ---- surface → host ----
export const ShowJoin = z.object({ type: z.literal('show.join') }).strict();

export const ShowPresented = z.object({
  type: z.literal('show.presented'),
  runId: RunId,
  index: z.number().int().nonnegative(),
  /** Host time of the frame that first showed the cue (the frame's start, converted with the surface's offset). */
  hostMs: z.number().finite(),
  /**
   * Host time of the frame in which the page's main thread came to the cue. Later than `hostMs`
   * when the compositor showed the cue on time while the main thread was busy.
   */
  mainMs: z.number().finite().optional(),
}).strict();

export const ShowVideo = z.object({
  type: z.literal('show.video'),
  runId: RunId,
  /** The play cue whose video this is. */
  index: z.number().int().nonnegative(),
  /** Presented frame's media time minus where host time says it should be (ms; + is ahead). */
  samples: z.array(z.object({ hostMs: z.number().finite(), driftMs: z.number().finite() }).strict()).max(240),
  /** Seeks the surface made to catch up since its last report. */
  seeks: z.number().int().nonnegative(),
}).strict();

export const ShowRequest = z.object({
  type: z.literal('show.request'),
  action: z.enum(['start', 'stop']),
  showId: z.string().max(100).optional(),
  packId: z.string().max(100).optional(),
}).strict();

/**
 * A kiosk (or the docent's page) opens a timeline station on the metro wall: every metro surface,
 * or the one named; `stationId: null` sends the wall back to its line. The host passes it to the
 * control desk's `wall.goto`, so the wall keeps it across a reload.
 */
export const TimelineOpen = z.object({
  type: z.literal('timeline.open'),
  stationId: z.string().max(100).nullable(),
  surface: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional(),
}).strict();

/**
 * The surface has made ready what `show.prepare` asked for (pictures decoded, films at their first
 * frame, words' fonts, its own scene stopped) and drawn a frame with it: the host may start.
 * `frame` is where its frames fall on the host clock, so the host can put cues on frame starts.
 */
export const ShowReady = z.object({
  type: z.literal('show.ready'),
  runId: RunId,
  frame: z.object({ hostMs: z.number().finite(), intervalMs: z.number().finite().positive().max(1000) }).strict().optional(),
}).strict();

export const ShowClientMessages = [ShowJoin, ShowPresented, ShowVideo, ShowRequest, TimelineOpen, ShowReady] as const;

// ---- host → surface ----
export const ShowCues = z.object({
  type: z.literal('show.cues'),
  runId: RunId,
  packId: z.string(),
  showId: z.string(),
  /** Host time (ms) the run started at. */
  startHost: z.number().finite(),
  /** True for a join's backlog: these are all the cues of the run for this surface so far. */
  replace: z.boolean(),
  cues: z.array(TimedCueSchema).max(2000),
}).strict();

/** The shows a kiosk can offer, and the one running. */
export const ShowListing = z.object({ packId: z.string(), id: z.string(), title: LocalisedText, seconds: z.number() }).strict();
export type ShowListing = z.infer<typeof ShowListing>;

/**
 * A show is about to start (a preroll, as show-control systems do): the surface loads and decodes
 * the media of its cues, builds their layers and makes room for the show, then answers
 * `show.ready`. The host schedules the first cue (one lead time ahead) once every surface it
 * asked is ready, or after a bounded wait, so a dead surface never holds the show.
 */
export const ShowPrepare = z.object({
  type: z.literal('show.prepare'),
  runId: RunId,
  packId: z.string(),
  showId: z.string(),
  /** This surface's cues, without their times (those come with `show.cues`). */
  cues: z.array(Cue).max(2000),
}).strict();

export const ShowHostMessages = [ShowCues, ShowPrepare] as const;

// ---- HTTP (core/protocol/http.ts lists the routes) ----
export const ShowCommand = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start'), showId: z.string().max(100).optional(), packId: z.string().max(100).optional(), loop: z.boolean().optional() }).strict(),
  z.object({ action: z.literal('stop') }).strict(),
  /** The hall's attract loop: the show the walls loop whenever no other show runs; null switches it off (closing time). */
  z.object({ action: z.literal('attract'), showId: z.string().max(100).nullable(), packId: z.string().max(100).optional() }).strict(),
]);

export const ShowRunInfo = z.object({
  runId: z.string(),
  packId: z.string(),
  showId: z.string(),
  startHost: z.number(),
  leadMs: z.number(),
  loop: z.boolean(),
  elapsedMs: z.number(),
  /** The surfaces still making ready for the run's first cue (empty once it is scheduled). */
  preparing: z.array(z.string()).optional(),
});

export const ShowStatus = z.object({
  shows: z.array(ShowListing),
  run: ShowRunInfo.nullable(),
  /** The hall's attract show, when one is set (null ids: the first show of the active packs). */
  attract: z.object({ showId: z.string().nullable(), packId: z.string().nullable() }).nullable(),
  hostNow: z.number(),
  /** When each surface presented each recent cue (host ms; `at` is when it was due). */
  presentations: z.array(z.object({ runId: z.string(), index: z.number().int(), at: z.number().nullable(), surfaces: z.record(z.string(), z.number()), main: z.record(z.string(), z.number()).optional() })),
  /** Video drift per surface: how many samples, the 95th percentile of |drift|, the last, seeks made. */
  drift: z.record(z.string(), z.object({ samples: z.number().int(), p95AbsMs: z.number().nullable(), lastMs: z.number().nullable(), seeks: z.number().int() })),
});
export type ShowStatus = z.infer<typeof ShowStatus>;

/** The run after the command: the one started, or null once stopped (or when nothing ran). */
export const ShowCommandResponse = z.object({ run: ShowRunInfo.nullable() });
