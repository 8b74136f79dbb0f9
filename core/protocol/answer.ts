import { z } from 'zod';
import { firstIssue } from './parse';

// Apart from http.ts (the whole route table, and through it every protocol's schemas) so that a
// page that reads one answer at start (a surface trading its launch code) loads only that answer's schema.

// zh-Hant where the host writes it (the control API); zh-Hant readers get zh-Hans otherwise.
export const BilingualText = z.object({ 'zh-Hans': z.string(), 'zh-Hant': z.string().optional(), en: z.string() });

/** Every refusal the host answers with a JSON body: a code, and a sentence in zh-Hans and en. */
export const HttpError = z.object({
  error: z.string(),
  message: BilingualText,
  /** Refusals that pass with time (wrong PINs): seconds until the next try is checked. */
  retryAfterSec: z.number().int().nonnegative().optional(),
});
export type HttpError = z.infer<typeof HttpError>;

export type HttpResult<T> = { ok: true; value: T } | { ok: false; status: number; error: HttpError };

/** `POST /api/launch`: a surface trades the shell's one-time code for its token. */
export const LaunchRequest = z.object({ code: z.string().min(1).max(64) }).strict();
export const LaunchResponse = z.object({ surfaceId: z.string(), token: z.string() });

/**
 * Reads an answer (status and parsed JSON) against its schema; never throws. A refusal comes
 * back as its HttpError, an answer the schema does not allow as `bad-response`.
 */
export function parseAnswer<T>(schema: z.ZodType<T>, status: number, body: unknown): HttpResult<T> {
  if (status < 200 || status >= 300) {
    const e = HttpError.safeParse(body);
    return { ok: false, status, error: e.success ? e.data : { error: 'http', message: { 'zh-Hans': `主机返回错误 HTTP ${status}。`, en: `The host answered HTTP ${status}.` } } };
  }
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  const detail = firstIssue(r.error, '(body)');
  return { ok: false, status, error: { error: 'bad-response', message: { 'zh-Hans': `主机的回答不符合约定：${detail}`, en: `The host's answer breaks the contract: ${detail}` } } };
}
