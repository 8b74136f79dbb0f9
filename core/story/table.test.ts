import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { readPackTexts } from '../../main/story/pack-folder';
import { checkScenario } from './analyse';
import { apply, create, replay, sessionStart, type Actor, type CreatedEvent, type SessionState, type StoryEvent } from './engine';
import { decide, execute, legalActions, tick, type Action, type Command } from './decide';
import { canonicalJson, contentHash, scenarioHash, sha256Hex, utf8 } from './hash';
import { loadSession, logEventLine, logHeaderLine, readLog, saveSession } from './session-log';
import { view, type Viewer } from './view';
import type { Scenario } from './schema';
import { pickText } from '../text';

// The engine as a table uses it: sessions apart from scenarios, staleness per sender, host-time
// timers, seats, DM powers, vote changes and read receipts. One small fixture per feature.
const fx = await readPackTexts(fileURLToPath(new URL('./fixtures', import.meta.url)));
function fixture(name: string): Scenario {
  const r = checkScenario(fx.files, `${name}/scenario.yaml`);
  if (!r.scenario) throw new Error(JSON.stringify(r.findings));
  return r.scenario;
}
const basic = fixture('basic');
const timers = fixture('timers');
const seating = fixture('seating');
const concurrent = fixture('concurrent');
const powers = fixture('powers');

const dm: Actor = { kind: 'dm' };
const host: Actor = { kind: 'host' };
const P = (player: string): { kind: 'player'; player: string } => ({ kind: 'player', player });

/** A session under test: its log, its state, and commands sent as of a version. */
class Table {
  log: StoryEvent[];
  s: SessionState;
  constructor(
    readonly scenario: Scenario,
    created: { event: CreatedEvent; state: SessionState },
  ) {
    this.log = [created.event];
    this.s = created.state;
  }
  /** Sends a command as seen at `version` (default: now); returns the decision. */
  try(actor: Actor, action: Action, opts: { version?: number; now?: number } = {}) {
    const r = execute(this.s, { ...action, actor, version: opts.version ?? this.s.version } as Command, opts.now);
    if (r.ok) {
      this.log.push(r.event);
      this.s = r.state;
    }
    return r;
  }
  /** Sends a command that must be accepted. */
  do(actor: Actor, action: Action, opts: { version?: number; now?: number } = {}): this {
    const r = this.try(actor, action, opts);
    if (!r.ok) throw new Error(`${action.type} refused: ${r.code} ${r.reason.en}`);
    return this;
  }
}
const table = (sc: Scenario, seats: Array<[string, string]>, opts: { open?: boolean; at?: number; seed?: number } = {}) =>
  new Table(sc, create(sc, { seed: opts.seed ?? 1, seats: seats.map(([player, role]) => ({ player, role })), open: opts.open ?? false, pack: { id: 'fixtures', version: '1.0.0' }, ...(opts.at !== undefined ? { at: opts.at } : {}) }));

function expectBilingual(r: { ok: boolean; reason?: { 'zh-Hans': string; en: string } }, zh: RegExp, en: RegExp) {
  expect(r.ok).toBe(false);
  expect(r.reason?.['zh-Hans']).toMatch(zh);
  expect(r.reason?.en).toMatch(en);
}

