import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyWebsocket from '@fastify/websocket';
import type { PlannedSurface } from '../../core/hall';
import { DisposableStore, type Disposable } from '../../core/lifecycle';
import type { HallContent, HostMessage, InstallerWarning } from '../../core/protocol/messages';
import { DiskHealth } from '../disk/health';
import { authCapability } from './auth/plugin';
import { HallAuth } from './auth/hall-auth';
import { PinBook } from './auth/pins';
import type { Capability, HostServices } from './capability';
import { guardApp } from './guard/install';
import { HostNames } from './guard/origin';
import { SocketGuard, type SocketLimits } from './guard/sockets';
import { health } from './health/plugin';
import { LiveHub } from './live/hub';
import { live } from './live/plugin';
import { PAGE_CSP, pages } from './pages/plugin';
import { SurfaceRegistry } from './surfaces';

/** The app's top-level assets/: two levels up from main/host (source) and from dist/main (bundles). */
export const APP_SHARED_DIR = fileURLToPath(new URL('../../assets/', import.meta.url));

export interface HostOptions {
  /** 0 picks a free port. */
  port: number;
  /** 127.0.0.1 unless group play or the remote is switched on. */
  listen: 'loopback' | 'lan';
  rendererDir: string;
  /** The top-level assets/ every hall shares, served at /shared/ (default: the app's own). */
  sharedDir?: string;
  surfaces: readonly PlannedSurface[];
  warnings: readonly InstallerWarning[];
  idleSeconds: number;
  content: () => HallContent | undefined;
  /** The capabilities beyond the frame (packs, quiz, tables, …), each a plugin bound to its options. */
  capabilities?: readonly Capability[];
  log?: (line: string) => void;
  /** Bounds on connections and sockets (main/host/guard); the defaults fit a hall. */
  limits?: Partial<SocketLimits>;
  /** Further names the hall is reached by on the LAN, besides this machine's name and addresses. */
  hostNames?: readonly string[];
  /** Where the hall's writers report failed writes; shown in /api/health. */
  disk?: DiskHealth;
  /** The token a surface that is not the host's own says hello with (a second PC's, main/host/join). */
  surfaceTokenFor?: (surfaceId: string) => string | undefined;
  /** The hall's PINs and sessions (main/host/auth); by default one with no PIN file, whose only key is the run file's token. */
  auth?: HallAuth;
}

/** The host clock every surface estimates its offset to: wall-clock based, monotonic. */
export function hostNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The host: a fastify app assembled from capability plugins (pages, health, the live
 * WebSocket, plus the ones the hall adds), each in its own encapsulated context. Owns the
 * surface registry and the live hub; everything it starts is disposed by close().
 */
export class Host implements Disposable {
  readonly surfaceToken = randomBytes(24).toString('base64url');
  readonly auth: HallAuth;
  readonly registry: SurfaceRegistry;
  readonly live: LiveHub;
  readonly guard: SocketGuard;
  /** Every route the capabilities registered (method and URL pattern): the chaos suite sends junk to each. */
  readonly routes: { method: string; url: string }[] = [];
  readonly disk: DiskHealth;
  readonly disposables = new DisposableStore();
  private app: FastifyInstance | undefined;
  port = 0;

  constructor(private readonly opts: HostOptions) {
    this.registry = new SurfaceRegistry(opts.surfaces);
    this.guard = new SocketGuard(opts.limits, undefined, (l) => this.log(l));
    this.disk = opts.disk ?? new DiskHealth((l) => this.log(l));
    this.auth = opts.auth ?? new HallAuth({ pins: new PinBook(undefined), now: Date.now, log: (l) => this.log(l) });
    this.live = new LiveHub({
      surfaces: opts.surfaces,
      registry: this.registry,
      surfaceToken: this.surfaceToken,
      ...(opts.surfaceTokenFor ? { tokenFor: opts.surfaceTokenFor } : {}),
      idleSeconds: opts.idleSeconds,
      warnings: opts.warnings,
      // Read through opts each time (the kiosk-recovery e2e wraps opts.content to add a text of links).
      content: () => this.opts.content(),
      clock: hostNow,
      log: this.log,
      introduced: (socket) => this.guard.introduced(socket),
    });
  }

