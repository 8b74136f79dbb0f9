import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { HttpError } from '../../../core/protocol/http';
import { sameSecret } from '../live/hub';
import { PinGate, type GatePolicy } from './gate';
import { crossOriginReason } from './origin';
import { drawPin, PinBook, verifyPin, type PinRole } from './pins';
import { Sessions, type Session, type SessionPolicy, type SessionRole } from './sessions';

export interface HallAuthOptions {
  /** The PIN hashes (DATA/settings/pins.json); a book without a file holds only fallbacks. */
  pins: PinBook;
  now: () => number;
  /** The run file's bearer token (`redhall identify` and the other CLI commands): admits as admin. Drawn when absent. */
  machineToken?: string;
  /** Host names besides localhost and IP literals that the hall may be reached by. */
  allowedHosts?: readonly string[];
  gate?: Partial<GatePolicy>;
  sessions?: Record<SessionRole, SessionPolicy>;
  log?: (line: string) => void;
}

/** What a PIN check says; a refused one carries how long the address must wait (0: try again now). */
export type PinVerdict =
  | { ok: true }
  /** `checked`: the PIN was compared (and was wrong); false when the address had to wait and it was not looked at. */
  | { ok: false; why: 'wrong-pin' | 'rate-limited' | 'locked-out' | 'no-pin'; waitMs: number; checked: boolean };

/** A door's PIN check (the DM socket's is `(pin, address) => auth.checkPin('dm', pin, address)`). */
export type PinCheck = (pin: string, address: string) => Promise<PinVerdict>;

/** The cookie that holds a role's session. */
export const sessionCookie = (role: SessionRole) => `redhall_${role}`;

const bilingual = (error: string, zh: string, en: string, retryAfterSec?: number): HttpError => ({ error, message: { 'zh-Hans': zh, en }, ...(retryAfterSec !== undefined ? { retryAfterSec } : {}) });

/**
 * Who may use the hall's guarded routes, in one place (see main/host/auth/README.md):
 * PINs per role (hashed), one gate that slows down and locks out wrong PINs per address for every
 * door (admin, docent, DM), sessions that expire, and `guard(role)`, the onRequest hook a
 * capability adds to the context of its guarded routes.
 */
