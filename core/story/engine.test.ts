import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkScenario } from './analyse';
import { apply, createSession, replay, sessionStart, type Actor, type Seat, type SessionState, type StoryEvent } from './engine';
import { decide, execute, legalActions, type Action, type Command } from './decide';
import { loadSession, saveSession } from './session-log';
import { view } from './view';
import { playOnce, simulate } from './simulate';
import type { Scenario } from './schema';

const root = join(import.meta.dirname, 'fixtures');
const files = new Map<string, string>();
(function walk(dir: string) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else files.set(relative(root, p).split('\\').join('/'), readFileSync(p, 'utf8'));
  }
})(root);
function fixture(name: string): Scenario {
  const r = checkScenario(files, `${name}/scenario.yaml`);
  if (!r.scenario) throw new Error(JSON.stringify(r.findings));
  return r.scenario;
}
const basic = fixture('basic');
const choice = fixture('choice');
const seats3: Seat[] = [
  { player: 'p1', role: 'alpha' },
  { player: 'p2', role: 'beta' },
  { player: 'p3', role: 'gamma' },
];
const dm: Actor = { kind: 'dm' };
const host: Actor = { kind: 'host' };
const P = (player: string): { kind: 'player'; player: string } => ({ kind: 'player', player });

/** Runs commands, failing the test on any refusal; returns the state and the log. */
function run(state: SessionState, log: StoryEvent[], ...cmds: Array<[Actor, Action]>): SessionState {
  let s = state;
  for (const [actor, action] of cmds) {
    const r = execute(s, { ...action, actor, version: s.version } as Command);
    if (!r.ok) throw new Error(`${action.type} refused: ${r.reason.en}`);
    log.push(r.event);
    s = r.state;
  }
  return s;
}

