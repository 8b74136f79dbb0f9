import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { parseHttpResponse, type HttpError, type HttpRequest, type HttpResponse, type HttpRouteKey } from '../../core/protocol/http';
import { PcName } from '../../core/protocol/join';

/** DATA/settings/join.json on the joining PC: the main host's address, this PC's name and its credential (0600). */
export function joinFilePath(dataDir: string): string {
  return join(dataDir, 'settings', 'join.json');
}

const JoinFile = z.object({ version: z.literal(1), url: z.string(), pc: PcName, credential: z.string().min(32) });
export type JoinCredential = Omit<z.infer<typeof JoinFile>, 'version'>;

export function readJoinCredential(dataDir: string): JoinCredential | undefined {
  const file = joinFilePath(dataDir);
  if (!existsSync(file)) return undefined;
  const parsed = JoinFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? { url: parsed.data.url, pc: parsed.data.pc, credential: parsed.data.credential } : undefined;
}

/** Saves the credential where only this user can read it (never on a command line, never in a URL). */
export function saveJoinCredential(dataDir: string, c: JoinCredential): void {
  const file = joinFilePath(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify({ version: 1, ...c }, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  try {
    chmodSync(file, 0o600);
  } catch {
    // best effort on file systems without modes
  }
}

/** The main host's address as typed (`192.168.1.10:8080`, `http://hall-main.local:8080/`) → its origin. */
export function mainOrigin(url: string): string {
  const u = new URL(/^[a-z]+:\/\//i.test(url) ? url : `http://${url}`);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`not an http address: ${url}`);
  return u.origin;
}

/** A refusal from the main host (or no answer at all: `unreachable`). */
export class JoinError extends Error {
  constructor(
    readonly status: number,
    readonly body: HttpError,
  ) {
    super(`${body.message['zh-Hans']} / ${body.message.en}`);
  }
  /** The host answered and said no: retrying will not help (wrong code, revoked, unknown PC). */
  get final(): boolean {
    return this.status === 401 || this.status === 403 || this.status === 409;
  }
}

/** One call to the main host, read against the HTTP contract; throws JoinError. */
export async function callMain<K extends HttpRouteKey>(origin: string, key: K, body: HttpRequest<K>, credential?: string, timeoutMs = 10_000): Promise<HttpResponse<K>> {
  const [method, path] = key.split(' ') as [string, string];
  let res: Response;
  try {
    res = await fetch(`${origin}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new JoinError(0, { error: 'unreachable', message: { 'zh-Hans': `无法连接主电脑 ${origin}：${(err as Error).message}`, en: `Cannot reach the main PC at ${origin}: ${(err as Error).message}` } });
  }
  const answer = parseHttpResponse(key, res.status, await res.json().catch(() => undefined));
  if (!answer.ok) throw new JoinError(answer.status, answer.error);
  return answer.value;
}