export class HallAuth {
  readonly pins: PinBook;
  readonly gate: PinGate;
  /** The run file's bearer token: the CLI on this machine acts as admin with it. */
  readonly machineToken: string;
  readonly sessions: Sessions;
  private readonly sessionOf = new WeakMap<FastifyRequest, Session | 'machine'>();
  /** The fallback PINs being hashed: a PIN check waits for them (see `fallbacks`). */
  private hashing: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: HallAuthOptions) {
    this.pins = opts.pins;
    this.machineToken = opts.machineToken ?? randomBytes(24).toString('base64url');
    this.gate = new PinGate(opts.gate);
    this.sessions = new Sessions(opts.now, opts.sessions);
  }

  /** An auth without a settings file whose roles open with the given PINs (tests, standalone hosts). */
  static async withPins(pins: Partial<Record<PinRole, string>>, opts: Partial<Omit<HallAuthOptions, 'pins'>> = {}): Promise<HallAuth> {
    const auth = new HallAuth({ now: Date.now, ...opts, pins: new PinBook(undefined) });
    for (const [role, pin] of Object.entries(pins) as Array<[PinRole, string]>) await auth.pins.setFallback(role, pin);
    return auth;
  }

  /**
   * For each role with no stored PIN: the given one (hall.yaml `tables.dmPin`), else one drawn
   * for this run and logged, so a fresh hall can still be opened by whoever reads its log.
   * A starting hall need not wait for the hashing (a few tenths of a second of scrypt): every
   * PIN check waits for it, so a PIN typed meanwhile is judged against the fallbacks too.
   */
  fallbacks(given: Partial<Record<PinRole, string>>, log: (line: string) => void): Promise<Partial<Record<PinRole, string>>> {
    const work = this.hashFallbacks(given, log);
    this.hashing = Promise.all([this.hashing, work.catch(() => undefined)]);
    return work;
  }

  private async hashFallbacks(given: Partial<Record<PinRole, string>>, log: (line: string) => void): Promise<Partial<Record<PinRole, string>>> {
    const drawn: Partial<Record<PinRole, string>> = {};
    const names: Record<PinRole, string> = { admin: '管理员', docent: '讲解员', dm: '主持人' };
    const roles = (['admin', 'docent', 'dm'] as const).filter((role) => !this.pins.isStored(role));
    const pins = roles.map((role) => given[role] ?? drawPin());
    // Hashed side by side (scrypt runs off the loop, in the thread pool): a restarted host is
    // ready one hash after the last, not three.
    await Promise.all(roles.map((role, i) => this.pins.setFallback(role, pins[i]!)));
    roles.forEach((role, i) => {
      if (given[role]) return;
      const pin = pins[i]!;
      drawn[role] = pin;
      log(`auth: ${role} PIN for this run: ${pin} (fix one with: redhall pin set ${role}) / 本次${names[role]} PIN：${pin}`);
    });
    return drawn;
  }

  /** Checks a PIN for a role through the gate of `address`. Every door (HTTP login, the DM socket) comes here. */
  async checkPin(role: PinRole, pin: string, address: string): Promise<PinVerdict> {
    await this.hashing;
    const wait = this.gate.waitMs(address, this.opts.now());
    if (wait > 0) return { ok: false, why: this.gate.lockedOut(address, this.opts.now()) ? 'locked-out' : 'rate-limited', waitMs: wait, checked: false };
    const hash = this.pins.hash(role);
    const ok = hash !== undefined && (await verifyPin(pin, hash));
    if (ok) {
      this.gate.succeeded(address);
      return { ok: true };
    }
    const waitMs = this.gate.failed(address, this.opts.now());
    this.opts.log?.(`auth: wrong ${role} PIN from ${address}${waitMs > 0 ? `; waits ${Math.ceil(waitMs / 1000)} s` : ''}`);
    if (hash === undefined) return { ok: false, why: 'no-pin', waitMs, checked: true };
    return { ok: false, why: this.gate.lockedOut(address, this.opts.now()) ? 'locked-out' : 'wrong-pin', waitMs, checked: true };
  }

  /** Why a request comes from the wrong place (another site's page, an unknown host name); undefined when it may pass. */
  crossOrigin(req: FastifyRequest): { zh: string; en: string } | undefined {
    return crossOriginReason(req.headers, this.opts.allowedHosts);
  }

  /** The session a guarded request was admitted with (after `guard` ran); 'machine' for the run file's token. */
  admitted(req: FastifyRequest): Session | 'machine' | undefined {
    return this.sessionOf.get(req);
  }

  /** The live sessions a request carries (cookies or a bearer session token), touching each. */
  sessionsOf(req: FastifyRequest): Array<{ role: SessionRole; token: string; expiresAt: number }> {
    const out: Array<{ role: SessionRole; token: string; expiresAt: number }> = [];
    const cookies = parseCookies(req.headers.cookie);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    for (const role of ['admin', 'docent'] as const) {
      for (const token of [cookies[sessionCookie(role)], bearer]) {
        if (!token) continue;
        const r = this.sessions.use(token, req.ip);
        if (r.ok && r.session.role === role) out.push({ role, token, expiresAt: r.expiresAt });
      }
    }
    return out;
  }

  /**
   * The onRequest hook of a guarded context: the request must come from our own pages (Origin,
   * Host) and carry a live session of `role` (an admin session also opens docent routes), or,
   * for admin routes, the run file's machine token. Anything else is refused with 403 or 401
   * before any handler runs.
   */
  guard(role: SessionRole): onRequestHookHandler {
    return async (req: FastifyRequest, reply: FastifyReply) => {
      const cross = this.crossOrigin(req);
      if (cross) return reply.code(403).send(bilingual('cross-origin', cross.zh, cross.en));
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (role === 'admin' && bearer && sameSecret(bearer, this.machineToken)) {
        this.sessionOf.set(req, 'machine');
        return;
      }
      const cookies = parseCookies(req.headers.cookie);
      const candidates = [cookies[sessionCookie('admin')], role === 'docent' ? cookies[sessionCookie('docent')] : undefined, bearer].filter((t): t is string => !!t);
      let expired = false;
      for (const token of candidates) {
        const r = this.sessions.use(token, req.ip);
        if (r.ok && (r.session.role === role || r.session.role === 'admin')) {
          this.sessionOf.set(req, r.session);
          return;
        }
        if (!r.ok && r.why === 'expired') expired = true;
      }
      const who = role === 'admin' ? { zh: '管理员', en: 'admin' } : { zh: '讲解员', en: 'docent' };
      if (expired) return reply.code(401).send(bilingual('session-expired', `登录已过期，请重新输入${who.zh} PIN。`, `The session has expired; enter the ${who.en} PIN again.`));
      return reply.code(401).send(bilingual('unauthorised', `请先输入${who.zh} PIN。`, `Enter the ${who.en} PIN first.`));
    };
  }
}

/** `name=value` pairs of a Cookie header (no decoding beyond what our own tokens need). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** The Set-Cookie value of a session: not readable by scripts, never sent by another site's page. */
export function sessionSetCookie(role: SessionRole, token: string, maxAgeSec: number): string {
  return `${sessionCookie(role)}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}`;
}

/** Clears a role's session cookie. */
export function clearSessionCookie(role: SessionRole): string {
  return `${sessionCookie(role)}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}

export { bilingual as authError };
