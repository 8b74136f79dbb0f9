import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Host } from '../server';
import { PinGate } from './gate';
import { HallAuth } from './hall-auth';
import { crossOriginReason } from './origin';
import { hashPin, PinBook, verifyPin } from './pins';
import { Sessions } from './sessions';

describe('PIN hashes', () => {
  it('verify the PIN they were made from and nothing else; the stored text holds no PIN', async () => {
    const h = await hashPin('24681357');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(h).not.toContain('24681357');
    expect(await verifyPin('24681357', h)).toBe(true);
    expect(await verifyPin('24681358', h)).toBe(false);
    expect(await verifyPin('24681357', 'scrypt$x')).toBe(false);
    // a hand-edited cost far above ours is refused rather than computed
    expect(await verifyPin('1', h.replace('$32768$', '$1048576$'))).toBe(false);
    expect(await hashPin('24681357')).not.toBe(h); // salted
  });
});

describe('the PIN book (DATA/settings/pins.json)', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'redhall-pins-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stores hashes only, readable by the owner only, and a running book sees a change', async () => {
    const file = join(dir, 'settings', 'pins.json');
    const running = new PinBook(file);
    await running.setFallback('admin', '1111');
    expect(await verifyPin('1111', running.hash('admin')!)).toBe(true);
    await new PinBook(file).set('admin', '987654'); // as `redhall pin set admin` does
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('987654');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(running.isStored('admin')).toBe(true);
    expect(await verifyPin('987654', running.hash('admin')!)).toBe(true);
    expect(await verifyPin('1111', running.hash('admin')!)).toBe(false); // the stored PIN wins over the fallback
    await expect(running.set('docent', '12a4')).rejects.toThrow(/4 到 12 位数字/);
  });

  it('a damaged file admits nobody (never everybody)', async () => {
    const file = join(dir, 'damaged.json');
    await writeFile(file, '{"version":1,"pins":{"admin":');
    const book = new PinBook(file);
    await book.setFallback('admin', '1111');
    expect(await verifyPin('1111', book.hash('admin')!)).toBe(false);
  });
});

describe('fallback PINs', () => {
  it('are hashed while the hall starts, and a PIN checked meanwhile is judged against them', async () => {
    const auth = new HallAuth({ pins: new PinBook(undefined), now: Date.now });
    const logged: string[] = [];
    // Not awaited, as the hall starts: the checks below come before the hashes are done.
    const drawn = auth.fallbacks({ dm: '24681357' }, (l) => logged.push(l));
    const [dm, wrong] = await Promise.all([auth.checkPin('dm', '24681357', '10.0.0.1'), auth.checkPin('dm', '13572468', '10.0.0.2')]);
    expect(dm).toEqual({ ok: true });
    expect(wrong).toMatchObject({ ok: false, why: 'wrong-pin' });
    const pins = await drawn;
    expect(Object.keys(pins).sort()).toEqual(['admin', 'docent']);
    expect(await auth.checkPin('admin', pins.admin!, '10.0.0.3')).toEqual({ ok: true });
    expect(logged.filter((l) => l.includes('PIN for this run'))).toHaveLength(2);
  });
});

describe('the gate against guessing', () => {
  it('answers two wrong PINs at once, then slows down 1, 2, 4 s, then locks out for longer each time', () => {
    const g = new PinGate();
    let t = 0;
    expect([g.failed('a', t), g.failed('a', t)]).toEqual([0, 0]);
    expect(g.failed('a', t)).toBe(1000);
    expect(g.waitMs('a', t + 500)).toBe(500);
    expect(g.waitMs('b', t)).toBe(0); // per address
    t += 1000;
    expect(g.failed('a', t)).toBe(2000);
    t += 2000;
    expect(g.failed('a', t)).toBe(5 * 60_000); // fifth in a row: locked out
    expect(g.lockedOut('a', t + 1)).toBe(true);
    t += 5 * 60_000;
    expect(g.waitMs('a', t)).toBe(0);
    expect([g.failed('a', t), g.failed('a', t), g.failed('a', t), g.failed('a', t + 10_000)]).toEqual([0, 0, 1000, 2000]);
    expect(g.failed('a', t + 20_000)).toBe(10 * 60_000); // the second lockout is twice as long
    g.succeeded('a');
    expect(g.waitMs('a', t + 20_000)).toBe(0);
  });
});

