import { capability, type CapabilityPlugin } from '../capability';
import { route, type Refusal } from '../http';
import { authError, clearSessionCookie, parseCookies, sessionCookie, sessionSetCookie, type HallAuth } from './hall-auth';
import { SESSION_POLICY } from './sessions';

export interface AuthOptions {
  auth: HallAuth;
}

const refuse = (status: number, body: ReturnType<typeof authError>): Refusal => ({ refused: true, status, body });

/**
 * The doors of the guarded routes: `POST /api/auth/login` (a role's PIN → a session cookie),
 * `POST /api/auth/logout`, `GET /api/auth/session`. Every answer is `no-store`.
 */
export const authPlugin: CapabilityPlugin<AuthOptions> = async (app, opts) => {
  const { auth } = opts;
  const noStore = { headers: { 'cache-control': 'no-store' } };

  route(
    app,
    'POST /api/auth/login',
    async (body, req, reply) => {
      const cross = auth.crossOrigin(req);
      if (cross) return refuse(403, authError('cross-origin', cross.zh, cross.en));
      const who = body.role === 'admin' ? { zh: '管理员', en: 'admin' } : { zh: '讲解员', en: 'docent' };
      const verdict = await auth.checkPin(body.role, body.pin, req.ip);
      if (!verdict.ok) {
        const sec = Math.ceil(verdict.waitMs / 1000);
        if (sec > 0) reply.header('retry-after', String(sec));
        switch (verdict.why) {
          case 'locked-out':
            return refuse(429, authError('locked-out', `PIN 错误次数太多，此设备已被锁定，请 ${Math.ceil(sec / 60)} 分钟后再试。`, `Too many wrong PINs: this device is locked out; try again in ${Math.ceil(sec / 60)} min.`, sec));
          case 'rate-limited':
            return refuse(429, authError('rate-limited', `请等 ${sec} 秒再试。`, `Wait ${sec} s before trying again.`, sec));
          default:
            return refuse(401, authError('wrong-pin', `${who.zh} PIN 不对。${sec > 0 ? `请等 ${sec} 秒再试。` : ''}`, `Wrong ${who.en} PIN.${sec > 0 ? ` Wait ${sec} s before trying again.` : ''}`, sec));
        }
      }
      const s = auth.sessions.issue(body.role, req.ip);
      opts.log(`auth: ${body.role} signed in from ${req.ip}`);
      reply.header('set-cookie', sessionSetCookie(body.role, s.token, Math.round(SESSION_POLICY[body.role].maxMs / 1000)));
      return { role: body.role, expiresAt: new Date(s.expiresAt).toISOString(), ...(body.bearer ? { token: s.token } : {}) };
    },
    noStore,
  );

  route(
    app,
    'POST /api/auth/logout',
    (_body, req, reply) => {
      const cross = auth.crossOrigin(req);
      if (cross) return refuse(403, authError('cross-origin', cross.zh, cross.en));
      const ended = auth.sessionsOf(req);
      for (const s of ended) auth.sessions.end(s.token);
      const cookies = parseCookies(req.headers.cookie);
      const clear = (['admin', 'docent'] as const).filter((r) => cookies[sessionCookie(r)] !== undefined).map(clearSessionCookie);
      if (clear.length) reply.header('set-cookie', clear);
      return { ended: ended.map((s) => s.role) };
    },
    noStore,
  );

  route(
    app,
    'GET /api/auth/session',
    (_body, req) => {
      const cross = auth.crossOrigin(req);
      if (cross) return refuse(403, authError('cross-origin', cross.zh, cross.en));
      return { sessions: auth.sessionsOf(req).map((s) => ({ role: s.role, expiresAt: new Date(s.expiresAt).toISOString() })) };
    },
    noStore,
  );
};

/** The auth capability (its routes; the guard itself is `services.auth.guard(role)`). */
export const authCapability = (options: AuthOptions) => capability('auth', authPlugin, options);
