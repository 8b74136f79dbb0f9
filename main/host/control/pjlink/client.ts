import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A PJLink class 1 client (TCP, port 4352 by default): one connection per session, the MD5
 * challenge answered on its first command (`PJLINK 1 <random>` → md5(random + password) before
 * the command), one answer line per command. Projectors close idle connections themselves and
 * take one connection at a time, so the caller keeps sessions short and one per projector.
 */

export interface PjlinkTarget {
  host: string;
  port?: number | undefined;
  /** The projector's PJLink password; needed when it greets with `PJLINK 1`. */
  password?: string | undefined;
  /** Connect and per-answer timeout (ms); 5 s by default (a projector warming up is slow). */
  timeoutMs?: number | undefined;
}

/** Why a session failed as a whole. */
export type PjlinkFault = 'unreachable' | 'timeout' | 'auth' | 'no-password' | 'protocol';

export class PjlinkError extends Error {
  constructor(readonly fault: PjlinkFault, message: string) {
    super(message);
  }
}

/** One command's answer: its value, or the projector's ERR1–ERR4. */
export type PjlinkAnswer = { ok: true; value: string } | { ok: false; code: 'ERR1' | 'ERR2' | 'ERR3' | 'ERR4' };

/** What ERR1–4 mean, for operators. */
export const PJLINK_ERRORS = {
  ERR1: { 'zh-Hans': '投影机不支持这条命令', en: 'the projector does not know this command' },
  ERR2: { 'zh-Hans': '参数超出投影机允许的范围', en: 'the parameter is out of the projector’s range' },
  ERR3: { 'zh-Hans': '投影机现在无法执行（可能在预热、冷却或待机）', en: 'the projector cannot do it now (warming up, cooling down or in standby)' },
  ERR4: { 'zh-Hans': '投影机故障', en: 'the projector reports a failure' },
} as const;

/** A command line: `POWR 1`, `INPT ?`: four letters, a space, a parameter. */
const COMMAND = /^[A-Z0-9]{4} [ -~]{1,128}$/;

/** The MD5 digest PJLink class 1 authentication sends: md5(random + password), lower-case hex. */
export function pjlinkDigest(random: string, password: string): string {
  return createHash('md5').update(random + password, 'utf8').digest('hex');
}

/**
 * Opens one session, sends the commands in order (each `XXXX param`, without `%1`), and returns
 * each answer. Throws PjlinkError when the projector cannot be reached, refuses the password or
 * says something that is not PJLink.
 */
export async function pjlinkSession(target: PjlinkTarget, commands: readonly string[]): Promise<PjlinkAnswer[]> {
  for (const c of commands) if (!COMMAND.test(c)) throw new PjlinkError('protocol', `not a PJLink command: ${JSON.stringify(c)}`);
  const timeoutMs = target.timeoutMs ?? 5000;
  const socket = connect({ host: target.host, port: target.port ?? 4352 });
  socket.setNoDelay(true);
  const lines = new LineReader(socket, timeoutMs);
  try {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new PjlinkError('timeout', `no connection to ${target.host} within ${timeoutMs} ms`)), timeoutMs);
      socket.once('connect', () => {
        clearTimeout(t);
        resolve();
      });
      socket.once('error', (err) => {
        clearTimeout(t);
        reject(new PjlinkError('unreachable', `${target.host}:${target.port ?? 4352}: ${err.message}`));
      });
    });
    const greeting = await lines.next();
    let prefix = '';
    const m = /^PJLINK ([01])(?: ([0-9A-Za-z]{1,32}))?$/.exec(greeting);
    if (!m) throw new PjlinkError('protocol', `not a PJLink greeting: ${JSON.stringify(greeting.slice(0, 40))}`);
    if (m[1] === '1') {
      if (!m[2]) throw new PjlinkError('protocol', 'PJLINK 1 without its random number');
      if (target.password === undefined) throw new PjlinkError('no-password', 'the projector asks for a PJLink password and hall.yaml gives none');
      prefix = pjlinkDigest(m[2], target.password);
    }
    const answers: PjlinkAnswer[] = [];
    for (const command of commands) {
      socket.write(`${prefix}%1${command}\r`);
      // The digest goes with the first command of a session only.
      prefix = '';
      const line = await lines.next();
      if (line === 'PJLINK ERRA') throw new PjlinkError('auth', 'the projector refused the PJLink password');
      const name = command.slice(0, 4);
      const a = /^%1([A-Z0-9]{4})=(.*)$/.exec(line);
      if (!a || a[1] !== name) throw new PjlinkError('protocol', `expected an answer to ${name}, got ${JSON.stringify(line.slice(0, 60))}`);
      const value = a[2]!;
      answers.push(/^ERR[1-4]$/.test(value) ? { ok: false, code: value as 'ERR1' } : { ok: true, value });
    }
    return answers;
  } finally {
    lines.dispose();
    socket.destroy();
  }
}

