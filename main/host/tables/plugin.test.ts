import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoryViewWire } from '../../../core/protocol/tables';
import { dmClient, openDemoTable, P, sixPhonesPlaying, startTablesHost, TableClient, TEST_PIN, type TablesHost } from './testing';

let dir: string;
let host: TablesHost;
const clients: TableClient[] = [];
const connect = async (port = host.port) => {
  const c = await TableClient.connect(port);
  clients.push(c);
  return c;
};
const dm = async () => {
  const c = await dmClient(host.port);
  clients.push(c);
  return c;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redhall-tables-'));
  host = await startTablesHost(dir);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Text as it appears inside a JSON frame. */
const inJson = (s: string) => JSON.stringify(s).slice(1, -1);
const texts = (t: unknown): string[] => (typeof t === 'string' ? [t] : t && typeof t === 'object' ? Object.values(t).flatMap(texts) : []);

describe('tables plugin', () => {
  it('signs a DM in with the PIN, and with the token it hands out', async () => {
    const a = await connect();
    a.send({ type: 'dm.hello', protocol: P, pin: TEST_PIN });
    const welcome = await a.next('dm.welcome');
    expect(welcome.scenarios.map((s) => s.id)).toContain('south-bank');
    expect((await a.next('tables')).tables).toEqual([]);
    const b = await connect();
    b.send({ type: 'dm.hello', protocol: P, token: welcome.token });
    await b.next('dm.welcome');
  });

  it('refuses wrong PINs, then rate-limits the address even for the right one', async () => {
    await host.close();
    host = await startTablesHost(dir, { gate: { freeFailures: 3, lockAfter: 3, lockMs: 60_000 } });
    const c = await connect();
    for (let i = 0; i < 3; i++) {
      c.send({ type: 'dm.hello', protocol: P, pin: '0000' });
      const e = await c.nextNew('error');
      expect(e).toMatchObject({ code: 'unauthorised', ref: 'dm.hello' });
      expect(e.message['zh-Hans']).toBeTruthy();
    }
    c.send({ type: 'dm.hello', protocol: P, pin: TEST_PIN });
    expect(await c.nextNew('error')).toMatchObject({ code: 'rate-limited' });
    // an unauthorised page cannot run DM commands
    c.send({ type: 'dm.list' });
    expect(await c.nextNew('error')).toMatchObject({ code: 'unauthorised', ref: 'dm.list' });
  });

  it('answers malformed frames and keeps serving', async () => {
    const c = await connect();
    c.sendRaw('{not json');
    expect(await c.nextNew('error')).toMatchObject({ code: 'bad-json' });
    c.send({ type: 'teleport' });
    expect(await c.nextNew('error')).toMatchObject({ code: 'bad-message', ref: 'teleport' });
    c.sendRaw(Buffer.from([1, 2, 3]));
    expect(await c.nextNew('error')).toMatchObject({ code: 'bad-message' });
    c.send({ type: 'play', version: 1, action: { type: 'vote', option: 'a' } });
    expect(await c.nextNew('error')).toMatchObject({ code: 'not-seated', ref: 'play' });
    c.send({ type: 'join', protocol: P, code: 'ZZZZZ' });
    expect(await c.nextNew('error')).toMatchObject({ code: 'not-found', ref: 'join' });
    c.send({ type: 'resume', protocol: P, seatToken: 'x'.repeat(32) });
    expect(await c.nextNew('error')).toMatchObject({ code: 'not-seated', ref: 'resume' });
    // still alive
    const d = await dm();
    expect(d.messages.some((m) => m.type === 'dm.welcome')).toBe(true);
    expect(c.invalid).toEqual([]);
  });

  it('opens a table, seats players who pick, refuses taken roles, starts, and refuses a stale tap', async () => {
    const d = await dm();
    d.send({ type: 'dm.open', scenario: { pack: 'demo-hall', scenario: 'south-bank' }, roles: ['lin', 'zhou'], pick: 'player' });
    expect(await d.nextNew('refused')).toMatchObject({ ref: 'dm.open', code: 'size' });
    const table = await openDemoTable(d, 'player');
    expect(table.code).toMatch(/^[A-HJKMNP-Z2-9]{5}$/);
    const list = await d.next('tables', (m) => m.tables.length === 1);
    expect(list.tables[0]).toMatchObject({ id: table.id, status: 'lobby', size: 6, seated: 0 });

    const phones: TableClient[] = [];
    const roles = ['lin', 'zhou', 'shen', 'chen', 'tang', 'he'];
    for (const role of roles) {
      const p = await connect();
      p.send({ type: 'join', protocol: P, code: table.code.toLowerCase() });
      const seat = await p.next('seat');
      expect(seat.role).toBeNull();
      const lobby = await p.next('table');
      expect(lobby.view).toBeUndefined();
      p.send({ type: 'claim', role });
      expect(await p.nextNew('seat')).toMatchObject({ role });
      phones.push(p);
    }
    const late = await connect();
    late.send({ type: 'join', protocol: P, code: table.code });
    await late.next('seat');
    late.send({ type: 'claim', role: 'lin' });
    expect(await late.nextNew('refused')).toMatchObject({ code: 'taken' });

    // a player cannot start the game
    phones[0]!.send({ type: 'dm.start', table: table.id });
    expect(await phones[0]!.nextNew('error')).toMatchObject({ code: 'unauthorised', ref: 'dm.start' });

    d.send({ type: 'dm.start', table: table.id });
    const views = await Promise.all(phones.map((p) => p.next('table', (m) => m.view !== undefined)));
    views.forEach((m, i) => {
      expect(m.view?.me?.role).toBe(roles[i]);
      expect(StoryViewWire.safeParse(m.view).success).toBe(true);
    });
    // the unseated late phone sees the story without any role
    const lateView = await late.next('table', (m) => m.view !== undefined);
    expect(lateView.view?.me).toBeUndefined();

    const v = views[0]!.view!.version;
    d.send({ type: 'dm.command', table: table.id, version: v, action: { type: 'advance' } });
    await phones[0]!.next('table', (m) => m.view?.version === v + 1);
    phones[1]!.send({ type: 'play', version: v, action: { type: 'vote', option: 'supplies' } });
    const stale = await phones[1]!.nextNew('refused');
    expect(stale).toMatchObject({ code: 'stale', ref: 'vote', version: v + 1 });
    expect(stale.reason['zh-Hans']).toContain('过时');
    expect(host.tables.get(table.id)!.state.version).toBe(v + 1);
    // Every push came as a valid text frame (a page's WebSocket would hand a binary one over as a Blob).
    for (const c of [d, ...phones, late]) expect(c.invalid).toEqual([]);
  });

  it('gives a reconnecting phone the same seat, role and screen; a phone sees no other role\'s secrets', async () => {
    const d = await dm();
    const table = await openDemoTable(d, 'dm');
    const phones = await sixPhonesPlaying(host.port, d, table);
    const seat = phones[2]!.messages.find((m) => m.type === 'seat')!;
    const before = phones[2]!.last()!;
    await phones[2]!.close();
    const again = await connect();
    again.send({ type: 'resume', protocol: P, seatToken: seat.type === 'seat' ? seat.seatToken : '' });
    const back = await again.next('seat');
    expect(back).toMatchObject({ player: seat.type === 'seat' ? seat.player : '', role: 'shen' });
    const view = await again.next('table', (m) => m.view !== undefined);
    expect(view.view).toEqual(before.view);

    const scenario = host.tables.get(table.id)!.scenario;
    phones.forEach((p, i) => {
      if (i === 2) return;
      const mine = p.last()!.view!.me!.role;
      const frames = p.raw.join('\n');
      for (const role of scenario.roles.filter((r) => r.id !== mine)) {
        for (const page of Object.values(role.pages)) expect(frames.includes(inJson(page.slice(0, 80))), `${mine} got ${role.id}'s page`).toBe(false);
        for (const secret of role.secrets.flatMap(texts)) expect(frames.includes(inJson(secret)), `${mine} got ${role.id}'s secret`).toBe(false);
      }
      // and their own page did arrive
      const own = scenario.roles.find((r) => r.id === mine)!;
      expect(frames.includes(inJson(Object.values(own.pages)[0]!.slice(0, 80)))).toBe(true);
    });
  });

  it('resumes every table from its log after a restart, at the same version, dropping a torn last line', async () => {
    const d = await dm();
    const table = await openDemoTable(d, 'dm');
    const phones = await sixPhonesPlaying(host.port, d, table);
    const v = phones[0]!.last()!.view!.version;
    d.send({ type: 'dm.command', table: table.id, version: v, action: { type: 'advance' } });
    await phones[0]!.next('table', (m) => m.view?.version === v + 1);
    const token = (phones[0]!.messages.find((m) => m.type === 'seat') as { seatToken: string }).seatToken;
    const dmView = JSON.stringify(host.tables.get(table.id)!.viewFor({ kind: 'dm' }));
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await host.close();
    // a crash mid-write leaves half a line
    appendFileSync(join(dir, 'tables', `${table.id}.log`), '{"type":"advan');
    host = await startTablesHost(dir);
    expect(host.lines.some((l) => l.includes('torn'))).toBe(true);
    const t = host.tables.get(table.id)!;
    expect(t.state.version).toBe(v + 1);
    expect(JSON.stringify(t.viewFor({ kind: 'dm' }))).toBe(dmView);
    const p = await connect();
    p.send({ type: 'resume', protocol: P, seatToken: token });
    expect(await p.next('seat')).toMatchObject({ role: 'lin' });
    expect((await p.next('table', (m) => m.view !== undefined)).view?.version).toBe(v + 1);
    // and the log goes on cleanly after the dropped line
    const d2 = await dm();
    d2.send({ type: 'dm.command', table: table.id, version: v + 1, action: { type: 'advance' } });
    await p.next('table', (m) => m.view?.version === v + 2);
    const lines = readFileSync(join(dir, 'tables', `${table.id}.log`), 'utf8').trimEnd().split('\n');
    expect(lines.every((l) => JSON.parse(l) !== undefined)).toBe(true);
  });

  it('puts a table on hall screens, keeps that across a restart, takes it off when the table closes; refuses a screen the hall has not', async () => {
    const d = await dm();
    const table = await openDemoTable(d, 'dm');
    d.send({ type: 'dm.show', table: table.id, surfaces: ['wall-9'] });
    // A tables-only host has no hall screens: every id is unknown, said in both languages.
    expect(await d.next('error', (m) => m.ref === 'dm.show')).toMatchObject({ code: 'bad-message', message: { en: 'The hall has no screen wall-9.' } });
    const shown: Array<[string, string | null]> = [];
    host.tables.onScreen = (surface, code) => shown.push([surface, code]);
    const t = host.tables.get(table.id)!;
    expect(host.tables.showOn(t, ['wall-1', 'ring-1'])).toEqual([{ surface: 'wall-1', code: table.code }, { surface: 'ring-1', code: table.code }]);
    expect(host.tables.showOn(t, ['ring-1'])).toEqual([{ surface: 'wall-1', code: null }]);
    expect(host.tables.list().find((x) => x.id === table.id)?.screens).toEqual(['ring-1']);
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await host.close();
    host = await startTablesHost(dir);
    expect(host.tables.shownOn('ring-1')).toBe(table.code);
    expect(host.tables.shownOn('wall-1')).toBeNull();
    host.tables.onScreen = (surface, code) => shown.push([surface, code]);
    host.tables.close(host.tables.get(table.id)!);
    expect(shown).toEqual([['ring-1', null]]);
    expect(host.tables.shownOn('ring-1')).toBeNull();
  });

  it('exports the log to the DM only, serves the QR code, and closes a table', async () => {
    const d = await dm();
    const table = await openDemoTable(d, 'dm');
    await sixPhonesPlaying(host.port, d, table);
    const token = (d.messages.find((m) => m.type === 'dm.welcome') as { token: string }).token;
    expect((await fetch(`${host.url}/api/tables/${table.id}/log`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/tables/${table.id}/log?token=wrong`)).status).toBe(401);
    // The token is never taken from a URL (history, the downloads list): only from the header.
    expect((await fetch(`${host.url}/api/tables/${table.id}/log?token=${token}`)).status).toBe(401);
    const res = await fetch(`${host.url}/api/tables/${table.id}/log`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const [header, ...events] = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(header).toMatchObject({ format: 'redhall.table', formatVersion: 1, scenario: 'south-bank', pack: { id: 'demo-hall' } });
    expect(events.map((e) => e.type)).toContain('started');
    // the log holds no credential
    for (const m of clients.flatMap((c) => c.messages)) if (m.type === 'seat') expect(text.includes(m.seatToken)).toBe(false);

    const qr = await fetch(`${host.url}/api/tables/qr/${table.code}.svg`);
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(await qr.text()).toContain('<svg');
    expect((await fetch(`${host.url}/api/tables/qr/ZZZZZ.svg`)).status).toBe(404);

    d.send({ type: 'dm.close', table: table.id });
    await d.next('tables', (m) => m.tables.length === 0);
    expect((await fetch(`${host.url}/api/tables/${table.id}/log`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const p = await connect();
    p.send({ type: 'join', protocol: P, code: table.code });
    expect(await p.nextNew('error')).toMatchObject({ code: 'not-found' });
  });

  it('runs several tables independently', async () => {
    const d = await dm();
    const a = await openDemoTable(d, 'dm');
    const b = await openDemoTable(d, 'dm');
    expect(a.code).not.toBe(b.code);
    const pa = await sixPhonesPlaying(host.port, d, a);
    const pb = await sixPhonesPlaying(host.port, d, b);
    const v = pa[0]!.last()!.view!.version;
    d.send({ type: 'dm.command', table: a.id, version: v, action: { type: 'advance' } });
    await pa[5]!.next('table', (m) => m.view?.version === v + 1);
    expect(pb[0]!.last()!.view!.version).toBe(v);
    expect(pb[0]!.messages.every((m) => m.type !== 'table' || m.table.id === b.id)).toBe(true);
  });
});
