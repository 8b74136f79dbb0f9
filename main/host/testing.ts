// Test helpers for the host (tests only): a surface on the live socket, as a page is.
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type HostMessage } from '../../core/protocol/messages';
import { until } from './guard/testing';

/** A surface's socket that said hello and was welcomed; everything the host sends it is kept. */
export interface TestSurface {
  ws: WebSocket;
  /** Every message received, in order (the welcome first). */
  got: HostMessage[];
  /** The latest message of one type, if any. */
  last<T extends HostMessage['type']>(type: T): Extract<HostMessage, { type: T }> | undefined;
  /** Sends one message (serialised). */
  send(m: object): void;
}

/**
 * Opens `/ws` as surface `id`, says hello with the surface token and waits for the welcome (5 s);
 * `onOpen` hears of the socket first (a test's clean-up list).
 */
export async function surface(port: number, id: string, token: string, onOpen?: (ws: WebSocket) => void): Promise<TestSurface> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const got: HostMessage[] = [];
  ws.on('message', (d) => got.push(JSON.parse(d.toString()) as HostMessage));
  await new Promise((ok, fail) => {
    ws.once('open', ok);
    ws.once('error', fail);
  });
  onOpen?.(ws);
  ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, surfaceId: id, token }));
  await until(() => got.some((m) => m.type === 'welcome'), `the welcome of ${id}`, 5000);
  return {
    ws,
    got,
    last: <T extends HostMessage['type']>(type: T) => got.filter((m): m is Extract<HostMessage, { type: T }> => m.type === type).at(-1),
    send: (m: object) => ws.send(JSON.stringify(m)),
  };
}
