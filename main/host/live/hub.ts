import { timingSafeEqual } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { PlannedSurface } from '../../../core/hall';
import { DisposableStore, toDisposable, type Disposable } from '../../../core/lifecycle';
import {
  parseClientMessage,
  type ClientMessage,
  type HallContent,
  type HostMessage,
  type InstallerWarning,
} from '../../../core/protocol/messages';
import { APP_VERSION } from '../../version';
import type { SurfaceRegistry } from '../surfaces';

/** Constant-time comparison of two secrets. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface LiveHubOptions {
  surfaces: readonly PlannedSurface[];
  registry: SurfaceRegistry;
  surfaceToken: string;
  /**
   * The token a surface must say hello with when it is not `surfaceToken` (a second PC's
   * surfaces have their PC's own token); undefined: `surfaceToken`.
   */
  tokenFor?: (surfaceId: string) => string | undefined;
  idleSeconds: number;
  warnings: readonly InstallerWarning[];
  content: () => HallContent | undefined;
  clock: () => number;
  log: (line: string) => void;
  /** Told when a socket's hello is accepted (the guard's hello deadline then no longer applies). */
  introduced?: (socket: WebSocket) => void;
}

/** The messages a capability can subscribe to; the hub itself answers hello and the clock. */
export type CapabilityMessage = Exclude<ClientMessage, { type: 'hello' | 'clock.ping' | 'clock.report' | 'surface.state' | 'surface.heartbeat' }>;
type Handler<T extends CapabilityMessage['type']> = (message: Extract<CapabilityMessage, { type: T }>, surfaceId: string) => void;

/**
 * The surfaces' live channel: every socket that connects, who said hello, and what they send.
 * Every frame is validated; junk gets an error reply. Capabilities hear the messages meant for
 * them through `on` and speak to the surfaces through `broadcast`. Each connection owns a
 * DisposableStore, so closing the hub (or a socket) leaves no listener behind.
 */
export class LiveHub implements Disposable {
  private readonly sockets = new Map<WebSocket, { surfaceId: string | null; lifetime: DisposableStore }>();
  private readonly handlers = new Map<string, Set<Handler<CapabilityMessage['type']>>>();
  private identifyOn = false;
  private readonly welcomed = new Set<(surfaceId: string) => void>();
  private readonly screens = new Set<(surfaceId: string, screen: string) => void>();

  constructor(private readonly opts: LiveHubOptions) {}

  /** Called after a surface said hello and was welcomed (first start or reconnect): catch it up on a capability's state. */
  onWelcome(handler: (surfaceId: string) => void): Disposable {
    this.welcomed.add(handler);
    return toDisposable(() => {
      this.welcomed.delete(handler);
    });
  }

  /** Hears every screen a surface reports (`surface.state`), after the registry noted it. */
  onScreen(handler: (surfaceId: string, screen: string) => void): Disposable {
    this.screens.add(handler);
    return toDisposable(() => {
      this.screens.delete(handler);
    });
  }

  /** The surfaces hall.yaml placed (whether connected or not). */
  get surfaces(): readonly PlannedSurface[] {
    return this.opts.surfaces;
  }

  get identify(): boolean {
    return this.identifyOn;
  }

  /** Subscribes to one kind of surface message; dispose the result to stop listening. */
  on<T extends CapabilityMessage['type']>(type: T, handler: Handler<T>): Disposable {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    const h = handler as unknown as Handler<CapabilityMessage['type']>;
    set.add(h);
    return toDisposable(() => {
      set.delete(h);
    });
  }

