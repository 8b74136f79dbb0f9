import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PlannedSurface } from '../../../core/hall';
import type { HallContent } from '../../../core/protocol/messages';
import { parseHttpResponse } from '../../../core/protocol/http';
import { Host } from '../server';
import { hallTables } from '../tables';
import { HostNames, hostPart } from './origin';
import type { SocketLimits } from './sockets';
import { RawSocket, until } from './testing';

const kiosk: PlannedSurface = { id: 'kiosk', role: 'kiosk', displayName: 'DUMMY0', displayIndex: 0, touch: true, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
let content: HallContent = { packId: 'demo-hall', packVersion: '1.0.0', title: { 'zh-Hans': '红色展厅', en: 'Red hall' }, modules: [] };
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function started(limits: Partial<SocketLimits> = {}, listen: 'loopback' | 'lan' = 'loopback'): Promise<{ host: Host; port: number }> {
  const data = await mkdtemp(join(tmpdir(), 'redhall-guard-'));
  const tables = hallTables({ dataDir: data, packs: () => [], listen: 'loopback', port: () => 0, checkPin: async () => ({ ok: false, why: 'wrong-pin', waitMs: 0, checked: true }), now: Date.now, log: () => {} });
  const host = new Host({
    port: 0, listen, rendererDir: join(data, 'no-renderer'), surfaces: [kiosk], warnings: [], idleSeconds: 90,
    content: () => content, capabilities: [tables.capability], limits, log: () => {},
  });
  const port = await host.start();
  cleanup.push(async () => {
    await host.close();
    await rm(data, { recursive: true, force: true });
  });
  return { host, port };
}

async function health(port: number) {
  const r = await fetch(`http://127.0.0.1:${port}/api/health`);
  const h = parseHttpResponse('GET /api/health', r.status, await r.json());
  if (!h.ok) throw new Error(h.error.message.en);
  return h.value;
}

const closeCodes = new WeakMap<WebSocket, Promise<number>>();
function ws(port: number, path = '/ws', headers: Record<string, string> = {}, address = '127.0.0.1'): Promise<WebSocket> {
  return new Promise((ok, fail) => {
    const s = new WebSocket(`ws://${address}:${port}${path}`, { headers });
    closeCodes.set(s, new Promise((r) => s.once('close', (code) => r(code))));
    s.once('open', () => ok(s));
    s.once('error', fail);
  });
}
const closed = (s: WebSocket) => closeCodes.get(s)!;

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
function getWithHost(port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/health', headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}
const hello = (s: WebSocket, host: Host) => s.send(JSON.stringify({ type: 'hello', protocol: 1, surfaceId: 'kiosk', token: host.surfaceToken }));

describe('Host and Origin checks', () => {
  it('refuses a foreign Host (DNS rebinding) and a foreign Origin on HTTP and WebSocket, and counts them', async () => {
    const { port } = await started();
    const get = (headers: Record<string, string>, method = 'GET') => fetch(`http://127.0.0.1:${port}/api/health`, { method, headers });
    expect((await get({})).status).toBe(200);
    const rebound = await getWithHost(port, `evil.example:${port}`);
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: 'cross-origin', message: { 'zh-Hans': expect.any(String), en: expect.any(String) } });
    expect((await getWithHost(port, `localhost:${port}`)).status).toBe(200);
    // A POST from another site's page is refused before the admin hook even looks at it.
    const post = await fetch(`http://127.0.0.1:${port}/api/identify`, { method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(403);
    expect(await post.json()).toMatchObject({ error: 'cross-origin' });
    await expect(ws(port, '/ws', { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(ws(port, '/ws/tables', { origin: 'null' })).rejects.toThrow(/403/);
    const own = await ws(port, '/ws', { origin: `http://127.0.0.1:${port}` });
    own.close();
    const h = await health(port);
    expect(h.guard).toMatchObject({ refusedHost: 1, refusedOrigin: 3 });
  });

  it('knows the hall by its LAN names only when it listens on the LAN', () => {
    const interfaces = () => ({ eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false } as never], lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true } as never] });
    const lan = new HostNames({ listen: 'lan', interfaces, hostname: () => 'RedHall-PC', extra: ['hall.example'] });
    const loop = new HostNames({ listen: 'loopback', interfaces, hostname: () => 'RedHall-PC' });
    for (const h of ['192.168.1.20:8080', 'redhall-pc.local', 'REDHALL-PC:8080', 'hall.example', '127.0.0.1:1', '[::1]:8080', 'localhost']) expect([h, lan.hostAllowed(h)]).toEqual([h, true]);
    for (const h of ['evil.example', 'redhall-pc.evil.example', '192.168.1.20.nip.io', 'a b']) expect([h, lan.hostAllowed(h)]).toEqual([h, false]);
    // Any IP literal: a rebinding page has a name, and an address that reached us is ours.
    expect(lan.hostAllowed('10.8.0.3:8080')).toBe(true);
    expect(loop.hostAllowed('redhall-pc.local')).toBe(false);
    expect(loop.hostAllowed('127.0.0.1:8080')).toBe(true);
    expect(lan.originAllowed('http://192.168.1.20:8080')).toBe(true);
    expect(loop.originAllowed('http://192.168.1.20:8080')).toBe(false);
    expect(lan.originAllowed('http://10.8.0.3:8080', '10.8.0.3:8080')).toBe(true);
    // A page on another machine of the LAN opening a socket to the hall.
    expect(lan.originAllowed('http://192.168.1.66', '192.168.1.20:8080')).toBe(false);
    expect(lan.originAllowed('http://evil.example')).toBe(false);
    expect(lan.originAllowed('null')).toBe(false);
    expect(lan.originAllowed(undefined)).toBe(true);
    expect(hostPart('[::1]:80')).toBe('::1');
  });
});

describe('socket limits', () => {
  it('closes a socket that does not say hello in time, and keeps one that did', async () => {
    const { host, port } = await started({ helloMs: 300 });
    const silent = await ws(port);
    const junk = await ws(port);
    junk.send('not even json');
    const good = await ws(port);
    hello(good, host);
    const phone = await ws(port, '/ws/tables');
    phone.send(JSON.stringify({ type: 'hello', protocol: 1 }));
    const silentPhone = await ws(port, '/ws/tables');
    expect(await closed(silent)).toBe(4008);
    // Junk is not a hello on the surfaces' socket.
    expect(await closed(junk)).toBe(4008);
    expect(await closed(silentPhone)).toBe(4008);
    await new Promise((r) => setTimeout(r, 400));
    expect([good.readyState, phone.readyState]).toEqual([WebSocket.OPEN, WebSocket.OPEN]);
    expect((await health(port)).guard.helloTimeouts).toBe(3);
    good.close();
    phone.close();
  });

  it('caps connections per address and in total, and takes new ones once the old are gone', async () => {
    const { port } = await started({ maxPerLoopback: 4, helloMs: 60_000 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => ws(port)));
    const open = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(open.length).toBe(4);
    // The fetch below needs a connection of its own: free one.
    open.pop()!.close();
    let refused = 0;
    await until(async () => (refused = (await health(port).catch(() => undefined))?.guard.refusedAddress ?? 0) > 0, 'a free slot');
    expect(refused).toBeGreaterThanOrEqual(4);
    for (const s of open) s.close();
    await Promise.all(open.map(closed));
    const again = await ws(port);
    again.close();
  });

  it('drops frames past the rate, stops reading the sender, and closes one that keeps on', async () => {
    const { host, port } = await started({ framesPerSecond: 20, burst: 20, floodLimit: 50 });
    const s = await ws(port);
    const replies: string[] = [];
    s.on('message', (d) => replies.push(d.toString()));
    hello(s, host);
    await until(() => replies.some((r) => r.includes('"welcome"')), 'welcome');
    const pongs = () => replies.filter((r) => r.includes('clock.pong')).length;
    // A burst within the bucket gets through, every frame answered.
    for (let i = 0; i < 15; i++) s.send(JSON.stringify({ type: 'clock.ping', id: i, t0: 1 }));
    await until(() => pongs() === 15, 'the burst answered');
    // A flood does not: it is cut off without a close handshake (1006 on this side). The pongs
    // in flight when the socket is cut may be lost, so only an upper bound is checked here.
    for (let i = 0; i < 500; i++) s.send(JSON.stringify({ type: 'clock.ping', id: 100 + i, t0: 1 }));
    expect(await closed(s)).toBe(1006);
    expect(pongs()).toBeLessThan(15 + 100);
    const h = await health(port);
    expect(h.guard.floodClosed).toBe(1);
    expect(h.guard.framesDropped).toBeGreaterThan(50);
  });

  // This machine's own LAN address: a socket to it comes from it, as a phone's comes from its own.
  const lanAddress = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  it.skipIf(!lanAddress)('refuses a LAN address’s new sockets for a while after it flooded, never loopback’s (needs a LAN address)', async () => {
    const { host, port } = await started({ framesPerSecond: 20, burst: 20, floodLimit: 50, floodCoolDownMs: 1500 }, 'lan');
    const flood = async (s: WebSocket) => {
      hello(s, host);
      for (let i = 0; i < 500; i++) s.send(JSON.stringify({ type: 'clock.ping', id: i, t0: 1 }));
      expect(await closed(s)).toBe(1006);
    };
    // Loopback (the hall's own windows share it): cut off, and let back in at once.
    await flood(await ws(port));
    (await ws(port)).close();
    expect(host.guard.counters.refusedCoolingDown).toBe(0);
    // A LAN address: cut off, then its upgrades are refused (429, with Retry-After) for a while.
    await flood(await ws(port, '/ws', {}, lanAddress));
    const refused = await new Promise<string>((ok) => {
      const s = new WebSocket(`ws://${lanAddress}:${port}/ws`);
      s.once('unexpected-response', (_req, res) => ok(`${res.statusCode} ${res.headers['retry-after']}`));
      s.once('open', () => ok('open'));
    });
    expect(refused).toMatch(/^429 [12]$/);
    const h = await health(port);
    expect(h.guard.refusedCoolingDown).toBe(1);
    expect(h.guard.floodClosed).toBe(2);
    // Loopback still gets in meanwhile, and the LAN address does once the cool-down is over.
    (await ws(port)).close();
    let back: WebSocket | undefined;
    await until(async () => (back = await ws(port, '/ws', {}, lanAddress).catch(() => undefined)) !== undefined, 'the LAN address let back in');
    back!.close();
  });

  it('closes a client that does not read its replies before they eat the host’s memory', async () => {
    // A content push of ~400 kB, forty times: 16 MB a non-reading client would make the host hold.
    content = { ...content, title: { 'zh-Hans': '红'.repeat(130_000), en: 'Red hall' } };
    const { host, port } = await started({ maxBufferedBytes: 1024 * 1024 });
    const raw = await RawSocket.open(port, '/ws');
    raw.send(JSON.stringify({ type: 'hello', protocol: 1, surfaceId: 'kiosk', token: host.surfaceToken }));
    await until(() => raw.received > 0, 'welcome');
    raw.stopReading();
    for (let i = 0; i < 40 && host.guard.counters.slowClosed === 0; i++) {
      host.contentChanged();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect((await health(port)).guard.slowClosed).toBe(1);
    // The client sees its socket end once it reads again.
    raw.socket.resume();
    await until(() => raw.closed, 'the slow client seeing the close');
    content = { ...content, title: { 'zh-Hans': '红色展厅', en: 'Red hall' } };
  });
});