describe('sessions apart from scenarios', () => {
  it('hashes with a correct SHA-256 over canonical JSON', () => {
    for (const text of ['', 'abc', '河对岸的灯火 🏮', 'a'.repeat(1000)]) expect(sha256Hex(utf8(text))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (t) => {
        expect(sha256Hex(utf8(t))).toBe(createHash('sha256').update(t, 'utf8').digest('hex'));
      }),
      { numRuns: 200 },
    );
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 'x' }] })).toBe('{"a":[1,{"c":"x"}],"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(scenarioHash(basic)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(scenarioHash(structuredClone(basic))).toBe(scenarioHash(basic));
  });

  it('the created event names the scenario, its hash and pack, and carries none of its text', () => {
    const t = table(basic, [['p1', 'alpha'], ['p2', 'beta']]);
    const created = t.log[0] as CreatedEvent;
    expect(created.scenario).toEqual({ id: 'basic', hash: scenarioHash(basic) });
    expect(created.pack).toEqual({ id: 'fixtures', version: '1.0.0' });
    const json = JSON.stringify(created);
    for (const secret of ['PRIVATE-SECRET-ALPHA', '甲的公开介绍', 'PUBLIC-CLUE-TEXT']) expect(json).not.toContain(secret);
    expect(JSON.parse(saveSession(t.log))).toMatchObject({ format: 'redhall.story.session', formatVersion: 2, scenario: created.scenario, pack: created.pack });
  });

  it('refuses, in both languages, a log offered with another scenario or changed content', () => {
    const t = table(basic, [['p1', 'alpha'], ['p2', 'beta']]).do(dm, { type: 'advance' });
    const saved = saveSession(t.log);
    expect(() => replay(concurrent, t.log)).toThrow(/basic/);
    expectBilingual(loadSession(saved, concurrent), /剧本“basic”/, /scenario "basic"/);
    const edited = structuredClone(basic);
    (edited.roles[0] as { intro: string }).intro = '改过的介绍';
    expectBilingual(loadSession(saved, edited), /内容与这局游戏开始时不同/, /has changed since this session began/);
    const back = loadSession(saved, structuredClone(basic));
    expect(back.ok && back.state.version).toBe(t.s.version);
    const newer = JSON.parse(saved) as { formatVersion: number };
    newer.formatVersion = 3;
    expectBilingual(loadSession(JSON.stringify(newer), basic), /比本程序新/, /newer than this build/);
  });

  it('migrates a format 1 save (whole scenario inside) when its scenario is the one offered', () => {
    // Format 1 knew no packs: the migrated log names none.
    const t = new Table(basic, create(basic, { seed: 3, seats: [{ player: 'p1', role: 'alpha' }, { player: 'p2', role: 'beta' }, { player: 'p3', role: 'gamma' }] }));
    t.do(dm, { type: 'advance' }).do(dm, { type: 'advance' }).do(host, { type: 'advance' });
    t.do(P('p1'), { type: 'search', location: 'hall' }).do(P('p2'), { type: 'search', location: 'yard' });
    t.do(P('p2'), { type: 'share', clue: 'c-private-2' }).do(host, { type: 'advance' }).do(dm, { type: 'advance' });
    t.do(P('p1'), { type: 'vote', option: 'go' });
    const created = t.log[0] as CreatedEvent;
    // A format 1 log as the previous build wrote it.
    const v1 = t.log.map((e) => {
      if (e.type === 'created') return { type: 'created', formatVersion: 1, scenario: basic, seed: created.seed, seats: created.seats };
      if (e.type === 'searched' || e.type === 'shared') {
        const { role: _role, ...rest } = e;
        return rest;
      }
      if (e.type === 'voted') return { type: 'voted', player: e.by, option: e.option };
      return e;
    });
    const save = JSON.stringify({ format: 'redhall.story.session', version: 1, events: v1 });
    const back = loadSession(save, basic);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.migratedFrom).toBe(1);
    expect(back.state).toEqual(t.s);
    expect(back.events.slice(1)).toEqual(t.log.slice(1));
    expectBilingual(loadSession(save, concurrent), /basic/, /basic/);
    const older = JSON.stringify({ format: 'redhall.story.session', version: 0, events: v1 });
    expectBilingual(loadSession(older, basic), /太旧/, /too old/);
  });

  it('reads an append-only log line by line, drops a torn last line, and refuses a bad one in the middle', () => {
    const t = table(concurrent, [['a', 'a'], ['b', 'b'], ['c', 'c']]);
    t.do(P('a'), { type: 'search', location: 'attic' }).do(P('b'), { type: 'search', location: 'cellar' });
    const text = logHeaderLine(t.log[0] as CreatedEvent) + t.log.map(logEventLine).join('');
    const whole = readLog(text, concurrent);
    expect(whole.ok && whole.state).toEqual(t.s);
    expect(whole.ok && whole.torn).toBe(false);
    const torn = readLog(text + '{"type":"searched","pla', concurrent);
    expect(torn.ok && torn.torn).toBe(true);
    expect(torn.ok && torn.state).toEqual(t.s);
    const lines = text.split('\n');
    lines.splice(2, 0, 'garbage');
    expectBilingual(readLog(lines.join('\n'), concurrent), /第 3 行/, /Line 3/);
    expectBilingual(readLog(text, basic), /concurrent/, /concurrent/);
  });
});