describe('sessions', () => {
  it('end when idle, at most after their maximum, at logout, and are good from their own address only', () => {
    let t = 0;
    const s = new Sessions(() => t, { admin: { idleMs: 100, maxMs: 250 }, docent: { idleMs: 1000, maxMs: 1000 } });
    const a = s.issue('admin', '10.0.0.2');
    expect(a.expiresAt).toBe(100);
    t = 90;
    expect(s.use(a.token, '10.0.0.2')).toMatchObject({ ok: true, expiresAt: 190 });
    expect(s.use(a.token, '10.0.0.3')).toEqual({ ok: false, why: 'elsewhere' });
    t = 180;
    expect(s.use(a.token, '10.0.0.2').ok).toBe(true);
    t = 240;
    expect(s.use(a.token, '10.0.0.2').ok).toBe(true);
    t = 250;
    expect(s.use(a.token, '10.0.0.2')).toEqual({ ok: false, why: 'expired' });
    const b = s.issue('admin', '10.0.0.2');
    s.end(b.token);
    expect(s.use(b.token, '10.0.0.2')).toEqual({ ok: false, why: 'unknown' });
    expect(s.use('made-up', '10.0.0.2')).toEqual({ ok: false, why: 'unknown' });
  });
});

describe('the Origin/Host check', () => {
  const ok = { host: '192.168.1.20:8080' };
  it('lets our own pages and tools through', () => {
    expect(crossOriginReason(ok)).toBeUndefined();
    expect(crossOriginReason({ ...ok, origin: 'http://192.168.1.20:8080', 'sec-fetch-site': 'same-origin' })).toBeUndefined();
    expect(crossOriginReason({ host: 'localhost:3000' })).toBeUndefined();
    expect(crossOriginReason({ host: '[::1]:3000', origin: 'http://[::1]:3000' })).toBeUndefined();
    expect(crossOriginReason({ host: 'hall.local:80' }, ['hall.local'])).toBeUndefined();
  });
  it('refuses other sites, other ports, opaque origins, unknown names and no Host', () => {
    expect(crossOriginReason({ ...ok, origin: 'http://evil.example' })?.en).toMatch(/another page/);
    expect(crossOriginReason({ ...ok, origin: 'http://192.168.1.20:9999' })).toBeDefined();
    expect(crossOriginReason({ ...ok, origin: 'null' })).toBeDefined();
    expect(crossOriginReason({ ...ok, 'sec-fetch-site': 'cross-site' })).toBeDefined();
    expect(crossOriginReason({ ...ok, 'sec-fetch-site': 'same-site' })).toBeDefined();
    expect(crossOriginReason({ host: 'rebind.evil.example:8080' })?.en).toMatch(/not accepted/);
    expect(crossOriginReason({})).toBeDefined();
    expect(crossOriginReason({ host: 'a b' })).toBeDefined();
  });
});

