import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Who may do what at a table: seat tokens and the DM token are HMACs of one hall secret kept in
 * the data folder, so they survive a host restart without being written into any table log
 * (an exported log holds no credential). The DM's PIN is checked by the hall's auth
 * (main/host/auth), with the same gate against guessing as the admin and docent PINs.
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