describe('staleness judged against what the sender saw', () => {
  it('three players searching at the same moment all land; an empty location is refused for what it is', () => {
    const t = table(concurrent, [['a', 'a'], ['b', 'b'], ['c', 'c']]);
    const v = t.s.version;
    t.do(P('a'), { type: 'search', location: 'attic' }, { version: v });
    t.do(P('b'), { type: 'search', location: 'attic' }, { version: v });
    t.do(P('c'), { type: 'search', location: 'cellar' }, { version: v });
    expect(t.s.found.map((f) => f.role)).toEqual(['a', 'b', 'c']);
    t.do(P('c'), { type: 'search', location: 'attic' }, { version: v });
    // The attic is used up: the fourth tap from the same screen is refused because of that, not as stale.
    expect(t.try(P('a'), { type: 'search', location: 'attic' }, { version: v })).toMatchObject({ ok: false, code: 'searched-out' });
  });

  it('votes cast at the same moment all land; a tap on a vote that has closed is refused as stale', () => {
    const t = table(concurrent, [['a', 'a'], ['b', 'b'], ['c', 'c']]).do(dm, { type: 'advance' });
    const v = t.s.version;
    t.do(P('a'), { type: 'vote', option: 'p' }, { version: v });
    t.do(P('b'), { type: 'vote', option: 'q' }, { version: v });
    t.do(P('c'), { type: 'vote', option: 'q' }, { version: v });
    expect(t.s.phase).toBe('end-q');
    const late = t.try(P('a'), { type: 'vote', option: 'q' }, { version: v });
    expect(late).toMatchObject({ ok: false });
    const tie = table(concurrent, [['a', 'a'], ['b', 'b'], ['c', 'c']]).do(dm, { type: 'advance' });
    const seen = tie.s.version;
    tie.do(P('a'), { type: 'vote', option: 'p' }).do(P('b'), { type: 'vote', option: 'q' }).do(dm, { type: 'close-vote' });
    expect(tie.s.tie).toEqual(['p', 'q']);
    const stale = tie.try(P('c'), { type: 'vote', option: 'p' }, { version: seen });
    expect(stale).toMatchObject({ ok: false, code: 'stale' });
    expectBilingual(stale, /环节已经变了/, /phase has moved on/);
    // A DM who had not seen the tie yet cannot break it blind.
    expect(tie.try(dm, { type: 'break-tie', option: 'p' }, { version: seen })).toMatchObject({ ok: false, code: 'stale' });
  });

  it('a tap from before the phase moved on is refused; one from before an unrelated step lands', () => {
    const t = table(basic, [['p1', 'alpha'], ['p2', 'beta']]).do(dm, { type: 'advance' }).do(dm, { type: 'advance' });
    const v = t.s.version;
    expect(t.try(dm, { type: 'advance' }, { version: v - 1 })).toMatchObject({ ok: false, code: 'stale' });
    t.do(host, { type: 'advance' });
    const inSearch = t.s.version;
    t.do(P('p1'), { type: 'search', location: 'hall' });
    // p2 saw the search phase before p1's find: still the same phase, so it lands.
    t.do(P('p2'), { type: 'search', location: 'yard' }, { version: inSearch });
    expect(t.try(P('p1'), { type: 'search', location: 'hall' }, { version: t.s.version + 1 })).toMatchObject({ ok: false, code: 'stale' });
  });

  it('a command from before the sender’s seat changed is refused', () => {
    const t = table(seating, [['p1', 'red'], ['p2', 'blue']]).do(dm, { type: 'advance' });
    const v = t.s.version;
    t.do(dm, { type: 'reseat', role: 'blue', player: null }).do(dm, { type: 'reseat', role: 'blue', player: 'p2' });
    const r = t.try(P('p2'), { type: 'ack', act: 'one' }, { version: v });
    expect(r).toMatchObject({ ok: false, code: 'stale' });
    expectBilingual(r, /座位已经变了/, /seat has changed/);
    t.do(P('p2'), { type: 'ack', act: 'one' });
  });
});

