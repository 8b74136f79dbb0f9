import type { ControlCommand, HallControlState, Trilingual } from '../../core/protocol/control';
import { parseHttpResponse, type HttpError } from '../../core/protocol/http';

/** What the remote says after a command or a sign-in: what was done, or why not. */
export interface Note {
  ok: boolean;
  text: Trilingual;
}

export type Loaded = { kind: 'state'; state: HallControlState } | { kind: 'signed-out'; why?: Note } | { kind: 'offline' };

// Refusals of other capabilities (the login) carry no zh-Hant sentence: zh-Hant readers get zh-Hans.
const noteOf = (e: HttpError): Note => ({ ok: false, text: { 'zh-Hans': e.message['zh-Hans'], 'zh-Hant': e.message['zh-Hant'] ?? e.message['zh-Hans'], en: e.message.en } });

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown } | undefined> {
  try {
    const r = await fetch(path, { method, credentials: 'same-origin', cache: 'no-store', ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
    return { status: r.status, json: await r.json().catch(() => null) };
  } catch {
    return undefined;
  }
}

/** The hall's state, or signed out (401), or the host out of reach. */
export async function loadState(): Promise<Loaded> {
  const r = await call('GET', '/api/control');
  if (!r) return { kind: 'offline' };
  const p = parseHttpResponse('GET /api/control', r.status, r.json);
  if (p.ok) return { kind: 'state', state: p.value };
  if (p.status === 401) return { kind: 'signed-out', ...(p.error.error === 'session-expired' ? { why: noteOf(p.error) } : {}) };
  return { kind: 'offline' };
}

/** Signs in with the docent PIN (a cookie session); the refusal's sentence when refused. */
export async function signIn(pin: string): Promise<Note | undefined> {
  const r = await call('POST', '/api/auth/login', { role: 'docent', pin });
  if (!r) return { ok: false, text: { 'zh-Hans': '连不上展厅主机。', 'zh-Hant': '連不上展廳主機。', en: 'Cannot reach the hall host.' } };
  const p = parseHttpResponse('POST /api/auth/login', r.status, r.json);
  return p.ok ? undefined : noteOf(p.error);
}

export async function signOut(): Promise<void> {
  await call('POST', '/api/auth/logout');
}

/** Runs one command; its answer's sentence and the state after it. */
export async function send(command: ControlCommand): Promise<{ note: Note; state?: HallControlState; signedOut?: boolean }> {
  const r = await call('POST', '/api/control', command);
  if (!r) return { note: { ok: false, text: { 'zh-Hans': '连不上展厅主机，命令没有送达。', 'zh-Hant': '連不上展廳主機，命令沒有送達。', en: 'Cannot reach the hall host; the command was not delivered.' } } };
  const p = parseHttpResponse('POST /api/control', r.status, r.json);
  if (p.ok) return { note: { ok: true, text: p.value.done }, state: p.value.state };
  return { note: noteOf(p.error), signedOut: p.status === 401 };
}
