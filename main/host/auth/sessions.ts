import { createHash, randomBytes } from 'node:crypto';

/** Roles a browser signs in as with a PIN (the DM signs in on the tables socket; see tables/plugin.ts). */
export type SessionRole = 'admin' | 'docent';

/** How long a session lasts: idle (since it was last used) and at most (since the PIN). */
export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

/** A curator's console times out quickly; a docent's tablet lasts a tour, a working day at most. */
export const SESSION_POLICY: Record<SessionRole, SessionPolicy> = {
  admin: { idleMs: 30 * 60_000, maxMs: 12 * 3600_000 },
  docent: { idleMs: 2 * 3600_000, maxMs: 12 * 3600_000 },
};

export interface Session {
  role: SessionRole;
  /** The address that entered the PIN: the session is good from there only. */
  address: string;
  createdAt: number;
  lastSeen: number;
}

export type SessionLookup = { ok: true; session: Session; expiresAt: number } | { ok: false; why: 'unknown' | 'expired' | 'elsewhere' };

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Sessions in memory, keyed by a hash of their token (the token itself is only in the browser's
 * cookie). They end on logout, when idle or too old, and with the host process: a restarted
 * host asks for the PIN again, which is the safe side for a hall PC.
 */
export class Sessions {
  private readonly byDigest = new Map<string, Session>();

  constructor(
    private readonly now: () => number,
    private readonly policy: Record<SessionRole, SessionPolicy> = SESSION_POLICY,
  ) {}

  /** A new session for `role` from `address`; returns its token (to put in the cookie). */
  issue(role: SessionRole, address: string): { token: string; expiresAt: number } {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    const t = this.now();
    const s: Session = { role, address, createdAt: t, lastSeen: t };
    this.byDigest.set(digest(token), s);
    return { token, expiresAt: this.expiresAt(s) };
  }

  /** The session of `token` if it is live and used from its own address; touching it keeps it alive. */
  use(token: string, address: string): SessionLookup {
    const key = digest(token);
    const s = this.byDigest.get(key);
    if (!s) return { ok: false, why: 'unknown' };
    if (this.now() >= this.expiresAt(s)) {
      this.byDigest.delete(key);
      return { ok: false, why: 'expired' };
    }
    if (s.address !== address) return { ok: false, why: 'elsewhere' };
    s.lastSeen = this.now();
    return { ok: true, session: s, expiresAt: this.expiresAt(s) };
  }

  /** Ends the session of `token` (logout); a later use of the token is refused. */
  end(token: string): void {
    this.byDigest.delete(digest(token));
  }

  /** Ends every session of a role (a PIN was changed). */
  endAll(role?: SessionRole): void {
    for (const [k, s] of this.byDigest) if (!role || s.role === role) this.byDigest.delete(k);
  }

  get size(): number {
    this.sweep();
    return this.byDigest.size;
  }

  private expiresAt(s: Session): number {
    const p = this.policy[s.role];
    return Math.min(s.lastSeen + p.idleMs, s.createdAt + p.maxMs);
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, s] of this.byDigest) if (t >= this.expiresAt(s)) this.byDigest.delete(k);
  }
}
