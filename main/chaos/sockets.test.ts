// Chaos, the network: hostile and broken clients against the host as a hall assembles it, each
// case bounded in time. (The host SIGKILLed and restarted under live surfaces is e2e/host-restart
// .test.ts, on real windows; the figures are `npm run bench harden`.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseHttpResponse } from '../../core/protocol/http';
import { RawSocket, until } from '../host/guard/testing';
import { startChaosHost, type ChaosHost } from './host';

let h: ChaosHost | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function health(port: number) {
  const r = await fetch(`http://127.0.0.1:${port}/api/health`);
  const v = parseHttpResponse('GET /api/health', r.status, await r.json());
  if (!v.ok) throw new Error(v.error.message.en);
  return v.value;
}

/** A surface's socket that said hello and was welcomed; replies are kept. */
async function surface(port: number, token: string, id = 'kiosk'): Promise<{ ws: WebSocket; replies: Array<Record<string, unknown>> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const replies: Array<Record<string, unknown>> = [];
  ws.on('message', (d) => replies.push(JSON.parse(d.toString()) as Record<string, unknown>));
  await new Promise((ok, fail) => {
    ws.once('open', ok);
    ws.once('error', fail);
  });
  ws.send(JSON.stringify({ type: 'hello', protocol: 1, surfaceId: id, token }));
  await until(() => replies.some((r) => r.type === 'welcome'), 'welcome', 5000);
  return { ws, replies };
}

const outcome = (n: number) => ({ v: 1, packId: 'demo-hall', bankId: 'party-spirit', formId: 'standard', status: 'completed', day: '2026-11-23', answered: 1, dimensions: { ideals: n % 100 }, overall: n % 100, answers: { 'ideals-study': 4 } });

