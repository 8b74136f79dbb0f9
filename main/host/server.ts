import { randomBytes, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import type { PlannedSurface } from '../../core/hall';
import {
  parseClientMessage,
  type HallContent,
  type HostMessage,
  type InstallerWarning,
} from '../../core/protocol/messages';
import { APP_VERSION } from '../version';
import { SurfaceRegistry } from './surfaces';

export interface HostOptions {
  /** 0 picks a free port. */
  port: number;
  /** 127.0.0.1 unless group play or the remote is switched on. */
  listen: 'loopback' | 'lan';
  rendererDir: string;
  surfaces: readonly PlannedSurface[];
  warnings: readonly InstallerWarning[];
  idleSeconds: number;
  content: () => HallContent | undefined;
  /** Extra routes (pack assets), registered before the server listens. */
  routes?: (app: FastifyInstance) => Promise<void> | void;
  log?: (line: string) => void;
}

/** The host clock every surface estimates its offset to: wall-clock based, monotonic. */
export function hostNow(): number {
  return performance.timeOrigin + performance.now();
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The host: HTTP for pages, pack assets and health; one WebSocket for live state. Owns the
 * surface registry. Every frame a surface sends is validated; junk gets an error reply.
 */
export class Host extends EventEmitter {
  readonly surfaceToken = randomBytes(24).toString('base64url');
  readonly adminToken = randomBytes(24).toString('base64url');
  readonly registry: SurfaceRegistry;
  private readonly startedAt = Date.now();
  private readonly sockets = new Map<WebSocket, string | null>();
  private identifyOn = false;
  private app: FastifyInstance | undefined;
  port = 0;

  constructor(private readonly opts: HostOptions) {
    super();
    this.registry = new SurfaceRegistry(opts.surfaces);
  }

  private log(line: string): void {
    (this.opts.log ?? ((l: string) => console.log(l)))(line);
  }

  health() {
    const content = this.opts.content();
    return {
      app: 'redhall',
      version: APP_VERSION,
      uptimeMs: Date.now() - this.startedAt,
      startedAt: new Date(this.startedAt).toISOString(),
      listen: this.opts.listen,
      pack: content ? { id: content.packId, version: content.packVersion } : null,
      warnings: this.opts.warnings,
      surfaces: this.registry.list(),
    };
  }

  async start(): Promise<number> {
    const app = Fastify({ logger: false, bodyLimit: 1_000_000 });
    this.app = app;
    await app.register(fastifyWebsocket, { options: { maxPayload: 1_000_000 } });
    app.addHook('onSend', async (_req, reply, payload) => {
      // The page policy is the default; a route with a stricter one of its own (pack files:
      // sandboxed, nothing runs) keeps it.
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CSP);
      reply.header('x-content-type-options', 'nosniff');
      return payload;
    });
    if (existsSync(this.opts.rendererDir)) {
      await app.register(fastifyStatic, { root: this.opts.rendererDir, prefix: '/', index: 'index.html' });
    } else {
      app.get('/', async (_req, reply) => reply.code(503).type('text/plain; charset=utf-8').send('RedHall: the renderer is not built yet (npm run build). 界面尚未构建。'));
    }
    app.get('/api/health', async () => this.health());
    app.get('/api/hall', async (_req, reply) => {
      const c = this.opts.content();
      return c ?? reply.code(503).send({ error: 'no active pack' });
    });
    app.post('/api/identify', async (req, reply) => {
      if (!this.isAdmin(req.headers.authorization)) return reply.code(401).send({ error: 'unauthorised' });
      const body = req.body as { on?: unknown } | undefined;
      this.setIdentify(body?.on !== false);
      return { identify: this.identifyOn };
    });
    app.get('/ws', { websocket: true }, (socket) => this.accept(socket));
    await this.opts.routes?.(app);
    await app.listen({ port: this.opts.port, host: this.opts.listen === 'lan' ? '0.0.0.0' : '127.0.0.1' });
    const addr = app.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : this.opts.port;
    return this.port;
  }

  private isAdmin(header: string | undefined): boolean {
    const m = /^Bearer (.+)$/.exec(header ?? '');
    return !!m?.[1] && sameSecret(m[1], this.adminToken);
  }

  send(socket: WebSocket, message: HostMessage): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }

  /** Sends to every surface that said hello. */
  broadcast(message: HostMessage): void {
    for (const [socket, id] of this.sockets) if (id) this.send(socket, message);
  }

  setIdentify(on: boolean): void {
    this.identifyOn = on;
    this.broadcast({ type: 'identify', on });
    this.log(`identify ${on ? 'on' : 'off'}`);
  }

  /** Sends to every socket of one surface (the watchdog's reload request). */
  sendTo(surfaceId: string, message: HostMessage): number {
    let n = 0;
    for (const [socket, id] of this.sockets) {
      if (id !== surfaceId || socket.readyState !== socket.OPEN) continue;
      this.send(socket, message);
      n++;
    }
    return n;
  }

  /** Pushes the active content to every surface (after a pack is activated). */
  contentChanged(): void {
    const content = this.opts.content();
    if (content) this.broadcast({ type: 'hall', content });
  }

  private accept(socket: WebSocket): void {
    this.sockets.set(socket, null);
    socket.on('message', (data, isBinary) => {
      try {
        this.receive(socket, isBinary ? null : data.toString());
      } catch (err) {
        // A bug in one handler must not take the host down.
        this.log(`ws handler error: ${(err as Error).stack ?? String(err)}`);
        this.send(socket, { type: 'error', code: 'internal', message: { 'zh-Hans': '主机处理消息时出错。', en: 'The host failed to handle that message.' } });
      }
    });
    socket.on('close', () => {
      const id = this.sockets.get(socket);
      this.sockets.delete(socket);
      if (id) this.registry.disconnected(id);
    });
    socket.on('error', () => socket.terminate());
  }

  private receive(socket: WebSocket, raw: string | null): void {
    const t1 = hostNow();
    if (raw === null) {
      this.send(socket, { type: 'error', code: 'bad-message', message: { 'zh-Hans': '只接受文本消息。', en: 'Only text frames are accepted.' } });
      return;
    }
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      this.send(socket, {
        type: 'error',
        code: parsed.code,
        message: parsed.code === 'bad-json'
          ? { 'zh-Hans': '消息不是有效的 JSON。', en: 'The message is not valid JSON.' }
          : { 'zh-Hans': `消息格式不正确：${parsed.detail}`, en: `Malformed message: ${parsed.detail}` },
        ...(parsed.ref ? { ref: parsed.ref } : {}),
      });
      return;
    }
    const msg = parsed.message;
    const id = this.sockets.get(socket) ?? null;
    if (msg.type === 'hello') {
      const surface = this.opts.surfaces.find((s) => s.id === msg.surfaceId);
      if (!sameSecret(msg.token, this.surfaceToken) || !surface) {
        this.send(socket, { type: 'error', code: 'unauthorised', ref: 'hello', message: { 'zh-Hans': '界面身份无效（令牌或 id 不对）。', en: 'Unknown surface or wrong token.' } });
        socket.close(4001, 'unauthorised');
        return;
      }
      if (id) this.registry.disconnected(id);
      this.sockets.set(socket, surface.id);
      this.registry.connected(surface.id);
      const { displayIndex: _displayIndex, ...info } = surface;
      this.send(socket, { type: 'welcome', hostVersion: APP_VERSION, surface: info, idleSeconds: this.opts.idleSeconds, warnings: [...this.opts.warnings], identify: this.identifyOn });
      const content = this.opts.content();
      if (content) this.send(socket, { type: 'hall', content });
      return;
    }
    if (!id) {
      this.send(socket, { type: 'error', code: 'unauthorised', ref: msg.type, message: { 'zh-Hans': '请先发送 hello。', en: 'Say hello first.' } });
      return;
    }
    switch (msg.type) {
      case 'clock.ping':
        this.send(socket, { type: 'clock.pong', id: msg.id, t0: msg.t0, t1, t2: hostNow() });
        return;
      case 'clock.report':
        this.registry.update(id, { clockOffsetMs: msg.offsetMs, clockRttMs: msg.rttMs });
        return;
      case 'surface.state':
        this.registry.update(id, { screen: msg.screen });
        return;
      case 'quiz.outcome':
        this.emit('quiz.outcome', msg.outcome, id);
        return;
      case 'surface.heartbeat':
        this.registry.heartbeat(id, msg.blank);
        return;
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.keys()) socket.terminate();
    await this.app?.close();
  }
}
