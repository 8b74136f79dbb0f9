import { describe, expect, it } from 'vitest';
import { demoScenario } from './harness/scenario';
import { createSession, execute, type Action, type Actor, type Command, type SessionState } from '../../core/story/index';
import { view } from '../../core/story/view';
import { formatClock, HostOffset, isPrivatePhase, newlyFound, pageForAct, playerTasks, tallyBars, timeLeft } from './model';

const scenario = demoScenario();
const seats = ['lin', 'zhou', 'shen', 'chen', 'tang', 'he'].map((role, i) => ({ player: `p${i + 1}`, role }));

function run(s: SessionState, cmd: Action & { actor: Actor }): SessionState {
  const r = execute(s, { ...cmd, version: s.version } as Command);
  if (!r.ok) throw new Error(r.reason.en);
  return r.state;
}
const dm = { kind: 'dm' } as const;
const p = (player: string) => ({ kind: 'player', player }) as const;

describe('timer in host time', () => {
  it('counts down from the deadline while running and stands still while paused', () => {
    expect(timeLeft({ endsAt: 10_000, remainingMs: 99, paused: false }, 4_000)).toBe(6_000);
    expect(timeLeft({ endsAt: 10_000, remainingMs: 99, paused: false }, 12_000)).toBe(0);
    expect(timeLeft({ endsAt: 10_000, remainingMs: 4_500, paused: true }, 99_999)).toBe(4_500);
  });
  it('formats as mm:ss rounding up, so 00:00 means really over', () => {
    expect(formatClock(360_000)).toBe('06:00');
    expect(formatClock(59_001)).toBe('01:00');
    expect(formatClock(1)).toBe('00:01');
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(-5)).toBe('00:00');
  });
  it('estimates the host offset from the least delayed push', () => {
    const o = new HostOffset(3);
    expect(o.sample(1_000, 500)).toBe(500); // 500 ms apart, pushed with no delay
    expect(o.sample(2_000, 1_540)).toBe(500); // a push delayed 40 ms does not drag it down
    expect(o.sample(3_000, 2_520)).toBe(500);
    expect(o.sample(4_000, 3_530)).toBe(480); // the best sample fell out of the window
  });
});

describe('what a player may do, read from the engine’s views', () => {
  let s = createSession(scenario, 'model-test', seats);
  it('a read phase shows the role’s own page for this act only', () => {
    s = run(s, { type: 'advance', actor: dm });
    const v = view(s, { kind: 'player', player: 'p5' });
    expect(v.phase.kind).toBe('read');
    expect(pageForAct(v)).toContain('唐明 · 第一幕');
    expect(isPrivatePhase(v.phase.kind)).toBe(true);
    expect(playerTasks(v)).toEqual({ shareable: [] });
  });
  it('search: spots enabled while points and clues remain; a found private clue is shareable and reported as new', () => {
    s = run(run(s, { type: 'advance', actor: dm }), { type: 'advance', actor: dm });
    const before = view(s, { kind: 'player', player: 'p1' });
    expect(playerTasks(before).search).toMatchObject({ points: 2, spots: [{ id: 'counter', enabled: true }, { id: 'embankment', enabled: true }, { id: 'newsroom', enabled: true }] });
    s = run(s, { type: 'search', location: 'newsroom', actor: p('p1') });
    s = run(s, { type: 'search', location: 'newsroom', actor: p('p1') });
    const after = view(s, { kind: 'player', player: 'p1' });
    const t = playerTasks(after);
    expect(t.search?.points).toBe(0);
    expect(t.search?.spots.every((x) => !x.enabled)).toBe(true);
    expect(t.shareable.map((c) => c.id).sort()).toEqual(['reporter-notes', 'teahouse-receipt']);
    expect(newlyFound(before, after)?.foundBy).toBe('p1');
    expect(newlyFound(after, after)).toBeUndefined();
    // Another player sees neither private clue, so has nothing to share.
    expect(playerTasks(view(s, { kind: 'player', player: 'p2' })).shareable).toEqual([]);
  });
  it('vote: voters may vote, the ballot is reported back, the count is public', () => {
    s = run(run(s, { type: 'advance', actor: dm }), { type: 'advance', actor: dm });
    s = run(s, { type: 'vote', option: 'letters', actor: p('p2') });
    const v = playerTasks(view(s, { kind: 'player', player: 'p2' })).vote;
    expect(v).toMatchObject({ ballot: 'letters', canVote: true, tie: false, voted: 1, voters: 6 });
    expect(playerTasks(view(s, { kind: 'player', player: 'p3' })).vote?.ballot).toBeUndefined();
  });
  it('tally bars keep option order and scale to the largest count', () => {
    const bars = tallyBars([{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }, { id: 'c', text: 'C' }], { a: 1, b: 4 });
    expect(bars.map((b) => [b.id, b.count, b.share])).toEqual([['a', 1, 0.25], ['b', 4, 1], ['c', 0, 0]]);
  });
});
