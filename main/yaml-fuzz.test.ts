// Every bad input is a finding: random and mutated YAML fed to every loader of a file a curator
// or a client writes (the pack as a whole, pack.yaml, hall.yaml, a scenario, a quiz bank). No
// loader may throw; every finding is placed (file, line, column) and worded in both languages.
// Bounded and seeded: the same inputs on every run (change SEED to explore, then pin what fails).
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../core/findings';
import { parseHallConfig } from '../core/hall';
import { loadQuizBankSource } from '../core/quiz/check';
import { checkScenario } from '../core/story/analyse';
import { validatePack, type PackSource } from '../core/pack/validate';
import { MAX_YAML_DEPTH, parseYamlSource } from '../core/yaml-source';
import { parsePackYaml } from './host/packs/manifest';
import { readPackSource } from './host/packs/read';

const SEED = 20261123;
const RUNS = 60;
// Validating the whole demo pack (every kind, every asset probe) costs far more per run.
const RUNS_FOR: Record<string, number> = { 'pack validate (pack.yaml)': 15, 'pack validate (exhibits.yaml)': 15 };
const demoDir = join(import.meta.dirname, '../content/demo-hall');
const SCENARIO = 'scenarios/south-bank/scenario.yaml';
const BANK = 'quiz/self-check.yaml';

let demo: PackSource;
beforeAll(async () => {
  demo = (await readPackSource(demoDir)).source;
}, 60_000);

/** A billion-laughs document: each level aliases the one before nine times. */
function aliasBomb(levels = 9): string {
  let text = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
  let prev = 'a';
  for (let i = 0; i < levels; i++) {
    const name = `b${i}`;
    text += `${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(', ')}]\n`;
    prev = name;
  }
  return text;
}
const deepFlow = (n: number) => `key: ${'['.repeat(n)}1${']'.repeat(n)}\n`;
const deepBlock = (n: number) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' end\n';

/** What each loader makes of one YAML text put where it reads it. */
const LOADERS: Record<string, (text: string) => Finding[]> = {
  'yaml source': (t) => parseYamlSource(t, 'x.yaml').syntaxFindings,
  'hall.yaml': (t) => parseHallConfig(t, 'hall.yaml').findings,
  'pack.yaml (manifest reader)': (t) => parsePackYaml(t).source.syntaxFindings,
  'pack validate (pack.yaml)': (t) => validatePack(withText(demo, 'pack.yaml', t), { appVersion: '99.0.0', lint: false }).findings,
  'pack validate (exhibits.yaml)': (t) => validatePack(withText(demo, 'exhibits.yaml', t), { appVersion: '99.0.0', lint: false }).findings,
  scenario: (t) => checkScenario(withText(demo, SCENARIO, t).texts, SCENARIO).findings,
  'quiz bank': (t) => loadQuizBankSource(withText(demo, BANK, t).texts, BANK).findings,
};

function withText(src: PackSource, path: string, text: string): PackSource {
  const texts = new Map(src.texts);
  texts.set(path, text);
  return { ...src, texts };
}

function expectPlaced(findings: readonly Finding[]) {
  for (const f of findings) {
    expect(f.file).toBeTruthy();
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.message['zh-Hans']).toBeTruthy();
    expect(f.message.en).toBeTruthy();
  }
}

/** Characters YAML gives meaning to, and the kinds of lines curators write. */
const YAMLISH = fc.constantFrom(...'&*!|>-?:,[]{}#%@`"\'\t\n  abc中文1.'.split(''));
const fragment = fc.oneof(
  fc.stringMatching(/^[a-z]{1,6}$/),
  fc.constantFrom('&a ', '*a', '<<: *a\n', '- ', ': ', '\n  ', '\t', '"', "'", '[', ']', '{', '}', '|\n', '>-\n', '!!binary ', '!!js/function ', '? ', '---\n', '...\n', '%YAML 1.1\n', '\uFEFF'),
  YAMLISH,
);
const randomYaml = fc.array(fragment, { maxLength: 80 }).map((parts) => parts.join(''));