describe('a guarded route on the assembled host', () => {
  let t = 1_000_000;
  let host: Host;
  let app: FastifyInstance;
  const identify = (headers: Record<string, string> = {}, remoteAddress?: string) =>
    app.inject({ method: 'POST', url: '/api/identify', headers: { 'content-type': 'application/json', ...headers }, payload: '{"on":false}', ...(remoteAddress ? { remoteAddress } : {}) });
  const login = (pin: string, headers: Record<string, string> = {}, remoteAddress?: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json', ...headers }, payload: { role: 'admin', pin }, ...(remoteAddress ? { remoteAddress } : {}) });
  const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0]!;

  beforeAll(async () => {
    const auth = await HallAuth.withPins({ admin: '135790', docent: '2468' }, { now: () => t });
    host = new Host({ port: 0, listen: 'lan', rendererDir: '/nonexistent', surfaces: [], warnings: [], idleSeconds: 90, content: () => undefined, log: () => {}, auth });
    app = await host.ready();
  });
  afterAll(() => host.close());

  it('refuses a request without auth, with a made-up session, or a docent session', async () => {
    const none = await identify();
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ error: 'unauthorised', message: { 'zh-Hans': expect.stringContaining('管理员 PIN') } });
    expect((await identify({ cookie: 'redhall_admin=forged' })).statusCode).toBe(401);
    const docent = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'docent', pin: '2468' } });
    expect(docent.statusCode).toBe(200);
    expect((await identify({ cookie: cookieOf(docent) })).statusCode).toBe(401);
  });

  it('admits the right PIN as an HttpOnly SameSite=Strict session, and the machine token', async () => {
    const res = await login('135790');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(String(res.headers['set-cookie'])).toMatch(/^redhall_admin=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(res.json()).toEqual({ role: 'admin', expiresAt: new Date(t + 30 * 60_000).toISOString() });
    expect((await identify({ cookie: cookieOf(res) })).statusCode).toBe(200);
    expect((await identify({ authorization: `Bearer ${host.adminToken}` })).statusCode).toBe(200);
    const who = await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: cookieOf(res) } });
    expect(who.json()).toEqual({ sessions: [{ role: 'admin', expiresAt: new Date(t + 30 * 60_000).toISOString() }] });
  });

  it('refuses a good session from another origin, through an unknown host name, or replayed from another address', async () => {
    const cookie = cookieOf(await login('135790'));
    const evil = await identify({ cookie, origin: 'http://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json()).toMatchObject({ error: 'cross-origin' });
    expect((await identify({ cookie, host: 'rebind.evil.example' })).statusCode).toBe(403);
    expect((await identify({ cookie, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await login('135790', { origin: 'http://evil.example' })).statusCode).toBe(403);
    expect((await identify({ cookie }, '192.168.1.66')).statusCode).toBe(401);
    expect((await identify({ cookie, origin: 'http://localhost:80' })).statusCode).toBe(200);
  });

  it('refuses a session after logout (replayed) and after it expired', async () => {
    const cookie = cookieOf(await login('135790'));
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.json()).toEqual({ ended: ['admin'] });
    expect(String(out.headers['set-cookie'])).toMatch(/^redhall_admin=; .*Max-Age=0$/);
    expect((await identify({ cookie })).statusCode).toBe(401);
    const again = cookieOf(await login('135790'));
    t += 30 * 60_000;
    const expired = await identify({ cookie: again });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: 'session-expired' });
  });

  it('refuses wrong PINs, slows the address down, then locks it out even for the right PIN', async () => {
    const from = '192.168.1.77';
    const wrong1 = await login('000000', {}, from);
    expect(wrong1.statusCode).toBe(401);
    expect(wrong1.json()).toMatchObject({ error: 'wrong-pin', message: { 'zh-Hans': '管理员 PIN 不对。' } });
    expect((await login('000001', {}, from)).statusCode).toBe(401);
    const slowed = await login('000002', {}, from);
    expect(slowed.json()).toMatchObject({ error: 'wrong-pin', retryAfterSec: 1 });
    const waiting = await login('135790', {}, from); // right PIN, but too soon: not even compared
    expect(waiting.statusCode).toBe(429);
    expect(waiting.headers['retry-after']).toBe('1');
    expect(waiting.json()).toMatchObject({ error: 'rate-limited' });
    t += 1000;
    expect((await login('000003', {}, from)).statusCode).toBe(401);
    t += 2000;
    const locked = await login('000004', {}, from);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: 'locked-out', retryAfterSec: 300 });
    t += 60_000;
    expect((await login('135790', {}, from)).json()).toMatchObject({ error: 'locked-out' });
    expect((await login('135790', {}, '192.168.1.78')).statusCode).toBe(200); // another address is not punished
    t += 4 * 60_000;
    expect((await login('135790', {}, from)).statusCode).toBe(200);
  });

  it('refuses a malformed login with a bilingual 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'root', pin: '1' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad-request' });
  });
});
