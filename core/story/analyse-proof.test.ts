import { describe, expect, it } from 'vitest';
import { checkScenario } from './analyse';
import { placeInValue } from './scalar';
import { playOnce, simulate, STUCK_LOG_EVENTS, STUCK_LOGS } from './simulate';
import { validatePack } from '../pack/validate';
import { packSource } from '../pack/fixtures/source';

/** A scenario with the given variables, phases (YAML lines under one act) and roles. */
function scenario(variables: string[], phases: string[], roles = ['  - { id: a, name: 甲, intro: 甲 }', '  - { id: b, name: 乙, intro: 乙 }'], players = '{ min: 2, max: 2 }'): Map<string, string> {
  const yaml = [
    'formatVersion: 1', 'id: proof', 'title: 证明', 'theme: 测试', `players: ${players}`, 'duration: { min: 1, max: 600 }', 'background: 背景',
    `variables:${variables.length ? '' : ' {}'}`, ...variables.map((v) => `  ${v}: { initial: 0 }`),
    'roles:', ...roles,
    'clues:', '  - { id: seen, title: 看见, text: 看见, visibility: public }',
    'acts:', '  - id: one', '    title: 幕', '    phases:',
    '      - { id: look, kind: search, actionPoints: 1, locations: [{ id: room, name: 房间, clues: [seen] }] }',
    ...phases,
  ].join('\n');
  return new Map([['s/scenario.yaml', yaml], ['s/d.md', '复盘']]);
}

/** Eight votes of four options, each read only by its own phase's next rule, then a real dead end. */
function eightVotes(): Map<string, string> {
  const votes = Array.from({ length: 8 }, (_, k) => {
    const i = k + 1;
    const next = i === 8 ? `[{ when: "v8 == 1", goto: end-ok }, { goto: stuck }]` : `[{ when: "v${i} > 9", goto: end-ok }]`;
    return `      - { id: vote${i}, kind: vote, question: 选${i}, rule: majority, tieBreak: dm, options: [${[1, 2, 3, 4].map((o) => `{ id: o${o}, text: 选项${o}, set: { v${i}: ${o} } }`).join(', ')}], next: ${next} }`;
  });
  return scenario(
    Array.from({ length: 8 }, (_, k) => `v${k + 1}`),
    [...votes, '      - { id: end-ok, kind: ending, text: 结局, debrief: d.md }', '      - { id: stuck, kind: discuss, seconds: 60 }'],
  );
}

