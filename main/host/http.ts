import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { firstIssue } from '../../core/protocol/messages';
import { HTTP_ROUTES, routeParts, type HttpError, type HttpResponse, type HttpRouteKey } from '../../core/protocol/http';

/** A refusal a handler returns instead of an answer; sent as its status and HttpError body. */
export interface Refusal {
  readonly refused: true;
  readonly status: number;
  readonly body: HttpError;
}

/** A refusal with its code and its sentence in zh-Hans and en. */
export function refusal(status: number, error: string, zh: string, en: string): Refusal {
  return { refused: true, status, body: { error, message: { 'zh-Hans': zh, en } } };
}

/** The body a route's handler receives: what its request schema let through, defaults applied. */
export type HttpBody<K extends HttpRouteKey> = z.infer<(typeof HTTP_ROUTES)[K]['request']>;

export interface RouteOptions {
  /** Headers on every answer of the route, refusals included (e.g. `cache-control: no-store`). */
  headers?: Record<string, string>;
  /** What a body the schema refuses gets (or a function of it); by default 400 `bad-request` with the first issue. */
  invalid?: Refusal | ((body: unknown) => Refusal);
}

/**
 * Serves one route of the HTTP contract (core/protocol/http.ts): the body is validated by the
 * route's request schema before the handler runs, and the handler can only return what the
 * response schema describes, or a Refusal. Auth stays a hook of the plugin that registers it.
 */
export function route<K extends HttpRouteKey>(
  app: FastifyInstance,
  key: K,
  handler: (body: HttpBody<K>, req: FastifyRequest, reply: FastifyReply) => Promise<HttpResponse<K> | Refusal> | HttpResponse<K> | Refusal,
  options: RouteOptions = {},
): void {
  const { method, path } = routeParts(key);
  const schema = HTTP_ROUTES[key].request;
  app.route({
    method,
    url: path,
    handler: async (req, reply) => {
      for (const [name, value] of Object.entries(options.headers ?? {})) reply.header(name, value);
      const parsed = schema.safeParse(req.body);
      let out: HttpResponse<K> | Refusal;
      if (parsed.success) {
        out = await handler(parsed.data as HttpBody<K>, req, reply);
      } else {
        const detail = firstIssue(parsed.error, '(body)');
        const invalid = typeof options.invalid === 'function' ? options.invalid(req.body) : options.invalid;
        out = invalid ?? refusal(400, 'bad-request', `请求格式不正确：${detail}`, `Malformed request: ${detail}`);
      }
      if (isRefusal(out)) return reply.code(out.status).send(out.body);
      return out;
    },
  });
}

function isRefusal(v: unknown): v is Refusal {
  return typeof v === 'object' && v !== null && (v as { refused?: unknown }).refused === true;
}