describe('timers as host-time deadlines', () => {
  it('sets deadlines from the host time in events, tells the host when to advance, and refuses an early host advance', () => {
    const t = table(timers, [['a', 'a'], ['b', 'b']], { at: 1_000 });
    expect(t.s.clock.deadline).toBe(1_000 + 30 * 2 * 1000);
    expect(tick(t.s, 60_999)).toEqual({ wakeAt: 61_000 });
    expect(t.try(host, { type: 'advance' }, { now: 60_000 })).toMatchObject({ ok: false, code: 'not-due' });
    const due = tick(t.s, 61_000).due as Command;
    expect(due).toMatchObject({ type: 'advance', actor: host });
    t.do(due.actor, due, { now: 61_000 });
    expect(t.s.phase).toBe('look');
    expect(t.s.clock.deadline).toBe(61_000 + 120_000);
    expect(view(t.s, P('a')).clock).toEqual({ deadline: 181_000, paused: false });
    // The DM moving on early starts the next timer from the DM's moment.
    t.do(dm, { type: 'advance' }, { now: 100_000 });
    expect(t.s.clock.deadline).toBe(160_000);
    expect(replay(timers, t.log)).toEqual(t.s);
  });

  it('pause freezes the clock and holds players; resume moves the deadline on by the pause; extend adds time', () => {
    const t = table(timers, [['a', 'a'], ['b', 'b']], { at: 0 }).do(dm, { type: 'advance' }, { now: 10_000 });
    expect(t.s.clock.deadline).toBe(130_000);
    t.do(dm, { type: 'pause' }, { now: 20_000 });
    expect(tick(t.s, 500_000)).toEqual({});
    expect(view(t.s, { kind: 'screen' }).clock).toEqual({ deadline: 130_000, paused: true, remainingMs: 110_000 });
    expect(t.try(P('a'), { type: 'search', location: 'desk' }, { now: 21_000 })).toMatchObject({ ok: false, code: 'paused' });
    expect(t.try(host, { type: 'advance' }, { now: 500_000 })).toMatchObject({ ok: false, code: 'paused' });
    t.do(dm, { type: 'extend', seconds: 30 }, { now: 25_000 });
    t.do(dm, { type: 'resume' }, { now: 50_000 });
    expect(t.s.clock).toEqual({ deadline: 130_000 + 30_000 + 30_000, paused: false, pausedAt: undefined });
    t.do(P('a'), { type: 'search', location: 'desk' }, { now: 51_000 });
    expect(tick(t.s, 190_000).due).toMatchObject({ type: 'advance' });
  });

  it('a vote put on the clock by the DM is closed by the host when it runs out; a tie then waits for the DM', () => {
    const t = table(timers, [['a', 'a'], ['b', 'b']], { at: 0 });
    t.do(dm, { type: 'advance' }, { now: 1 }).do(dm, { type: 'advance' }, { now: 2 });
    expect(t.s.phase).toBe('talk');
    t.do(dm, { type: 'advance' }, { now: 3 });
    expect(t.s.phase).toBe('pick');
    expect(t.s.clock.deadline).toBeUndefined();
    expect(tick(t.s, 10 ** 9)).toEqual({});
    expect(t.try(host, { type: 'close-vote' }, { now: 5 })).toMatchObject({ ok: false, code: 'not-due' });
    t.do(dm, { type: 'extend', seconds: 60 }, { now: 1_000 });
    expect(t.s.clock.deadline).toBe(61_000);
    t.do(P('a'), { type: 'vote', option: 'x' }, { now: 2_000 });
    const due = tick(t.s, 61_000).due as Command;
    expect(due.type).toBe('close-vote');
    t.do(host, due, { now: 61_000 });
    // One ballot of two is no majority: the tie goes to the DM, and the clock asks for nothing more.
    expect(t.s.tie).toEqual(['x']);
    expect(tick(t.s, 70_000)).toEqual({});
    t.do(dm, { type: 'break-tie', option: 'x' }, { now: 71_000 });
    expect(t.s.phase).toBe('end-x');
  });
});

