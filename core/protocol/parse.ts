import type { z } from 'zod';

// Apart from messages.ts so a protocol can parse its frames without pulling in the hall's
// messages (and through them every content kind): the phone's bundle carries only the tables protocol.

export type ParseResult<T> = { ok: true; message: T } | { ok: false; code: 'bad-json' | 'bad-message'; detail: string; ref?: string };

/** The first issue of a refusal as `path: message` (`whole` when it is about the whole value), for error replies. */
export function firstIssue(error: z.ZodError, whole: string): string {
  const first = error.issues[0];
  return first ? `${first.path.map(String).join('.') || whole}: ${first.message}` : 'invalid';
}

/** Parses JSON text and validates it with a schema; never throws (shared by every protocol of core/protocol). */
export function parseWith<T>(schema: z.ZodType<T>, raw: string): ParseResult<T> {
  if (raw.length > 1_000_000) return { ok: false, code: 'bad-message', detail: 'message too large' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'bad-json', detail: 'not JSON' };
  }
  const r = schema.safeParse(data);
  if (r.success) return { ok: true, message: r.data };
  const ref = typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string' ? (data as { type: string }).type : undefined;
  const detail = firstIssue(r.error, '(message)');
  return ref === undefined ? { ok: false, code: 'bad-message', detail } : { ok: false, code: 'bad-message', detail, ref };
}
