import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { GuardCounters } from '../../../core/protocol/http';

/**
 * The bounds every connection to the host lives within. The defaults fit a hall: a handful of
 * local windows (each browser opens up to six HTTP connections and a socket or two), a few dozen
 * phones, each on its own Wi-Fi address.
 */
export interface SocketLimits {
  /** TCP connections open at once, all addresses together. */
  maxConnections: number;
  /** TCP connections open at once from one LAN address (a phone, the docent's tablet). */
  maxPerAddress: number;
  /** The same from this machine (all local windows share 127.0.0.1). */
  maxPerLoopback: number;
  /** A WebSocket that has not introduced itself within this is closed (4008). */
  helloMs: number;
  /** A WebSocket whose unsent replies would pass this many bytes is closed (a client that does not read). */
  maxBufferedBytes: number;
  /** Frames a WebSocket may send per second, sustained… */
  framesPerSecond: number;
  /** …and at once, after a quiet spell. Frames beyond are dropped and the socket stops being read until it may send again. */
  burst: number;
  /**
   * The socket is cut off (terminated) when its dropped frames, less one for each frame let through,
   * reach this: a client a little over its rate now and then is never closed, a flood soon is.
   */
  floodLimit: number;
  /**
   * A LAN address whose socket was cut off for flooding has its WebSocket upgrades refused (429)
   * for this long, so a flooder that reconnects at once does not get a fresh burst (and a welcome)
   * many times a second. Never for loopback: the hall's own windows share 127.0.0.1.
   */
  floodCoolDownMs: number;
}

export const DEFAULT_LIMITS: SocketLimits = {
  maxConnections: 1024,
  maxPerAddress: 64,
  maxPerLoopback: 256,
  helloMs: 10_000,
  maxBufferedBytes: 2 * 1024 * 1024,
  framesPerSecond: 50,
  burst: 100,
  floodLimit: 200,
  floodCoolDownMs: 5000,
};

/** How a WebSocket endpoint says a socket introduced itself: its first frame, or the endpoint says so (`introduced`). */
export type HelloRule = 'first-frame' | 'endpoint';

interface Watched {
  tokens: number;
  refilledAt: number;
  dropped: number;
  introduced: boolean;
  timers: Set<NodeJS.Timeout>;
}

const isLoopback = (address: string) => address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/**
 * Limits on every connection, whichever capability serves it: connection caps (per address and
 * in total) at the TCP level, and for each WebSocket a hello deadline, back-pressure (a socket
 * whose replies pile up unread is closed) and a frame rate (excess frames dropped, the socket not
 * read until it may send again, closed when it keeps on). One guard for every endpoint, including
 * ones added later, so no plugin has to remember it. Everything it refuses is counted for
 * /api/health.
 */
export class SocketGuard {
  readonly limits: SocketLimits;
  private readonly byAddress = new Map<string, Set<Socket>>();
  private total = 0;
  /** Addresses with the loopback's cap: a paired second PC's (its windows are the hall's own). */
  private readonly trusted = new Set<string>();
  private readonly watched = new WeakMap<WebSocket, Watched>();
  private readonly open = new Set<WebSocket>();
  readonly counters: Omit<GuardCounters, 'connections' | 'sockets'> = {
    refusedHost: 0,
    refusedOrigin: 0,
    refusedTooMany: 0,
    refusedAddress: 0,
    helloTimeouts: 0,
    slowClosed: 0,
    framesDropped: 0,
    floodClosed: 0,
    refusedCoolingDown: 0,
  };
  /** LAN addresses cut off for flooding, and until when their upgrades are refused. */
  private readonly coolUntil = new Map<string, number>();