/** A real file with random edits: characters inserted, deleted or replaced, lines doubled or cut. */
function mutated(original: () => string) {
  const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert', 'delete', 'replace', 'dup-line', 'cut', 'bomb', 'deep'), text: fragment, len: fc.integer({ min: 1, max: 40 }) });
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let t = original();
    for (const e of edits) {
      const at = t.length === 0 ? 0 : e.at % t.length;
      if (e.kind === 'insert') t = t.slice(0, at) + e.text + t.slice(at);
      else if (e.kind === 'delete') t = t.slice(0, at) + t.slice(at + e.len);
      else if (e.kind === 'replace') t = t.slice(0, at) + e.text + t.slice(at + e.text.length);
      else if (e.kind === 'cut') t = t.slice(0, at);
      else if (e.kind === 'bomb') t = t.slice(0, at) + '\n' + aliasBomb(4 + (e.len % 6)) + t.slice(at);
      else if (e.kind === 'deep') t = t.slice(0, at) + '\n' + deepFlow(20 + e.len * 5) + t.slice(at);
      else {
        const lines = t.split('\n');
        const i = at % Math.max(1, lines.length);
        lines.splice(i, 0, lines[i] ?? '');
        t = lines.join('\n');
      }
    }
    return t;
  });
}

describe('YAML alias bombs and deep nesting', () => {
  for (const [name, load] of Object.entries(LOADERS)) {
    it(`${name}: an alias bomb is a placed finding, never an exception`, () => {
      const findings = load(aliasBomb());
      expectPlaced(findings);
      expect(findings.map((f) => f.code)).toContain('yaml.alias-bomb');
    });

    it(`${name}: nesting deeper than ${MAX_YAML_DEPTH} levels is a placed finding`, () => {
      for (const text of [deepFlow(MAX_YAML_DEPTH + 5), deepBlock(MAX_YAML_DEPTH + 5), deepFlow(5_000)]) {
        const findings = load(text);
        expectPlaced(findings);
        expect(findings.some((f) => f.code === 'yaml.too-deep' || f.code === 'yaml.syntax')).toBe(true);
      }
    });
  }

  it('places the alias bomb at its first alias and the deep nesting where it goes too deep', () => {
    const bomb = parseYamlSource(aliasBomb(), 'x.yaml').syntaxFindings;
    expect(bomb).toMatchObject([{ code: 'yaml.alias-bomb', line: 2, column: 10 }]);
    const deep = parseYamlSource(deepBlock(MAX_YAML_DEPTH + 5), 'x.yaml').syntaxFindings;
    expect(deep).toMatchObject([{ code: 'yaml.too-deep', line: MAX_YAML_DEPTH + 1 }]);
    // Real content is far from the limits, and a few aliases stay fine.
    expect(parseYamlSource('base: &b { a: 1 }\none: *b\ntwo: *b\n', 'x.yaml')).toMatchObject({ syntaxFindings: [], value: { one: { a: 1 }, two: { a: 1 } } });
  });
});

describe('fuzz: random and mutated YAML never throws out of a loader (seeded)', () => {
  const originals: Record<string, () => string> = {
    'hall.yaml': () => 'idleSeconds: 90\nlisten: loopback\nsurfaces:\n  - { id: kiosk, role: kiosk, display: 0, touch: true }\n  - { id: wall-1, role: wall, display: HDMI-2 }\n',
    'pack.yaml (manifest reader)': () => demo.texts.get('pack.yaml')!,
    'pack validate (pack.yaml)': () => demo.texts.get('pack.yaml')!,
    'pack validate (exhibits.yaml)': () => demo.texts.get('exhibits.yaml')!,
    scenario: () => demo.texts.get(SCENARIO)!,
    'quiz bank': () => demo.texts.get(BANK)!,
    'yaml source': () => demo.texts.get('timeline.yaml')!,
  };
  for (const [name, load] of Object.entries(LOADERS)) {
    it(`${name}: random YAML`, () => {
      fc.assert(fc.property(randomYaml, (text) => expectPlaced(load(text))), { seed: SEED, numRuns: RUNS_FOR[name] ?? RUNS });
    }, 120_000);
    it(`${name}: the real file, mutated`, () => {
      fc.assert(fc.property(mutated(originals[name]!), (text) => expectPlaced(load(text))), { seed: SEED, numRuns: RUNS_FOR[name] ?? RUNS });
    }, 120_000);
  }
});
