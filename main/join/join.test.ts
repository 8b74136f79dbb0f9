import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PlannedSurface } from '../../core/hall';
import { PROTOCOL_VERSION, type HostMessage } from '../../core/protocol/messages';
import { startHall, type RunningHall } from '../hall';
import type { AsyncSurfaceUrl, Shell, ShellEvents } from '../shell/types';
import { JoinError, joinFilePath } from './client';
import { startJoin, type JoinedPc } from './run';

const display = (index: number) => ({ index, name: `TEST${index}`, x: index * 1920, y: 0, width: 1920, height: 1080, primary: index === 0 });

/** The main PC: one monitor, no windows (its pages are not what these tests are about). */
const mainShell: Shell = {
  name: 'chromium',
  displays: async () => ({ displays: [display(0)], source: 'test' }),
  open: async () => {},
  restart: () => {},
  running: () => false,
  close: async () => {},
};

/** A second PC's shell that opens no browser: it keeps each window's address, and its events for the test to raise. */
class PaperShell implements Shell {
  readonly name = 'chromium' as const;
  surfaces: readonly PlannedSurface[] = [];
  urlFor: AsyncSurfaceUrl = () => '';
  events: ShellEvents | undefined;
  closed = false;
  constructor(private readonly monitors = 2) {}
  displays = async () => ({ displays: Array.from({ length: this.monitors }, (_, i) => display(i)), source: 'test' });
  async open(surfaces: readonly PlannedSurface[], urlFor: AsyncSurfaceUrl, events: ShellEvents) {
    this.surfaces = surfaces;
    this.urlFor = urlFor;
    this.events = events;
  }
  restart() {}
  running() {
    return false;
  }
  async close() {
    this.closed = true;
  }
  /** What a window of `id` would be opened at now. */
  url(id: string) {
    return Promise.resolve(this.urlFor(this.surfaces.find((s) => s.id === id)!));
  }
}

const cleanup: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function mainHall() {
  const dataDir = mkdtempSync(join(tmpdir(), 'redhall-main-'));
  const lines: string[] = [];
  const hall: RunningHall = await startHall({ rootDir: resolve(import.meta.dirname, '../..'), dataDir, port: 0, shell: mainShell, log: (l) => lines.push(l) });
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanup.push(() => hall.stop());
  const base = `http://127.0.0.1:${hall.host.port}`;
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: r.status, json: (await r.json()) as Record<string, unknown> & { message?: { 'zh-Hans': string; en: string } } };
  };
  const admin = { authorization: `Bearer ${hall.host.adminToken}` };
  const code = async () => (await post('/api/pcs/code', {}, admin)).json.code as string;
  const health = async () => (await (await fetch(`${base}/api/health`)).json()) as { surfaces: Array<{ id: string; pc?: string; connected: boolean; restarts: number; shell: string | null }> };
  return { hall, dataDir, lines, base, post, admin, code, health };
}

async function joinPc(url: string, askCode: () => Promise<string>, opts: { dataDir?: string; shell?: PaperShell; pc?: string; hallFile?: string; onRefused?: (e: JoinError) => void } = {}) {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'redhall-pc2-'));
  if (!opts.dataDir) cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const shell = opts.shell ?? new PaperShell();
  const joined: JoinedPc = await startJoin({ url, dataDir, shell, pc: opts.pc ?? 'pc2', hallFile: opts.hallFile, askCode, syncMs: 50, watchdog: { startGraceMs: 600_000 }, log: () => {}, ...(opts.onRefused ? { onRefused: opts.onRefused } : {}) });
  cleanup.push(() => joined.dispose());
  return { joined, shell, dataDir };
}

