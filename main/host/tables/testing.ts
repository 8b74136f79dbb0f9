// Test and bench helpers for the tables host: a host with only the tables plugin on loopback,
// and a WebSocket client that records every frame and waits for messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyWebsocket from '@fastify/websocket';
import WebSocket from 'ws';
import { parseTableHostMessage, TABLES_PROTOCOL_VERSION, type TableClientMessage, type TableHostMessage } from '../../../core/protocol/tables';
import { HallAuth } from '../auth/hall-auth';
import type { GatePolicy } from '../auth/gate';
import { tablesPlugin } from './plugin';
import { scenarioSources } from './scenarios';
import { Tables } from './tables';

export const DEMO_PACK = resolve(import.meta.dirname, '../../../content/demo-hall');
export const P = TABLES_PROTOCOL_VERSION;
export const TEST_PIN = '2468';

export interface TablesHost {
  app: FastifyInstance;
  tables: Tables;
  port: number;
  url: string;
  lines: string[];
  close(): Promise<void>;
}

/** The tables plugin alone on 127.0.0.1 over a data folder, with the demo pack's scenarios. */
export async function startTablesHost(dataDir: string, opts: { now?: () => number; gate?: Partial<GatePolicy>; port?: number } = {}): Promise<TablesHost> {
  const lines: string[] = [];
  const log = (l: string) => lines.push(l);
  const now = opts.now ?? (() => Date.now());
  let port = 0;
  const tables = new Tables({
    dataDir,
    scenarios: scenarioSources(() => [{ id: 'demo-hall', version: 'source', dir: DEMO_PACK }], log),
    origin: () => `http://127.0.0.1:${port}`,
    now,
    log,
  });
  tables.loadAll();
  const app = Fastify({ logger: false });
  await app.register(fastifyWebsocket, { options: { maxPayload: 1_000_000 } });
  const auth = await HallAuth.withPins({ dm: TEST_PIN }, { now, ...(opts.gate ? { gate: opts.gate } : {}) });
  await app.register(tablesPlugin, { tables, checkPin: (pin, address) => auth.checkPin('dm', pin, address), now, log });
  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const addr = app.server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  return { app, tables, port, url: `http://127.0.0.1:${port}`, lines, close: () => app.close() };
}

/** A page's WebSocket to `/ws/tables`: every frame it receives is kept (raw and parsed). */
export class TableClient {
  readonly raw: string[] = [];
  readonly messages: TableHostMessage[] = [];
  readonly invalid: string[] = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const text = data.toString();
      this.raw.push(text);
      const p = parseTableHostMessage(text);
      // A binary frame is invalid however it parses: pages are sent text.
      if (p.ok && !isBinary) this.messages.push(p.message);
      else this.invalid.push(isBinary ? `(binary) ${text}` : text);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static connect(port: number): Promise<TableClient> {
    return new Promise((ok, fail) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/tables`);
      const c = new TableClient(ws);
      ws.once('open', () => ok(c));
      ws.once('error', fail);
    });
  }

  send(m: TableClientMessage | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(m));
  }

  sendRaw(text: string | Buffer): void {
    this.socket.send(text);
  }

  /** The first message from index `from` on that matches, waiting up to `ms`. */
  async next<T extends TableHostMessage['type']>(type: T, match: (m: Extract<TableHostMessage, { type: T }>) => boolean = () => true, ms = 5000, from = 0): Promise<Extract<TableHostMessage, { type: T }>> {
    const deadline = Date.now() + ms;
    let i = from;
    for (;;) {
      for (; i < this.messages.length; i++) {
        const m = this.messages[i] as TableHostMessage;
        if (m.type === type && match(m as Extract<TableHostMessage, { type: T }>)) return m as Extract<TableHostMessage, { type: T }>;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} message within ${ms} ms; got: ${this.messages.slice(from).map((m) => m.type).join(', ')}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** Waits for a message that arrives after now. */
  nextNew<T extends TableHostMessage['type']>(type: T, match?: (m: Extract<TableHostMessage, { type: T }>) => boolean, ms?: number): Promise<Extract<TableHostMessage, { type: T }>> {
    return this.next(type, match, ms, this.messages.length);
  }

  /** The latest table push, if any. */
  last(): Extract<TableHostMessage, { type: 'table' }> | undefined {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i] as TableHostMessage;
      if (m.type === 'table') return m;
    }
    return undefined;
  }

  close(): Promise<void> {
    return new Promise((r) => {
      if (this.socket.readyState === WebSocket.CLOSED) return r();
      this.socket.once('close', () => r());
      this.socket.close();
    });
  }
}

export const SIX_ROLES = ['lin', 'zhou', 'shen', 'chen', 'tang', 'he'];

/** A DM console signed in with the test PIN. */
export async function dmClient(port: number): Promise<TableClient> {
  const dm = await TableClient.connect(port);
  dm.send({ type: 'dm.hello', protocol: P, pin: TEST_PIN });
  await dm.next('dm.welcome');
  return dm;
}

/** Opens a demo table from the DM console and returns its id and code. */
export async function openDemoTable(dm: TableClient, pick: 'player' | 'dm' = 'dm'): Promise<{ id: string; code: string }> {
  const before = dm.messages.length;
  dm.send({ type: 'dm.open', scenario: { pack: 'demo-hall', scenario: 'south-bank' }, roles: SIX_ROLES, pick });
  const t = await dm.next('table', () => true, 10_000, before);
  return { id: t.table.id, code: t.table.code };
}

/** Six phones joined (roles dealt in order when the DM deals) and the game started. */
export async function sixPhonesPlaying(port: number, dm: TableClient, table: { id: string; code: string }): Promise<TableClient[]> {
  const phones: TableClient[] = [];
  for (let i = 0; i < 6; i++) {
    const p = await TableClient.connect(port);
    p.send({ type: 'join', protocol: P, code: table.code });
    await p.next('seat');
    phones.push(p);
  }
  dm.send({ type: 'dm.start', table: table.id });
  await Promise.all(phones.map((p) => p.next('table', (m) => m.view !== undefined)));
  return phones;
}

/**
 * A tables host in its own process (fixtures/host-process.ts) on a data folder, so it can be
 * SIGKILLed; resolves once it listens. `nodeArgs` go to node (e.g. `--cpu-prof` for a bench);
 * SIGTERM stops it cleanly.
 */
export function spawnTablesHost(dataDir: string, port = 0, nodeArgs: readonly string[] = []): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', resolve(import.meta.dirname, 'fixtures', 'host-process.ts'), dataDir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) ok({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => fail(new Error(`host exited (${code}) before it was ready:\n${out}`)));
  });
}
