import { z } from 'zod';
import { firstIssue, HallContent, InstallerWarning, SurfaceRole } from './messages';
import { ControlAnswer, ControlCommand, HallControlState } from './control';
import { ShowCommand, ShowCommandResponse, ShowStatus } from './shows';

/**
 * The host's JSON HTTP routes, beside the WebSocket messages (messages.ts): one entry per
 * route, `'METHOD /path'` → the schema of its request body and of its answer. The host serves
 * each through one typed helper (main/host/http.ts) that refuses a body its schema refuses;
 * clients read answers with `parseHttpResponse`, so both ends hold the same contract.
 * Files (pages, pack assets, quiz banks, QR codes, table logs) are not JSON and not listed here.
 */

// zh-Hant where the host writes it (the control API); zh-Hant readers get zh-Hans otherwise.
const BilingualText = z.object({ 'zh-Hans': z.string(), 'zh-Hant': z.string().optional(), en: z.string() });

/** Every refusal the host answers with a JSON body: a code, and a sentence in zh-Hans and en. */
export const HttpError = z.object({ error: z.string(), message: BilingualText });
export type HttpError = z.infer<typeof HttpError>;

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
});
export type SurfaceStatus = z.infer<typeof SurfaceStatus>;

export const Health = z.object({
  app: z.literal('redhall'),
  version: z.string(),
  uptimeMs: z.number().int().nonnegative(),
  startedAt: z.string(),
  listen: z.enum(['loopback', 'lan']),
  pack: z.object({ id: z.string(), version: z.string() }).nullable(),
  warnings: z.array(InstallerWarning),
  surfaces: z.array(SurfaceStatus),
});
export type Health = z.infer<typeof Health>;

/** No body: a GET, or a POST whose body carries nothing. */
const NoBody = z.undefined();

export const IdentifyRequest = z.preprocess((v) => v ?? {}, z.object({ on: z.boolean().optional() }).strict());
export const IdentifyResponse = z.object({ identify: z.boolean() });

export const LaunchRequest = z.object({ code: z.string().min(1).max(64) }).strict();
export const LaunchResponse = z.object({ surfaceId: z.string(), token: z.string() });

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
} as const satisfies Record<string, HttpRoute>;

export type HttpRouteKey = keyof typeof HTTP_ROUTES;
/** The body a client sends to a route (before the schema's defaults). */
export type HttpRequest<K extends HttpRouteKey> = z.input<(typeof HTTP_ROUTES)[K]['request']>;
/** The answer a route gives when it succeeds. */
export type HttpResponse<K extends HttpRouteKey> = z.infer<(typeof HTTP_ROUTES)[K]['response']>;

export type HttpResult<T> = { ok: true; value: T } | { ok: false; status: number; error: HttpError };

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
  if (status < 200 || status >= 300) {
    const e = HttpError.safeParse(body);
    return { ok: false, status, error: e.success ? e.data : { error: 'http', message: { 'zh-Hans': `主机返回错误 HTTP ${status}。`, en: `The host answered HTTP ${status}.` } } };
  }
  const r = HTTP_ROUTES[key].response.safeParse(body);
  if (r.success) return { ok: true, value: r.data as HttpResponse<K> };
  const detail = firstIssue(r.error, '(body)');
  return { ok: false, status, error: { error: 'bad-response', message: { 'zh-Hans': `主机的回答不符合约定：${detail}`, en: `The host's answer breaks the contract: ${detail}` } } };
}
