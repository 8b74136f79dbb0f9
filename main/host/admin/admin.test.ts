import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { UploadLine } from '../../../core/protocol/admin';
import { HallAuth } from '../auth/hall-auth';
import { buildPack } from '../packs/build';
import { installPack } from '../packs/install';
import { PackStore } from '../packs/store';
import { QuizStatsStore } from '../quiz-stats';
import { Host } from '../server';
import { admin } from './plugin';

const demo = join(import.meta.dirname, '../../../content/demo-hall');
const PIN = '864209';

// Every admin route, as the console calls it.
const ROUTES: Array<{ method: 'GET' | 'POST'; url: string; payload?: unknown; type?: string }> = [
  { method: 'GET', url: '/api/admin/packs' },
  { method: 'POST', url: '/api/admin/packs/activate', payload: { packId: 'demo-hall', version: '1.0.0' } },
  { method: 'POST', url: '/api/admin/packs/rollback', payload: { packId: 'demo-hall' } },
  { method: 'POST', url: '/api/admin/packs/prune', payload: { packId: 'demo-hall' } },
  { method: 'POST', url: '/api/admin/preview', payload: { stop: true } },
  { method: 'GET', url: '/api/admin/stats' },
  { method: 'GET', url: '/api/admin/stats/visits.csv' },
  { method: 'GET', url: '/api/admin/surfaces/kiosk/thumbnail' },
  { method: 'POST', url: '/api/admin/packs/upload', payload: Buffer.from('PK\u0003\u0004 not really'), type: 'application/octet-stream' },
  { method: 'POST', url: '/api/identify', payload: { on: false } },
];

let tmp: string;
let t = 5_000_000;
let host: Host;
let app: FastifyInstance;
let store: PackStore;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'redhall-admin-'));
  const data = join(tmp, 'data');
  store = await new PackStore(data).open();
  await installPack(store, demo);
  const auth = await HallAuth.withPins({ admin: PIN }, { now: () => t });
  host = new Host({
    port: 0, listen: 'lan', rendererDir: '/nonexistent', warnings: [], idleSeconds: 90, content: () => undefined, log: () => {}, auth,
    surfaces: [{ id: 'kiosk', role: 'kiosk', displayName: 'DUMMY0', displayIndex: 0, touch: true, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
    capabilities: [admin({ store, dataDir: data, quizStats: new QuizStatsStore(data), content: () => undefined })],
  });
  app = await host.ready();
}, 60_000);
afterAll(async () => {
  await host.close();
  await rm(tmp, { recursive: true, force: true });
});

const send = (r: (typeof ROUTES)[number], headers: Record<string, string>, remoteAddress?: string) =>
  app.inject({
    method: r.method,
    url: r.url,
    headers: { ...(r.payload !== undefined ? { 'content-type': r.type ?? 'application/json' } : {}), ...headers },
    ...(r.payload !== undefined ? { payload: r.payload as string } : {}),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
const signIn = async (pin = PIN, remoteAddress?: string) => {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'admin', pin }, ...(remoteAddress ? { remoteAddress } : {}) });
  return { res, cookie: String(res.headers['set-cookie'] ?? '').split(';')[0]! };
};

describe('every admin route is refused', () => {
  it('without auth, after a wrong PIN, with a forged cookie, and with a docent-less bearer', async () => {
    const wrong = await signIn('000000', '10.1.1.1');
    expect(wrong.res.statusCode).toBe(401);
    expect(wrong.res.headers['set-cookie']).toBeUndefined();
    for (const r of ROUTES) {
      expect([r.url, (await send(r, {})).statusCode]).toEqual([r.url, 401]);
      expect([r.url, (await send(r, { cookie: 'redhall_admin=guessed-token' })).statusCode]).toEqual([r.url, 401]);
      expect([r.url, (await send(r, { authorization: 'Bearer guessed-token' })).statusCode]).toEqual([r.url, 401]);
    }
  });

  it('from another origin, through a foreign host name, or from another address, even with a good session', async () => {
    const { cookie } = await signIn();
    for (const r of ROUTES) {
      expect([r.url, (await send(r, { cookie, origin: 'http://evil.example' })).statusCode]).toEqual([r.url, 403]);
      expect([r.url, (await send(r, { cookie, host: 'redhall.evil.example' })).statusCode]).toEqual([r.url, 403]);
      expect([r.url, (await send(r, { cookie, 'sec-fetch-site': 'cross-site' })).statusCode]).toEqual([r.url, 403]);
      expect([r.url, (await send(r, { cookie }, '10.9.9.9')).statusCode]).toEqual([r.url, 401]);
    }
  });

  it('with a session replayed after logout, or expired', async () => {
    const a = await signIn();
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a.cookie } });
    const b = await signIn();
    t += 31 * 60_000; // admin sessions end after 30 idle minutes
    for (const [i, r] of ROUTES.entries()) {
      expect([r.url, (await send(r, { cookie: a.cookie })).statusCode]).toEqual([r.url, 401]);
      const expired = await send(r, { cookie: b.cookie });
      // The first use says why; the ended session is then forgotten like any unknown token.
      expect([r.url, expired.statusCode, expired.json().error]).toEqual([r.url, 401, i === 0 ? 'session-expired' : 'unauthorised']);
    }
  });

  it('but served with a live session from our own page', async () => {
    const { cookie } = await signIn();
    for (const r of ROUTES) {
      const res = await send(r, { cookie, origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' });
      expect([r.url, res.statusCode === 401 || res.statusCode === 403]).toEqual([r.url, false]);
    }
  });
});

