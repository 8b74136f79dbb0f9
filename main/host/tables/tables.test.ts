import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseTableHostMessage } from '../../../core/protocol/tables';
import { scenarioSources } from './scenarios';
import { Tables } from './tables';
import { DEMO_PACK, SIX_ROLES } from './testing';
import type { Table } from './table';

let dir: string;
let clock: number;
const make = () => {
  const t = new Tables({
    dataDir: dir,
    scenarios: scenarioSources(() => [{ id: 'demo-hall', version: 'source', dir: DEMO_PACK }]),
    origin: () => 'http://127.0.0.1:1',
    now: () => clock,
  });
  t.loadAll();
  return t;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'redhall-tables-'));
  clock = Date.UTC(2026, 10, 23, 9, 0, 0);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

async function playingTable(tables: Tables): Promise<Table> {
  const r = await tables.open({ scenario: { pack: 'demo-hall', scenario: 'south-bank' }, roles: SIX_ROLES, pick: 'dm' });
  if (!r.ok) throw new Error(r.reason.en);
  for (let i = 0; i < 6; i++) expect(tables.join(r.table).ok).toBe(true);
  expect(tables.run(r.table, { kind: 'dm' }, r.table.state.version, { type: 'start' }).ok).toBe(true);
  return r.table;
}

const dmAdvance = (tables: Tables, t: Table) => expect(tables.run(t, { kind: 'dm' }, t.state.version, { type: 'advance' })).toMatchObject({ ok: true });

