import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import fc from 'fast-check';
import { fastYaml } from './yaml-fast';

const library = (text: string): unknown => {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  return doc.errors.length > 0 ? 'ERRORS' : doc.toJS({ maxAliasCount: 100 });
};

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'dist' || name === 'out') continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

describe('fast YAML reader', () => {
  it('gives the library value for every YAML file of the project it takes (and takes most)', () => {
    const root = join(__dirname, '..');
    const files = [...yamlFiles(join(root, 'content')), ...yamlFiles(join(root, 'core')), ...yamlFiles(join(root, 'main'))];
    let taken = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const v = fastYaml(text);
      if (v === undefined) continue;
      taken++;
      expect(v, f).toStrictEqual(library(text));
    }
    expect(files.length).toBeGreaterThan(10);
    expect(taken).toBeGreaterThan(0);
  });

  const cases: string[] = [
    'a: 1\nb: -0\nc: 1.50\nd: 007\ne: 1e3\nf: .5\ng: 0x1F\nh: 1_000\ni: 12345678901234567890\nj: 1.0.0\nk: 2026-11-23\n',
    'a: true\nb: True\nc: ~\nd: null\ne: NULL\nf:\ng: .inf\nh: -.Inf\ni: .nan\nj: yes\nk: off\n',
    'a: "x: y"\nb: \'it\'\'s\'\nc: "q\\"x"\nd: \'\'\ne: ""\nf: it\'s\ng: a:b\nh: http://x/y\n',
    'a:\n- 1\n- 2\nb: x\n',
    'a:\n  - id: m0\n    t: x\n  - id: m1\n    items:\n      - { id: i0, kind: image, title: 展项0, src: media/0/p0.svg }\n      - [a, b, "c, d"]\n      - {}\n      - []\n',
    '- - a\n  - b\n- c\n-\n  d: e\n-\n',
    'a: b\n  c\n',
    'a: b\nc: d\na: e\n',
    'a: &x 1\nb: *x\n',
    'a: |\n  text\n',
    'a: >\n  text\n',
    'a: b # comment\n',
    '# comment\n---\na: 1\n',
    'a: 1\n---\nb: 2\n',
    '---\n',
    '',
    'just a scalar\n',
    'a:\tb\n',
    'a: b\r\nc: d\r\n',
    '\ufeffa: b\n',
    'a: {b: c, d: e,}\n',
    'a: { b: { c: d } }\n',
    'a: [1, 2.5, true, null, ~, x]\n',
    'a: { b: }\n',
    'a: {b:c}\n',
    '? a\n: b\n',
    '"a": b\n',
    'true: x\n',
    '1: x\n',
    '__proto__: x\n',
    'a: !!str 1\n',
    'a: @x\n',
    'a: `x\n',
    'a: - b\n',
    'a:   b  \n',
    'a : b\n',
    '  a: 1\n  b: 2\n',
    '  a: 1\nb: 2\n',
    'a:\n  b: 1\n c: 2\n',
    '- a\n - b\n',
    'a: [b\n',
    'a: "b\n',
    'a: b: c\n',
    'a: x:\n',
    'a: "x" y\n',
    'zh-Hans: 中文\nen: English, with commas: and colons\n',
    'a:\n  b:\n    c:\n      - d\n',
    '%YAML 1.2\n---\na: 1\n',
    'a: 1\n...\n',
    'a: [a, b]x\n',
    'a: -1\nb: +1\nc: -x\nd: -.5\n',
    '  # a comment\na: 1\nb:\n  # another\n  c: 2\n',
    'a: { b: { c: [d, { e: f }] }, g: [] }\n',
    'a: [[1, 2], [3]]\n',
    'a: { b: [c }\n',
    'a: [b, c: d]\n',
    'a: "#fff"\nb: x#y\n',
  ];
  it.each(cases.map((c) => [JSON.stringify(c), c]))('%s: same value as the library, or left to it', (_n, text) => {
    const v = fastYaml(text as string);
    if (v !== undefined) expect(v).toStrictEqual(library(text as string));
  });

  it('deep nesting and alias bombs are left to the library (it makes them findings)', () => {
    let deep = '';
    for (let d = 0; d < 80; d++) deep += `${' '.repeat(d * 2)}k${d}:\n`;
    deep += `${' '.repeat(160)}v: 1\n`;
    expect(fastYaml(deep)).toBeUndefined();
    expect(fastYaml('a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n')).toBeUndefined();
  });

  it('random documents of plain words: same value as the library, or left to it', () => {
    const word = fc.stringMatching(/^[a-z0-9 :#'",.\-[\]{}~]{0,8}$/);
    const key = fc.stringMatching(/^[a-z][a-z0-9]{0,3}$/);
    const flatLeaf = fc.oneof(word, fc.array(word, { maxLength: 3 }).map((ws) => `[${ws.join(', ')}]`));
    const leaf = fc.oneof(word, fc.array(fc.tuple(key, flatLeaf), { maxLength: 3 }).map((ps) => `{ ${ps.map(([k, w]) => `${k}: ${w}`).join(', ')} }`), word.map((w) => `"${w}"`), word.map((w) => `'${w}'`), fc.array(word, { maxLength: 3 }).map((ws) => `[${ws.join(', ')}]`), fc.array(fc.tuple(key, word), { maxLength: 3 }).map((ps) => `{ ${ps.map(([k, w]) => `${k}: ${w}`).join(', ')} }`));
    const doc = fc.letrec<{ node: string[] }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.array(fc.tuple(key, fc.oneof(leaf.map((l) => [l]), tie('node'))), { minLength: 1, maxLength: 4 }).map((ps) =>
          ps.flatMap(([k, v]) => (v.length === 1 && !v[0]!.includes('\n') && !v[0]!.startsWith('  ') && !/^(- |[a-z0-9]+:)/.test(v[0]!) ? [`${k}: ${v[0]}`] : [`${k}:`, ...v.map((l) => `  ${l}`)])),
        ),
        fc.array(fc.oneof(leaf.map((l) => [l]), tie('node')), { minLength: 1, maxLength: 4 }).map((items) =>
          items.flatMap((v) => [`- ${v[0]}`, ...v.slice(1).map((l) => `  ${l}`)]),
        ),
      ),
    }));
    fc.assert(
      fc.property(doc.node, (lines) => {
        const text = `${lines.join('\n')}\n`;
        const v = fastYaml(text);
        if (v !== undefined) expect(v).toStrictEqual(library(text));
      }),
      { seed: 12, numRuns: 3000 },
    );
  });

  it('mutated project files: same value as the library, or left to it', () => {
    const root = join(__dirname, '..');
    const texts = yamlFiles(join(root, 'content')).map((f) => readFileSync(f, 'utf8')).filter((t) => fastYaml(t) !== undefined);
    expect(texts.length).toBeGreaterThan(3);
    const edit = fc.tuple(fc.nat(), fc.constantFrom('', ' ', '  ', '\n', ':', ': ', '-', '- ', '#', ' #', ',', '{', '}', '[', ']', '"', "'", '1', 'true', '~', '\n  ', 'a: b\n'), fc.nat({ max: 3 }));
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 3 }), (which, edits) => {
        let text = texts[which % texts.length] as string;
        for (const [at, insert, drop] of edits) {
          const k = at % (text.length + 1);
          text = text.slice(0, k) + insert + text.slice(k + drop);
        }
        const v = fastYaml(text);
        if (v !== undefined) expect(v).toStrictEqual(library(text));
      }),
      { seed: 23, numRuns: 500 },
    );
  });
});