describe('story engine', () => {
  it('plays the basic scenario through search, a tied vote broken by the DM, and an ending', () => {
    const log: StoryEvent[] = [sessionStart(basic, 7, seats3)];
    let s = replay(basic, log);
    expect(s.phase).toBe('open');
    expect(s.version).toBe(1);
    s = run(s, log, [dm, { type: 'advance' }], [dm, { type: 'advance' }], [host, { type: 'advance' }]);
    expect(s.phase).toBe('search-one');
    expect(s.actionPoints).toEqual({ alpha: 2, beta: 2, gamma: 2 });
    s = run(s, log, [P('p1'), { type: 'search', location: 'hall' }], [P('p1'), { type: 'search', location: 'hall' }]);
    expect(s.actionPoints.alpha).toBe(0);
    expect(decide(s, { type: 'search', location: 'yard', actor: P('p1'), version: s.version })).toMatchObject({ ok: false, code: 'action-points' });
    expect(decide(s, { type: 'search', location: 'hall', actor: P('p2'), version: s.version })).toMatchObject({ ok: false, code: 'searched-out' });
    s = run(s, log, [P('p2'), { type: 'search', location: 'yard' }]);
    expect(s.found.map((f) => f.clue).sort()).toEqual(['c-private-1', 'c-private-2', 'c-public']);
    expect(s.found.find((f) => f.clue === 'c-public')?.shared).toBe(true);
    expect(s.found.find((f) => f.clue === 'c-private-2')?.shared).toBe(false);
    expect(decide(s, { type: 'share', clue: 'c-private-2', actor: P('p1'), version: s.version })).toMatchObject({ ok: false, code: 'not-yours' });
    s = run(s, log, [P('p2'), { type: 'share', clue: 'c-private-2' }], [host, { type: 'advance' }], [dm, { type: 'advance' }]);
    expect(s.phase).toBe('brave');
    // Hidden clue is not findable yet: courage is 0.
    s = run(s, log, [P('p1'), { type: 'vote', option: 'go' }], [P('p2'), { type: 'vote', option: 'stay' }], [P('p3'), { type: 'vote', option: 'go' }]);
    expect(s.phase).toBe('read-two');
    expect(s.vars.courage).toBe(1);
    expect(s.decisions[0]).toMatchObject({ phase: 'brave', option: 'go', how: 'vote', tally: { go: 2, stay: 1 } });
    s = run(s, log, [dm, { type: 'advance' }], [P('p3'), { type: 'search', location: 'road' }]);
    expect(s.found.at(-1)).toMatchObject({ clue: 'c-hidden', by: 'p3', shared: false });
    s = run(s, log, [dm, { type: 'advance' }], [P('p1'), { type: 'vote', option: 'win' }], [P('p2'), { type: 'vote', option: 'hold' }], [dm, { type: 'close-vote' }]);
    // Plurality 1–1 with a random tie-break: decided from the seed in the state.
    expect(s.status).toBe('ended');
    expect(['end-win', 'end-hold']).toContain(s.phase);
    expect(s.decisions.at(-1)?.how).toBe('tie-random');
    expect(legalActions(s, dm)).toEqual([]);
    expect(replay(basic, log)).toEqual(s);
  });

  it('waits for the DM when a majority vote ties, and only the DM may break it', () => {
    const seats: Seat[] = seats3.slice(0, 2);
    const log = [sessionStart(basic, 1, seats)];
    let s = replay(basic, log);
    s = run(s, log, [dm, { type: 'advance' }], [dm, { type: 'advance' }], [dm, { type: 'advance' }], [dm, { type: 'advance' }], [dm, { type: 'advance' }]);
    s = run(s, log, [P('p1'), { type: 'vote', option: 'go' }], [P('p2'), { type: 'vote', option: 'stay' }]);
    expect(s.phase).toBe('brave');
    expect(s.tie).toEqual(['go', 'stay']);
    expect(legalActions(s, P('p1'))).toEqual([]);
    expect(legalActions(s, dm)).toEqual([
      { type: 'break-tie', option: 'go' },
      { type: 'break-tie', option: 'stay' },
    ]);
    expect(decide(s, { type: 'break-tie', option: 'go', actor: P('p1'), version: s.version })).toMatchObject({ ok: false, code: 'actor' });
    s = run(s, log, [dm, { type: 'break-tie', option: 'stay' }]);
    expect(s.phase).toBe('end-stay');
    expect(s.decisions[0]?.how).toBe('tie-dm');
  });

  it('refuses stale taps, strangers, wrong phases and double votes with a reason in both languages', () => {
    const s = createSession(basic, 3, seats3);
    const stale = decide(s, { type: 'advance', actor: dm, version: 0 });
    expect(stale).toMatchObject({ ok: false, code: 'stale' });
    if (!stale.ok) expect(stale.reason['zh-Hans']).toContain('过时');
    expect(decide(s, { type: 'advance', actor: P('p1'), version: 1 })).toMatchObject({ ok: false, code: 'actor' });
    expect(decide(s, { type: 'advance', actor: host, version: 1 })).toMatchObject({ ok: false, code: 'actor' });
    expect(decide(s, { type: 'vote', option: 'go', actor: P('p1'), version: 1 })).toMatchObject({ ok: false, code: 'phase' });
    expect(decide(s, { type: 'search', location: 'hall', actor: P('zz'), version: 1 })).toMatchObject({ ok: false, code: 'not-seated' });
    expect(() => createSession(basic, 1, [{ player: 'p1', role: 'alpha' }, { player: 'p2', role: 'gamma' }])).toThrow(/beta/);
    expect(() => createSession(basic, 1, [{ player: 'p1', role: 'alpha' }])).toThrow(/2–3/);
    expect(() => createSession(basic, 1, [{ player: '__proto__', role: 'alpha' }, { player: 'p2', role: 'beta' }])).toThrow(/Player id/);
  });

  it('lets a role make its choice, gives an unseated role’s choice to the DM, and unlocks hidden clues', () => {
    const log = [sessionStart(choice, 5, [{ player: 'a', role: 'lead' }, { player: 'b', role: 'scout' }])];
    let s = replay(choice, log);
    expect(decide(s, { type: 'choose', option: 'lamp', actor: P('b'), version: s.version })).toMatchObject({ ok: false, code: 'actor' });
    expect(decide(s, { type: 'choose', option: 'lamp', actor: dm, version: s.version })).toMatchObject({ ok: false, code: 'actor' });
    expect(view(s, P('b')).phase.decidedBy).toBe('a');
    s = run(s, log, [P('a'), { type: 'choose', option: 'lamp' }], [P('b'), { type: 'search', location: 'roof' }], [P('b'), { type: 'search', location: 'roof' }]);
    expect(s.found.map((f) => f.clue).sort()).toEqual(['code', 'map']);
    s = run(s, log, [dm, { type: 'advance' }], [dm, { type: 'choose', option: 'yes' }]);
    expect(s.phase).toBe('end-lamp');
    const flag = run(createSession(choice, 5, [{ player: 'a', role: 'lead' }, { player: 'b', role: 'scout' }]), [], [P('a'), { type: 'choose', option: 'flag' }]);
    expect(legalActions(flag, P('a')).filter((x) => x.type === 'search')).toHaveLength(1);
    const flagged = run(flag, [], [P('a'), { type: 'search', location: 'roof' }]);
    // Only the map: the code clue stays hidden without the lamp signal.
    expect(legalActions(flagged, P('a')).filter((x) => x.type === 'search')).toEqual([]);
  });

  it('saves with a format version and refuses other versions and formats', () => {
    const log: StoryEvent[] = [sessionStart(basic, 11, seats3)];
    const s = run(replay(basic, log), log, [dm, { type: 'advance' }]);
    const json = saveSession(log);
    const back = loadSession(json, basic);
    expect(back.ok && back.state).toEqual(s);
    const older = JSON.parse(json) as { formatVersion: number };
    older.formatVersion = 0;
    expect(loadSession(JSON.stringify(older), basic)).toMatchObject({ ok: false });
    expect(loadSession('{"format":"other","events":[]}', basic)).toMatchObject({ ok: false });
    expect(loadSession('not json', basic)).toMatchObject({ ok: false });
  });
});