describe('chaos: sockets', () => {
  it('a client that sends 10 MB of junk and never reads is cut off; the host answers throughout', { timeout: 20_000 }, async () => {
    h = await startChaosHost();
    const raw = await RawSocket.open(h.port, '/ws');
    raw.stopReading();
    const junk = JSON.stringify({ type: 'nonsense', pad: 'x'.repeat(1000) });
    let sent = 0;
    // 10.5 MB, as in the probe that once took the host from 325 to 904 MB.
    while (sent < 10_500_000 && !raw.socket.destroyed) {
      if (!raw.send(junk)) await new Promise((r) => setTimeout(r, 1));
      sent += junk.length;
      if (sent % 1_000_000 < junk.length) expect((await health(h.port)).app).toBe('redhall');
    }
    await until(async () => {
      const g = (await health(h!.port)).guard;
      return g.floodClosed + g.slowClosed >= 1;
    }, 'the host cutting the junk client off');
    const g = (await health(h.port)).guard;
    expect(g.framesDropped).toBeGreaterThan(0);
    raw.destroy();
  });

  it('1,000 silent sockets: most are refused at the door, the rest closed at the hello deadline; a surface then gets in', { timeout: 30_000 }, async () => {
    h = await startChaosHost({ helloMs: 1500 });
    const opened = await Promise.allSettled(Array.from({ length: 1000 }, () => RawSocket.open(h!.port, '/ws')));
    const upgraded = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    // One address (loopback) holds at most its share.
    expect(upgraded.length).toBeLessThanOrEqual(256);
    expect(upgraded.length).toBeGreaterThan(0);
    await until(() => upgraded.every((s) => s.closed), 'every silent socket closed', 10_000);
    const g = (await health(h.port)).guard;
    expect(g.helloTimeouts).toBe(upgraded.length);
    expect(g.refusedAddress).toBeGreaterThanOrEqual(1000 - upgraded.length);
    const s = await surface(h.port, h.host.surfaceToken);
    expect((await health(h.port)).surfaces.find((x) => x.id === 'kiosk')?.connected).toBe(true);
    s.ws.close();
  });

  it('a flood of self-check outcomes from a signed-in surface is throttled and cut off; pings and a new surface are answered meanwhile; the disk grows by a bounded amount', { timeout: 30_000 }, async () => {
    h = await startChaosHost();
    const flooder = await surface(h.port, h.host.surfaceToken, 'kiosk');
    const pinger = await surface(h.port, h.host.surfaceToken, 'wall-1');
    let floodSent = 0;
    const flood = (async () => {
      while (flooder.ws.readyState === WebSocket.OPEN && floodSent < 50_000) {
        flooder.ws.send(JSON.stringify({ type: 'quiz.outcome', outcome: outcome(floodSent++) }));
        if (floodSent % 200 === 0) await new Promise((r) => setImmediate(r));
      }
    })();
    for (let i = 0; i < 20; i++) {
      pinger.ws.send(JSON.stringify({ type: 'clock.ping', id: i, t0: i }));
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(() => pinger.replies.filter((r) => r.type === 'clock.pong').length === 20, 'all 20 pongs during the flood');
    await flood;
    await until(async () => (await health(h!.port)).guard.floodClosed >= 1, 'the flooder closed');
    await h.stats.close();
    const statsDir = join(h.dataDir, 'stats');
    const stored = readdirSync(statsDir).reduce((n, f) => n + readFileSync(join(statsDir, f), 'utf8').split('\n').filter(Boolean).length, 0);
    // What got through is what the rate allows (a burst of 100 plus 50/s), not what was sent.
    expect(floodSent).toBeGreaterThan(500);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(floodSent / 2);
    pinger.ws.close();
  });

  it('junk on every route answers 4xx (or a deliberate 503), never a crash; the host is healthy after', { timeout: 60_000 }, async () => {
    h = await startChaosHost();
    const app = await h.host.ready();
    const routes = h.host.routes.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    expect(routes.length).toBeGreaterThan(10);
    const params = ['..%2f..%2fetc%2fpasswd', '%00', '%E4%B8%AD', 'x'.repeat(3000), '..', '%2e%2e%5c', 'demo-hall'];
    const bodies: Array<{ payload: string; type: string }> = [
      { payload: '{', type: 'application/json' },
      { payload: 'null', type: 'application/json' },
      { payload: '[1,2,3]', type: 'application/json' },
      { payload: '['.repeat(5000) + ']'.repeat(5000), type: 'application/json' },
      { payload: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', type: 'application/json' },
      { payload: '\u0000\u00ff\ufffd', type: 'application/octet-stream' },
      { payload: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
      { payload: 'x'.repeat(1_100_000), type: 'application/json' },
    ];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const r of routes) {
      for (const p of params) {
        const url = r.url.replace(/:[A-Za-z]+/g, p).replace('*', `${p}/${p}`);
        for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as const) {
          for (const b of method === 'GET' || method === 'DELETE' ? [undefined] : bodies) {
            const res = await app.inject({
              method, url,
              headers: { range: 'bytes=9-2', 'if-none-match': '"', cookie: 'rh_session=%%%', authorization: 'Bearer \u0000', ...(b ? { 'content-type': b.type } : {}) },
              ...(b ? { payload: b.payload } : {}),
            });
            sent++;
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            if (res.statusCode >= 500 && res.statusCode !== 503) throw new Error(`${method} ${url.slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(1000);
    // And junk frames on both sockets: each answered, none fatal.
    for (const path of ['/ws', '/ws/tables']) {
      const ws = new WebSocket(`ws://127.0.0.1:${h.port}${path}`);
      const replies: string[] = [];
      ws.on('message', (d) => replies.push(d.toString()));
      await new Promise((ok) => ws.once('open', ok));
      const frames = ['', '{', 'null', '[]', '{"type":1}', '{"type":"hello","protocol":99}', '{"type":"join","protocol":1,"code":"\u0000"}', JSON.stringify({ type: 'x'.repeat(10_000) }), '\ud800'];
      for (const f of frames) ws.send(f);
      ws.send(Buffer.from([0, 1, 2]), { binary: true });
      await until(() => replies.length >= frames.length, `${path}: every junk frame answered`);
      ws.close();
    }
    expect((await health(h.port)).app).toBe('redhall');
  });
});