  /** The run file's bearer token: the CLI on this machine acts as admin with it. */
  get adminToken(): string {
    return this.auth.machineToken;
  }

  private readonly log = (line: string): void => {
    (this.opts.log ?? ((l: string) => console.log(l)))(line);
  };

  /** The assembled app, every plugin registered and ready, not listening (tests use `inject`). */
  async ready(): Promise<FastifyInstance> {
    if (this.app) return this.app;
    const app = Fastify({ logger: false, bodyLimit: 1_000_000 });
    this.app = app;
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) this.routes.push({ method, url: r.url ?? r.path });
    });
    this.disposables.defer(() => app.close());
    // Disposed before the server closes (newest first): sockets go first, as a stop should.
    this.disposables.add(this.live);
    app.addHook('onSend', async (_req, reply, payload) => {
      reply.header('x-content-type-options', 'nosniff');
      // Only where a capability set no policy of its own (API answers): the page policy, as
      // before. Never overwritten: pack files keep their sandbox.
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', PAGE_CSP);
      return payload;
    });
    // allowSynchronousEvents off: ws hands over one message per socket per turn of the loop (the
    // rest wait, and the socket is not read meanwhile), so a socket that sends frames by the
    // hundred cannot hold the loop for all of them while another socket's ping waits.
    await app.register(fastifyWebsocket, { options: { maxPayload: 1_000_000, allowSynchronousEvents: false } });
    // Before any capability: every route and socket, those added later too, is under the guard.
    // The surfaces' socket introduces itself with a checked hello; any other socket by its first frame.
    guardApp(app, this.guard, new HostNames({ listen: this.opts.listen, extra: this.opts.hostNames ?? [] }), (path) => (path === '/ws' ? 'endpoint' : 'first-frame'));
    const services: HostServices = { log: this.log, clock: hostNow, live: this.live, disposables: this.disposables, adminOnly: this.auth.guard('admin'), auth: this.auth };
    const frame: Capability[] = [
      pages({ rendererDir: this.opts.rendererDir, sharedDir: this.opts.sharedDir ?? APP_SHARED_DIR }),
      health({ listen: this.opts.listen, warnings: this.opts.warnings, registry: this.registry, content: this.opts.content, guard: () => this.guard.snapshot(), disk: () => this.disk.snapshot() }),
      live(),
      authCapability({ auth: this.auth }),
    ];
    for (const c of [...frame, ...(this.opts.capabilities ?? [])]) await c.register(app, services);
    await app.ready();
    return app;
  }

  /** Assembles the app and listens; resolves to the port. */
  async start(): Promise<number> {
    const app = await this.ready();
    await app.listen({ port: this.opts.port, host: this.opts.listen === 'lan' ? '0.0.0.0' : '127.0.0.1' });
    const addr = app.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : this.opts.port;
    return this.port;
  }

  /** Sends to every socket of one surface (the watchdog's reload request). */
  sendTo(surfaceId: string, message: HostMessage): number {
    return this.live.sendTo(surfaceId, message);
  }

  /** Sends to every surface that said hello. */
  broadcast(message: HostMessage): void {
    this.live.broadcast(message);
  }

  setIdentify(on: boolean): void {
    this.live.setIdentify(on);
  }

  /** Pushes the active content to every surface (after a pack is activated). */
  contentChanged(): void {
    this.live.contentChanged();
  }

  /** Stops everything the host started: sockets, capability listeners, the server. */
  async close(): Promise<void> {
    await this.disposables.dispose();
  }

  /** The same as close(), so an owner's DisposableStore can hold the host. */
  dispose(): Promise<void> {
    return this.close();
  }
}
