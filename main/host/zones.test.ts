// The group oath and the cinema on the assembled host: the routes the docent remote and the
// control API call, the runs the surfaces hear over the socket, a surface that comes back mid-run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PlannedSurface } from '../../core/hall';
import { Cinema } from '../../core/pack/kinds/cinema';
import { Oath } from '../../core/pack/kinds/oath';
import { parseHttpResponse } from '../../core/protocol/http';
import { type HostMessage } from '../../core/protocol/messages';
import { hallCinema } from './cinema/plugin';
import type { CinemaRunner } from './cinema/runner';
import { hallOath } from './oath/plugin';
import type { OathRunner } from './oath/runner';
import { reading } from './reading/plugin';
import { HallAuth } from './auth/hall-auth';
import { surface } from './testing';
import { Host, hostNow } from './server';

const demo = (f: string) => parse(readFileSync(join(import.meta.dirname, '../../content/demo-hall', f), 'utf8')) as unknown;
const oath = Oath.parse(demo('oath.yaml'));
const cinema = Cinema.parse(demo('cinema.yaml'));

const at = (id: string, role: PlannedSurface['role'], i: number): PlannedSurface => ({ id, role, displayName: `D${i}`, displayIndex: i, touch: role === 'kiosk', bounds: { x: i * 1920, y: 0, width: 1920, height: 1080 } });
const surfaces = [at('kiosk', 'kiosk', 0), at('wall-1', 'wall', 1), at('cinema', 'cinema', 2)];

let host: Host | undefined;
afterEach(async () => host?.close());

/** The host with the oath, cinema and reading capabilities; `clock` drives the cinema's schedule. */
async function assemble(clock: () => number = hostNow, midnight = (now: number) => now - 9.5 * 3600_000 + 60_000) {
  let h: Host | undefined = undefined;
  const common = { surfaces, broadcast: (m: HostMessage) => h!.broadcast(m), send: (id: string, m: HostMessage) => h!.sendTo(id, m), rtt: () => null, minLeadMs: 200, log: () => {} };
  const o = hallOath({ ...common, clock: hostNow, oath: () => ({ packId: 'demo-hall', oath, recordingSeconds: 36 }) });
  const c = hallCinema({ ...common, clock, midnight, tickMs: 0, cinema: () => ({ packId: 'demo-hall', cinema, filmSeconds: { dawn: 8, march: 8, today: 8 } }) });
  const auth = await HallAuth.withPins({ docent: '135790' });
  h = new Host({ auth, port: 0, listen: 'loopback', rendererDir: '/nonexistent', surfaces, warnings: [], idleSeconds: 90, content: () => undefined, capabilities: [o.capability, c.capability, reading({ phoneOrigin: () => 'http://192.168.1.20:8080' })], log: () => {} });
  host = h;
  const port = await h.start();
  // The docent's session, as the remote or a central-control system holds it.
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'docent', pin: '135790', bearer: true }) });
  const docent = ((await login.json()) as { token: string }).token;
  return { host: h, docent, oath: o.runner as OathRunner, cinema: c.runner as CinemaRunner, port };
}


const post = (port: number, path: string, body: unknown, token?: string) =>
  fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

