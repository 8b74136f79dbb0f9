import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from 'node-osc';
import { createSocket } from 'node:dgram';
import { decode, encode, Message } from 'node-osc';
import { parse } from 'yaml';
import fc from 'fast-check';
import type { HallConfig, PlannedSurface } from '../../../core/hall';
import { Show } from '../../../core/pack/schema';
import { CONTROL_COMMAND_NAMES, oscAddress } from '../../../core/protocol/control';
import { parseHttpResponse } from '../../../core/protocol/http';
import { HallAuth } from '../auth/hall-auth';
import { Host, hostNow } from '../server';
import { hallShows } from '../shows/plugin';
import { surface as hostSurface } from '../testing';
import type { ControlZones } from './desk';
import { PjlinkEmulator } from './pjlink/emulator';
import { hallControl } from './plugin';

const welcome = Show.parse(parse(readFileSync(join(import.meta.dirname, '../../../content/demo-hall/shows/welcome.yaml'), 'utf8')));
const at = (id: string, role: PlannedSurface['role'], i: number): PlannedSurface => ({ id, role, displayName: `D${i}`, displayIndex: i, touch: role === 'kiosk', bounds: { x: i * 1920, y: 0, width: 1920, height: 1080 } });
const surfaces = [at('kiosk', 'kiosk', 0), at('wall-1', 'wall', 1), at('wall-2', 'wall', 2)];

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

interface Assembled {
  host: Host;
  port: number;
  control: ReturnType<typeof hallControl>;
  logs: string[];
  inject: (body: unknown, headers?: Record<string, string>) => Promise<{ status: number; json: Record<string, unknown> }>;
  /** A docent session's bearer token (PIN 2468). */
  docent: string;
}

