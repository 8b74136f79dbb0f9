import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A WebSocket client made by hand on a bare TCP socket, for the chaos tests and benches: it can
 * do what a browser never would (stop reading, stay silent, send frames as fast as the socket
 * takes them). Text frames only, masked as a client must.
 */
export class RawSocket {
  /** Everything the host sent after the handshake (undecoded frames). */
  received = 0;
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (d) => (this.received += d.length));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }

  /** Opens the TCP connection and completes the upgrade; rejects with the status when the host refuses it. */
  static open(port: number, path = '/ws', headers: Record<string, string> = {}): Promise<RawSocket> {
    return new Promise((ok, fail) => {
      const socket = connect(port, '127.0.0.1');
      let head = '';
      const onData = (d: Buffer) => {
        head += d.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const status = /^HTTP\/1\.1 (\d+)/.exec(head)?.[1];
        if (status !== '101') {
          socket.destroy();
          fail(new Error(`upgrade refused: ${status ?? 'no status'}`));
          return;
        }
        const raw = new RawSocket(socket);
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        raw.received += rest.length;
        ok(raw);
      };
      socket.on('data', onData);
      socket.once('error', fail);
      socket.once('close', () => fail(new Error('closed during the upgrade')));
      socket.once('connect', () => {
        const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
        socket.write(
          `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
        );
      });
    });
  }

  /** Queues one text frame; returns false when the socket's own buffer is full (the host is not reading). */
  send(text: string): boolean {
    return this.socket.write(frame(text));
  }

  /** Stops reading what the host sends: its replies pile up in the host. */
  stopReading(): void {
    this.socket.pause();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** One masked client text frame. */
export function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x81, 0x80 | n]) : n < 65536 ? Buffer.from([0x81, 0x80 | 126, n >> 8, n & 0xff]) : Buffer.concat([Buffer.from([0x81, 0x80 | 127]), bigLength(n)]);
  const mask = randomBytes(4);
  const body = Buffer.alloc(n);
  for (let i = 0; i < n; i++) body[i] = payload[i]! ^ mask[i % 4]!;
  return Buffer.concat([head, mask, body]);
}

function bigLength(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** Waits until `check` holds, polling; throws with `what` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