describe('seats', () => {
  it('opens a table with free seats, fills it by join, claim, leave and reseat, and starts it', () => {
    const t = table(seating, [], { open: true });
    expect(t.s.status).toBe('seating');
    expectBilingual(t.try(dm, { type: 'start' }), /需要 2–3 名玩家/, /needs 2–3 players/);
    expect(t.try(P('x'), { type: 'search', location: 'y' })).toMatchObject({ ok: false, code: 'not-seated' });
    t.do(P('ann'), { type: 'join' }).do(P('ann'), { type: 'claim', role: 'red' });
    expect(t.try(P('bob'), { type: 'claim', role: 'red' })).toMatchObject({ ok: false, code: 'taken' });
    t.do(P('bob'), { type: 'claim', role: 'green' }).do(P('bob'), { type: 'claim', role: 'blue' });
    expect(view(t.s, { kind: 'screen' }).roles.map((r) => [r.id, r.player])).toEqual([['red', 'ann'], ['blue', 'bob'], ['green', undefined]]);
    t.do(P('cat'), { type: 'claim', role: 'green' }).do(P('cat'), { type: 'leave' });
    expect(t.s.players).toEqual(['ann', 'bob']);
    t.do(P('dan'), { type: 'join' }).do(dm, { type: 'reseat', role: 'red', player: 'dan' });
    expect(t.s.seats).toEqual([{ player: 'bob', role: 'blue' }, { player: 'dan', role: 'red' }]);
    expect(t.try(dm, { type: 'reseat', role: 'red', player: 'dm' })).toMatchObject({ ok: false, code: 'player' });
    expect(t.try(P('dan'), { type: 'advance' })).toMatchObject({ ok: false });
    t.do(dm, { type: 'start' });
    expect(t.s.status).toBe('playing');
    expect(t.s.phase).toBe('open');
    expect(t.try(dm, { type: 'start' })).toMatchObject({ ok: false, code: 'started' });
    expect(replay(seating, t.log)).toEqual(t.s);
  });

  it('a player who leaves mid-game hands the role’s choice to the DM; a newcomer takes the role with its pages, not another’s', () => {
    const t = table(seating, [['p1', 'red'], ['p2', 'blue']]).do(dm, { type: 'advance' }).do(dm, { type: 'advance' });
    expect(view(t.s, P('p2')).phase.decidedBy).toBe('p1');
    t.do(P('p1'), { type: 'leave' });
    expect(view(t.s, P('p2')).phase.decidedBy).toBe('dm');
    expect(view(t.s, P('p1')).me).toBeUndefined();
    t.do(P('p3'), { type: 'claim', role: 'red' });
    const v = view(t.s, P('p3'));
    expect(v.me?.pages.map((p) => p.text.trim())).toEqual(['PAGE-RED-ONE 只给这个角色看的剧本。']);
    expect(JSON.stringify(v)).not.toContain('PAGE-BLUE');
    expect(t.try(P('p3'), { type: 'claim', role: 'green' })).toMatchObject({ ok: false, code: 'seated' });
    t.do(P('p3'), { type: 'choose', option: 'left' });
    expect(t.s.phase).toBe('read-two');
  });
});

