import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** Who a PIN admits: the curator's admin console, the docent remote, the script-kill DM console. */
export const PIN_ROLES = ['admin', 'docent', 'dm'] as const;
export type PinRole = (typeof PIN_ROLES)[number];

/** A PIN is 4 to 12 digits (a tablet's number pad). */
export const PIN_PATTERN = /^[0-9]{4,12}$/;

// scrypt cost: N=2^15, r=8, p=1 is ~32 MiB and ~0.1 s per check on a 2-core kiosk PC: cheap for
// one login, costly for anyone guessing offline from a copied settings file.
const COST = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_LEN = 32;

function scrypt(pin: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(pin, salt, keyLen, { ...opts, maxmem: 128 * opts.N! * opts.r! * 2 }, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (salt and hash base64url): what is stored instead of a PIN. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, KEY_LEN, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** True when `pin` is the PIN `stored` was made from; false for any other PIN or a malformed hash. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // A hash file edited by hand must not make the host burn memory: refuse costs beyond ours x4.
  if (N > COST.N * 4 || r > 16 || p > 4 || N < 2) return false;
  const want = Buffer.from(m[5]!, 'base64url');
  const got = await scrypt(pin, Buffer.from(m[4]!, 'base64url'), want.length, { N, r, p });
  return got.length === want.length && timingSafeEqual(got, want);
}

/** A six-digit PIN for one run of the host (when none is set). */
export function drawPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

const PinFileSchema = z.object({ version: z.literal(1), pins: z.record(z.string(), z.string()) });

/** Where the hall keeps its PIN hashes: `DATA/settings/pins.json`, readable by the hall's user only. */
export function pinFilePath(dataDir: string): string {
  return join(dataDir, 'settings', 'pins.json');
}

/**
 * The PIN hashes of one hall, one per role. Stored ones (`redhall pin set <role>`) live in the
 * settings file, re-read when it changes, so a PIN set while the hall runs counts at once; a role
 * with none stored falls back to one given at start (hall.yaml `tables.dmPin`, or drawn and logged).
 */
export class PinBook {
  private stored: Partial<Record<PinRole, string>> = {};
  private mtime = -1;
  private readonly fallback: Partial<Record<PinRole, string>> = {};

  /** `file` undefined: no settings file (tests, hosts without a data folder). */
  constructor(private readonly file: string | undefined) {}

  /** The hash that admits `role` now, if any. */
  hash(role: PinRole): string | undefined {
    this.reload();
    return this.stored[role] ?? this.fallback[role];
  }

  /** True when the settings file holds a PIN for `role`. */
  isStored(role: PinRole): boolean {
    this.reload();
    return this.stored[role] !== undefined;
  }

  /** The PIN for `role` when none is stored (hashed here; the plain PIN is not kept). */
  async setFallback(role: PinRole, pin: string): Promise<void> {
    this.fallback[role] = await hashPin(pin);
  }

  /** Stores a new PIN for `role` in the settings file (atomically, mode 0600). */
  async set(role: PinRole, pin: string): Promise<void> {
    if (!this.file) throw new Error('no settings file / 没有设置文件');
    if (!PIN_PATTERN.test(pin)) throw new Error('PIN 须为 4 到 12 位数字 / a PIN is 4 to 12 digits');
    this.reload();
    const next = { ...this.stored, [role]: await hashPin(pin) };
    this.write(next);
  }

  /** Removes `role`'s stored PIN (the start-time fallback applies again). */
  clear(role: PinRole): void {
    if (!this.file) return;
    this.reload();
    const next = { ...this.stored };
    delete next[role];
    this.write(next);
  }

  private write(pins: Partial<Record<PinRole, string>>): void {
    const file = this.file!;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify({ version: 1, pins }, null, 2) + '\n', { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    try {
      chmodSync(file, 0o600);
    } catch {
      // best effort on file systems without modes
    }
    this.mtime = -1;
    this.reload();
  }

  private reload(): void {
    if (!this.file || !existsSync(this.file)) {
      this.stored = {};
      this.mtime = -1;
      return;
    }
    const m = statSync(this.file).mtimeMs;
    if (m === this.mtime) return;
    this.mtime = m;
    try {
      const parsed = PinFileSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
      const pins: Partial<Record<PinRole, string>> = {};
      for (const role of PIN_ROLES) if (parsed.pins[role]) pins[role] = parsed.pins[role];
      this.stored = pins;
    } catch {
      // A damaged file admits nobody by its PINs (never everybody); `redhall pin set` rewrites it.
      this.stored = { admin: 'damaged', docent: 'damaged', dm: 'damaged' };
    }
  }
}