async function assemble(config: HallConfig = {}, zones: ControlZones = {}, clock = hostNow): Promise<Assembled> {
  let h: Host | undefined = undefined;
  const logs: string[] = [];
  const log = (l: string) => logs.push(l);
  const shows = hallShows(
    { surfaces, shows: () => [{ packId: 'demo-hall', show: welcome }], clock: hostNow, send: (id, m) => h!.sendTo(id, m), rtt: () => null, minLeadMs: 100, log },
    { requesters: ['kiosk'], roleOf: (id) => surfaces.find((s) => s.id === id)?.role },
  );
  const control = hallControl({
    config,
    shows: shows.runner,
    surfaces: () => h!.registry.list(),
    send: (id, m) => h!.sendTo(id, m),
    catalog: {
      modules: () => [{ id: 'setting-sail', title: { 'zh-Hans': '红色起航', en: 'Setting sail' }, summary: '一九二一年的南湖红船。' }],
      stations: () => [{ id: 'zunyi-1935', date: '1935-01', title: { 'zh-Hans': '遵义会议', en: 'Zunyi Conference' }, text: '会议在遵义召开。' }],
    },
    zones: () => zones,
    clock,
    utcOffsetMin: () => 480,
    log,
  });
  const auth = await HallAuth.withPins({ docent: '2468', admin: '1357' });
  h = new Host({ port: 0, listen: 'loopback', rendererDir: '/nonexistent', surfaces, warnings: [], idleSeconds: 90, content: () => undefined, capabilities: [shows.capability, control.capability], log, auth });
  const host = h;
  cleanup.push(() => host.close());
  const port = await host.start();
  const app = await host.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'docent', pin: '2468', bearer: true } });
  const docent = (login.json() as { token: string }).token;
  const inject = async (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${docent}` }) => {
    const r = await app.inject({ method: 'POST', url: '/api/control', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
    return { status: r.statusCode, json: r.json() as Record<string, unknown> };
  };
  return { host, port, control, logs, inject, docent };
}

/** A surface on the socket, closed when the test ends. */
const surface = (port: number, id: string, token: string) => hostSurface(port, id, token, (ws) => cleanup.push(() => ws.close()));

describe('the control desk over HTTP', () => {
  it('starts and stops a show, answering what it did and the hall’s state', async () => {
    const { inject } = await assemble();
    const start = await inject({ command: 'show.start', show: 'welcome' });
    expect(start.status).toBe(200);
    const answer = parseHttpResponse('POST /api/control', start.status, start.json);
    expect(answer.ok).toBe(true);
    if (answer.ok) {
      expect(answer.value.state.show).toMatchObject({ showId: 'welcome', packId: 'demo-hall' });
      expect(answer.value.done['zh-Hans']).toContain('开始');
    }
    const stop = await inject({ command: 'show.stop' });
    expect(stop.status).toBe(200);
    const missing = await inject({ command: 'show.start', show: 'nope' });
    expect(missing).toMatchObject({ status: 404, json: { error: 'no-such-show' } });
    expect((missing.json.message as Record<string, string>)['zh-Hant']).toContain('沒有');
  });

  it('blacks out one wall or every screen, silences, and brings everything back; surfaces hear it, a late one on welcome', async () => {
    const { host, port, inject } = await assemble();
    const w1 = await surface(port, 'wall-1', host.surfaceToken);
    const w2 = await surface(port, 'wall-2', host.surfaceToken);
    expect((await inject({ command: 'screens.blackout', surface: 'wall-1' })).status).toBe(200);
    await expect.poll(() => w1.last('control.screen')).toMatchObject({ blackout: true, muted: false });
    expect(w2.last('control.screen')).toMatchObject({ blackout: false });
    expect((await inject({ command: 'screens.blackout', surface: 'wall-9' })).json).toMatchObject({ error: 'no-such-surface' });
    expect((await inject({ command: 'sound.pause' })).status).toBe(200);
    await expect.poll(() => w2.last('control.screen')).toMatchObject({ muted: true, blackout: false });
    const kiosk = await surface(port, 'kiosk', host.surfaceToken);
    await expect.poll(() => kiosk.last('control.screen')).toMatchObject({ muted: true });
    const back = await inject({ command: 'hall.restore' });
    expect((back.json.state as { surfaces: { blackout: boolean }[]; muted: boolean }).muted).toBe(false);
    await expect.poll(() => w1.last('control.screen')).toMatchObject({ blackout: false, muted: false, asleep: false });
  });

  it('sends a wall to a module or a timeline station and back; refuses the kiosk and unknown ids', async () => {
    const { host, port, inject } = await assemble();
    const w1 = await surface(port, 'wall-1', host.surfaceToken);
    expect((await inject({ command: 'wall.goto', surface: 'wall-1', target: 'station', id: 'zunyi-1935' })).status).toBe(200);
    await expect.poll(() => w1.last('wall.focus')?.focus).toMatchObject({ kind: 'station', id: 'zunyi-1935', kicker: '1935-01' });
    // A wall that reconnects gets its focus back.
    const again = await surface(port, 'wall-1', host.surfaceToken);
    await expect.poll(() => again.last('wall.focus')?.focus?.id).toBe('zunyi-1935');
    expect((await inject({ command: 'wall.goto', surface: 'kiosk', target: 'module', id: 'setting-sail' })).json).toMatchObject({ error: 'not-a-wall' });
    expect((await inject({ command: 'wall.goto', surface: 'wall-1', target: 'module', id: 'nope' })).json).toMatchObject({ error: 'no-such-module' });
    expect((await inject({ command: 'wall.goto', surface: 'wall-1', target: 'module' })).json).toMatchObject({ error: 'bad-command' });
    await inject({ command: 'wall.goto', surface: 'wall-1', target: 'home' });
    await expect.poll(() => w1.last('wall.focus')?.focus).toBeNull();
  });

  it('says clearly when the oath or cinema is not in this hall, and uses them when they are', async () => {
    const plain = await assemble();
    const oath = await plain.inject({ command: 'oath.start' });
    expect(oath).toMatchObject({ status: 409, json: { error: 'not-available' } });
    expect((oath.json.message as Record<string, string>).en).toContain('no oath area');
    expect((await plain.inject({ command: 'cinema.play' })).json).toMatchObject({ error: 'not-available' });
    const calls: string[] = [];
    const zoned = await assemble({}, {
      oath: { start: (s) => (calls.push(`oath ${s ?? ''}`), { ok: true }), stop: () => ({ ok: false, message: { 'zh-Hans': '没有进行中的宣誓。', en: 'No oath is running.' } }) },
      cinema: { play: (f) => (calls.push(`film ${f ?? ''}`), { ok: true }), films: () => [{ id: 'dawn', title: '黎明' }] },
    });
    expect((await zoned.inject({ command: 'oath.start', surface: 'wall-2' })).status).toBe(200);
    expect(await zoned.inject({ command: 'oath.stop' })).toMatchObject({ status: 409, json: { error: 'zone-refused', message: { 'zh-Hant': '沒有進行中的宣誓。' } } });
    expect((await zoned.inject({ command: 'cinema.play', film: 'dawn' })).status).toBe(200);
    expect((await zoned.inject({ command: 'cinema.play', film: 'dusk' })).json).toMatchObject({ error: 'no-such-film' });
    expect(calls).toEqual(['oath wall-2', 'film dawn']);
  });

  it('drives projectors over PJLink and explains a wrong password', async () => {
    const a = new PjlinkEmulator({ password: 'pj-pass' });
    const b = new PjlinkEmulator({ password: 'other' });
    await a.start();
    await b.start();
    cleanup.push(() => a.stop(), () => b.stop());
    const { inject } = await assemble({ projectors: [
      { id: 'front', name: '序厅投影', host: '127.0.0.1', port: a.port, password: 'pj-pass' },
      { id: 'side', name: '侧墙投影', host: '127.0.0.1', port: b.port, password: 'pj-pass' },
    ] });
    expect((await inject({ command: 'projector.power', projector: 'front', on: true })).status).toBe(200);
    expect(a.power).toBe(1);
    expect((await inject({ command: 'projector.input', projector: 'front', input: '32' })).status).toBe(200);
    expect(a.input).toBe('32');
    const all = await inject({ command: 'projector.power', projector: 'all', on: false });
    expect(all.status).toBe(502);
    expect((all.json.message as Record<string, string>)['zh-Hans']).toContain('侧墙投影');
    expect(a.power).toBe(0);
    expect((await inject({ command: 'projector.status', projector: 'lobby' })).json).toMatchObject({ error: 'no-such-projector' });
    const none = await assemble();
    expect((await none.inject({ command: 'projector.power', projector: 'all', on: true })).json).toMatchObject({ error: 'no-projectors' });
  });

  it('refuses every control route without a session, with a wrong PIN, from another origin, a replayed session, the machine token', async () => {
    const { host, docent } = await assemble();
    const app = await host.ready();
    const routes = [{ method: 'GET' as const, url: '/api/control' }, { method: 'POST' as const, url: '/api/control', payload: { command: 'screens.blackout' } }];
    for (const r of routes) {
      const bare = await app.inject(r);
      expect([r.url, bare.statusCode, bare.json().error]).toEqual([r.url, 401, 'unauthorised']);
      expect((await app.inject({ ...r, headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
      // The CLI's machine token opens admin routes only, not the docent's.
      expect((await app.inject({ ...r, headers: { authorization: `Bearer ${host.adminToken}` } })).statusCode).toBe(401);
      const cross = await app.inject({ ...r, headers: { authorization: `Bearer ${docent}`, origin: 'http://evil.example' } });
      expect([cross.statusCode, cross.json().error]).toEqual([403, 'cross-origin']);
      const rebound = await app.inject({ ...r, headers: { authorization: `Bearer ${docent}`, host: 'evil.example' } });
      expect(rebound.statusCode).toBe(403);
      // The session is bound to the address that logged in: a copied token from another machine is refused.
      const replayed = await app.inject({ ...r, headers: { authorization: `Bearer ${docent}` }, remoteAddress: '192.168.1.66' });
      expect(replayed.statusCode).toBe(401);
      expect((await app.inject({ ...r, headers: { authorization: `Bearer ${docent}` } })).statusCode).toBe(200);
    }
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'docent', pin: '0000', bearer: true } });
    expect(wrong.statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/control', headers: { authorization: `Bearer ${String(wrong.json().token)}` }, payload: { command: 'hall.restore' } })).statusCode).toBe(401);
    // Logged out: the token is dead.
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${docent}` } });
    expect((await app.inject({ method: 'GET', url: '/api/control', headers: { authorization: `Bearer ${docent}` } })).statusCode).toBe(401);
  });

  it('answers junk clearly and never crashes on any body (fuzzed)', async () => {
    const { inject } = await assemble();
    expect((await inject({ command: 'launch' })).json).toMatchObject({ error: 'unknown-command' });
    const bad = await inject({ command: 'projector.input', projector: 'p', input: '99' });
    expect(bad).toMatchObject({ status: 400, json: { error: 'bad-command' } });
    expect((bad.json.message as Record<string, string>).en).toContain('input');
    const names = fc.constantFrom(...CONTROL_COMMAND_NAMES, 'x', '', '__proto__');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.record({ command: names }, { requiredKeys: [] }), fc.dictionary(fc.string(), fc.jsonValue()).map((d) => ({ ...d, command: 'wall.goto' }))), async (body) => {
        const r = await inject(body);
        expect([200, 400, 404, 409, 502]).toContain(r.status);
        if (r.status !== 200) expect(typeof (r.json.message as Record<string, string>)?.['zh-Hans']).toBe('string');
      }),
      { numRuns: 150 },
    );
    // Still serving.
    expect((await inject({ command: 'hall.state' })).status).toBe(200);
  });
});