describe('DM powers', () => {
  it('overrides a role’s choice and votes for a seated role, never for a vacant one', () => {
    const t = table(powers, [['c', 'chief'], ['d', 'aide']]).do(dm, { type: 'advance' });
    expect(t.try(dm, { type: 'choose', option: 'charge' })).toMatchObject({ ok: false, code: 'actor' });
    t.do(dm, { type: 'choose', option: 'charge', override: true });
    expect(t.s.decisions.at(-1)).toEqual({ phase: 'plan', option: 'charge', how: 'choice', override: true });
    t.do(dm, { type: 'advance' });
    t.do(dm, { type: 'vote', option: 'win', as: 'aide' });
    expect(view(t.s, P('d')).me?.ballot).toBe('win');
    expect(t.try(dm, { type: 'vote', option: 'win' })).toMatchObject({ ok: false, code: 'actor' });
    expect(t.try(P('c'), { type: 'vote', option: 'win', as: 'aide' })).toMatchObject({ ok: false, code: 'actor' });
    t.do(dm, { type: 'reseat', role: 'chief', player: null });
    expect(t.try(dm, { type: 'vote', option: 'win', as: 'chief' })).toMatchObject({ ok: false, code: 'not-voter' });
  });

  it('undo appends a correcting event and restores what everyone saw before the step', () => {
    const t = table(powers, [['c', 'chief'], ['d', 'aide']]).do(dm, { type: 'advance' });
    const viewers: Viewer[] = [dm, P('c'), P('d'), { kind: 'screen' }];
    const before = viewers.map((w) => view(t.s, w));
    const strip = (t2: Table) => viewers.map((w) => ({ ...view(t2.s, w), version: 0 }));
    t.do(P('c'), { type: 'choose', option: 'charge' });
    const chosen = strip(t);
    t.do(P('c'), { type: 'search', location: 'camp' });
    expect(view(t.s, P('c')).clues).toHaveLength(1);
    expect(view(t.s, dm).dm?.undo).toMatchObject({ type: 'searched' });
    t.do(dm, { type: 'undo' });
    expect(t.log.at(-1)).toEqual({ type: 'corrected', undoes: t.s.version - 1 });
    expect(strip(t)).toEqual(chosen);
    t.do(dm, { type: 'undo' });
    expect(strip(t)).toEqual(before.map((v) => ({ ...v, version: 0 })));
    t.do(dm, { type: 'undo' });
    expect(t.s.phase).toBe('open');
    expect(t.try(dm, { type: 'undo' })).toMatchObject({ ok: false, code: 'nothing-to-undo' });
    // History is never edited: every correction is one more event.
    expect(t.log.map((e) => e.type)).toEqual(['created', 'advanced', 'chosen', 'searched', 'corrected', 'corrected', 'corrected']);
    expect(t.try(dm, { type: 'undo' }, { version: t.s.version - 1 })).toMatchObject({ ok: false });
  });

  it('jumps to a phase, gives clues to a role or the table, ends early at an ending or stops', () => {
    const t = table(powers, [['c', 'chief'], ['d', 'aide']]);
    t.do(dm, { type: 'jump', phase: 'look' });
    expect(t.s.phase).toBe('look');
    expect(t.s.actionPoints).toEqual({ chief: 1, aide: 1 });
    expect(t.try(dm, { type: 'jump', phase: 'nowhere' })).toMatchObject({ ok: false, code: 'phase-id' });
    t.do(dm, { type: 'give-clue', clue: 'letter', to: 'aide' });
    expect(JSON.stringify(view(t.s, P('d')))).toContain('LETTER-TEXT');
    expect(JSON.stringify(view(t.s, P('c')))).not.toContain('LETTER-TEXT');
    expect(t.try(dm, { type: 'give-clue', clue: 'letter', to: 'chief' })).toMatchObject({ ok: false, code: 'found' });
    t.do(dm, { type: 'give-clue', clue: 'seal', to: 'table' });
    expect(JSON.stringify(view(t.s, P('c')))).toContain('SEAL-TEXT');
    expect(JSON.stringify(view(t.s, { kind: 'screen' }))).toContain('SEAL-TEXT');
    t.do(dm, { type: 'end', ending: 'end-lose' });
    expect(t.s.status).toBe('ended');
    expect(t.s.phase).toBe('end-lose');
    expect(t.try(P('c'), { type: 'share', clue: 'letter' })).toMatchObject({ ok: false, code: 'ended' });
    t.do(dm, { type: 'undo' });
    expect(t.s.status).toBe('playing');
    t.do(dm, { type: 'end' });
    expect(t.s.status).toBe('stopped');
    expectBilingual(t.try(dm, { type: 'advance' }), /提前结束/, /ended this session/);
    expect(replay(powers, t.log)).toEqual(t.s);
  });
});

