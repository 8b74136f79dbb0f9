import { z } from 'zod';

/**
 * The kiosk zones' live messages and routes (beside messages.ts and http.ts, which list them):
 * the group oath and the cinema. The host runs both on its clock: a run names a host time to
 * start at and the surfaces that take part, and each surface converts that time with its
 * measured offset, so a wall and a kiosk light the same oath line on the same beat and a cinema
 * that joins late comes in at the right frame. The docent remote and the control API start and
 * stop them through the host's runners (main/host/oath, main/host/cinema) or these routes.
 */

const RunId = z.string().regex(/^[a-z0-9-]{1,80}$/);
const SurfaceIdList = z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)).max(64);

// ---- the group oath ----
export const OathRun = z.object({
  runId: RunId,
  packId: z.string(),
  /** Host time (ms) of the oath's second 0: the recording's start, the first line's clock. */
  startHost: z.number().finite(),
  /** Length of the oath (its recording, or its last line's end), seconds. */
  seconds: z.number().positive(),
  /** The surfaces that show it. */
  surfaces: SurfaceIdList,
  /** The one surface that plays the recording (several speakers a few ms apart would echo); null: silent. */
  audio: z.string().nullable(),
}).strict();
export type OathRun = z.infer<typeof OathRun>;

export const OathRunMessage = z.object({ type: z.literal('oath.run'), run: OathRun.nullable() }).strict();

export const OathCommand = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('start'),
    /** Which surfaces show it; by default every kiosk and wall of the hall. */
    surfaces: SurfaceIdList.min(1).optional(),
    /** Which of them plays the recording; by default the first wall among them, else the first. */
    audio: z.string().max(64).nullable().optional(),
  }).strict(),
  z.object({ action: z.literal('stop') }).strict(),
]);
export type OathCommand = z.infer<typeof OathCommand>;

export const OathStatus = z.object({ run: OathRun.nullable(), hostNow: z.number() });
export const OathCommandResponse = z.object({ run: OathRun.nullable() });

// ---- the cinema ----
export const CinemaFilmRun = z.object({ id: z.string(), seconds: z.number().positive() }).strict();

export const CinemaRun = z.object({
  runId: RunId,
  packId: z.string(),
  playlistId: z.string(),
  /** The films in order with their lengths (read from the files when the pack was loaded). */
  films: z.array(CinemaFilmRun).min(1).max(200),
  loop: z.boolean(),
  /** Host time (ms) the first film starts. */
  startHost: z.number().finite(),
  /** Host time (ms) the run ends (a loop ends at the next screening, or when stopped). */
  endHost: z.number().finite().nullable(),
  surfaces: SurfaceIdList,
  /** Started by the day's schedule (its time, "09:30") or by the docent. */
  by: z.union([z.object({ schedule: z.string() }).strict(), z.literal('docent')]),
}).strict();
export type CinemaRun = z.infer<typeof CinemaRun>;

export const CinemaRunMessage = z.object({ type: z.literal('cinema.run'), run: CinemaRun.nullable() }).strict();

export const CinemaCommand = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('start'),
    /** A playlist of the programme; or one film alone. Neither: the first playlist. */
    playlist: z.string().max(100).optional(),
    film: z.string().max(100).optional(),
    /** Which surfaces play it; by default every surface with the role `cinema`. */
    surfaces: SurfaceIdList.min(1).optional(),
  }).strict(),
  z.object({ action: z.literal('stop') }).strict(),
]);
export type CinemaCommand = z.infer<typeof CinemaCommand>;

export const ScreeningToday = z.object({ at: z.string(), playlistId: z.string(), startHost: z.number(), endHost: z.number().nullable() }).strict();

export const CinemaStatus = z.object({
  run: CinemaRun.nullable(),
  hostNow: z.number(),
  /** Today's screenings in host time. */
  today: z.array(ScreeningToday),
  /** Each film's length in seconds. */
  films: z.record(z.string(), z.number()),
});
export type CinemaStatus = z.infer<typeof CinemaStatus>;
export const CinemaCommandResponse = z.object({ run: CinemaRun.nullable() });

// ---- the reading bar's phone link ----
/** Where a phone reaches this host (the LAN address when the hall listens on the LAN). */
export const PhoneOrigin = z.object({ origin: z.string() });

export const ZoneHostMessages = [OathRunMessage, CinemaRunMessage] as const;