/** An OSC sender on loopback that keeps the host's replies. */
async function oscSender() {
  const sock = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const replies: unknown[][] = [];
  sock.on('message', (buf) => {
    const d = decode(buf) as { address: string; args: { value: unknown }[] };
    replies.push([d.address, ...d.args.map((a) => a.value)]);
  });
  cleanup.push(() => new Promise<void>((r) => sock.close(() => r())));
  return { replies, send: (port: number, address: string, ...args: (string | number | boolean)[]) => sock.send(encode(new Message(address, ...args)), port, '127.0.0.1'), raw: (port: number, buf: Buffer) => sock.send(buf, port, '127.0.0.1') };
}

describe('the control desk over OSC', () => {
  it('starts a show from an OSC message with the key, answers it, and refuses a wrong key', async () => {
    const { control, host } = await assemble({ control: { osc: { port: 0 as unknown as number, key: 'hall-osc-key' } } });
    void host;
    const port = oscPortOf(control);
    const s = await oscSender();
    s.send(port, oscAddress('show.start'), 'hall-osc-key', 'welcome');
    await expect.poll(() => s.replies.at(-1)).toEqual(['/redhall/reply', '/redhall/show/start', 'ok', 'show.start', expect.stringContaining('starting'), expect.stringContaining('开始')]);
    expect(control.desk.state().show?.showId).toBe('welcome');
    s.send(port, oscAddress('show.stop'), 'wrong-key');
    await expect.poll(() => s.replies.at(-1)?.[3]).toBe('unauthorised');
    expect(control.desk.state().show?.showId).toBe('welcome');
  });

  it('maps positional arguments, 1/0 booleans and answers junk without crashing (fuzzed packets)', async () => {
    const { control, inject } = await assemble({ control: { osc: { port: 0 as unknown as number } } });
    const port = oscPortOf(control);
    const s = await oscSender();
    const client = new Client('127.0.0.1', port);
    cleanup.push(() => client.close());
    await client.send(oscAddress('screens.blackout'), 'wall-2');
    await expect.poll(() => control.desk.state().surfaces.find((x) => x.id === 'wall-2')?.blackout).toBe(true);
    s.send(port, oscAddress('projector.power'), 'all', 1);
    await expect.poll(() => s.replies.at(-1)?.[3]).toBe('no-projectors');
    s.send(port, '/redhall/launch/missiles');
    await expect.poll(() => s.replies.at(-1)?.[3]).toBe('unknown-command');
    s.send(port, oscAddress('wall.goto'), 'wall-1', 'planet', 'x', 'extra');
    await expect.poll(() => s.replies.at(-1)?.[3]).toBe('bad-command');
    s.raw(port, Buffer.from('not osc at all'));
    await expect.poll(() => s.replies.at(-1)?.[3]).toBe('bad-packet');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        // UDP drops what a full socket buffer cannot take: pace the junk so the host sees it all.
        s.raw(port, Buffer.from(bytes));
        await new Promise((r) => setTimeout(r, 2));
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CONTROL_COMMAND_NAMES), fc.array(fc.oneof(fc.string(), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.boolean(), fc.double({ noNaN: true, min: -1e6, max: 1e6 }).filter((d) => !Number.isInteger(d))), { maxLength: 5 }), async (name, args) => {
        // Every message from an allowed sender gets exactly one answer, ok or error.
        const before = s.replies.length;
        s.send(port, oscAddress(name), ...args);
        await expect.poll(() => s.replies.length, { interval: 2 }).toBe(before + 1);
        expect(['ok', 'error']).toContain(s.replies.at(-1)![2]);
      }),
      { numRuns: 150 },
    );
    // The host still answers both doors.
    const n = s.replies.length;
    s.send(port, oscAddress('hall.state'));
    await expect.poll(() => s.replies.slice(n).some((r) => r[2] === 'ok' && r[3] === 'hall.state')).toBe(true);
    expect((await inject({ command: 'hall.state' })).status).toBe(200);
  });
});

