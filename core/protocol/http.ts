import { z } from 'zod';
import { HallContent, InstallerWarning, SurfaceRole } from './messages';
import { BilingualText, HttpError, LaunchRequest, LaunchResponse, parseAnswer, type HttpResult } from './answer';
import { ActivatedResponse, AdminPacks, AdminStats, PackOnlyRequest, PackVersionRequest, PreviewRequest, PreviewResponse, PrunedResponse } from './admin';
import { ControlAnswer, ControlCommand, HallControlState } from './control';
import { LoginRequest, LoginResponse, LogoutResponse, SessionsResponse } from './auth';
import { JoinLaunchRequest, JoinLaunchResponse, JoinSyncRequest, JoinSyncResponse, PairCodeRequest, PairCodeResponse, PairedPcs, PairRequest, PairResponse, RevokePcRequest, RevokePcResponse } from './join';
import { ShowCommand, ShowCommandResponse, ShowStatus } from './shows';
import { CinemaCommand, CinemaCommandResponse, CinemaStatus, OathCommand, OathCommandResponse, OathStatus, PhoneOrigin } from './zones';

// The launch answer and the refusal shape live in answer.ts (a page reading one answer at start
// loads only those); the route table's users find them here too.
export { HttpError, LaunchRequest, LaunchResponse, type HttpResult };

/**
 * The host's JSON HTTP routes, beside the WebSocket messages (messages.ts): one entry per
 * route, `'METHOD /path'` → the schema of its request body and of its answer. The host serves
 * each through one typed helper (main/host/http.ts) that refuses a body its schema refuses;
 * clients read answers with `parseHttpResponse`, so both ends hold the same contract.
 * Files (pages, pack assets, quiz banks, QR codes, table logs) are not JSON and not listed here.
 */

/** What the host knows of one surface, as /api/health reports it. */
export const SurfaceStatus = z.object({
  id: z.string(),
  role: SurfaceRole,
  display: z.number().int(),
  displayName: z.string(),
  bounds: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  connected: z.boolean(),
  /** ISO time of the last connect or disconnect. */
  since: z.string(),
  clockOffsetMs: z.number().nullable(),
  clockRttMs: z.number().nullable(),
  restarts: z.number().int(),
  screen: z.string().nullable(),
  /** The shell's note, e.g. "waiting 4 s before restart" or "fault". */
  shell: z.string().nullable(),
  /** Resting on the fault screen: since when, why, and when the shell tries the surface again. */
  fault: z.object({ since: z.string(), reason: z.string(), recentFailures: z.number().int(), retryAt: z.string() }).nullable(),
  /** ISO time of the page's last heartbeat (sent from its render loop). */
  heartbeatAt: z.string().nullable(),
  /** What the watchdog did to this surface's page when it stopped answering. */
  watchdog: z.object({ reloads: z.number().int(), restarts: z.number().int(), last: z.string().nullable() }),
  /** The PC whose monitor the surface is on, when it is not the host's own (a second PC, `redhall start --join`). */
  pc: z.string().optional(),
});
export type SurfaceStatus = z.infer<typeof SurfaceStatus>;

/** What the host's connection guard refused and closed since it started (main/host/guard). */
export const GuardCounters = z.object({
  /** TCP connections open now (HTTP and WebSocket). */
  connections: z.number().int(),
  /** WebSockets open now. */
  sockets: z.number().int(),
  /** Requests refused for a Host header that is not this hall's (DNS rebinding). */
  refusedHost: z.number().int(),
  /** Requests and sockets refused for an Origin that is not this hall's. */
  refusedOrigin: z.number().int(),
  /** Connections refused because the host had its total. */
  refusedTooMany: z.number().int(),
  /** Connections refused because their address had its share. */
  refusedAddress: z.number().int(),
  /** Sockets closed for not saying hello in time. */
  helloTimeouts: z.number().int(),
  /** Sockets closed because their unread replies passed the bound (a client that does not read). */
  slowClosed: z.number().int(),
  /** Frames dropped over a socket's rate. */
  framesDropped: z.number().int(),
  /** Sockets closed for sending far past their rate. */
  floodClosed: z.number().int(),
  /** WebSocket upgrades refused (429) from a LAN address cut off for flooding a few seconds before. */
  refusedCoolingDown: z.number().int(),
});
export type GuardCounters = z.infer<typeof GuardCounters>;