describe('players', () => {
  it('change their vote until the vote closes', () => {
    const t = table(powers, [['c', 'chief'], ['d', 'aide']]).do(dm, { type: 'jump', phase: 'verdict' });
    t.do(P('c'), { type: 'vote', option: 'win' });
    expect(t.try(P('c'), { type: 'vote', option: 'win' })).toMatchObject({ ok: false, code: 'voted' });
    t.do(P('c'), { type: 'vote', option: 'lose' });
    expect(view(t.s, P('c')).me?.ballot).toBe('lose');
    expect(view(t.s, dm).dm?.ballots).toEqual({ c: 'lose' });
    t.do(P('d'), { type: 'vote', option: 'lose' });
    expect(t.s.phase).toBe('end-lose');
    expect(t.try(P('c'), { type: 'vote', option: 'win' })).toMatchObject({ ok: false });
  });

  it('acknowledge reading their page; the DM sees the receipts, other players do not', () => {
    const t = table(seating, [['p1', 'red'], ['p2', 'blue']]);
    expect(t.try(P('p1'), { type: 'ack', act: 'two' })).toMatchObject({ ok: false, code: 'page' });
    t.do(P('p1'), { type: 'ack', act: 'one' });
    expect(t.try(P('p1'), { type: 'ack', act: 'one' })).toMatchObject({ ok: false, code: 'read' });
    expect(view(t.s, P('p1')).me?.read).toEqual(['one']);
    expect(view(t.s, dm).dm?.roles.find((r) => r.id === 'red')?.read).toEqual(['one']);
    expect(view(t.s, P('p2')).me?.read).toEqual([]);
    expect(JSON.stringify(view(t.s, P('p2')))).not.toMatch(/"read":\["one"\]/);
    expect(view(t.s, dm).dm?.notice['zh-Hans']).toContain('玩家都看不到');
  });
});

// ---- properties over every command ---------------------------------------------------------

const all = { basic, timers, seating, concurrent, powers };
type Name = keyof typeof all;
const extraPlayers = ['n1', 'n2'];

/** A random game over every command (seats, DM powers, re-votes, timers), with host time moving on. */
function wildGame(name: Name, seed: number, open: boolean, picks: Array<[number, number]>) {
  const sc = all[name];
  const seats = open ? [] : sc.roles.filter((r) => !r.optional).map((r, i) => ({ player: `p${i + 1}`, role: r.id }));
  const created = create(sc, { seed, seats, open, at: 0 });
  const log: StoryEvent[] = [created.event];
  let s = created.state;
  let now = 0;
  const steps: Array<{ before: SessionState; event: StoryEvent; after: SessionState; now: number }> = [];
  for (const [pick, dt] of picks) {
    now += dt;
    const actors: Actor[] = [dm, host, ...sc.roles.map((_, i) => P(`p${i + 1}`)), ...extraPlayers.map(P)];
    const options: Command[] = actors.flatMap((actor) => legalActions(s, actor, { include: 'all', now }).map((a) => ({ ...a, actor, version: s.version }) as Command));
    const due = tick(s, now).due;
    if (due) options.push(due);
    if (options.length === 0) break;
    const cmd = options[pick % options.length] as Command;
    const r = execute(s, cmd, now);
    if (!r.ok) throw new Error(`legal ${cmd.type} refused: ${r.reason.en}`);
    steps.push({ before: s, event: r.event, after: r.state, now });
    log.push(r.event);
    s = r.state;
  }
  return { sc, log, s, steps };
}
const wildArb = fc.record({
  name: fc.constantFrom<Name>('basic', 'timers', 'seating', 'concurrent', 'powers'),
  seed: fc.nat(),
  open: fc.boolean(),
  picks: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 90_000 })), { minLength: 1, maxLength: 80 }),
});

const roleTexts = (sc: Scenario, role: string): string[] => {
  const r = sc.roles.find((x) => x.id === role);
  return r ? [...Object.values(r.pages), ...r.goals, ...r.secrets].map((t) => (typeof t === 'string' ? t : pickText(t, 'zh-Hans')).trim()) : [];
};

