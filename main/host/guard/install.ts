import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { HostNames } from './origin';
import type { HelloRule, SocketGuard } from './sockets';

const refusedBody = (error: string, zh: string, en: string) => ({ error, message: { 'zh-Hans': zh, en } });

/**
 * Puts the whole app under the guard, at the root so every capability's routes and sockets are
 * covered, those registered later included: TCP connections are admitted by address, every
 * request's Host (and, for WebSockets and anything but GET/HEAD, its Origin) must name this hall,
 * and every WebSocket is watched from the moment it opens. Call after @fastify/websocket is
 * registered and before the capabilities.
 */
export function guardApp(app: FastifyInstance, guard: SocketGuard, names: HostNames, helloRule: (path: string) => HelloRule): void {
  app.server.on('connection', (socket) => guard.admit(socket));
  // A connection that never finishes its request headers is cut after 10 s (Node's default is 60 s).
  app.server.headersTimeout = 10_000;
  app.server.requestTimeout = 60_000;

  app.addHook('onRequest', async (req, reply) => {
    if (!names.hostAllowed(req.headers.host)) {
      guard.counters.refusedHost++;
      return reply
        .code(403)
        .send(refusedBody('cross-origin', '这个地址不是本展厅主机的地址，请求被拒绝。', 'This address is not the hall host’s own name; the request is refused.'));
    }
    const upgrade = req.headers.upgrade?.toLowerCase() === 'websocket';
    if ((upgrade || (req.method !== 'GET' && req.method !== 'HEAD')) && !names.originAllowed(req.headers.origin, req.headers.host)) {
      guard.counters.refusedOrigin++;
      return reply.code(403).send(refusedBody('cross-origin', '请求来自本展厅以外的网页，已拒绝。', 'The request comes from a page outside this hall; refused.'));
    }
  });

  // A LAN address cut off for flooding a moment ago: its upgrades are answered 429 straight from
  // the server's upgrade event, before routing and hooks, so a flooder that reconnects in a loop
  // costs the host a header parse and a short write each time, not a request's whole path.
  const upgrades = app.server.listeners('upgrade') as Array<(req: IncomingMessage, socket: Duplex, head: Buffer) => void>;
  app.server.removeAllListeners('upgrade');
  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const address = req.socket.remoteAddress;
    if (guard.coolingDown(address)) {
      guard.counters.refusedCoolingDown++;
      const s = guard.coolingFor(address);
      const body = JSON.stringify(refusedBody('flood-cooldown', `这台设备刚才发送消息过多，${s} 秒后才能重新连接。`, `This device sent far too many messages; it may connect again in ${s} s.`));
      socket.on('error', () => socket.destroy());
      socket.end(
        `HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${s}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    for (const l of upgrades) l.call(app.server, req, socket, head);
  });

  // @fastify/websocket announces each socket here before the route's handler sees it.
  app.websocketServer.on('connection', (ws: WebSocket, req: { url?: string; socket?: { remoteAddress?: string } }) => {
    guard.watch(ws, helloRule((req.url ?? '/').split('?')[0] ?? '/'), req.socket?.remoteAddress);
  });
}
