import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Host } from './server';
import { loadPackDir } from './packs/load';
import { hallContentOf } from './hall-content';
import type { PlannedSurface } from '../../core/hall';
import { parseHostMessage, type HostMessage } from '../../core/protocol/messages';

const kiosk: PlannedSurface = { id: 'kiosk', role: 'kiosk', displayName: 'DUMMY0', displayIndex: 0, touch: true, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };

let host: Host | undefined;
afterEach(async () => host?.close());

async function startHost() {
  const pack = await loadPackDir('content/demo-hall');
  host = new Host({ port: 0, listen: 'loopback', rendererDir: '/nonexistent', surfaces: [kiosk], warnings: [], idleSeconds: 90, content: () => hallContentOf(pack), log: () => {} });
  const port = await host.start();
  return { host, port };
}

/** A socket that queues every host message so a test can await them in order. */
async function connect(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const queue: HostMessage[] = [];
  const waiters: Array<(m: HostMessage) => void> = [];
  ws.on('message', (d) => {
    const r = parseHostMessage(d.toString());
    if (!r.ok) throw new Error(`host sent an invalid message: ${r.detail}`);
    const w = waiters.shift();
    if (w) w(r.message);
    else queue.push(r.message);
  });
  await new Promise((res, rej) => ws.once('open', res).once('error', rej));
  const next = () => new Promise<HostMessage>((res) => { const m = queue.shift(); if (m) res(m); else waiters.push(res); });
  return { ws, next, send: (x: unknown) => ws.send(typeof x === 'string' ? x : JSON.stringify(x)) };
}

describe('host', () => {
  it('answers junk with an error and keeps serving', async () => {
    const { port } = await startHost();
    const c = await connect(port);
    c.send('{not json');
    expect(await c.next()).toMatchObject({ type: 'error', code: 'bad-json' });
    c.send({ type: 'launch-missiles' });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'bad-message', ref: 'launch-missiles' });
    c.send({ type: 'clock.ping', id: -1, t0: 0 });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'bad-message', ref: 'clock.ping' });
    c.send({ type: 'clock.ping', id: 1, t0: 0 });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'unauthorised' });
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'bad-message' });
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(res.status).toBe(200);
    c.ws.close();
  });

  it('refuses a wrong token and welcomes the right one with the hall content', async () => {
    const { host, port } = await startHost();
    const bad = await connect(port);
    bad.send({ type: 'hello', protocol: 1, surfaceId: 'kiosk', token: 'x'.repeat(32) });
    expect(await bad.next()).toMatchObject({ type: 'error', code: 'unauthorised' });

    const c = await connect(port);
    c.send({ type: 'hello', protocol: 1, surfaceId: 'kiosk', token: host.surfaceToken });
    const welcome = await c.next();
    expect(welcome).toMatchObject({ type: 'welcome', surface: { id: 'kiosk', role: 'kiosk', displayName: 'DUMMY0' }, idleSeconds: 90 });
    const hall = await c.next();
    expect(hall.type === 'hall' && hall.content.modules.map((m) => (typeof m.title === 'string' ? m.title : m.title['zh-Hans']))).toEqual(['红色起航', '党建引领', '力量凝聚', '坚定信仰', '初心永恒']);

    c.send({ type: 'clock.ping', id: 7, t0: 123 });
    const pong = await c.next();
    expect(pong).toMatchObject({ type: 'clock.pong', id: 7, t0: 123 });
    c.send({ type: 'clock.report', offsetMs: 12.5, rttMs: 0.4, samples: 8 });
    c.send({ type: 'surface.state', screen: 'home', locale: 'zh-Hans' });
    // Health reflects the connection and the report once the host has read them.
    await expect.poll(async () => ((await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { surfaces: Array<Record<string, unknown>> }).surfaces[0]).toMatchObject({
      id: 'kiosk', connected: true, clockOffsetMs: 12.5, screen: 'home', restarts: 0,
    });
    c.ws.close();
    await expect.poll(() => host.registry.get('kiosk')?.connected).toBe(false);
  });

  it('guards identify with the admin token', async () => {
    const { host, port } = await startHost();
    const url = `http://127.0.0.1:${port}/api/identify`;
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"on":true}' })).status).toBe(401);
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${host.adminToken}` }, body: '{"on":true}' });
    expect(await ok.json()).toEqual({ identify: true });
  });
});