/** Whether what the hall writes (statistics, logs, table logs) reaches the disk (main/durable). */
export const DiskStatus = z.object({
  /** Writes that failed since start (each one reported, none taken as stored). */
  failedWrites: z.number().int(),
  /** Lines waiting to be written now. */
  pending: z.number().int(),
  /** The last failure: when, which file, the system's code (ENOSPC…) and what it means for the hall. */
  last: z.object({ at: z.string(), file: z.string(), code: z.string(), message: BilingualText }).nullable(),
});
export type DiskStatus = z.infer<typeof DiskStatus>;

export const Health = z.object({
  app: z.literal('redhall'),
  version: z.string(),
  uptimeMs: z.number().int().nonnegative(),
  startedAt: z.string(),
  listen: z.enum(['loopback', 'lan']),
  pack: z.object({ id: z.string(), version: z.string() }).nullable(),
  warnings: z.array(InstallerWarning),
  surfaces: z.array(SurfaceStatus),
  guard: GuardCounters,
  disk: DiskStatus,
});
export type Health = z.infer<typeof Health>;

/** No body: a GET, or a POST whose body carries nothing. */
const NoBody = z.undefined();

export const IdentifyRequest = z.preprocess((v) => v ?? {}, z.object({ on: z.boolean().optional() }).strict());
export const IdentifyResponse = z.object({ identify: z.boolean() });

/** One JSON route: its request body and its answer (a refusal is always an HttpError). */
export interface HttpRoute<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}