describe('table properties over every command', () => {
  it('replay, the saved JSON and the line log all rebuild the same state', () => {
    fc.assert(
      fc.property(wildArb, ({ name, seed, open, picks }) => {
        const { sc, log, s } = wildGame(name, seed, open, picks);
        expect(replay(sc, log)).toEqual(s);
        const saved = loadSession(saveSession(log), sc);
        expect(saved.ok && saved.state).toEqual(s);
        const lines = readLog(logHeaderLine(log[0] as CreatedEvent) + log.map(logEventLine).join(''), sc);
        expect(lines.ok && lines.state).toEqual(s);
      }),
      { numRuns: 120 },
    );
  });

  it('no player view ever holds another role’s pages, goals, secrets or clues, whatever the seats and the DM did', () => {
    fc.assert(
      fc.property(wildArb, ({ name, seed, open, picks }) => {
        const { sc, steps } = wildGame(name, seed, open, picks);
        for (const { after: s } of steps) {
          for (const p of [...sc.roles.map((_, i) => `p${i + 1}`), ...extraPlayers]) {
            const json = JSON.stringify(view(s, P(p)));
            const mine = s.seats.find((x) => x.player === p)?.role;
            const forbidden = [
              ...sc.roles.filter((r) => r.id !== mine).flatMap((r) => roleTexts(sc, r.id)),
              ...sc.clues.filter((c) => !s.found.some((f) => f.clue === c.id && (f.shared || (mine !== undefined && f.role === mine)))).map((c) => pickText(c.text, 'zh-Hans')),
            ];
            for (const text of forbidden) expect(json.includes(text), `${p} (${mine}) sees ${text}`).toBe(false);
          }
          for (const w of [{ kind: 'screen' }, { kind: 'spectator' }] as Viewer[]) {
            const json = JSON.stringify(view(s, w));
            for (const r of sc.roles) for (const t of roleTexts(sc, r.id)) expect(json.includes(t)).toBe(false);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('no reachable state is without a way forward', () => {
    fc.assert(
      fc.property(wildArb, ({ name, seed, open, picks }) => {
        const { sc, steps } = wildGame(name, seed, open, picks);
        const actors: Actor[] = [dm, host, ...sc.roles.map((_, i) => P(`p${i + 1}`)), ...extraPlayers.map(P)];
        for (const { after: s } of steps) {
          const play = actors.flatMap((a) => legalActions(s, a));
          const everything = actors.flatMap((a) => legalActions(s, a, { include: 'all' }));
          if (s.status === 'playing' && !s.clock.paused) expect(play.length, `${s.phase}`).toBeGreaterThan(0);
          if (s.clock.paused && s.status === 'playing') expect(legalActions(s, dm, { include: 'all' })).toContainEqual({ type: 'resume' });
          // Seating can always be completed: someone can claim a role or the DM can start.
          if (s.status === 'seating') expect(everything.some((a) => a.type === 'claim' || a.type === 'start')).toBe(true);
          if (s.status === 'stuck') expect(everything.some((a) => a.type === 'jump')).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('undo restores every viewer’s projection from before the step it takes back', () => {
    let undone = 0;
    const viewersOf = (sc: Scenario): Viewer[] => [dm, { kind: 'screen' }, ...sc.roles.map((_, i) => P(`p${i + 1}`)), ...extraPlayers.map(P)];
    fc.assert(
      fc.property(wildArb, ({ name, seed, open, picks }) => {
        const { sc, steps } = wildGame(name, seed, open, picks);
        for (const { before, after, now } of steps) {
          // Only where the last step is the one an undo takes back.
          if (after.undo.at(-1)?.version !== after.version) continue;
          const undo = decide(after, { type: 'undo', actor: dm, version: after.version }, now);
          expect(undo.ok).toBe(true);
          if (!undo.ok) continue;
          const back = apply(after, undo.event);
          for (const w of viewersOf(sc)) expect({ ...view(back, w), version: 0 }).toEqual({ ...view(before, w), version: 0 });
          undone++;
        }
      }),
      { numRuns: 100 },
    );
    expect(undone).toBeGreaterThan(50);
  });
});

it('sessionStart still opens a session that plays at once', () => {
  const e = sessionStart(basic, 9, [{ player: 'p1', role: 'alpha' }, { player: 'p2', role: 'beta' }]);
  expect(replay(basic, [e]).status).toBe('playing');
  expect(decide(replay(basic, [e]), { type: 'advance', actor: dm, version: 1 }).ok).toBe(true);
});
