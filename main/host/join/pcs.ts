import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { normalisePairCode, PAIR_ALPHABET, PcName } from '../../../core/protocol/join';

/** DATA/settings/pcs.json: the PCs paired with this hall (their credentials hashed). */
export function pcFilePath(dataDir: string): string {
  return join(dataDir, 'settings', 'pcs.json');
}

const PcRecord = z.object({ pc: PcName, hash: z.string().regex(/^[0-9a-f]{64}$/), pairedAt: z.string(), revokedAt: z.string().nullable() });
type PcRecord = z.infer<typeof PcRecord>;
const PcFile = z.object({ version: z.literal(1), pcs: z.array(PcRecord) });

const hashOf = (credential: string) => createHash('sha256').update(credential).digest('hex');

/** Why a pairing code or a credential was not accepted. */
export type PairRefusal = 'wrong-code' | 'revoked';

/**
 * The second PCs of a hall: one-time pairing codes (in memory, short-lived, 8 characters of an
 * alphabet without look-alikes, about 40 bits) and the long-lived per-PC credentials they are
 * traded for (256 random bits; only their SHA-256 is kept, in DATA/settings/pcs.json, 0600).
 * A code is good for one trade: a second trade with it (a replay) gets nothing. Pairing a PC
 * name again replaces its credential, so the old one stops working; a revoked PC's credential
 * never works again.
 */
export class PcBook {
  private readonly codes = new Map<string, number>();
  private records: PcRecord[] = [];

  constructor(
    /** undefined: nothing is saved (tests). */
    private readonly file: string | undefined,
    private readonly now: () => number = Date.now,
    private readonly codeTtlMs = 10 * 60_000,
  ) {
    this.records = this.read();
  }

  private read(): PcRecord[] {
    if (!this.file || !existsSync(this.file)) return [];
    const parsed = PcFile.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new Error(`${this.file}: not a RedHall PC list / 不是 RedHall 的电脑配对文件`);
    return parsed.data.pcs;
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify({ version: 1, pcs: this.records }, null, 2) + '\n', { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
    try {
      chmodSync(this.file, 0o600);
    } catch {
      // best effort on file systems without modes
    }
  }

  /** A fresh one-time code, shown as XXXX-XXXX. */
  issueCode(): { code: string; expiresAt: number } {
    this.sweep();
    let raw = '';
    for (let i = 0; i < 8; i++) raw += PAIR_ALPHABET[randomInt(PAIR_ALPHABET.length)];
    const expiresAt = this.now() + this.codeTtlMs;
    this.codes.set(raw, expiresAt);
    return { code: `${raw.slice(0, 4)}-${raw.slice(4)}`, expiresAt };
  }

  /** Trades a code once for a new credential of `pc`; a wrong, used or expired code gets nothing and changes nothing. */
  redeem(code: string, pc: string): { ok: true; credential: string } | { ok: false; why: 'wrong-code' } {
    this.sweep();
    const key = normalisePairCode(code);
    const expires = this.codes.get(key);
    if (expires === undefined) return { ok: false, why: 'wrong-code' };
    this.codes.delete(key);
    const credential = randomBytes(32).toString('base64url');
    const record: PcRecord = { pc, hash: hashOf(credential), pairedAt: new Date(this.now()).toISOString(), revokedAt: null };
    this.records = [...this.records.filter((r) => r.pc !== pc), record];
    this.save();
    return { ok: true, credential };
  }

  /** The PC a credential belongs to; a revoked PC's or an unknown credential gets a refusal. */
  verify(credential: string): { ok: true; pc: string } | { ok: false; why: PairRefusal } {
    const h = Buffer.from(hashOf(credential), 'hex');
    for (const r of this.records) {
      if (!timingSafeEqual(h, Buffer.from(r.hash, 'hex'))) continue;
      return r.revokedAt ? { ok: false, why: 'revoked' } : { ok: true, pc: r.pc };
    }
    return { ok: false, why: 'wrong-code' };
  }

  /** Revokes a PC (its credential stops working); undefined when no such PC is paired. */
  revoke(pc: string): string | undefined {
    const r = this.records.find((x) => x.pc === pc);
    if (!r) return undefined;
    r.revokedAt ??= new Date(this.now()).toISOString();
    this.save();
    return r.revokedAt;
  }

  list(): ReadonlyArray<{ pc: string; pairedAt: string; revokedAt: string | null }> {
    return this.records.map(({ pc, pairedAt, revokedAt }) => ({ pc, pairedAt, revokedAt }));
  }

  /** Codes waiting to be traded (tests). */
  get pendingCodes(): number {
    this.sweep();
    return this.codes.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [code, expires] of this.codes) if (expires <= now) this.codes.delete(code);
  }
}