/** Reads `\r`-terminated lines off a socket, one at a time, each within the timeout. */
class LineReader {
  private buffer = '';
  private readonly queue: string[] = [];
  private waiter: { resolve: (l: string) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> } | undefined;
  private ended: Error | undefined;

  constructor(private readonly socket: Socket, private readonly timeoutMs: number) {
    socket.setEncoding('latin1');
    socket.on('data', this.onData);
    socket.on('close', this.onClose);
    socket.on('error', this.onError);
  }

  private readonly onData = (chunk: string) => {
    this.buffer += chunk;
    if (this.buffer.length > 4096) return this.fail(new PjlinkError('protocol', 'an answer longer than PJLink allows'));
    let i: number;
    while ((i = this.buffer.search(/[\r\n]/)) >= 0) {
      const line = this.buffer.slice(0, i);
      this.buffer = this.buffer.slice(i + 1);
      if (line.length > 0) this.queue.push(line);
    }
    this.flush();
  };
  private readonly onClose = () => this.fail(new PjlinkError('protocol', 'the projector closed the connection'));
  private readonly onError = (err: Error) => this.fail(new PjlinkError('unreachable', err.message));

  private fail(err: Error): void {
    this.ended ??= err;
    this.flush();
  }

  private flush(): void {
    const w = this.waiter;
    if (!w) return;
    const line = this.queue.shift();
    if (line !== undefined) {
      this.waiter = undefined;
      clearTimeout(w.timer);
      w.resolve(line);
    } else if (this.ended) {
      this.waiter = undefined;
      clearTimeout(w.timer);
      w.reject(this.ended);
    }
  }

  next(): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new PjlinkError('timeout', `no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.waiter = { resolve, reject, timer };
      this.flush();
    });
  }

  dispose(): void {
    if (this.waiter) clearTimeout(this.waiter.timer);
    this.waiter = undefined;
    this.socket.off('data', this.onData);
    this.socket.off('close', this.onClose);
    this.socket.off('error', this.onError);
    // A late error on a destroyed socket must not become an unhandled 'error' event.
    this.socket.on('error', () => undefined);
  }
}

/** POWR's answer as a word. */
export function powerWord(v: string): 'off' | 'on' | 'cooling' | 'warming' | 'unknown' {
  return ({ '0': 'off', '1': 'on', '2': 'cooling', '3': 'warming' } as const)[v as '0'] ?? 'unknown';
}

/** ERST's six digits (fan, lamp, temperature, cover, filter, other) as words. */
export function errorStatus(v: string): Record<string, 'ok' | 'warning' | 'error'> | null {
  if (!/^[0-2]{6}$/.test(v)) return null;
  const names = ['fan', 'lamp', 'temperature', 'cover', 'filter', 'other'];
  return Object.fromEntries(names.map((n, i) => [n, (['ok', 'warning', 'error'] as const)[Number(v[i])]!]));
}

/** LAMP's answer: the first lamp's hours. */
export function lampHours(v: string): number | null {
  const m = /^(\d{1,5}) [01]/.exec(v);
  return m ? Number(m[1]) : null;
}