describe('story check claims only what it proved', () => {
  it('walks eight independent four-way votes to the end and finds the real dead end', () => {
    const r = checkScenario(eightVotes(), 's/scenario.yaml');
    expect(r.analysis?.complete).toBe(true);
    expect(r.analysis?.reachableEndings).toEqual(['end-ok']);
    expect(r.findings.map((f) => f.code)).toEqual(['story.dead-end']);
  });

  it('says so when the walk is cut short, and claims nothing about what it did not reach', () => {
    // A counter raised every round grows without bound: the walk cannot finish.
    const files = scenario(['n'], [
      '      - { id: round, kind: discuss, seconds: 60, set: { n: n + 1 }, next: [{ when: "n > 100000", goto: end-ok }, { goto: round }] }',
      '      - { id: end-ok, kind: ending, text: 结局, debrief: d.md }',
    ]);
    const r = checkScenario(files, 's/scenario.yaml');
    expect(r.analysis?.complete).toBe(false);
    expect(r.findings.map((f) => f.code)).toEqual(['story.analysis-incomplete']);
    expect(r.findings[0]!.message['zh-Hans']).toContain('不一定到不了');
  });

  it('makes a scenario that can never finish an error, said once', () => {
    const files = scenario([], [
      '      - { id: round, kind: discuss, seconds: 60, next: [{ goto: round }] }',
      '      - { id: end-ok, kind: ending, text: 结局, debrief: d.md }',
    ]);
    const f = checkScenario(files, 's/scenario.yaml').findings;
    expect(f.map((x) => [x.code, x.severity])).toEqual([['story.no-ending-reachable', 'error']]);
  });

  it('refuses two search locations with one id, placed on the second', () => {
    const files = scenario([], ['      - { id: end-ok, kind: ending, text: 结局, debrief: d.md }']);
    files.set('s/scenario.yaml', files.get('s/scenario.yaml')!.replace("[{ id: room, name: 房间, clues: [seen] }]", "[{ id: room, name: 房间, clues: [seen] }, { id: room, name: 书房, clues: [seen] }]"));
    const line = files.get('s/scenario.yaml')!.split('\n')[17]!;
    const dup = checkScenario(files, 's/scenario.yaml').findings.filter((f) => f.code === 'story.duplicate-id');
    expect(dup.map((f) => [f.line, f.column])).toEqual([[18, line.lastIndexOf('room') + 1]]);
  });

  it('refuses a vote only optional roles can cast when they may all be unseated', () => {
    const roles = ['  - { id: a, name: 甲, intro: 甲 }', '  - { id: b, name: 乙, intro: 乙 }', '  - { id: c, name: 丙, intro: 丙, optional: true }'];
    const vote = (voters: string) => [
      `      - { id: verdict, kind: vote, question: 谁, rule: majority, tieBreak: dm, voters: ${voters}, options: [{ id: x, text: 甲, goto: end-ok }, { id: y, text: 乙, goto: end-ok }] }`,
      '      - { id: end-ok, kind: ending, text: 结局, debrief: d.md }',
    ];
    const f = checkScenario(scenario([], vote('[c]'), roles, '{ min: 2, max: 3 }'), 's/scenario.yaml').findings;
    expect(f.map((x) => x.code)).toEqual(['story.vote-without-voters']);
    expect(f[0]!.message['zh-Hans']).toContain('2 人开局时');
    expect(checkScenario(scenario([], vote('[a, c]'), roles, '{ min: 2, max: 3 }'), 's/scenario.yaml').findings).toEqual([]);
    expect(checkScenario(scenario([], vote('[c]'), roles, '{ min: 3, max: 3 }'), 's/scenario.yaml').findings).toEqual([]);
  });

  it('checks scenario media when the pack is validated', () => {
    const files = scenario([], [
      '      - { id: open, kind: narrate, text: 开场, media: [{ kind: image, src: media/open.png }] }',
      '      - { id: end-ok, kind: ending, text: 结局, debrief: d.md }',
    ]);
    const pack = {
      'pack.yaml': 'id: p\nversion: 1.0.0\nformatVersion: 1\nminAppVersion: 0.1.0\ntitle: 包\ncontents:\n  scenarios: [s/scenario.yaml]\n',
      ...Object.fromEntries(files),
    };
    const f = validatePack(packSource(pack), { appVersion: '0.1.0' }).findings.filter((x) => x.file === 's/scenario.yaml');
    expect(f.map((x) => x.code)).toEqual(['story.missing-media']);
  });

  it('places an expression error inside escaped strings and folded conditions', () => {
    const phases = (when: string[]) => [
      '      - id: gate',
      '        kind: discuss',
      '        seconds: 60',
      '        next:',
      ...when,
      '      - { id: end-ok, kind: ending, text: 结局, debrief: d.md }',
    ];
    const at = (files: Map<string, string>) => checkScenario(files, 's/scenario.yaml').findings.filter((f) => f.code === 'story.undefined-variable').map((f) => [f.line, f.column]);
    // "\"calm\"" is one character longer in the source per escape: the bare word after it is courage, column 45.
    const courage = (files: Map<string, string>) => {
      const lines = files.get('s/scenario.yaml')!.split('\n');
      const n = lines.findIndex((l) => l.includes('courage'));
      return [[n + 1, lines[n]!.indexOf('courage') + 1]];
    };
    // Each \\" is two characters in the source and one in the value: counting value characters alone lands short.
    const escaped = scenario(['mode'], phases(['          - { when: "mode == \\"calm\\" && courage > 1", goto: end-ok }']));
    expect(at(escaped)).toEqual(courage(escaped));
    expect(courage(escaped)).toEqual([[24, 42]]);
    // A folded condition: the variable is on the block's second line, not on the line of ">-".
    const folded = scenario(['mode'], phases(['          - goto: end-ok', '            when: >-', '              mode == 1 &&', '              courage > 1']));
    expect(at(folded)).toEqual(courage(folded));
  });

  it('maps value characters to the source, or answers undefined when they do not line up', () => {
    const src = 'a: \'it\'\'s x\'\nb: |\n  one\n  two y\n';
    expect(placeInValue(src, { line: 1, column: 4 }, "it's x", 5)).toEqual({ line: 1, column: 11 });
    expect(placeInValue(src, { line: 2, column: 4 }, 'one\ntwo y\n', 8)).toEqual({ line: 4, column: 7 });
    expect(placeInValue(src, { line: 1, column: 4 }, 'something else', 3)).toBeUndefined();
  });

  it('keeps a simulation report readable: the last events of the first stuck runs, every run replayable by its seed', () => {
    // Play never ends: every run is cut off at maxEvents.
    const files = scenario([], [
      '      - { id: round, kind: discuss, seconds: 60, next: [{ goto: round }] }',
      '      - { id: end-ok, kind: ending, text: 结局, debrief: d.md }',
    ]);
    const s = checkScenario(files, 's/scenario.yaml').scenario!;
    const rep = simulate(s, { runs: 6, seed: 3, maxEvents: 600 });
    expect(rep.stuck.map((r) => [r.reason, r.events.length, r.eventsOmitted])).toEqual([
      ...Array.from({ length: STUCK_LOGS }, () => ['too-long', STUCK_LOG_EVENTS, 599 - STUCK_LOG_EVENTS]),
      ...Array.from({ length: 6 - STUCK_LOGS }, () => ['too-long', 0, 599]),
    ]);
    expect(rep.stuck[0]!.events).toEqual(playOnce(s, rep.stuck[0]!.seed, 600).events.slice(-STUCK_LOG_EVENTS));
  });
});
