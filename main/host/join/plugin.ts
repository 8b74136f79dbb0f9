import type { FastifyRequest } from 'fastify';
import { capability, type Capability, type CapabilityPlugin } from '../capability';
import { refusal, route, type Refusal } from '../http';
import type { PcBook } from './pcs';
import type { SecondPcs } from './remote';

export interface JoinOptions {
  book: PcBook;
  pcs: SecondPcs;
  listen: 'loopback' | 'lan';
  /** Where a second PC joins (LAN address and port), or null on loopback. */
  joinUrl: () => string | null;
  now?: () => number;
}

const wrongCode = (retryAfterSec?: number): Refusal => {
  const r = refusal(403, 'bad-pair-code', '配对码不对，或已用过、已过期：请在主电脑的管理后台（或用 redhall pair）生成新的配对码。展厅没有任何改变。', 'The pairing code is wrong, already used or expired: make a new one in the main PC’s admin console (or with redhall pair). Nothing in the hall changed.');
  return retryAfterSec ? { ...r, body: { ...r.body, retryAfterSec } } : r;
};

/**
 * The doors of a second PC (`redhall start --join`, main/join) and the admin's side of pairing:
 * - `POST /api/join/pair` trades a one-time pairing code for the PC's credential; wrong codes go
 *   through the same per-address gate as wrong PINs (slowed down, then locked out);
 * - `POST /api/join/sync` and `/api/join/launch` need the credential as a bearer token: an unknown
 *   one gets 401, a revoked PC's 403, both with a sentence in Chinese and English;
 * - `POST /api/pcs/code`, `GET /api/pcs`, `POST /api/pcs/revoke` are the admin's (session or the
 *   run file's token: `redhall pair`).
 */
const joinPlugin: CapabilityPlugin<JoinOptions> = async (app, opts) => {
  const now = opts.now ?? Date.now;
  const headers = { 'cache-control': 'no-store' };
  const gate = opts.auth.gate;

  route(
    app,
    'POST /api/join/pair',
    (body, req) => {
      const wait = gate.waitMs(req.ip, now());
      if (wait > 0) {
        const r = refusal(429, gate.lockedOut(req.ip, now()) ? 'locked-out' : 'rate-limited', `配对码错误次数过多，请 ${Math.ceil(wait / 1000)} 秒后再试。`, `Too many wrong pairing codes; try again in ${Math.ceil(wait / 1000)} s.`);
        return { ...r, body: { ...r.body, retryAfterSec: Math.ceil(wait / 1000) } };
      }
      const r = opts.book.redeem(body.code, body.pc);
      if (!r.ok) {
        const waitMs = gate.failed(req.ip, now());
        opts.log(`join: wrong pairing code from ${req.ip} (PC "${body.pc}")`);
        return wrongCode(waitMs > 0 ? Math.ceil(waitMs / 1000) : undefined);
      }
      gate.succeeded(req.ip);
      opts.log(`join: PC "${body.pc}" paired from ${req.ip}`);
      return { pc: body.pc, credential: r.credential };
    },
    { headers },
  );

  await app.register(async (pc) => {
    const pcOf = new WeakMap<FastifyRequest, string>();
    pc.addHook('onRequest', async (req, reply) => {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const v = bearer ? opts.book.verify(bearer) : ({ ok: false, why: 'wrong-code' } as const);
      if (v.ok) {
        pcOf.set(req, v.pc);
        return;
      }
      const r = v.why === 'revoked'
        ? refusal(403, 'pc-revoked', '这台电脑的配对已在主电脑上撤销：请向管理员要新的配对码后重新配对（redhall start --join … --pair）。', 'This PC’s pairing was revoked on the main PC: ask the admin for a new pairing code and pair again (redhall start --join … --pair).')
        : refusal(401, 'unknown-pc', '这台电脑没有与本展厅配对（凭据不对）：请用配对码重新配对。', 'This PC is not paired with this hall (wrong credential): pair it again with a pairing code.');
      return reply.code(r.status).header('cache-control', 'no-store').send(r.body);
    });
    route(pc, 'POST /api/join/sync', (body, req) => opts.pcs.sync(pcOf.get(req)!, req.ip, body.surfaces, body.events), { headers });
    route(pc, 'POST /api/join/launch', (body, req) => opts.pcs.launch(pcOf.get(req)!, body.surfaceId), { headers });
  });

  await app.register(async (admin) => {
    admin.addHook('onRequest', opts.adminOnly);
    route(admin, 'POST /api/pcs/code', () => {
      const { code, expiresAt } = opts.book.issueCode();
      opts.log('join: a pairing code was made for a new PC');
      return { code, expiresAt: new Date(expiresAt).toISOString() };
    }, { headers });
    route(admin, 'GET /api/pcs', () => ({ pcs: opts.pcs.list(), listen: opts.listen, joinUrl: opts.joinUrl() }), { headers });
    route(admin, 'POST /api/pcs/revoke', (body) => {
      const at = opts.pcs.revoke(body.pc);
      return at ? { pc: body.pc, revokedAt: at } : refusal(404, 'unknown-pc', `没有名为“${body.pc}”的已配对电脑。`, `No paired PC is called "${body.pc}".`);
    }, { headers });
  });
};

export function join(options: JoinOptions): Capability {
  return capability('join', joinPlugin, options);
}