describe('the group oath', () => {
  it('starts on the surfaces the docent names, one lead ahead on the host clock, and every surface hears it', async () => {
    const { host: h, port, docent } = await assemble();
    const kiosk = await surface(port, 'kiosk', h.surfaceToken);
    const wall = await surface(port, 'wall-1', h.surfaceToken);
    expect((await post(port, '/api/oath', { action: 'start' })).status).toBe(401);
    const before = hostNow();
    const res = await post(port, '/api/oath', { action: 'start', surfaces: ['kiosk', 'wall-1'] }, docent);
    const answer = parseHttpResponse('POST /api/oath', res.status, await res.json());
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const run = answer.value.run!;
    expect(run).toMatchObject({ packId: 'demo-hall', surfaces: ['kiosk', 'wall-1'], audio: 'wall-1', seconds: 36 });
    expect(run.startHost).toBeGreaterThanOrEqual(before + 200);
    await expect.poll(() => kiosk.last('oath.run')?.run?.runId).toBe(run.runId);
    await expect.poll(() => wall.last('oath.run')?.run?.startHost).toBe(run.startHost);
    const status = parseHttpResponse('GET /api/oath', 200, await (await fetch(`http://127.0.0.1:${port}/api/oath`)).json());
    expect(status.ok && status.value.run?.runId).toBe(run.runId);
  });

  it('hands a surface that comes back mid-oath the run it missed, and stops on the word', async () => {
    const { host: h, port, oath: runner, docent } = await assemble();
    const started = runner.start({ surfaces: ['wall-1'] });
    expect('runId' in started).toBe(true);
    const wall = await surface(port, 'wall-1', h.surfaceToken);
    await expect.poll(() => wall.last('oath.run')?.run?.surfaces).toEqual(['wall-1']);
    expect((await post(port, '/api/oath', { action: 'stop' }, docent)).status).toBe(200);
    await expect.poll(() => wall.last('oath.run')?.run).toBeNull();
    expect(runner.run).toBeUndefined();
  });

  it('refuses a surface the hall does not have, in both languages, and starts nothing', async () => {
    const { port, oath: runner, docent } = await assemble();
    const res = await post(port, '/api/oath', { action: 'start', surfaces: ['wall-9'] }, docent);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: { 'zh-Hans': string; en: string } };
    expect(body.error).toBe('no-surface');
    expect(body.message['zh-Hans']).toContain('wall-9');
    expect(runner.run).toBeUndefined();
  });
});

describe('the cinema', () => {
  it('starts the screening whose time has come on the cinema surfaces, at its own time', async () => {
    let now = hostNow();
    // Local midnight such that 09:30 is 30 s from now.
    const midnight = now - 570 * 60_000 + 30_000;
    const { host: h, port, cinema: runner } = await assemble(() => now, () => midnight);
    const screen = await surface(port, 'cinema', h.surfaceToken);
    runner.tick();
    expect(runner.run).toBeUndefined();
    now += 29_900;
    runner.tick();
    expect(runner.run).toMatchObject({ playlistId: 'century', startHost: midnight + 570 * 60_000, surfaces: ['cinema'], by: { schedule: '09:30' }, films: [{ id: 'dawn' }, { id: 'march' }, { id: 'today' }] });
    await expect.poll(() => screen.last('cinema.run')?.run?.playlistId).toBe('century');
    // The same screening does not start twice.
    const first = runner.run!.runId;
    now += 1000;
    runner.tick();
    expect(runner.run!.runId).toBe(first);
    const status = parseHttpResponse('GET /api/cinema', 200, await (await fetch(`http://127.0.0.1:${port}/api/cinema`)).json());
    expect(status.ok && status.value.today.map((s) => s.at)).toEqual(['09:30', '12:00', '14:00', '16:30']);
  });

  it('plays a film on the docent\'s word, joins a cinema that comes back, and stops', async () => {
    const { host: h, port, docent } = await assemble();
    const res = await post(port, '/api/cinema', { action: 'start', film: 'march' }, docent);
    const answer = parseHttpResponse('POST /api/cinema', res.status, await res.json());
    expect(answer.ok && answer.value.run).toMatchObject({ films: [{ id: 'march', seconds: 8 }], surfaces: ['cinema'], by: 'docent', loop: false });
    const screen = await surface(port, 'cinema', h.surfaceToken);
    await expect.poll(() => screen.last('cinema.run')?.run?.films[0]?.id).toBe('march');
    expect((await post(port, '/api/cinema', { action: 'start', film: 'nope' }, docent)).status).toBe(404);
    expect((await post(port, '/api/cinema', { action: 'stop' }, docent)).status).toBe(200);
    await expect.poll(() => screen.last('cinema.run')?.run).toBeNull();
  });
});

describe('the phone link', () => {
  it('tells the kiosk where phones reach the host', async () => {
    const { port } = await assemble();
    const r = parseHttpResponse('GET /api/phone-origin', 200, await (await fetch(`http://127.0.0.1:${port}/api/phone-origin`)).json());
    expect(r).toEqual({ ok: true, value: { origin: 'http://192.168.1.20:8080' } });
  });
});