/** A page: trades the window's launch code for its token and says hello on the main host's socket. */
async function page(base: string, windowUrl: string) {
  const u = new URL(windowUrl);
  const q = new URLSearchParams(u.hash.split('?')[1]);
  const launch = (await (await fetch(`${base}/api/launch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: q.get('code') }) })).json()) as { surfaceId: string; token: string };
  return hello(base, launch.surfaceId, launch.token);
}

async function hello(base: string, surfaceId: string, token: string) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/ws`);
  const got: HostMessage[] = [];
  let closedWith: number | undefined;
  ws.on('message', (d) => got.push(JSON.parse(d.toString()) as HostMessage));
  ws.on('close', (code) => (closedWith = code));
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, surfaceId, token }));
  cleanup.push(() => ws.close());
  await expect.poll(() => got.some((m) => m.type === 'welcome' || m.type === 'error')).toBe(true);
  return { ws, got, welcomed: got.some((m) => m.type === 'welcome'), closedWith: () => closedWith, last: <T extends HostMessage['type']>(type: T) => got.filter((m): m is Extract<HostMessage, { type: T }> => m.type === type).at(-1) };
}

const never = async (): Promise<string> => {
  throw new Error('the pairing code was asked for again');
};

describe('a second PC joins the hall', () => {
  it('pairs with a good code once, keeps only a credential (0600), and its walls appear in health marked with the PC, get content and shows, and obey a blackout', async () => {
    const m = await mainHall();
    const code = await m.code();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const { joined, shell, dataDir } = await joinPc(m.base, async () => code.toLowerCase().replace('-', ' '));
    expect(joined.surfaces.map((s) => s.id)).toEqual(['pc2-wall-1', 'pc2-wall-2']);
    // The credential sits in the PC's data folder, readable by its user only; the main PC keeps its hash.
    const saved = JSON.parse(readFileSync(joinFilePath(dataDir), 'utf8')) as { credential: string };
    expect(statSync(joinFilePath(dataDir)).mode & 0o777).toBe(0o600);
    const book = readFileSync(join(m.dataDir, 'settings', 'pcs.json'), 'utf8');
    expect(book).toContain('"pc": "pc2"');
    expect(book).not.toContain(saved.credential);

    const h = await m.health();
    expect(h.surfaces.map((s) => [s.id, s.pc])).toEqual([['kiosk', undefined], ['pc2-wall-1', 'pc2'], ['pc2-wall-2', 'pc2']]);
    // The window opens at the main host, with a one-time code and no token or credential in its address.
    const url = await shell.url('pc2-wall-1');
    expect(url.startsWith(`${m.base}/#/wall?`)).toBe(true);
    expect(url).not.toContain(saved.credential);
    const wall = await page(m.base, url);
    expect(wall.welcomed).toBe(true);
    expect(wall.last('welcome')?.surface.id).toBe('pc2-wall-1');
    await expect.poll(() => wall.got.some((x) => x.type === 'hall')).toBe(true);
    await expect.poll(async () => (await m.health()).surfaces.find((s) => s.id === 'pc2-wall-1')?.connected).toBe(true);

    // A docent blacks the PC's wall out through the control API.
    // The hall logs the PIN it drew once it is hashed, which may be after the hall started.
    await expect.poll(() => /docent PIN for this run: (\d+)/.test(m.lines.join('\n'))).toBe(true);
    const pin = /docent PIN for this run: (\d+)/.exec(m.lines.join('\n'))![1]!;
    const login = await m.post('/api/auth/login', { role: 'docent', pin, bearer: true });
    const docent = { authorization: `Bearer ${login.json.token as string}` };
    expect((await m.post('/api/control', { command: 'screens.blackout', surface: 'pc2-wall-1' }, docent)).status).toBe(200);
    await expect.poll(() => wall.last('control.screen')).toMatchObject({ blackout: true });
    expect((await m.post('/api/control', { command: 'hall.restore' }, docent)).status).toBe(200);
    await expect.poll(() => wall.last('control.screen')).toMatchObject({ blackout: false });

    // A show asks the PC's walls to make ready too, and sends them its cues once they are (as a wall page answers).
    expect((await m.post('/api/control', { command: 'show.start', show: 'welcome' }, docent)).status).toBe(200);
    await expect.poll(() => wall.last('show.prepare')).toMatchObject({ showId: 'welcome' });
    wall.ws.send(JSON.stringify({ type: 'show.ready', runId: wall.last('show.prepare')!.runId }));
    await expect.poll(() => wall.last('show.cues')).toMatchObject({ showId: 'welcome' });
    expect((await m.post('/api/control', { command: 'show.stop' }, docent)).status).toBe(200);

    // The PC's shell reports a restart and a note: they show on the main PC.
    shell.events!.restarted('pc2-wall-2');
    shell.events!.note('pc2-wall-2', 'browser killed by SIGKILL; restarting in 1000 ms');
    await expect.poll(async () => (await m.health()).surfaces.find((s) => s.id === 'pc2-wall-2')).toMatchObject({ restarts: 1, shell: 'browser killed by SIGKILL; restarting in 1000 ms' });

    // Started again later: no code is asked for.
    await joined.dispose();
    const again = await joinPc(m.base, never, { dataDir });
    expect(again.joined.pc).toBe('pc2');
  });

  it('tokens do not cross: the main PC’s surface token does not open a second PC’s surface, nor the PC’s token a main one', async () => {
    const m = await mainHall();
    const code = await m.code();
    const { shell, dataDir } = await joinPc(m.base, async () => code);
    const url = await shell.url('pc2-wall-1');
    const launch = (await m.post('/api/launch', { code: new URLSearchParams(new URL(url).hash.split('?')[1]).get('code') })).json as { token: string };
    expect(launch.token).not.toBe(m.hall.host.surfaceToken);
    expect((await hello(m.base, 'pc2-wall-1', m.hall.host.surfaceToken)).welcomed).toBe(false);
    expect((await hello(m.base, 'kiosk', launch.token)).welcomed).toBe(false);
    expect((await hello(m.base, 'pc2-wall-1', launch.token)).welcomed).toBe(true);
    // A launch code for a surface not on the PC, or without a credential: refused.
    const saved = JSON.parse(readFileSync(joinFilePath(dataDir), 'utf8')) as { credential: string };
    expect((await m.post('/api/join/launch', { surfaceId: 'kiosk' }, { authorization: `Bearer ${saved.credential}` })).status).toBe(404);
    expect((await m.post('/api/join/launch', { surfaceId: 'pc2-wall-1' })).status).toBe(401);
  });

  it('refuses a wrong code with a bilingual error, and nothing of the main hall changes; guessing is slowed down', async () => {
    const m = await mainHall();
    await m.code();
    const before = JSON.stringify((await m.health()).surfaces.map((s) => s.id));
    const dataDir = mkdtempSync(join(tmpdir(), 'redhall-pc2-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const err = await startJoin({ url: m.base, dataDir, shell: new PaperShell(), pc: 'pc2', askCode: async () => 'ABCD-EFGH', log: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JoinError);
    expect((err as JoinError).status).toBe(403);
    expect((err as JoinError).body.error).toBe('bad-pair-code');
    expect((err as JoinError).body.message['zh-Hans']).toContain('配对码不对');
    expect((err as JoinError).body.message.en).toContain('Nothing in the hall changed');
    expect(existsSync(joinFilePath(dataDir))).toBe(false);
    expect(existsSync(join(m.dataDir, 'settings', 'pcs.json'))).toBe(false);
    expect(JSON.stringify((await m.health()).surfaces.map((s) => s.id))).toBe(before);
    // Like wrong PINs (same gate): two free, the third makes the address wait, even for a good code.
    expect((await m.post('/api/join/pair', { code: 'ZZZZ-ZZZZ', pc: 'pc2' })).status).toBe(403);
    const third = await m.post('/api/join/pair', { code: 'ZZZZ-ZZZY', pc: 'pc2' });
    expect(third.status).toBe(403);
    expect(third.json.retryAfterSec).toBeGreaterThan(0);
    const good = await m.code();
    const slowed = await m.post('/api/join/pair', { code: good, pc: 'pc2' });
    expect(slowed.status).toBe(429);
    expect(slowed.json.retryAfterSec).toBeGreaterThan(0);
  });

  it('a code trades once: the replayed exchange gets nothing; pairing again replaces the credential', async () => {
    const m = await mainHall();
    const code = await m.code();
    const first = await m.post('/api/join/pair', { code, pc: 'pc2' });
    expect(first.status).toBe(200);
    const replay = await m.post('/api/join/pair', { code, pc: 'pc2' });
    expect(replay).toMatchObject({ status: 403, json: { error: 'bad-pair-code' } });
    const evil = await m.post('/api/join/pair', { code, pc: 'evil' });
    expect(evil.status).toBe(403);
    const pcs = (await (await fetch(`${m.base}/api/pcs`, { headers: m.admin })).json()) as { pcs: Array<{ pc: string }> };
    expect(pcs.pcs.map((p) => p.pc)).toEqual(['pc2']);
    // The first credential works; after pairing the same PC again with a new code it no longer does.
    const old = { authorization: `Bearer ${first.json.credential as string}` };
    expect((await m.post('/api/join/sync', { surfaces: [] }, old)).status).toBe(200);
    const second = await m.post('/api/join/pair', { code: await m.code(), pc: 'pc2' });
    expect(second.status).toBe(200);
    expect((await m.post('/api/join/sync', { surfaces: [] }, old))).toMatchObject({ status: 401, json: { error: 'unknown-pc' } });
    expect((await m.post('/api/join/sync', { surfaces: [] }, { authorization: `Bearer ${second.json.credential as string}` })).status).toBe(200);
    // A code is only for the admin to make.
    expect((await m.post('/api/pcs/code', {})).status).toBe(401);
  });

  it('a revoked PC is disconnected, its walls leave the hall, and it cannot join again (bilingual refusal)', async () => {
    const m = await mainHall();
    const code = await m.code();
    let refused: JoinError | undefined;
    const { shell, dataDir } = await joinPc(m.base, async () => code, { onRefused: (e) => (refused = e) });
    const wall = await page(m.base, await shell.url('pc2-wall-1'));
    expect(wall.welcomed).toBe(true);
    const r = await m.post('/api/pcs/revoke', { pc: 'pc2' }, m.admin);
    expect(r.status).toBe(200);
    await expect.poll(() => wall.closedWith()).toBe(4001);
    expect((await m.health()).surfaces.map((s) => s.id)).toEqual(['kiosk']);
    // The running PC hears it at its next report and closes its windows.
    await expect.poll(() => refused?.body.error).toBe('pc-revoked');
    await expect.poll(() => shell.closed).toBe(true);
    const err = await startJoin({ url: m.base, dataDir, shell: new PaperShell(), askCode: never, log: () => {} }).catch((e: unknown) => e);
    expect((err as JoinError).status).toBe(403);
    expect((err as JoinError).body.message['zh-Hans']).toContain('撤销');
    expect((err as JoinError).body.message.en).toContain('revoked');
    expect((await m.post('/api/pcs/revoke', { pc: 'nobody' }, m.admin)).status).toBe(404);
  });

  it('a surface id the main PC already uses is refused with a clear error and changes nothing', async () => {
    const m = await mainHall();
    const code = await m.code();
    const dir = mkdtempSync(join(tmpdir(), 'redhall-pc2-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'hall.yaml'), 'surfaces:\n  - { id: kiosk, role: wall, display: 0 }\n');
    const err = await joinPc(m.base, async () => code, { hallFile: join(dir, 'hall.yaml') }).catch((e: unknown) => e);
    expect((err as JoinError).status).toBe(409);
    expect((err as JoinError).body.message.en).toContain('already used by the main PC');
    const h = await m.health();
    expect(h.surfaces.map((s) => [s.id, s.pc, s.connected])).toEqual([['kiosk', undefined, false]]);
  });
});

