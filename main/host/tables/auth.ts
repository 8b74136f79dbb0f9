import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Who may do what at a table: seat tokens and the DM token are HMACs of one hall secret kept in
 * the data folder, so they survive a host restart without being written into any table log
 * (an exported log holds no credential). The DM PIN comes from hall.yaml or is drawn at start;
 * wrong PINs are rate-limited per address.
 */
export class TableKeys {
  private readonly secret: Buffer;

  constructor(file: string) {
    if (existsSync(file)) this.secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    else {
      this.secret = randomBytes(32);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, this.secret.toString('base64url') + '\n', { mode: 0o600 });
    }
    try {
      chmodSync(file, 0o600);
    } catch {
      // best effort on file systems without modes
    }
    if (this.secret.length < 16) throw new Error(`${file}: the table secret is too short / 牌桌密钥太短`);
  }

  private mac(what: string): string {
    return createHmac('sha256', this.secret).update(what).digest('base64url').slice(0, 32);
  }

  /** The token a phone keeps for its seat at a table. */
  seatToken(table: string, player: string): string {
    return this.mac(`seat:${table}:${player}`);
  }

  /** The token a DM console keeps after entering the PIN. */
  dmToken(): string {
    return this.mac('dm');
  }

  isDmToken(token: string): boolean {
    return sameSecret(token, this.dmToken());
  }
}

/** Constant-time string comparison. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A six-digit PIN for this run of the host (when hall.yaml sets none). */
export function drawPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Wrong PINs per address: after `limit` failures within `windowMs`, that address waits out the window. */
export class PinLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limit = 5, private readonly windowMs = 60_000) {}

  /** Milliseconds this address must still wait, 0 when it may try. */
  waitMs(address: string, now: number): number {
    const recent = (this.failures.get(address) ?? []).filter((t) => now - t < this.windowMs);
    this.failures.set(address, recent);
    if (recent.length < this.limit) return 0;
    return this.windowMs - (now - (recent[0] as number));
  }

  failed(address: string, now: number): void {
    const list = this.failures.get(address) ?? [];
    list.push(now);
    this.failures.set(address, list.slice(-this.limit));
  }

  succeeded(address: string): void {
    this.failures.delete(address);
  }
}