// ---- properties ---------------------------------------------------------------------------

const scenarios = { basic, choice, loop: fixture('loop') };
const seatingFor = (sc: Scenario, n: number): Seat[] => {
  const req = sc.roles.filter((r) => !r.optional);
  const opt = sc.roles.filter((r) => r.optional);
  return [...req, ...opt].slice(0, Math.max(req.length, Math.min(n, sc.players.max))).map((r, i) => ({ player: `p${i + 1}`, role: r.id }));
};
const actorsOf = (s: SessionState): Actor[] => [dm, host, ...s.seats.map((x) => P(x.player))];

/** A random legal game driven by fast-check's choices; returns every state along the way. */
function randomGame(sc: Scenario, seed: number, players: number, picks: number[]): { log: StoryEvent[]; states: SessionState[] } {
  const log: StoryEvent[] = [sessionStart(sc, seed, seatingFor(sc, players))];
  let s = replay(sc, log);
  const states = [s];
  for (const pick of picks) {
    if (s.status !== 'playing') break;
    const all = actorsOf(s).flatMap((actor) => legalActions(s, actor).map((action) => ({ actor, action })));
    const chosen = all[pick % all.length] as { actor: Actor; action: Action };
    const r = execute(s, { ...chosen.action, actor: chosen.actor, version: s.version } as Command);
    if (!r.ok) throw new Error(`legal action refused: ${r.reason.en}`);
    log.push(r.event);
    s = r.state;
    states.push(s);
  }
  return { log, states };
}

const gameArb = fc.record({
  name: fc.constantFrom<keyof typeof scenarios>('basic', 'choice', 'loop'),
  seed: fc.nat(),
  players: fc.integer({ min: 2, max: 3 }),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
});