describe('packs through the admin routes', () => {
  it('uploads a pack with install progress, refuses a broken one with its offending line, activates, rolls back, prunes', async () => {
    const { cookie } = await signIn();
    const h = { cookie };
    const v2 = join(tmp, 'v2');
    await cp(demo, v2, { recursive: true });
    await writeFile(join(v2, 'pack.yaml'), (await readFile(join(v2, 'pack.yaml'), 'utf8')).replace('version: 1.0.0', 'version: 1.1.0'));
    const file = join(tmp, 'v2.rhpack');
    expect((await buildPack(v2, file)).lock).toBeDefined();
    const up = await app.inject({ method: 'POST', url: '/api/admin/packs/upload', headers: { ...h, 'content-type': 'application/octet-stream' }, payload: await readFile(file) });
    expect(up.statusCode).toBe(200);
    const lines = up.body.trim().split('\n').map((l) => UploadLine.parse(JSON.parse(l)));
    const phases = new Set(lines.flatMap((l) => (l.type === 'pack.progress' ? [l.phase] : [])));
    expect([...phases]).toEqual(expect.arrayContaining(['extract', 'verify', 'validate', 'activate']));
    expect(lines.at(-1)).toMatchObject({ type: 'result', ok: true, packId: 'demo-hall', version: '1.1.0' });
    expect((await store.pointer('demo-hall'))?.version).toBe('1.0.0'); // installed, not live

    // A broken pack: its finding comes with the line it is on.
    const broken = join(tmp, 'broken');
    await cp(demo, broken, { recursive: true });
    await writeFile(join(broken, 'pack.yaml'), (await readFile(join(broken, 'pack.yaml'), 'utf8')).replace('version: 1.0.0', 'version: 1.2.0\ncolour: red'));
    const bad = await app.inject({ method: 'POST', url: '/api/admin/packs/upload', headers: { ...h, 'content-type': 'application/zip' }, payload: await zipFolder(broken) });
    const result = UploadLine.parse(JSON.parse(bad.body.trim().split('\n').at(-1)!));
    expect(result).toMatchObject({ type: 'result', ok: false });
    const f = result.type === 'result' ? result.findings.find((x) => x.file === 'pack.yaml' && x.severity === 'error') : undefined;
    expect(f?.line).toBe(4);
    expect(f?.excerpt?.find((l) => l.line === f.line)?.text).toBe('colour: red');
    expect(f?.message['zh-Hans']).toBeTruthy();
    expect(await store.versions('demo-hall')).toEqual(['1.0.0', '1.1.0']);

    const act = await app.inject({ method: 'POST', url: '/api/admin/packs/activate', headers: h, payload: { packId: 'demo-hall', version: '1.1.0' } });
    expect(act.json()).toEqual({ packId: 'demo-hall', version: '1.1.0', previous: '1.0.0' });
    const back = await app.inject({ method: 'POST', url: '/api/admin/packs/rollback', headers: h, payload: { packId: 'demo-hall' } });
    expect(back.json()).toEqual({ packId: 'demo-hall', version: '1.0.0', previous: '1.1.0' });
    const none = await app.inject({ method: 'POST', url: '/api/admin/packs/activate', headers: h, payload: { packId: 'demo-hall', version: '9.9.9' } });
    expect(none.statusCode).toBe(409);
    expect(none.json().message['zh-Hans']).toContain('没有安装');
    const list = (await app.inject({ method: 'GET', url: '/api/admin/packs', headers: h })).json();
    // A rollback is not an activation: nothing is left to roll back to, so 1.1.0 is an old version now.
    expect(list.packs[0]).toMatchObject({ id: 'demo-hall', active: '1.0.0', previous: null });
    const again = await app.inject({ method: 'POST', url: '/api/admin/packs/activate', headers: h, payload: { packId: 'demo-hall', version: '1.1.0' } });
    expect(again.json()).toEqual({ packId: 'demo-hall', version: '1.1.0', previous: '1.0.0' });
    const pruned = await app.inject({ method: 'POST', url: '/api/admin/packs/prune', headers: h, payload: { packId: 'demo-hall' } });
    expect(pruned.json()).toEqual({ packId: 'demo-hall', removed: [], kept: ['1.0.0', '1.1.0'] });
    await app.inject({ method: 'POST', url: '/api/admin/packs/rollback', headers: h, payload: { packId: 'demo-hall' } });
    const pruned2 = await app.inject({ method: 'POST', url: '/api/admin/packs/prune', headers: h, payload: { packId: 'demo-hall' } });
    expect(pruned2.json()).toEqual({ packId: 'demo-hall', removed: ['1.1.0'], kept: ['1.0.0'] });
    expect(await store.versions('demo-hall')).toEqual(['1.0.0']);
  }, 120_000);
});

async function zipFolder(dir: string): Promise<Buffer> {
  const yazl = await import('yazl');
  const { walkPackFolder } = await import('../packs/walk');
  const zip = new yazl.ZipFile();
  for (const p of (await walkPackFolder(dir)).files) zip.addFile(join(dir, p), `pack/${p}`);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
