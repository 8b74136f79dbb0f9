import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkScenario, resolvePagePath } from './analyse';
import { checkScenarioSource } from './index';

const root = join(import.meta.dirname, 'fixtures');
function fixtureFiles(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|md)$/.test(f)) out.set(relative(root, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(root);
  return out;
}
const files = fixtureFiles();
const codes = (entry: string) => checkScenario(files, entry).findings.map((f) => `${f.code}@${f.line}:${f.column}`);

describe('story check', () => {
  it('finds nothing wrong with a well-formed scenario and reports what it reaches', () => {
    const r = checkScenario(files, 'basic/scenario.yaml');
    expect(r.findings).toEqual([]);
    expect(r.analysis?.reachableEndings).toEqual(['end-win', 'end-hold', 'end-stay']);
    expect(r.analysis?.reachableClues).toContain('c-hidden');
    expect(r.analysis?.complete).toBe(true);
    const est = r.analysis?.estimate as { min: number; max: number };
    expect(est.min).toBeGreaterThan(5);
    expect(est.max).toBeGreaterThan(est.min);
    expect(r.scenario?.roles[0]?.pages.one).toContain('PRIVATE-PAGE-ALPHA-ONE');
    expect(checkScenarioSource(files, 'basic/scenario.yaml')).toEqual([]);
  });
  it('reaches endings through role and DM choices and conditional next rules', () => {
    const r = checkScenario(files, 'choice/scenario.yaml');
    expect(r.findings).toEqual([]);
    expect(r.analysis?.reachableEndings.sort()).toEqual(['end-doubt', 'end-flag', 'end-lamp']);
    expect(r.analysis?.reachableClues).toEqual(['map', 'code']);
  });
  it('places reference, expression, variable and page errors at line and column', () => {
    const c = codes('broken/scenario.yaml');
    expect(c).toContain('story.unknown-phase@33:37');
    // `morale <` ends too early: the column points just after the operator.
    expect(c).toContain('story.expression@36:30');
    // `courage == 2`: the undefined variable is placed where it starts.
    expect(c).toContain('story.undefined-variable@37:22');
    expect(c).toContain('story.missing-page@13:5');
    expect(c).toContain('story.missing-page-file@39:56');
    expect(c).toContain('story.unused-variable@10:11');
    expect(c).toContain('story.clue-unplaced@16:11');
    const all = checkScenario(files, 'broken/scenario.yaml').findings;
    expect(all.every((f) => f.file === 'broken/scenario.yaml' && f.message['zh-Hans'] && f.message.en)).toBe(true);
    expect(all.filter((f) => f.severity === 'error').length).toBeGreaterThanOrEqual(5);
  });
  it('walks every combination of votes to find dead ends and what cannot be reached', () => {
    const c = codes('walk/scenario.yaml');
    expect(c).toContain('story.dead-end@41:9');
    expect(c).toContain('story.unreachable-ending@40:9');
    expect(c).toContain('story.unreachable-clue@18:11');
    expect(c).toContain('story.expression-runtime@37:27');
    expect(c).toContain('story.unused-variable@13:11');
    expect(c.filter((x) => x.startsWith('story.unreachable-clue'))).toHaveLength(1);
  });
  it('turns YAML and schema problems into findings with positions', () => {
    const bad = new Map([['s.yaml', 'formatVersion: 1\nid: x\ntitle: [\n']]);
    expect(checkScenario(bad, 's.yaml').findings[0]?.code).toBe('yaml.syntax');
    const text = readFileSync(join(root, 'basic/scenario.yaml'), 'utf8').replace('kind: discuss, seconds: 300', 'kind: discus, seconds: 300').replace('secondsPerPlayer: 60', 'secondsPerPlayer: 60, colour: red');
    const m = new Map(files);
    m.set('basic/scenario.yaml', text);
    const f = checkScenario(m, 'basic/scenario.yaml').findings;
    expect(f.map((x) => x.code)).toEqual(['story.schema', 'story.schema']);
    expect(f[0]?.line).toBe(42);
    expect(f[0]?.message['zh-Hans']).toContain('colour');
    expect(f[1]?.line).toBe(50);
    expect(f[1]?.message.en).toContain('kind must be');
    expect(checkScenario(files, 'nope/scenario.yaml').findings[0]?.code).toBe('story.missing-file');
  });
  it('says a misspelt required key once, as the unknown key with its "did you mean"', () => {
    const m = new Map(files);
    m.set('basic/scenario.yaml', (files.get('basic/scenario.yaml') as string).replace(/^title:/m, 'titel:'));
    const f = checkScenario(m, 'basic/scenario.yaml').findings;
    expect(f).toHaveLength(1);
    expect(f[0]?.message.en).toContain('titel');
    expect(f[0]?.message.en).toContain('title');
  });
  it('accepts YAML booleans and numbers as expressions, and hints at quotes for bare words', () => {
    const m = new Map(files);
    const text = (files.get('basic/scenario.yaml') as string).replace('set: { courage: courage + 1 }', 'set: { courage: 2 }');
    m.set('basic/scenario.yaml', text);
    expect(checkScenario(m, 'basic/scenario.yaml').findings).toEqual([]);
    m.set('choice/scenario.yaml', (files.get('choice/scenario.yaml') as string).replace(`set: { signal: '"lamp"' }`, 'set: { signal: lamp }'));
    const f = checkScenario(m, 'choice/scenario.yaml').findings;
    expect(f[0]?.code).toBe('story.undefined-variable');
    expect(f[0]?.message.en).toContain(`quote it: '"lamp"'`);
  });
  it('checks media cues against the pack’s files when it knows them', () => {
    const paths = new Set([...files.keys(), 'basic/media/open.svg']);
    expect(checkScenario(files, 'basic/scenario.yaml', { assetPaths: paths }).findings).toEqual([]);
    paths.delete('basic/media/open.svg');
    const f = checkScenario(files, 'basic/scenario.yaml', { assetPaths: paths }).findings;
    expect(f.map((x) => `${x.code}@${x.line}:${x.column}`)).toEqual(['story.missing-media@40:75']);
  });
  it('resolves page paths inside the pack only', () => {
    expect(resolvePagePath('scenarios/a/scenario.yaml', 'roles/x.md')).toBe('scenarios/a/roles/x.md');
    expect(resolvePagePath('scenarios/a/scenario.yaml', '../shared/d.md')).toBe('scenarios/shared/d.md');
    expect(resolvePagePath('s.yaml', '../../etc/passwd.md')).toBeUndefined();
  });
});

describe('story check on hostile input', () => {
  it('never throws, whatever a line of the scenario is replaced with', () => {
    const base = files.get('basic/scenario.yaml') as string;
    const lines = base.split('\n');
    const junk = fc.constantFrom('', '  - x', 'acts: 3', '      next: [{ goto: open }]', '      - { id: open, kind: ending, text: x, debrief: pages/debrief.md }', '__proto__: { initial: 1 }', 'variables: { __proto__: { initial: 1 } }', '      - { id: loop, kind: vote, question: q, rule: majority, tieBreak: dm, options: [{ id: a, text: a, goto: open }, { id: b, text: b, goto: loop }] }', '[', 'players: { min: 9, max: 1 }', '        when: "((((("');
    fc.assert(
      fc.property(fc.nat({ max: lines.length - 1 }), junk, (i, line) => {
        const m = new Map(files);
        m.set('basic/scenario.yaml', [...lines.slice(0, i), line, ...lines.slice(i + 1)].join('\n'));
        const r = checkScenario(m, 'basic/scenario.yaml');
        for (const f of r.findings) {
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.message.en.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });
  it('refuses variable names that could reach an object prototype', () => {
    const m = new Map(files);
    m.set('basic/scenario.yaml', (files.get('basic/scenario.yaml') as string).replace('  courage: { initial: 0 }', '  courage: { initial: 0 }\n  __proto__: { initial: 1 }'));
    const r = checkScenario(m, 'basic/scenario.yaml');
    // zod drops the key; nothing reaches the prototype and the variable simply does not exist.
    expect(Object.keys(r.scenario?.variables ?? {})).toEqual(['courage']);
    expect(Object.getPrototypeOf(r.scenario?.variables)).toBe(Object.prototype);
    const used = new Map(m);
    used.set('basic/scenario.yaml', (m.get('basic/scenario.yaml') as string).replace('when: "courage > 0"', 'when: "__proto__ > 0"'));
    expect(checkScenario(used, 'basic/scenario.yaml').findings.map((x) => x.code)).toContain('story.undefined-variable');
  });
});