describe('story engine properties', () => {
  it('replaying a log always yields the same state, also through its saved JSON', () => {
    fc.assert(
      fc.property(gameArb, ({ name, seed, players, picks }) => {
        const { log, states } = randomGame(scenarios[name], seed, players, picks);
        const last = states.at(-1) as SessionState;
        const sc = scenarios[name];
        expect(replay(sc, log)).toEqual(last);
        const loaded = loadSession(saveSession(log), sc);
        expect(loaded.ok && loaded.state).toEqual(last);
        expect(log.slice(1).reduce<SessionState>((st, e) => apply(st, e), replay(sc, log.slice(0, 1)))).toEqual(last);
      }),
      { numRuns: 150 },
    );
  });

  it('no player view ever holds another role’s pages, goals, secrets or unshared clues', () => {
    const roleTexts = (sc: Scenario, role: string) => {
      const r = sc.roles.find((x) => x.id === role);
      return r ? [...Object.values(r.pages), ...r.goals.map(String), ...r.secrets.map(String)] : [];
    };
    fc.assert(
      fc.property(gameArb.filter((g) => g.name === 'basic'), ({ seed, players, picks }) => {
        const { states } = randomGame(basic, seed, players, picks);
        for (const s of states) {
          const unfoundHidden = basic.clues.filter((c) => !s.found.some((f) => f.clue === c.id)).map((c) => String(c.text));
          for (const seat of s.seats) {
            const json = JSON.stringify(view(s, P(seat.player)));
            const forbidden = [
              ...s.seats.filter((o) => o.role !== seat.role).flatMap((o) => roleTexts(basic, o.role)),
              ...basic.roles.filter((r) => !s.seats.some((x) => x.role === r.id)).flatMap((r) => roleTexts(basic, r.id)),
              ...s.found.filter((f) => !f.shared && f.role !== seat.role).map((f) => String(basic.clues.find((c) => c.id === f.clue)?.text)),
              ...unfoundHidden,
            ];
            for (const text of forbidden) expect(json.includes(text.trim()), `${seat.player} sees ${text}`).toBe(false);
          }
          for (const v of [view(s, { kind: 'screen' }), view(s, { kind: 'spectator' })]) {
            const json = JSON.stringify(v);
            for (const r of basic.roles) for (const t of roleTexts(basic, r.id)) expect(json.includes(t.trim())).toBe(false);
            for (const f of s.found.filter((x) => !x.shared)) expect(json).not.toContain(String(basic.clues.find((c) => c.id === f.clue)?.text));
          }
        }
      }),
      { numRuns: 120 },
    );
  });

  it('every reachable state that is not an ending offers someone a legal action', () => {
    fc.assert(
      fc.property(gameArb, ({ name, seed, players, picks }) => {
        const { states } = randomGame(scenarios[name], seed, players, picks);
        for (const s of states) {
          if (s.status === 'ended') expect(actorsOf(s).flatMap((a) => legalActions(s, a))).toEqual([]);
          else {
            expect(s.status).toBe('playing');
            expect(actorsOf(s).flatMap((a) => legalActions(s, a)).length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the simulator reaches every ending the analyser calls reachable, and is deterministic', () => {
    for (const name of ['basic', 'choice', 'loop'] as const) {
      const check = checkScenario(files, `${name}/scenario.yaml`);
      const rep = simulate(scenarios[name], { runs: 300, seed: 'prop' });
      for (const ending of check.analysis?.reachableEndings ?? []) expect(rep.endings[ending], `${name}: ${ending}`).toBeGreaterThan(0);
      expect(rep.stuck).toEqual([]);
      expect(simulate(scenarios[name], { runs: 300, seed: 'prop' })).toEqual(rep);
    }
    const walk = checkScenario(files, 'walk/scenario.yaml').scenario as Scenario;
    const stuck = simulate(walk, { runs: 40, seed: 1 });
    expect(stuck.stuck.length).toBeGreaterThan(0);
    expect(stuck.stuck[0]?.phase).toBe('tail');
    expect(playOnce(walk, stuck.stuck[0]?.seed as number).events.slice(1)).toEqual(stuck.stuck[0]?.events);
  });
});

describe('views', () => {
  it('gives each viewer its own projection', () => {
    const log: StoryEvent[] = [sessionStart(basic, 4, seats3)];
    let s = run(replay(basic, log), log, [dm, { type: 'advance' }]);
    const me = view(s, P('p1'));
    expect(me.me?.pages.map((p) => p.act)).toEqual(['one']);
    expect(me.me?.secrets).toEqual(['PRIVATE-SECRET-ALPHA']);
    expect(me.dm).toBeUndefined();
    expect(me.seats.map((x) => x.intro)).toEqual(['甲的公开介绍', '乙的公开介绍', '丙的公开介绍']);
    const d = view(s, dm);
    expect(d.dm?.roles.find((r) => r.id === 'beta')?.pages.map((p) => p.act)).toEqual(['one', 'two']);
    expect(d.dm?.vars).toEqual({ courage: 0 });
    const screen = view(s, { kind: 'screen' });
    expect(screen.me).toBeUndefined();
    expect(screen.dm).toBeUndefined();
    expect(screen.phase.kind).toBe('read');
    s = run(s, log, [dm, { type: 'advance' }], [dm, { type: 'advance' }], [dm, { type: 'advance' }], [dm, { type: 'advance' }]);
    s = run(s, log, [P('p1'), { type: 'vote', option: 'go' }]);
    // Who voted is public; what they voted is not, until the vote is decided.
    expect(view(s, P('p2')).phase.voted).toEqual(['p1']);
    expect(JSON.stringify(view(s, P('p2')))).not.toContain('"ballot"');
    expect(view(s, P('p1')).me?.ballot).toBe('go');
    expect(view(s, dm).dm?.ballots).toEqual({ p1: 'go' });
  });
});

describe('untrusted commands', () => {
  it('decide never throws on any well-formed command, and what it accepts always applies', () => {
    const ids = fc.constantFrom('go', 'stay', 'win', 'hold', 'hall', 'yard', 'road', 'c-public', 'c-private-1', 'c-private-2', 'c-hidden', 'nope', 'alpha', 'beta', 'gamma', 'table', 'one', 'two', 'brave', 'end-win');
    const actor = fc.oneof(fc.constant<Actor>(dm), fc.constant<Actor>(host), fc.constantFrom('p1', 'p2', 'p3', 'p9').map((p): Actor => P(p)));
    const action = fc.oneof(
      fc.constant<Action>({ type: 'advance' }),
      ids.map((location): Action => ({ type: 'search', location })),
      ids.map((clue): Action => ({ type: 'share', clue })),
      ids.map((option): Action => ({ type: 'vote', option })),
      fc.tuple(ids, ids).map(([option, as]): Action => ({ type: 'vote', option, as })),
      fc.constant<Action>({ type: 'close-vote' }),
      ids.map((option): Action => ({ type: 'break-tie', option })),
      ids.map((option): Action => ({ type: 'choose', option })),
      ids.map((option): Action => ({ type: 'choose', option, override: true })),
      fc.constantFrom<Action>({ type: 'join' }, { type: 'leave' }, { type: 'start' }, { type: 'undo' }, { type: 'pause' }, { type: 'resume' }, { type: 'end' }, { type: 'extend', seconds: 30 }),
      ids.map((role): Action => ({ type: 'claim', role })),
      fc.tuple(ids, fc.constantFrom('p1', 'p4', 'dm', null)).map(([role, player]): Action => ({ type: 'reseat', role, player })),
      ids.map((act): Action => ({ type: 'ack', act })),
      ids.map((phase): Action => ({ type: 'jump', phase })),
      fc.tuple(ids, ids).map(([clue, to]): Action => ({ type: 'give-clue', clue, to })),
      ids.map((ending): Action => ({ type: 'end', ending })),
    );
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(actor, action, fc.integer({ min: -1, max: 1 }), fc.option(fc.nat({ max: 10_000_000 }), { nil: undefined })), { maxLength: 120 }), (seed, cmds) => {
        const log: StoryEvent[] = [sessionStart(basic, seed, seats3)];
        let s = replay(basic, log);
        for (const [a, act, drift, now] of cmds) {
          const d = decide(s, { ...act, actor: a, version: s.version + drift } as Command, now);
          // A version from the future is always refused; an older one only lands when nothing it depends on changed.
          if (drift === 1) expect(d.ok).toBe(false);
          if (drift === -1 && d.ok) {
            expect(decide(s, { ...act, actor: a, version: s.version } as Command, now).ok).toBe(true);
            expect(act.type).not.toBe('undo');
            if (['advance', 'search', 'vote', 'close-vote', 'break-tie', 'choose', 'jump', 'extend'].includes(act.type)) expect(s.since.phase).toBeLessThan(s.version);
          }
          if (!d.ok) continue;
          s = apply(s, d.event);
          log.push(d.event);
        }
        expect(replay(basic, log)).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });
});