  send(socket: WebSocket, message: HostMessage): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }

  /** Sends to every socket of one surface (the watchdog's reload request); returns how many. */
  sendTo(surfaceId: string, message: HostMessage): number {
    let n = 0;
    for (const [socket, c] of this.sockets) {
      if (c.surfaceId !== surfaceId || socket.readyState !== socket.OPEN) continue;
      this.send(socket, message);
      n++;
    }
    return n;
  }

  /** Sends to every surface that said hello. */
  broadcast(message: HostMessage): void {
    for (const [socket, c] of this.sockets) if (c.surfaceId) this.send(socket, message);
  }

  setIdentify(on: boolean): void {
    this.identifyOn = on;
    this.broadcast({ type: 'identify', on });
    this.opts.log(`identify ${on ? 'on' : 'off'}`);
  }

  /** Pushes the active content to every surface (after a pack is activated). */
  contentChanged(): void {
    const content = this.opts.content();
    if (content) this.broadcast({ type: 'hall', content });
  }

  private hallCache: { content: HallContent; raw: string } | undefined;
  /** The hall message as sent, serialised once per content (every welcome sends it; a reconnect storm must not redo it). */
  private hallFrame(content: HallContent): string {
    if (this.hallCache?.content !== content) this.hallCache = { content, raw: JSON.stringify({ type: 'hall', content } satisfies HostMessage) };
    return this.hallCache.raw;
  }

  /** Takes a new socket; its listeners live as long as the socket (or the hub). */
  accept(socket: WebSocket): void {
    const lifetime = new DisposableStore();
    this.sockets.set(socket, { surfaceId: null, lifetime });
    const onMessage = (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      try {
        this.receive(socket, isBinary ? null : data.toString());
      } catch (err) {
        // A bug in one handler must not take the host down.
        this.opts.log(`ws handler error: ${(err as Error).stack ?? String(err)}`);
        this.send(socket, { type: 'error', code: 'internal', message: { 'zh-Hans': '主机处理消息时出错。', en: 'The host failed to handle that message.' } });
      }
    };
    const onError = () => socket.terminate();
    const onClose = () => void lifetime.dispose();
    socket.on('message', onMessage);
    socket.on('error', onError);
    socket.once('close', onClose);
    lifetime.defer(() => {
      socket.off('message', onMessage);
      socket.off('error', onError);
      socket.off('close', onClose);
      const id = this.sockets.get(socket)?.surfaceId;
      this.sockets.delete(socket);
      if (id) this.opts.registry.disconnected(id);
      if (socket.readyState !== socket.CLOSED) socket.terminate();
    });
  }

  private receive(socket: WebSocket, raw: string | null): void {
    const t1 = this.opts.clock();
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
    const connection = this.sockets.get(socket);
    if (!connection) return;
    const id = connection.surfaceId;
    if (msg.type === 'hello') {
      const surface = this.opts.surfaces.find((s) => s.id === msg.surfaceId);
      if (!surface || !sameSecret(msg.token, this.opts.tokenFor?.(surface.id) ?? this.opts.surfaceToken)) {
        this.send(socket, { type: 'error', code: 'unauthorised', ref: 'hello', message: { 'zh-Hans': '界面身份无效（令牌或 id 不对）。', en: 'Unknown surface or wrong token.' } });
        socket.close(4001, 'unauthorised');
        return;
      }
      if (id) this.opts.registry.disconnected(id);
      connection.surfaceId = surface.id;
      this.opts.introduced?.(socket);
      this.opts.registry.connected(surface.id);
      const { displayIndex: _displayIndex, ...info } = surface;
      this.send(socket, { type: 'welcome', hostVersion: APP_VERSION, surface: info, idleSeconds: this.opts.idleSeconds, warnings: [...this.opts.warnings], identify: this.identifyOn });
      const content = this.opts.content();
      if (content && socket.readyState === socket.OPEN) socket.send(this.hallFrame(content));
      for (const h of this.welcomed) h(surface.id);
      return;
    }
    if (!id) {
      this.send(socket, { type: 'error', code: 'unauthorised', ref: msg.type, message: { 'zh-Hans': '请先发送 hello。', en: 'Say hello first.' } });
      return;
    }
    switch (msg.type) {
      case 'clock.ping':
        this.send(socket, { type: 'clock.pong', id: msg.id, t0: msg.t0, t1, t2: this.opts.clock() });
        return;
      case 'clock.report':
        this.opts.registry.update(id, { clockOffsetMs: msg.offsetMs, clockRttMs: msg.rttMs });
        return;
      case 'surface.state':
        this.opts.registry.update(id, { screen: msg.screen });
        for (const h of this.screens) h(id, msg.screen);
        return;
      case 'surface.heartbeat':
        this.opts.registry.heartbeat(id, msg.blank);
        return;
      default:
        for (const h of this.handlers.get(msg.type) ?? []) h(msg, id);
    }
  }

  /** Closes every socket of one surface (a revoked PC's): 4001, as for a wrong token. */
  disconnect(surfaceId: string): number {
    let n = 0;
    for (const [socket, c] of this.sockets) {
      if (c.surfaceId !== surfaceId) continue;
      socket.close(4001, 'unauthorised');
      n++;
    }
    return n;
  }

  /** Closes every connection. */
  async dispose(): Promise<void> {
    await Promise.all([...this.sockets.values()].map((c) => c.lifetime.dispose()));
    this.handlers.clear();
    this.welcomed.clear();
  }
}
