import { describe, expect, it } from 'vitest';
import { LocalTable } from './harness/local';
import { demoScenario } from './harness/scenario';
import { isPrivatePhase, needsTurn, turnQueue } from './model';
import { parseTableRoute } from './route';
import { parseDmHash } from '../dm/dmLink';
import { rolesForSize } from '../dm/open';

const scenario = demoScenario();
const seats = ['lin', 'zhou', 'shen', 'chen', 'tang', 'he'].map((role, i) => ({ player: `p${i + 1}`, role }));
const prefer = { 'act1-vote': 'supplies', 'act2-accuse': 'tang', 'tang-choice': 'confess' };

function viewsOf(table: LocalTable) {
  return seats.map((s) => ({ player: s.player, view: table.link({ kind: 'player', player: s.player }).state.view }));
}

describe('pass-and-play turns on the demo scenario', () => {
  it('a search gives a turn to everyone with points left, and takes them off once they had it or spent them', () => {
    const table = new LocalTable(scenario, seats);
    table.playTo('act1-search', prefer);
    expect(turnQueue(viewsOf(table), new Set())).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    // p1 spends both points; p2 has had a turn (covered the screen) without searching.
    table.run({ kind: 'player', player: 'p1' }, { type: 'search', location: 'counter' }, table.state.version);
    table.run({ kind: 'player', player: 'p1' }, { type: 'search', location: 'counter' }, table.state.version);
    expect(turnQueue(viewsOf(table), new Set(['p2']))).toEqual(['p3', 'p4', 'p5', 'p6']);
  });
  it('a vote is a turn only for voters who have not voted; a narration needs no curtain', () => {
    const table = new LocalTable(scenario, seats);
    table.playTo('act1-vote', prefer);
    table.run({ kind: 'player', player: 'p3' }, { type: 'vote', option: 'letters' }, table.state.version);
    expect(turnQueue(viewsOf(table), new Set())).toEqual(['p1', 'p2', 'p4', 'p5', 'p6']);
    table.playTo('act2-open-supplies', prefer);
    const v = viewsOf(table)[0]!.view!;
    expect(isPrivatePhase(v.phase.kind)).toBe(false);
    expect(needsTurn(v)).toBe(false);
  });
  it('a choice is a turn for the deciding role alone', () => {
    const table = new LocalTable(scenario, seats);
    table.playTo('tang-choice', { ...prefer, 'act2-accuse': 'nobody' });
    expect(table.state.phase).toBe('tang-choice');
    expect(turnQueue(viewsOf(table), new Set())).toEqual(['p5']);
  });
});

describe('page addresses', () => {
  it('the table page: screen or pass-and-play, a code, a locale', () => {
    expect(parseTableRoute('#/pass?code=hq7rt&locale=en')).toEqual({ mode: 'pass', code: 'HQ7RT', locale: 'en' });
    expect(parseTableRoute('#/screen?code=HQ7RT')).toEqual({ mode: 'screen', code: 'HQ7RT', locale: 'zh-Hans' });
    expect(parseTableRoute('#/whatever?locale=xx')).toEqual({ mode: 'screen', code: '', locale: 'zh-Hans' });
  });
  it('the DM console keeps the watched table in its hash', () => {
    expect(parseDmHash('#/dm?table=t-5d6a1b35ec5e')).toBe('t-5d6a1b35ec5e');
    expect(parseDmHash('#/dm?x=1&table=t-abcd')).toBe('t-abcd');
    expect(parseDmHash('#/dm?table=../../etc')).toBeUndefined();
    expect(parseDmHash('#/dm')).toBeUndefined();
  });
  it('a table of n seats holds the required roles, then optional ones', () => {
    const sc = { roles: [{ id: 'a', optional: false }, { id: 'x', optional: true }, { id: 'b', optional: false }] } as Parameters<typeof rolesForSize>[0];
    expect(rolesForSize(sc, 2)).toEqual(['a', 'b']);
    expect(rolesForSize(sc, 3)).toEqual(['a', 'b', 'x']);
    expect(rolesForSize(sc, 1)).toEqual(['a', 'b']);
  });
});
