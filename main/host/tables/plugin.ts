import { createReadStream } from 'node:fs';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { WebSocket } from 'ws';
import {
  JoinCode,
  parseTableClientMessage,
  type TableClientMessage,
  type TableErrorCode,
  type TableHostMessage,
} from '../../../core/protocol/tables';
import type { Bilingual } from '../../../core/text';
import type { PinCheck } from '../auth/hall-auth';
import type { TableAction } from './engine';
import type { Audience, Listener, Outcome, Table } from './table';
import type { Tables } from './tables';
import type { LiveHub } from '../live/hub';

export interface TablesPluginOptions {
  tables: Tables;
  /** Checks the PIN a DM console enters (the hall's auth: `(pin, address) => auth.checkPin('dm', pin, address)`), through its gate against guessing. */
  checkPin: PinCheck;
  now: () => number;
  log?: (line: string) => void;
  /** The hall's live channel to its surfaces (a table's shared screen goes on the ones the DM picks); absent on a tables-only host. */
  live?: LiveHub;
}

/** One page's connection: at most one table it listens to, as one audience. */
interface Connection {
  socket: WebSocket;
  address: string;
  dm: boolean;
  seat: { table: Table; player: string } | undefined;
  listening: { table: Table; listener: Listener } | undefined;
}

const say = (zh: string, en: string): Bilingual => ({ 'zh-Hans': zh, en });

/** At most one list of tables to the DM consoles per this many milliseconds (the first change in a quiet moment goes at once). */
export const LIST_INTERVAL_MS = 100;

/**
 * Script-kill tables on the host: `/ws/tables` for phones, DM consoles and shared screens
 * (core/protocol/tables.ts), the QR code of a join code, and the DM's log export. Every frame is
 * validated; junk and refusals get an answer and never reach the engine, and a handler that
 * throws answers `internal` instead of taking the host down.
 */
