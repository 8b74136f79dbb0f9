import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import type { PlannedSurface } from '../../core/hall';
import { Host } from './server';
import { FAULT_SCREEN, PAGE_CSP } from './pages/plugin';
import { packs } from './packs/plugin';
import { PackStore } from './packs/store';
import { installPack } from './packs/install';
import { loadActivePack } from './packs/load';
import { hallContentOf } from './hall-content';
import { quiz } from './quiz/plugin';
import { QuizStatsStore } from './quiz-stats';
import { hallTables } from './tables';
import { parseHttpResponse } from '../../core/protocol/http';

// The host as the hall assembles it: every capability plugin registered together, so a hook
// of one cannot silently rewrite what another serves (the page CSP once replaced the pack
// assets' sandbox policy because the pack routes were only ever tested on a bare app).

const demo = join(import.meta.dirname, '../../content/demo-hall');
const kiosk: PlannedSurface = { id: 'kiosk', role: 'kiosk', displayName: 'DUMMY0', displayIndex: 0, touch: true, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };

let tmp: string;
let store: PackStore;
let stats: QuizStatsStore;
let host: Host;
let app: FastifyInstance;

async function assembled(rendererDir: string): Promise<Host> {
  const pack = (await loadActivePack(store, 'demo-hall'))!;
  return new Host({
    port: 0, listen: 'loopback', rendererDir, surfaces: [kiosk], warnings: [], idleSeconds: 90,
    content: () => hallContentOf(pack),
    capabilities: [
      packs({ store }),
      quiz({ banks: () => [{ id: 'demo-hall', dir: pack.dir }], stats }),
      hallTables({ dataDir: join(tmp, 'data'), packs: () => [{ id: 'demo-hall', version: pack.manifest.version, dir: pack.dir }], listen: 'loopback', port: () => 0, checkPin: async () => ({ ok: false, why: 'wrong-pin', waitMs: 0, checked: true }), now: Date.now, log: () => {} }).capability,
    ],
    log: () => {},
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'redhall-host-'));
  store = await new PackStore(join(tmp, 'data')).open();
  stats = new QuizStatsStore(join(tmp, 'data'));
  await installPack(store, demo);
  const renderer = join(tmp, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>RedHall</title>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(renderer, 'assets', 'app.js.map'), '{"version":3,"sources":["secret.ts"]}');
  host = await assembled(renderer);
  app = await host.ready();
}, 60_000);
afterAll(async () => {
  await host.close();
  store.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('the assembled host', () => {
  it('serves no source map, though the build keeps them', async () => {
    for (const url of ['/assets/app.js.map', '/assets/app.js.MAP?x=1']) {
      const r = await app.inject({ method: 'GET', url });
      expect([url, r.statusCode, r.body.includes('secret.ts')]).toEqual([url, 404, false]);
    }
    expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(200);
  });

  it('serves a pack SVG with its sandbox policy, not the page policy', async () => {
    const r = await app.inject({ method: 'GET', url: '/packs/demo-hall/media/map/park.svg' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/svg+xml');
    expect(r.headers['content-security-policy']).toBe("default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the pages, their assets and a missing page with the page policy', async () => {
    for (const url of ['/', '/index.html', '/assets/app.js', '/assets/missing.js']) {
      const r = await app.inject({ method: 'GET', url });
      expect([url, r.headers['content-security-policy']]).toEqual([url, PAGE_CSP]);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('<title>RedHall</title>');
  });

  it('gives API answers, which set no policy of their own, the page policy', async () => {
    for (const url of ['/api/health', '/api/hall', '/api/quiz-bank/demo-hall/pack.yaml']) {
      const r = await app.inject({ method: 'GET', url });
      expect([url, r.statusCode]).toEqual([url, 200]);
      expect(r.headers['content-security-policy']).toBe(PAGE_CSP);
    }
  });

  it('shows the shared please-wait screen, under the page policy, while the renderer is not built', async () => {
    const bare = await assembled(join(tmp, 'not-built'));
    try {
      const served = await bare.ready();
      const r = await served.inject({ method: 'GET', url: '/' });
      expect(r.statusCode).toBe(503);
      expect(r.headers['retry-after']).toBe('5');
      expect(r.body).toContain('data-testid="please-wait"');
      expect(r.body).toContain('http-equiv="refresh"');
      expect(r.headers['content-security-policy']).toBe(PAGE_CSP);
      // Its picture and style resolve under /shared/, where the top-level assets/ is served.
      expect(r.body).toContain('<base href="/shared/screens/">');
      for (const url of ['/shared/screens/screens.css', '/shared/brand/mark.svg']) expect([url, (await served.inject({ method: 'GET', url })).statusCode]).toEqual([url, 200]);
    } finally {
      await bare.close();
    }
  });

  it('serves the shared fault screen and its script from assets/, which need nothing of the renderer bundle', async () => {
    const page = await app.inject({ method: 'GET', url: `${FAULT_SCREEN}?surface=kiosk&retryAt=1` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="fault"');
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    const script = await app.inject({ method: 'GET', url: '/shared/screens/fault.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect((await app.inject({ method: 'GET', url: '/shared/sounds/warn.wav' })).headers['content-type']).toMatch(/audio\/(wav|x-wav|wave)/);
  });

  it('guards every admin route with the bearer hook and leaves the public ones open', async () => {
    const post = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/identify', headers: { 'content-type': 'application/json', ...headers }, payload: '{"on":false}' });
    expect((await post({})).statusCode).toBe(401);
    expect((await post({ authorization: 'Bearer wrong' })).statusCode).toBe(401);
    expect((await post({ authorization: `Basic ${host.adminToken}` })).statusCode).toBe(401);
    const ok = await post({ authorization: `Bearer ${host.adminToken}` });
    expect([ok.statusCode, ok.json()]).toEqual([200, { identify: false }]);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('answers every JSON route as the HTTP contract says, and refuses a malformed body in both languages', async () => {
    for (const key of ['GET /api/health', 'GET /api/hall'] as const) {
      const r = await app.inject({ method: 'GET', url: key.split(' ')[1]! });
      expect([key, parseHttpResponse(key, r.statusCode, r.json()).ok]).toEqual([key, true]);
    }
    const auth = { authorization: `Bearer ${host.adminToken}` };
    const on = await app.inject({ method: 'POST', url: '/api/identify', headers: auth });
    expect(parseHttpResponse('POST /api/identify', on.statusCode, on.json())).toEqual({ ok: true, value: { identify: true } });
    const bad = await app.inject({ method: 'POST', url: '/api/identify', headers: auth, payload: { on: 'yes' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'bad-request', message: { 'zh-Hans': expect.stringContaining('请求格式不正确'), en: expect.stringContaining('on') } });
    const refused = await app.inject({ method: 'POST', url: '/api/identify', payload: { on: false } });
    expect(parseHttpResponse('POST /api/identify', refused.statusCode, refused.json())).toMatchObject({ ok: false, status: 401, error: { error: 'unauthorised' } });
    await app.inject({ method: 'POST', url: '/api/identify', headers: auth, payload: { on: false } });
  });

  it('stores a quiz outcome a surface reports over the live socket', async () => {
    const port = await host.start();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    await new Promise((res, rej) => ws.once('open', res).once('error', rej));
    const welcome = new Promise((res) => ws.once('message', res));
    ws.send(JSON.stringify({ type: 'hello', protocol: 1, surfaceId: 'kiosk', token: host.surfaceToken }));
    await welcome;
    ws.send(JSON.stringify({ type: 'quiz.outcome', outcome: { v: 1, packId: 'demo-hall', bankId: 'self-check', formId: 'standard', status: 'started', day: '2026-11-23' } }));
    await expect.poll(() => stats.readAll().outcomes.map((o) => o.status)).toEqual(['started']);
    ws.close();
  });

  it('serves the tables socket beside the surfaces socket, and answers junk on it', async () => {
    const port = host.port || (await host.start());
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/tables`);
    await new Promise((res, rej) => ws.once('open', res).once('error', rej));
    const reply = new Promise<string>((res) => ws.once('message', (d) => res(String(d))));
    ws.send('not json');
    expect(JSON.parse(await reply)).toMatchObject({ type: 'error', code: 'bad-json' });
    ws.close();
  });
});
