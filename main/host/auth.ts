import type { onRequestHookHandler } from 'fastify';
import { sameSecret } from './live/hub';

/**
 * An onRequest hook that lets a request through only with `Authorization: Bearer <token>`.
 * Add it inside the plugin (or the encapsulated child context) whose routes need it, so every
 * route there is guarded and no handler repeats the check.
 */
export function requireBearer(token: string): onRequestHookHandler {
  return async (req, reply) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (m?.[1] && sameSecret(m[1], token)) return;
    return reply.code(401).send({ error: 'unauthorised', message: { 'zh-Hans': '需要管理员令牌。', en: 'The admin token is required.' } });
  };
}