export const tablesPlugin: FastifyPluginAsync<TablesPluginOptions> = async (app, opts) => {
  const { tables, now } = opts;
  const log = opts.log ?? (() => {});
  const connections = new Set<Connection>();

  const send = (c: Connection, m: TableHostMessage) => {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(JSON.stringify(m));
  };
  const error = (c: Connection, code: TableErrorCode, message: Bilingual, ref?: string) => send(c, { type: 'error', code, message, ...(ref ? { ref } : {}) });
  const refused = (c: Connection, ref: string, r: Extract<Outcome, { ok: false }>) => send(c, { type: 'refused', ref, code: r.code, reason: r.reason, version: r.version });

  // Shared screens on hall surfaces: the DM picks them; a surface that (re)connects is told again.
  const live = opts.live;
  const screens = () => (live?.surfaces ?? []).filter((s) => s.role !== 'dm').map((s) => ({ id: s.id, role: s.role }));
  tables.onScreen = (surface, code) => void live?.sendTo(surface, { type: 'table.show', code });
  if (live) {
    const welcome = live.onWelcome((surface) => {
      const code = tables.shownOn(surface);
      if (code) live.sendTo(surface, { type: 'table.show', code });
    });
    app.addHook('onClose', async () => welcome.dispose());
  }

  // The DM consoles' list of tables (the lobby's overview: phase, seats, who is connected; a
  // console's own table comes in its table frames). A change in a quiet moment goes out on the
  // next turn of the event loop; further changes within LIST_INTERVAL_MS wait for one push at
  // its end. Twenty tables stepping every few milliseconds are then ten lists a second to every
  // console, not one per step, and the consoles' sockets are not written twenty times a round
  // while the players' frames wait behind them.
  /** Cancels the push that is due, if one is. */
  let listDue: (() => void) | undefined;
  let listAt = -Infinity;
  const pushList = () => {
    listDue = undefined;
    listAt = performance.now();
    const frame = Buffer.from(JSON.stringify({ type: 'tables', tables: tables.list() } satisfies TableHostMessage));
    for (const c of connections) if (c.dm && c.socket.readyState === c.socket.OPEN) c.socket.send(frame, { binary: false });
  };
  tables.onChange = () => {
    if (listDue) return;
    const wait = listAt + LIST_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      const due = setImmediate(pushList);
      listDue = () => clearImmediate(due);
    } else {
      const due = setTimeout(pushList, wait);
      listDue = () => clearTimeout(due);
    }
  };


  const detach = (c: Connection) => {
    const l = c.listening;
    if (!l) return;
    c.listening = undefined;
    l.table.listeners.delete(l.listener);
    if (tables.get(l.table.id)) tables.touch(l.table);
  };
  const attach = (c: Connection, table: Table, audience: Audience) => {
    detach(c);
    // The frame's bytes are a text message (binary: false), as every table message is.
    const listener: Listener = { audience, send: (frame) => c.socket.readyState === c.socket.OPEN && c.socket.send(frame, { binary: false }) };
    c.listening = { table, listener };
    table.listeners.add(listener);
    tables.touch(table);
  };

  const dmOnly = (c: Connection, m: TableClientMessage): boolean => {
    if (c.dm) return true;
    error(c, 'unauthorised', say('请先用主持人 PIN 登录。', 'Sign in with the DM PIN first.'), m.type);
    return false;
  };
  const tableById = (c: Connection, id: string, ref: string): Table | undefined => {
    const t = tables.get(id);
    if (!t) error(c, 'not-found', say('没有这一桌（可能已经关闭）。', 'There is no such table (it may have been closed).'), ref);
    return t;
  };
  const seatFor = (c: Connection, ref: string): { table: Table; player: string } | undefined => {
    const s = c.seat && tables.get(c.seat.table.id) ? c.seat : undefined;
    if (!s) error(c, 'not-seated', say('你还没有加入任何一桌。', 'You have not joined a table.'), ref);
    return s;
  };
  /** Tells a phone its seat once the steps that gave it are on disk (a seat is never promised before). */
  const seatMessage = async (table: Table, player: string): Promise<TableHostMessage> => {
    await table.settled();
    return { type: 'seat', table: table.id, code: table.code, player, role: table.roleOf(player, table.shown), seatToken: tables.keys.seatToken(table.id, player) };
  };
  const seated = async (c: Connection, table: Table, player: string) => {
    c.seat = { table, player };
    send(c, await seatMessage(table, player));
    attach(c, table, { kind: 'player', player });
  };

  async function handle(c: Connection, m: TableClientMessage): Promise<void> {
    switch (m.type) {
      case 'hello':
        // The page is there: the guard's hello deadline no longer applies (it counted this frame).
        return;
      case 'dm.hello': {
        if (m.pin !== undefined) {
          const v = await opts.checkPin(m.pin, c.address);
          if (!v.ok) {
            const sec = Math.ceil(v.waitMs / 1000);
            if (!v.checked) error(c, 'rate-limited', say(`PIN 错误次数太多，请 ${sec} 秒后再试。`, `Too many wrong PINs; try again in ${sec} s.`), m.type);
            else error(c, 'unauthorised', say(`PIN 不对。${sec > 0 ? `请 ${sec} 秒后再试。` : ''}`, `Wrong PIN.${sec > 0 ? ` Try again in ${sec} s.` : ''}`), m.type);
            return;
          }
        } else if (!tables.keys.isDmToken(m.token ?? '')) {
          error(c, 'unauthorised', say('主持人凭证已失效，请重新输入 PIN。', 'The DM token is no longer valid; enter the PIN again.'), m.type);
          return;
        }
        c.dm = true;
        send(c, { type: 'dm.welcome', token: tables.keys.dmToken(), scenarios: await tables.scenarioList(), screens: screens(), hostNow: now() });
        send(c, { type: 'tables', tables: tables.list() });
        return;
      }
      case 'dm.list':
        if (dmOnly(c, m)) send(c, { type: 'tables', tables: tables.list() });
        return;
      case 'dm.open': {
        if (!dmOnly(c, m)) return;
        const r = await tables.open({ scenario: m.scenario, roles: m.roles, pick: m.pick, label: m.label });
        if (!r.ok) return refused(c, m.type, { ...r, version: 0 });
        attach(c, r.table, { kind: 'dm' });
        return;
      }
      case 'dm.watch': {
        const t = dmOnly(c, m) && tableById(c, m.table, m.type);
        if (t) attach(c, t, { kind: 'dm' });
        return;
      }
      case 'dm.start': {
        const t = dmOnly(c, m) && tableById(c, m.table, m.type);
        if (!t) return;
        const r = tables.run(t, { kind: 'dm' }, t.state.version, { type: 'start' });
        if (!r.ok) refused(c, m.type, r);
        return;
      }
      case 'dm.seat': {
        const t = dmOnly(c, m) && tableById(c, m.table, m.type);
        if (!t) return;
        const role = m.role ?? t.roleOf(m.player);
        if (role === null) return refused(c, m.type, { ok: false, code: 'no-role', reason: say('这位玩家没有角色。', 'This player holds no role.'), version: t.state.version });
        if (!t.header.roles.includes(role)) return refused(c, m.type, { ok: false, code: 'role', reason: say('这个角色不在这一桌。', 'This role is not in play at this table.'), version: t.state.version });
        const r = tables.run(t, { kind: 'dm' }, t.state.version, { type: 'reseat', role, player: m.role === null ? null : m.player });
        if (!r.ok) refused(c, m.type, r);
        return;
      }
      case 'dm.command': {
        const t = dmOnly(c, m) && tableById(c, m.table, m.type);
        if (!t) return;
        const r = tables.run(t, { kind: 'dm' }, m.version, m.action as TableAction);
        if (!r.ok) refused(c, m.action.type, r);
        return;
      }
      case 'dm.show': {
        const t = dmOnly(c, m) && tableById(c, m.table, m.type);
        if (!t) return;
        const known = new Set(screens().map((s) => s.id));
        const unknown = m.surfaces.filter((s) => !known.has(s));
        if (unknown.length > 0) return error(c, 'bad-message', say(`大厅里没有这些屏幕：${unknown.join('、')}。`, `The hall has no screen ${unknown.join(', ')}.`), m.type);
        for (const { surface, code } of tables.showOn(t, m.surfaces)) tables.onScreen(surface, code);
        log(`table ${t.id} (${t.code}) shown on ${m.surfaces.length > 0 ? m.surfaces.join(', ') : 'no screen'}`);
        return;
      }
      case 'dm.close': {
        const t = dmOnly(c, m) && tableById(c, m.table, m.type);
        if (!t) return;
        for (const other of connections) if (other.listening?.table === t) other.listening = undefined;
        tables.close(t);
        return;
      }
      case 'join': {
        const t = tables.find(m.code);
        if (!t) return error(c, 'not-found', say(`没有房间码为 ${m.code} 的一桌，请核对后再输入。`, `No table has the code ${m.code}; check it and try again.`), m.type);
        const r = tables.join(t);
        if (!r.ok) return error(c, r.code === 'full' ? 'full' : 'bad-message', r.reason, m.type);
        await seated(c, t, r.player);
        return;
      }
      case 'resume': {
        const s = tables.seatOf(m.seatToken);
        if (!s) return error(c, 'not-seated', say('这个座位已经不在了，请重新输入房间码加入。', 'That seat is gone; join again with the table code.'), m.type);
        await seated(c, s.table, s.player);
        return;
      }
      case 'claim': {
        const s = seatFor(c, m.type);
        if (!s) return;
        const r = tables.run(s.table, { kind: 'player', player: s.player }, s.table.state.version, { type: 'claim', role: m.role });
        if (!r.ok) return refused(c, m.type, r);
        send(c, await seatMessage(s.table, s.player));
        return;
      }
      case 'leave': {
        const s = seatFor(c, m.type);
        if (!s) return;
        const r = tables.run(s.table, { kind: 'player', player: s.player }, s.table.state.version, { type: 'leave' });
        if (!r.ok) return refused(c, m.type, r);
        c.seat = undefined;
        detach(c);
        return;
      }
      case 'play': {
        const s = seatFor(c, m.type);
        if (!s) return;
        const r = tables.run(s.table, { kind: 'player', player: s.player }, m.version, m.action);
        if (!r.ok) refused(c, m.action.type, r);
        return;
      }
      case 'watch': {
        const t = tables.find(m.code);
        if (!t) return error(c, 'not-found', say(`没有房间码为 ${m.code} 的一桌。`, `No table has the code ${m.code}.`), m.type);
        attach(c, t, { kind: 'screen' });
        return;
      }
    }
  }

  app.get('/ws/tables', { websocket: true }, (socket, req) => {
    const c: Connection = { socket, address: req.ip, dm: false, seat: undefined, listening: undefined };
    connections.add(c);
    // Frames are handled one at a time per connection, in order.
    let queue = Promise.resolve();
    socket.on('message', (data, isBinary) => {
      queue = queue.then(async () => {
        if (isBinary) return error(c, 'bad-message', say('只接受文本消息。', 'Only text frames are accepted.'));
        const parsed = parseTableClientMessage(data.toString());
        if (!parsed.ok) {
          return error(
            c,
            parsed.code,
            parsed.code === 'bad-json' ? say('消息不是有效的 JSON。', 'The message is not valid JSON.') : say(`消息格式不正确：${parsed.detail}`, `Malformed message: ${parsed.detail}`),
            parsed.ref,
          );
        }
        try {
          await handle(c, parsed.message);
        } catch (err) {
          log(`tables: handler error: ${(err as Error).stack ?? String(err)}`);
          error(c, 'internal', say('主机处理消息时出错，游戏进度没有丢失。', 'The host failed to handle that message; no progress was lost.'), parsed.message.type);
        }
      });
    });
    socket.on('close', () => {
      connections.delete(c);
      detach(c);
    });
    socket.on('error', () => socket.terminate());
  });

  app.get<{ Params: { file: string } }>('/api/tables/qr/:file', async (req, reply) => {
    const m = /^(.+)\.svg$/.exec(req.params.file);
    const code = m ? JoinCode.safeParse(m[1]) : undefined;
    const table = code?.success ? tables.find(code.data) : undefined;
    if (!table) return reply.code(404).send({ error: 'no such table', message: say('没有这一桌。', 'No such table.') });
    const svg = await QRCode.toString(table.publicInfo().joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
  });

  // The header only: a token in a URL would stay in the browser's history and downloads list.
  const isDm = (req: FastifyRequest) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return typeof token === 'string' && tables.keys.isDmToken(token);
  };

  app.get<{ Params: { id: string } }>('/api/tables/:id/log', async (req, reply) => {
    if (!isDm(req)) return reply.code(401).send({ error: 'unauthorised', message: say('需要主持人凭证。', 'The DM token is required.') });
    const file = tables.logFile(req.params.id);
    if (!file) return reply.code(404).send({ error: 'no such table', message: say('没有这一桌的日志。', 'There is no log for this table.') });
    return reply
      .type('application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="redhall-${req.params.id}.jsonl"`)
      .send(createReadStream(file));
  });

  app.addHook('onClose', async () => {
    for (const c of connections) c.socket.terminate();
    connections.clear();
    tables.dispose();
    listDue?.();
  });
};