export const HTTP_ROUTES = {
  /** The host's state for people and tests: version, uptime, active pack, every surface. */
  'GET /api/health': { request: NoBody, response: Health },
  /** What the surfaces show of the active packs; 503 before any pack is active. */
  'GET /api/hall': { request: NoBody, response: HallContent },
  /** Admin only (bearer token): every surface shows (or stops showing) its identity. */
  'POST /api/identify': { request: IdentifyRequest, response: IdentifyResponse },
  /** A surface's window trades its one-time launch code for its token; 403 for any other code. */
  'POST /api/launch': { request: LaunchRequest, response: LaunchResponse },
  /** The shows of the active packs, the running one, and what the surfaces reported (cue presentations, video drift). */
  'GET /api/shows': { request: NoBody, response: ShowStatus },
  /** Admin only (bearer token): starts a show (the first of the active packs when none is named; looping on request) or stops the running one. */
  'POST /api/shows': { request: ShowCommand, response: ShowCommandResponse },
  /** Docent or admin: the hall as the docent remote shows it (surfaces, show, projectors, opening hours). */
  'GET /api/control': { request: NoBody, response: HallControlState },
  /** Docent or admin: runs one control command (docs/control.md); refusals carry zh-Hans, zh-Hant and en. */
  'POST /api/control': { request: ControlCommand, response: ControlAnswer },
  /** The group oath: the run (its host start time and surfaces), if one is on. */
  'GET /api/oath': { request: NoBody, response: OathStatus },
  /** Docent or admin session (the docent remote, the control API): starts the group oath on chosen surfaces (by default every kiosk and wall), in step by host time, or stops it. */
  'POST /api/oath': { request: OathCommand, response: OathCommandResponse },
  /** The cinema: the film run on now, today's screenings in host time, the films' lengths. */
  'GET /api/cinema': { request: NoBody, response: CinemaStatus },
  /** Docent or admin session (the docent remote, the control API): starts a playlist or a film on the cinema surfaces now, or stops it. */
  'POST /api/cinema': { request: CinemaCommand, response: CinemaCommandResponse },
  /** Where phones reach this host (the reading bar's "continue on your phone" QR code). */
  'GET /api/phone-origin': { request: NoBody, response: PhoneOrigin },
  /** A PIN for a role (admin, docent) opens a session: an HttpOnly SameSite=Strict cookie; 401 wrong PIN, 429 slowed down or locked out. */
  'POST /api/auth/login': { request: LoginRequest, response: LoginResponse },
  /** Ends this browser's sessions (both roles) and clears their cookies. */
  'POST /api/auth/logout': { request: NoBody, response: LogoutResponse },
  /** The sessions this browser holds (none: an empty list). */
  'GET /api/auth/session': { request: NoBody, response: SessionsResponse },
  /** Admin: every installed pack, its versions (active, the one a rollback returns to), and the running preview. */
  'GET /api/admin/packs': { request: NoBody, response: AdminPacks },
  /** Admin: makes an installed version live on every surface. */
  'POST /api/admin/packs/activate': { request: PackVersionRequest, response: ActivatedResponse },
  /** Admin: goes back to the version active before this one. */
  'POST /api/admin/packs/rollback': { request: PackOnlyRequest, response: ActivatedResponse },
  /** Admin: removes every version but the active and the previous one. */
  'POST /api/admin/packs/prune': { request: PackOnlyRequest, response: PrunedResponse },
  /** Admin: shows an installed version on one surface only (or ends the preview). */
  'POST /api/admin/preview': { request: PreviewRequest, response: PreviewResponse },
  /** Admin: self-check results by dimension and day, script-kill endings, module visits. */
  'GET /api/admin/stats': { request: NoBody, response: AdminStats },
  /** A second PC trades a one-time pairing code for its long-lived credential; 403 for a wrong, used or expired code (slowed down like PINs). */
  'POST /api/join/pair': { request: PairRequest, response: PairResponse },
  /** A paired PC (bearer credential): its surfaces and what its shell did; answers what the host sees of them. */
  'POST /api/join/sync': { request: JoinSyncRequest, response: JoinSyncResponse },
  /** A paired PC (bearer credential): a one-time launch code for one of its surfaces' windows. */
  'POST /api/join/launch': { request: JoinLaunchRequest, response: JoinLaunchResponse },
  /** Admin: a one-time pairing code for a new PC. */
  'POST /api/pcs/code': { request: PairCodeRequest, response: PairCodeResponse },
  /** Admin: the paired PCs. */
  'GET /api/pcs': { request: NoBody, response: PairedPcs },
  /** Admin: a PC's credential stops working; its surfaces leave the hall. */
  'POST /api/pcs/revoke': { request: RevokePcRequest, response: RevokePcResponse },
} as const satisfies Record<string, HttpRoute>;

export type HttpRouteKey = keyof typeof HTTP_ROUTES;
/** The body a client sends to a route (before the schema's defaults). */
export type HttpRequest<K extends HttpRouteKey> = z.input<(typeof HTTP_ROUTES)[K]['request']>;
/** The answer a route gives when it succeeds. */
export type HttpResponse<K extends HttpRouteKey> = z.infer<(typeof HTTP_ROUTES)[K]['response']>;

/** Splits `'METHOD /path'` into its method and path. */
export function routeParts(key: HttpRouteKey): { method: 'GET' | 'POST'; path: string } {
  const [method, path] = key.split(' ') as ['GET' | 'POST', string];
  return { method, path };
}

/**
 * Reads a route's answer (status and parsed JSON) against the contract; never throws. A
 * refusal comes back as its HttpError, an answer the contract does not allow as `bad-response`.
 */
export function parseHttpResponse<K extends HttpRouteKey>(key: K, status: number, body: unknown): HttpResult<HttpResponse<K>> {
  return parseAnswer<unknown>(HTTP_ROUTES[key].response, status, body) as HttpResult<HttpResponse<K>>;
}