describe('tables on the host clock', () => {
  it('gives timed phases a host-time deadline, pauses, extends, and moves on when time is up', async () => {
    const tables = make();
    const t = await playingTable(tables);
    dmAdvance(tables, t); // narrate → read
    dmAdvance(tables, t); // read → introduce (60 s per player)
    expect(t.state.session?.phase).toBe('act1-intro');
    expect(t.timer(clock)).toMatchObject({ phase: 'act1-intro', endsAt: clock + 360_000, remainingMs: 360_000, paused: false });

    clock += 100_000;
    expect(tables.run(t, { kind: 'dm' }, t.state.version, { type: 'pause' }).ok).toBe(true);
    clock += 500_000; // paused far past the deadline: nothing moves
    vi.advanceTimersByTime(600_000);
    expect(t.state.session?.phase).toBe('act1-intro');
    expect(t.timer(clock)).toMatchObject({ remainingMs: 260_000, paused: true });
    // players cannot act while paused
    expect(tables.run(t, { kind: 'player', player: 'p1' }, t.state.version, { type: 'search', location: 'counter' })).toMatchObject({ ok: false, code: 'paused' });

    expect(tables.run(t, { kind: 'dm' }, t.state.version, { type: 'resume' }).ok).toBe(true);
    expect(tables.run(t, { kind: 'dm' }, t.state.version, { type: 'extend', seconds: 60 }).ok).toBe(true);
    expect(t.timer(clock)?.remainingMs).toBe(320_000);

    clock += 319_000;
    vi.advanceTimersByTime(319_000);
    expect(t.state.session?.phase).toBe('act1-intro');
    clock += 1_000;
    vi.advanceTimersByTime(1_000);
    expect(t.state.session?.phase).toBe('act1-search');
    expect(t.timer(clock)).toMatchObject({ phase: 'act1-search', remainingMs: 360_000 });
    tables.dispose();
  });

  it('keeps the deadline across a restart: the timer continues from host time', async () => {
    const first = make();
    const t = await playingTable(first);
    dmAdvance(first, t);
    dmAdvance(first, t);
    const deadline = t.state.clock.deadline;
    first.dispose();
    clock += 200_000; // the host was down for 200 s
    const second = make();
    const again = second.get(t.id)!;
    expect(again.state.version).toBe(t.state.version);
    expect(again.state.clock.deadline).toBe(deadline);
    expect(again.timer(clock)?.remainingMs).toBe(160_000);
    clock += 160_000;
    vi.advanceTimersByTime(160_000);
    expect(again.state.session?.phase).toBe('act1-search');
    second.dispose();
  });

  it('writes one anonymous statistics line when a game ends', async () => {
    const tables = make();
    const t = await playingTable(tables);
    clock += 42 * 60_000;
    expect(tables.run(t, { kind: 'dm' }, t.state.version, { type: 'end' }).ok).toBe(true);
    expect(t.status).toBe('ended');
    const file = join(dir, 'stats', 'tables-2026-11.jsonl');
    expect(existsSync(file)).toBe(true);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([{ day: '2026-11-23', scenario: 'south-bank', pack: 'demo-hall', ending: 'stopped', players: 6, minutes: 42 }]);
    // nothing identifies a player
    expect(JSON.stringify(lines)).not.toMatch(/p[1-6]|token/);
    // a finished game refuses further commands and writes no second line
    expect(tables.run(t, { kind: 'dm' }, t.state.version, { type: 'advance' })).toMatchObject({ ok: false, code: 'ended' });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    tables.dispose();
  });

  it('refuses a table that does not fit the scenario', async () => {
    const tables = make();
    expect(await tables.open({ scenario: { pack: 'demo-hall', scenario: 'nope' }, roles: SIX_ROLES, pick: 'dm' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await tables.open({ scenario: { pack: 'demo-hall', scenario: 'south-bank' }, roles: ['lin', 'lin', 'zhou', 'shen', 'chen', 'tang'], pick: 'dm' })).toMatchObject({ ok: false, code: 'roles' });
    expect(await tables.open({ scenario: { pack: 'demo-hall', scenario: 'south-bank' }, roles: ['lin', 'zhou', 'shen', 'chen', 'tang', 'ghost'], pick: 'dm' })).toMatchObject({ ok: false, code: 'roles' });
    const r = await tables.open({ scenario: { pack: 'demo-hall', scenario: 'south-bank' }, roles: SIX_ROLES, pick: 'dm' });
    if (!r.ok) throw new Error('open failed');
    tables.join(r.table);
    expect(tables.run(r.table, { kind: 'dm' }, r.table.state.version, { type: 'start' })).toMatchObject({ ok: false, code: 'seats' });
    tables.dispose();
  });
});

describe('a step reaches the table only from the disk', () => {
  const eventLines = (tables: Tables, t: Table) => readFileSync(join(dir, 'tables', `${t.id}.log`), 'utf8').trim().split('\n').length - 1;

  it('pushes a step once its log line is written and synced, and a burst of steps as the state the disk holds', async () => {
    const tables = make();
    const t = await playingTable(tables);
    await t.settled();
    const pushed: Array<{ version: number; onDisk: number; raw: string }> = [];
    t.listeners.add({
      audience: { kind: 'dm' },
      send: (frame) => {
        const raw = frame.toString('utf8');
        pushed.push({ version: (JSON.parse(raw) as { view: { version: number } }).view.version, onDisk: eventLines(tables, t), raw });
      },
    });
    const before = t.state.version;
    dmAdvance(tables, t);
    dmAdvance(tables, t);
    dmAdvance(tables, t);
    // Decided (the next step is checked against it) but not shown: the fsync has not answered yet.
    expect(t.state.version).toBe(before + 3);
    expect(t.shown.version).toBe(before);
    expect(pushed).toEqual([]);
    await t.settled();
    expect(t.shown.version).toBe(before + 3);
    expect(pushed.at(-1)?.version).toBe(before + 3);
    // Every push shows a version whose events were all in the file when it went out (version = events folded).
    for (const p of pushed) expect(p.onDisk).toBeGreaterThanOrEqual(p.version);
    // Group commit: three steps, at most one push each, and never an older state after a newer one.
    expect(pushed.length).toBeLessThanOrEqual(3);
    expect(pushed.map((p) => p.version)).toEqual([...pushed.map((p) => p.version)].sort((a, b) => a - b));
    // The frame, put together from parts serialised once, is the table message the protocol defines.
    const frame = parseTableHostMessage(pushed.at(-1)!.raw);
    expect(frame.ok).toBe(true);
    expect(JSON.parse(pushed.at(-1)!.raw)).toEqual({ type: 'table', table: t.publicInfo(), view: t.viewFor({ kind: 'dm' }), timer: t.timer(clock, t.shown), phaseTime: t.phaseTime(t.shown), hostNow: clock });
    tables.dispose();
  });

  it('pushes each audience exactly its own view, whether the table or the story moved', async () => {
    const tables = make();
    const t = await playingTable(tables);
    await t.settled();
    const audiences = [{ kind: 'dm' } as const, { kind: 'screen' } as const, ...t.state.players.map((player) => ({ kind: 'player' as const, player })), { kind: 'player' as const, player: 'p99' }];
    const frames: Array<{ audience: (typeof audiences)[number]; raw: string }> = [];
    for (const audience of audiences) t.listeners.add({ audience, send: (frame) => frames.push({ audience, raw: frame.toString('utf8') }) });
    const check = async () => {
      await t.settled();
      frames.length = 0;
      t.broadcast(clock);
      expect(frames).toHaveLength(audiences.length);
      for (const f of frames) {
        const view = t.viewFor(f.audience);
        // The spliced view is byte for byte what serialising the view gives.
        expect(t.viewJson(f.audience)).toBe(JSON.stringify(view));
        expect((JSON.parse(f.raw) as { view: unknown }).view).toEqual(view);
      }
    };
    await check();
    // Table steps (the story state stays the same object, its views are reused with the new version)…
    expect(tables.run(t, { kind: 'dm' }, t.state.version, { type: 'pause' }).ok).toBe(true);
    await check();
    expect(tables.run(t, { kind: 'dm' }, t.state.version, { type: 'resume' }).ok).toBe(true);
    await check();
    // …and story steps (a new story state: every view made again).
    dmAdvance(tables, t);
    await check();
    dmAdvance(tables, t);
    await check();
    expect(tables.run(t, { kind: 'dm' }, t.state.version, { type: 'pause' }).ok).toBe(true);
    await check();
    tables.dispose();
  });

  it('refuses every further step of a table whose log cannot be synced, and shows nothing it could not keep', async () => {
    const lines: string[] = [];
    const tables = new Tables({
      dataDir: dir,
      scenarios: scenarioSources(() => [{ id: 'demo-hall', version: 'source', dir: DEMO_PACK }]),
      origin: () => 'http://127.0.0.1:1',
      now: () => clock,
      log: (l) => lines.push(l),
    });
    const t = await playingTable(tables);
    await t.settled();
    const shown = t.shown.version;
    // A log whose writes land but whose fsync fails, as on a failing disk: /dev/null takes the
    // line and answers fsync with EINVAL.
    const log = (t as unknown as { log: { fd: number | undefined } }).log;
    closeSync(log.fd as number);
    log.fd = openSync('/dev/null', 'a');
    dmAdvance(tables, t);
    await vi.waitFor(() => expect(lines.some((l) => l.includes('could not be synced'))).toBe(true), { timeout: 5000, interval: 20 });
    expect(t.shown.version).toBe(shown);
    expect(tables.run(t, { kind: 'dm' }, t.state.version, { type: 'advance' })).toMatchObject({ ok: false, code: 'disk' });
    tables.dispose();
  });
});
