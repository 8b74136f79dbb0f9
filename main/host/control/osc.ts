import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import { decode, encode, Message } from 'node-osc';
import { commandFromOsc, commandOfAddress, OSC_PREFIX } from '../../../core/protocol/control';
import type { Disposable } from '../../../core/lifecycle';
import { sameSecret } from '../live/hub';
import type { DeskResult } from './desk';

/**
 * The control commands over OSC (UDP), for central-control systems (中控): `/redhall/show/start
 * [key] [show] [pack] [loop]`, one address per command of core/protocol/control.ts, arguments in
 * the order docs/control.md gives. Who may send:
 * - the socket binds where hall.yaml says: loopback by default, so only this PC can send;
 * - a datagram from a source address not in `allow` (loopback is always allowed) is dropped
 *   without an answer (UDP sources can be forged: never reflect traffic to them);
 * - with a `key` (required by hall.yaml beyond loopback) every message's first argument must be
 *   that key, compared in constant time.
 * Every allowed message gets an answer to its sender's address and port:
 * `/redhall/reply <command address> ok|error <code> <English> <中文>`.
 * Malformed packets, unknown addresses and bad arguments are answered or dropped; none can throw.
 */

export interface OscOptions {
  port: number;
  /** loopback, lan (0.0.0.0) or one IPv4 address of this machine. */
  bind?: string | undefined;
  allow?: readonly string[] | undefined;
  key?: string | undefined;
  run: (command: unknown, who: string) => Promise<DeskResult>;
  log: (line: string) => void;
  /** The clock the log throttle uses. */
  now?: () => number;
}

const MAX_PER_PACKET = 16;

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}

/** A bundle's messages, depth first, at most MAX_PER_PACKET. */
function messagesOf(decoded: unknown, out: unknown[][] = []): unknown[][] {
  if (out.length >= MAX_PER_PACKET) return out;
  if (Array.isArray(decoded)) {
    out.push(decoded);
    return out;
  }
  const d = decoded as { oscType?: string; elements?: unknown[]; address?: unknown; args?: { value: unknown }[] };
  if (d && d.oscType === 'bundle' && Array.isArray(d.elements)) for (const e of d.elements) messagesOf(e, out);
  else if (d && d.oscType === 'message' && typeof d.address === 'string') out.push([d.address, ...(d.args ?? []).map((a) => a.value)]);
  return out;
}

export class OscDoor implements Disposable {
  private readonly socket: Socket;
  private readonly lastDropLog = new Map<string, number>();
  /** Datagrams dropped for their source address (tests and the log read it). */
  dropped = 0;
  port = 0;

  private constructor(private readonly opts: OscOptions) {
    this.socket = createSocket({ type: 'udp4' });
    this.socket.on('message', (buf, rinfo) => {
      void this.receive(buf, rinfo).catch((err: unknown) => this.opts.log(`osc: ${(err as Error).message}`));
    });
    this.socket.on('error', (err) => this.opts.log(`osc socket: ${err.message}`));
  }

  /** Binds the socket; resolves once it listens. */
  static async open(opts: OscOptions): Promise<OscDoor> {
    const door = new OscDoor(opts);
    const bind = opts.bind ?? 'loopback';
    const address = bind === 'loopback' ? '127.0.0.1' : bind === 'lan' ? '0.0.0.0' : bind;
    await new Promise<void>((resolve, reject) => {
      door.socket.once('error', reject);
      door.socket.bind(opts.port, address, () => {
        door.socket.off('error', reject);
        resolve();
      });
    });
    door.port = door.socket.address().port;
    opts.log(`osc: listening on udp ${address}:${door.port}${opts.key ? ' (key required)' : ''}; allowed senders: loopback${opts.allow?.length ? `, ${opts.allow.join(', ')}` : ''}`);
    return door;
  }

  private allowed(address: string): boolean {
    if (isLoopback(address)) return true;
    const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
    return isIPv4(v4) && (this.opts.allow ?? []).includes(v4);
  }

  private async receive(buf: Buffer, rinfo: RemoteInfo): Promise<void> {
    if (!this.allowed(rinfo.address)) {
      this.dropped += 1;
      const now = (this.opts.now ?? Date.now)();
      if (now - (this.lastDropLog.get(rinfo.address) ?? -Infinity) > 60_000) {
        this.lastDropLog.set(rinfo.address, now);
        if (this.lastDropLog.size > 1000) this.lastDropLog.clear();
        this.opts.log(`osc: dropped a datagram from ${rinfo.address} (not in control.osc.allow)`);
      }
      return;
    }
    let decoded: unknown;
    try {
      decoded = decode(buf);
    } catch {
      return this.reply(rinfo, `${OSC_PREFIX}`, 'bad-packet', 'Not an OSC packet.', '不是 OSC 数据包。');
    }
    for (const [address, ...args] of messagesOf(decoded)) await this.handle(typeof address === 'string' ? address : '', args, rinfo);
  }

  private async handle(address: string, args: unknown[], rinfo: RemoteInfo): Promise<void> {
    const name = commandOfAddress(address);
    if (this.opts.key !== undefined) {
      const given = args.shift();
      if (typeof given !== 'string' || !sameSecret(given, this.opts.key)) {
        this.opts.log(`osc: wrong or missing key from ${rinfo.address}`);
        return this.reply(rinfo, address, 'unauthorised', 'Wrong or missing OSC key (first argument).', 'OSC 密钥错误或缺失（第一个参数）。');
      }
    }
    if (!name) return this.reply(rinfo, address, 'unknown-command', `No control command at ${address.slice(0, 80)}; docs/control.md lists them.`, `没有这个控制地址 ${address.slice(0, 80)}，可用地址见 docs/control.md。`);
    const r = await this.opts.run(commandFromOsc(name, args as (string | number | boolean | null)[]), `osc ${rinfo.address}`);
    if (r.ok) return this.send(rinfo, [address, 'ok', r.command, r.done.en, r.done['zh-Hans']]);
    return this.reply(rinfo, address, r.error, r.message.en, r.message['zh-Hans']);
  }

  private reply(rinfo: RemoteInfo, address: string, code: string, en: string, zh: string): void {
    this.send(rinfo, [address.slice(0, 200), 'error', code, en, zh]);
  }

  private send(rinfo: RemoteInfo, args: string[]): void {
    try {
      this.socket.send(encode(new Message(`${OSC_PREFIX}/reply`, ...args)), rinfo.port, rinfo.address);
    } catch (err) {
      this.opts.log(`osc: could not answer ${rinfo.address}:${rinfo.port}: ${(err as Error).message}`);
    }
  }

  async dispose(): Promise<void> {
    await new Promise<void>((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}