function oscPortOf(control: ReturnType<typeof hallControl>): number {
  const p = control.oscPort();
  if (!p) throw new Error('OSC not listening');
  return p;
}

describe('opening hours', () => {
  it('powers projectors on at opening and off at closing, sleeps and wakes screens, starts the 10:00 show (faked clock)', async () => {
    const bj = (iso: string) => Date.parse(`${iso}+08:00`);
    let now = bj('2026-11-24T08:58:00');
    const clock = () => now;
    const pj = new PjlinkEmulator({ password: 'pj-pass', now: clock });
    await pj.start();
    cleanup.push(() => pj.stop());
    const { control, host, port } = await assemble(
      {
        projectors: [{ id: 'front', name: '序厅投影', host: '127.0.0.1', port: pj.port, password: 'pj-pass' }],
        hours: { open: '09:00', close: '17:30', shows: [{ at: '10:00', show: 'welcome' }] },
      },
      {},
      clock,
    );
    const wall = await surface(port, 'wall-1', host.surfaceToken);
    const hours = control.hours!;
    // Started before opening: the hall takes the closed state at once.
    expect(control.desk.state()).toMatchObject({ asleep: true, hours: { open: false, next: { what: 'open', at: new Date(bj('2026-11-24T09:00:00')).toISOString() } } });
    await expect.poll(() => wall.last('control.screen')?.asleep).toBe(true);
    expect(pj.powerLog()).toEqual([{ at: bj('2026-11-24T08:58:00'), on: false }]);

    now = bj('2026-11-24T08:59:59');
    await hours.tick();
    expect(pj.powerLog()).toHaveLength(1);
    now = bj('2026-11-24T09:00:10');
    await hours.tick();
    expect(pj.powerLog().at(-1)).toEqual({ at: bj('2026-11-24T09:00:10'), on: true });
    await expect.poll(() => wall.last('control.screen')?.asleep).toBe(false);
    expect(control.desk.state().show).toBeNull();

    now = bj('2026-11-24T10:00:05');
    await hours.tick();
    expect(control.desk.state().show?.showId).toBe('welcome');

    now = bj('2026-11-24T17:30:02');
    await hours.tick();
    expect(pj.powerLog().map((p) => [new Date(p.at).toISOString(), p.on])).toEqual([
      ['2026-11-24T00:58:00.000Z', false],
      ['2026-11-24T01:00:10.000Z', true],
      ['2026-11-24T09:30:02.000Z', false],
    ]);
    await expect.poll(() => wall.last('control.screen')?.asleep).toBe(true);
    expect(pj.power).toBe(0);
    expect(pj.authFailures).toBe(0);

    // A host asleep over night and morning runs only the latest change, and no show hours late.
    now = bj('2026-11-25T12:00:00');
    await hours.tick();
    expect(pj.powerLog().at(-1)).toEqual({ at: now, on: true });
    expect(pj.powerLog()).toHaveLength(4);
  });
});