  constructor(
    limits: Partial<SocketLimits> = {},
    private readonly now: () => number = () => performance.now(),
    private readonly log: (line: string) => void = () => {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** What /api/health shows. */
  snapshot(): GuardCounters {
    return { connections: this.total, sockets: this.open.size, ...this.counters };
  }

  /** A new TCP connection: kept, or destroyed at once when its address (or the host) is full. */
  admit(socket: Socket): boolean {
    const address = socket.remoteAddress ?? '?';
    const mine = this.byAddress.get(address) ?? new Set<Socket>();
    const cap = isLoopback(address) || this.trusted.has(address) ? this.limits.maxPerLoopback : this.limits.maxPerAddress;
    const refused = this.total >= this.limits.maxConnections ? 'refusedTooMany' : mine.size >= cap ? 'refusedAddress' : undefined;
    if (refused) {
      this.counters[refused]++;
      // One line per hundred, so a flood does not fill the log in its turn.
      if (this.counters[refused] % 100 === 1) this.log(`guard: connection from ${address} refused (${refused === 'refusedTooMany' ? `${this.total} open` : `${mine.size} from that address`}); ${this.counters[refused]} so far`);
      socket.destroy();
      return false;
    }
    mine.add(socket);
    this.byAddress.set(address, mine);
    this.total++;
    socket.once('close', () => {
      this.total--;
      mine.delete(socket);
      if (mine.size === 0 && this.byAddress.get(address) === mine) this.byAddress.delete(address);
    });
    return true;
  }

  /** Gives an address (a paired second PC's) the connection cap of this machine's own windows, or takes it back. */
  trust(address: string, on: boolean): void {
    if (on) this.trusted.add(address);
    else this.trusted.delete(address);
  }

  /**
   * True while a WebSocket upgrade from this address is to be refused: a LAN address whose socket
   * was cut off for flooding less than `floodCoolDownMs` ago. Loopback never.
   */
  coolingDown(address: string | undefined): boolean {
    if (address === undefined) return false;
    const until = this.coolUntil.get(address);
    if (until === undefined) return false;
    if (this.now() < until) return true;
    this.coolUntil.delete(address);
    return false;
  }

  /** Seconds until this address may open a WebSocket again (for Retry-After); 0 when it may now. */
  coolingFor(address: string | undefined): number {
    const until = address === undefined ? undefined : this.coolUntil.get(address);
    return until === undefined ? 0 : Math.max(0, Math.ceil((until - this.now()) / 1000));
  }

  private coolDown(address: string | undefined): void {
    // Loopback and a paired second PC (its windows are the hall's own) are never cooled down.
    if (address === undefined || isLoopback(address) || this.trusted.has(address) || this.limits.floodCoolDownMs <= 0) return;
    const t = this.now();
    // Forget the ones that are over, so a LAN of changing addresses cannot grow the map.
    if (this.coolUntil.size >= 256) for (const [a, until] of this.coolUntil) if (until <= t) this.coolUntil.delete(a);
    this.coolUntil.set(address, t + this.limits.floodCoolDownMs);
    this.log(`guard: ${address} refused new sockets for ${Math.round(this.limits.floodCoolDownMs / 1000)} s after a flood`);
  }

  /**
   * Puts a new WebSocket under the limits; its endpoint decides what counts as hello. `address`
   * is the peer's (a flood from a LAN address cools that address down).
   */
  watch(ws: WebSocket, rule: HelloRule, address?: string): void {
    const w: Watched = { tokens: this.limits.burst, refilledAt: this.now(), dropped: 0, introduced: false, timers: new Set() };
    this.watched.set(ws, w);
    this.open.add(ws);
    const later = (ms: number, fn: () => void) => {
      const t = setTimeout(() => {
        w.timers.delete(t);
        fn();
      }, ms);
      t.unref();
      w.timers.add(t);
    };
    later(this.limits.helloMs, () => {
      if (w.introduced || ws.readyState !== ws.OPEN) return;
      this.counters.helloTimeouts++;
      ws.close(4008, 'no hello');
      // A peer that does not answer the close either is cut off.
      later(2000, () => ws.terminate());
    });
    ws.once('close', () => {
      this.open.delete(ws);
      for (const t of w.timers) clearTimeout(t);
      w.timers.clear();
    });

    // Replies that pile up unread: the client is gone or hostile; end it before it eats memory.
    const send = ws.send.bind(ws) as (data: unknown, ...rest: unknown[]) => void;
    (ws as { send: (data: unknown, ...rest: unknown[]) => void }).send = (data, ...rest) => {
      const size = typeof data === 'string' ? Buffer.byteLength(data) : ((data as { byteLength?: number }).byteLength ?? 0);
      if (ws.bufferedAmount + size > this.limits.maxBufferedBytes) {
        if (ws.readyState === ws.OPEN) {
          this.counters.slowClosed++;
          this.log(`guard: a socket did not read ${ws.bufferedAmount} bytes of replies; closed`);
        }
        ws.terminate();
        return;
      }
      send(data, ...rest);
    };

    // Frames beyond the rate never reach the endpoint. ws emits 'message' for every frame of a
    // chunk it has read, pause() or not; the gate has to be in front of the listeners.
    const emit = ws.emit.bind(ws) as (event: string | symbol, ...args: unknown[]) => boolean;
    (ws as { emit: (event: string | symbol, ...args: unknown[]) => boolean }).emit = (event, ...args) => {
      if (event !== 'message') return emit(event, ...args);
      if (!this.take(w)) {
        this.counters.framesDropped++;
        if (++w.dropped >= this.limits.floodLimit && ws.readyState === ws.OPEN) {
          this.counters.floodClosed++;
          this.log(`guard: a socket kept sending past ${this.limits.framesPerSecond} frames/s; closed`);
          // Cut at once: a polite close would go on reading (and parsing) the megabytes of frames
          // the flood has queued, waiting for its close frame.
          ws.terminate();
          this.coolDown(address);
        } else if (!ws.isPaused && ws.readyState === ws.OPEN) {
          // Stop reading until a frame may pass again: the sender's own buffers fill, not ours.
          ws.pause();
          later(Math.ceil(1000 / this.limits.framesPerSecond), () => ws.readyState === ws.OPEN && ws.resume());
        }
        return false;
      }
      if (w.dropped > 0) w.dropped--;
      if (rule === 'first-frame') w.introduced = true;
      return emit(event, ...args);
    };
  }

  /** The endpoint accepted this socket's hello: the deadline no longer applies. */
  introduced(ws: WebSocket): void {
    const w = this.watched.get(ws);
    if (w) w.introduced = true;
  }

  private take(w: Watched): boolean {
    const t = this.now();
    w.tokens = Math.min(this.limits.burst, w.tokens + ((t - w.refilledAt) * this.limits.framesPerSecond) / 1000);
    w.refilledAt = t;
    if (w.tokens < 1) return false;
    w.tokens -= 1;
    return true;
  }
}
