import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { refusal, route } from '../host/http';

/**
 * How a surface's window gets its token without the token ever sitting on a command line
 * (readable by any local user through /proc) or in the browser's history: the shell puts a
 * one-time code in the window's URL, and the page trades it once, over HTTP, for the token.
 * A code is good for one trade and a few minutes; after that it is worth nothing.
 */
export class LaunchCodes {
  private readonly codes = new Map<string, { surfaceId: string; expires: number }>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh code for one start of `surfaceId`'s window. */
  issue(surfaceId: string): string {
    this.sweep();
    const code = randomBytes(18).toString('base64url');
    this.codes.set(code, { surfaceId, expires: this.now() + this.ttlMs });
    return code;
  }

  /** The surface a code was issued for, once; undefined for an unknown, used or expired code. */
  redeem(code: string): string | undefined {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    return entry && entry.expires > this.now() ? entry.surfaceId : undefined;
  }

  /** How many codes wait to be traded (health, tests). */
  get pending(): number {
    this.sweep();
    return this.codes.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [code, e] of this.codes) if (e.expires <= now) this.codes.delete(code);
  }
}

/** `POST /api/launch {code}` → `{surfaceId, token}` once per code; 403 with a bilingual error otherwise. */
export function registerLaunchRoute(app: FastifyInstance, codes: LaunchCodes, token: (surfaceId: string) => string): void {
  const refused = refusal(403, 'bad-launch-code', '启动码无效或已用过：请由展厅程序重新打开此屏幕。', 'The launch code is unknown or already used: let the hall open this screen again.');
  route(
    app,
    'POST /api/launch',
    (body) => {
      const surfaceId = codes.redeem(body.code);
      return surfaceId ? { surfaceId, token: token(surfaceId) } : refused;
    },
    { headers: { 'cache-control': 'no-store' }, invalid: refused },
  );
}
