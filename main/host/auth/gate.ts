/** How wrong PINs are slowed down and locked out, per address. */
export interface GatePolicy {
  /** Wrong PINs answered at once before the slowdown starts. */
  freeFailures: number;
  /** After the free ones, each wrong PIN makes the address wait this long, doubled each time. */
  slowMs: number;
  /** This many wrong PINs in a row lock the address out. */
  lockAfter: number;
  /** The first lockout; each further one doubles, up to `maxLockMs`. */
  lockMs: number;
  maxLockMs: number;
  /** Failures older than this are forgotten (a success forgets them at once). */
  forgetMs: number;
}

export const DEFAULT_GATE: GatePolicy = { freeFailures: 2, slowMs: 1000, lockAfter: 5, lockMs: 5 * 60_000, maxLockMs: 60 * 60_000, forgetMs: 60 * 60_000 };

interface Record_ {
  failures: number;
  lockouts: number;
  until: number;
  last: number;
}

/**
 * Wrong PINs per address (and per role's door, when the caller keys it so): the first few are
 * answered at once, then each makes the address wait longer (1 s, 2 s, 4 s), and `lockAfter` in a
 * row lock it out for minutes, longer each time. While an address waits, even the right PIN is
 * refused unchecked, so guessing costs time whatever the guess.
 */
export class PinGate {
  private readonly addresses = new Map<string, Record_>();
  readonly policy: GatePolicy;

  constructor(policy: Partial<GatePolicy> = {}) {
    this.policy = { ...DEFAULT_GATE, ...policy };
  }

  /** Milliseconds `address` must still wait before a PIN from it is checked; 0 when it may try. */
  waitMs(address: string, now: number): number {
    const r = this.recall(address, now);
    return r ? Math.max(0, r.until - now) : 0;
  }

  /** True when the address is locked out (not merely slowed down). */
  lockedOut(address: string, now: number): boolean {
    const r = this.recall(address, now);
    return !!r && r.until > now && r.failures >= this.policy.lockAfter;
  }

  /** Notes a wrong PIN; returns how long the address must now wait. */
  failed(address: string, now: number): number {
    const p = this.policy;
    const r = this.recall(address, now) ?? { failures: 0, lockouts: 0, until: 0, last: now };
    r.failures += 1;
    r.last = now;
    if (r.failures >= p.lockAfter) {
      r.until = now + Math.min(p.maxLockMs, p.lockMs * 2 ** r.lockouts);
      r.lockouts += 1;
    } else if (r.failures > p.freeFailures) {
      r.until = now + p.slowMs * 2 ** (r.failures - p.freeFailures - 1);
    }
    this.addresses.set(address, r);
    return Math.max(0, r.until - now);
  }

  /** The right PIN: the address starts afresh. */
  succeeded(address: string): void {
    this.addresses.delete(address);
  }

  private recall(address: string, now: number): Record_ | undefined {
    const r = this.addresses.get(address);
    if (!r) return undefined;
    if (now - r.last > this.policy.forgetMs && r.until <= now) {
      this.addresses.delete(address);
      return undefined;
    }
    // A lockout served: the count starts again, but the next lockout is longer.
    if (r.failures >= this.policy.lockAfter && r.until <= now) r.failures = 0;
    return r;
  }
}
