import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkScenario } from '../../../core/story';
import { readPackTexts } from '../../story/pack-folder';
import { applyTable, createTable, decideTable, replayTable, tablePhase, type TableEvent, type TableAction, type TableActor, type TableState } from './engine';

// The DM's powers and read receipts, through the table adapter into the story engine.
const packRoot = join(import.meta.dirname, '..', '..', '..', 'content', 'demo-hall');
const { files } = await readPackTexts(packRoot);
const scenario = checkScenario(files, 'scenarios/south-bank/scenario.yaml').scenario;
if (!scenario) throw new Error('demo scenario does not check');

const DM: TableActor = { kind: 'dm' };
function act(s: TableState, actor: TableActor, action: TableAction): TableState {
  const d = decideTable(s, { actor, action, version: s.version, at: 1000 + s.version });
  if (!d.ok) throw new Error(`${action.type} refused: ${d.code} ${d.reason.en}`);
  return applyTable(s, d.event);
}
function started(): TableState {
  let s = createTable(scenario!, { seed: 7, pack: { id: 'demo-hall', version: 'test' }, at: 0 }).state;
  scenario!.roles.forEach((r, i) => {
    s = act(s, { kind: 'host' }, { type: 'join', player: `p${i}` });
    s = act(s, { kind: 'player', player: `p${i}` }, { type: 'claim', role: r.id });
  });
  return act(s, DM, { type: 'start' });
}

describe('table adapter on the story engine', () => {
  it('gives a clue to the role of the player the DM picked, and undo takes it back', () => {
    let s = started();
    const clue = scenario!.clues.find((c) => !s.session!.found.some((f) => f.clue === c.id))!;
    s = act(s, DM, { type: 'give-clue', clue: clue.id, player: 'p1' });
    const found = s.session!.found.find((f) => f.clue === clue.id);
    expect(found).toBeDefined();
    expect(JSON.stringify(found)).toContain(scenario!.roles[1]!.id);
    s = act(s, DM, { type: 'undo' });
    expect(s.session!.found.some((f) => f.clue === clue.id)).toBe(false);
  });

  it('refuses a clue for a player who holds no role, in both languages', () => {
    const s = started();
    const d = decideTable(s, { actor: DM, action: { type: 'give-clue', clue: scenario!.clues[0]!.id, player: 'nobody' }, version: s.version, at: 5 });
    expect(d).toMatchObject({ ok: false, code: 'not-seated' });
  });

  it('records a player reading the page of the latest act once', () => {
    let s = started();
    const role = scenario!.roles[0]!;
    s = act(s, { kind: 'player', player: 'p0' }, { type: 'ack' });
    expect(s.session!.reads[role.id]).toEqual([s.session!.actsReached.at(-1)]);
    const again = decideTable(s, { actor: { kind: 'player', player: 'p0' }, action: { type: 'ack' }, version: s.version, at: 9 });
    expect(again).toMatchObject({ ok: false, code: 'read' });
  });

  it('keeps when the phase began on host time: set on entering, moved on by a pause, the same after a replay', () => {
    const events: TableEvent[] = [];
    const step = (s: TableState, actor: TableActor, action: TableAction, at: number): TableState => {
      const d = decideTable(s, { actor, action, version: s.version, at });
      if (!d.ok) throw new Error(`${action.type} refused: ${d.code}`);
      events.push(d.event);
      return applyTable(s, d.event);
    };
    const first = createTable(scenario!, { seed: 7, pack: { id: 'demo-hall', version: 'test' }, at: 0 });
    events.push(first.event);
    let s = first.state;
    scenario!.roles.forEach((r, i) => {
      s = step(s, { kind: 'host' }, { type: 'join', player: `p${i}` }, 10);
      s = step(s, { kind: 'player', player: `p${i}` }, { type: 'claim', role: r.id }, 20);
    });
    expect(s.phaseSince).toBeUndefined();
    s = step(s, DM, { type: 'start' }, 1_000);
    expect(s.phaseSince).toBe(1_000);
    // A step inside the phase (a read receipt) leaves it; moving on sets it anew.
    s = step(s, { kind: 'player', player: 'p0' }, { type: 'ack' }, 2_000);
    expect(s.phaseSince).toBe(1_000);
    const phase = tablePhase(s)!.id;
    s = step(s, DM, { type: 'advance' }, 5_000);
    expect(tablePhase(s)!.id).not.toBe(phase);
    expect(s.phaseSince).toBe(5_000);
    // Paused for 3 s: the phase's films (and its deadline) resume where they were.
    s = step(s, DM, { type: 'pause' }, 6_000);
    s = step(s, DM, { type: 'resume' }, 9_000);
    expect(s.phaseSince).toBe(8_000);
    // A host started again folds the log to the same moment.
    expect(replayTable(scenario!, events).phaseSince).toBe(8_000);
  });

  it('jumps to a phase the DM names; a player cannot', () => {
    let s = started();
    const target = scenario!.acts.at(-1)!.phases[0]!;
    const p = decideTable(s, { actor: { kind: 'player', player: 'p0' }, action: { type: 'jump', phase: target.id }, version: s.version, at: 9 });
    expect(p.ok).toBe(false);
    s = act(s, DM, { type: 'jump', phase: target.id });
    expect(tablePhase(s)?.id).toBe(target.id);
  });

  it('judges staleness per sender: two votes cast on the same screen both land; a vote after the vote closed is refused', () => {
    let s = started();
    const votePhase = scenario!.acts.flatMap((a) => a.phases).find((p) => p.kind === 'vote')!;
    s = act(s, DM, { type: 'jump', phase: votePhase.id });
    // A pause and resume by the DM between (table-only events) do not make the players' screens stale.
    s = act(s, DM, { type: 'pause' });
    s = act(s, DM, { type: 'resume' });
    const seen = s.version;
    const option = (votePhase as { options: Array<{ id: string }> }).options[0]!.id;
    const allowed = (votePhase as { voters: 'all' | string[] }).voters;
    const voters = s.session!.seats.filter((x) => allowed === 'all' || allowed.includes(x.role)).slice(0, 2);
    expect(voters.length).toBe(2);
    for (const v of voters) {
      const d = decideTable(s, { actor: { kind: 'player', player: v.player }, action: { type: 'vote', option }, version: seen, at: 50 });
      if (!d.ok) throw new Error(`${v.player}: ${d.code} ${d.reason.en}`);
      s = applyTable(s, d.event);
    }
    expect(s.version).toBe(seen + 2);
    s = act(s, DM, { type: 'close-vote' });
    const late = decideTable(s, { actor: { kind: 'player', player: voters[0]!.player }, action: { type: 'vote', option }, version: seen, at: 60 });
    expect(late).toMatchObject({ ok: false, code: 'stale' });
    const early = decideTable(s, { actor: { kind: 'player', player: 'p0' }, action: { type: 'search', location: 'x' }, version: 2, at: 60 });
    expect(early).toMatchObject({ ok: false, code: 'stale' });
  });
});
