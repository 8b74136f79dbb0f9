import { describe, expect, it } from 'vitest';
import { checkQuizBankSource } from './index';

const HEAD = `id: t
title: 测试
dimensions:
  - { id: a, name: 甲 }
bands:
  - { id: ok, name: 健康, min: 60 }
  - { id: weak, name: 需加强, min: 0 }
advice:
  a: { ok: 好, weak: 弱 }
forms:
  - { id: f, perDimension: 1 }
questions:
`;
const GOOD_Q = `  - id: q1
    kind: truefalse
    dimension: a
    answer: true
    prompt: 题
    explanation: 解
    source: 章程
`;

function check(questions: string, head = HEAD) {
  return checkQuizBankSource(new Map([['quiz/t.yaml', head + questions]]), 'quiz/t.yaml');
}
const brief = (fs: ReturnType<typeof check>) => fs.map((f) => `${f.code}@${f.line}:${f.column}`);

describe('checkQuizBankSource', () => {
  it('finds nothing in a sound bank', () => {
    expect(check(GOOD_Q)).toEqual([]);
  });

  it('reports a missing file, with both languages', () => {
    const [f] = checkQuizBankSource(new Map(), 'quiz/none.yaml');
    expect(f).toMatchObject({ code: 'quiz.file-missing', file: 'quiz/none.yaml', line: 1 });
    expect(f?.message['zh-Hans']).toMatch(/不存在/);
    expect(f?.message.en).toMatch(/does not exist/);
  });

  it('places YAML syntax errors', () => {
    const fs = check('  - id: [\n');
    expect(fs[0]?.code).toBe('yaml.syntax');
    expect(fs[0]?.file).toBe('quiz/t.yaml');
  });

  it('keeps only the first syntax errors when one mistake cascades', () => {
    const broken = GOOD_Q.replace('prompt: 题', 'prompt: { zh-Hans: 题, en: a, b }').repeat(1) + Array.from({ length: 30 }, (_, i) => GOOD_Q.replace('q1', `q${i + 2}`).replace('prompt: 题', 'prompt: { zh-Hans: "题 }')).join('');
    const fs = check(broken);
    expect(fs).toHaveLength(11);
    expect(fs[0]?.code).toMatch(/^yaml\./);
    expect(fs[10]?.code).toBe('yaml.syntax-more');
  });

  it('places an unknown kind at the kind line', () => {
    const fs = check(GOOD_Q.replace('kind: truefalse', 'kind: essay'));
    expect(brief(fs)).toEqual(['quiz.schema@14:11']);
    expect(fs[0]?.message.en).toMatch(/single, multiple, truefalse or likert/);
  });

  it('places an unknown field at its line', () => {
    expect(brief(check(GOOD_Q + '    hint: 提示\n'))).toEqual(['quiz.schema@20:11']);
  });

  it('places a missing required field at its object', () => {
    const fs = check(GOOD_Q.replace('    prompt: 题\n', ''));
    expect(brief(fs)).toEqual(['quiz.schema@13:5']);
    expect(fs[0]?.message.en).toMatch(/Missing required field prompt/);
  });

  it('places references to unknown dimensions and bands', () => {
    const fs = check(GOOD_Q.replace('dimension: a', 'dimension: zz'));
    expect(brief(fs)).toContain('quiz.unknown-dimension@15:16');
    const adv = check(GOOD_Q, HEAD.replace('a: { ok: 好, weak: 弱 }', 'a: { ok: 好, weak: 弱, great: 妙 }'));
    expect(brief(adv)).toEqual(['quiz.unknown-band@9:31']);
  });

  it('finds a duplicate question id, a single choice with two right answers, and a question with no scoring', () => {
    const single = `  - id: q2
    kind: single
    dimension: a
    prompt: 题
    explanation: 解
    source: 章程
    options:
      - { id: x, text: X, correct: true }
      - { id: y, text: Y, correct: true }
  - id: q2
    kind: single
    dimension: a
    prompt: 题
    options:
      - { id: x, text: X }
      - { id: x, text: Y }
`;
    const fs = brief(check(GOOD_Q + single));
    expect(fs).toContain('quiz.single-many-correct@27:7');
    expect(fs).toContain('quiz.duplicate-id@29:9');
    expect(fs).toContain('quiz.no-scoring@34:7');
    expect(fs).toContain('quiz.duplicate-id@35:15');
  });

  it('refuses a form drawing more questions than a dimension has', () => {
    expect(brief(check(GOOD_Q, HEAD.replace('perDimension: 1', 'perDimension: 2')))).toEqual(['quiz.form-too-many@11:28']);
  });

  it('refuses bands with no floor, and warns about missing advice and missing sources', () => {
    const noFloor = HEAD.replace('min: 0', 'min: 10');
    expect(brief(check(GOOD_Q, noFloor))).toContain('quiz.band-floor@6:3');
    const noAdvice = check(GOOD_Q, HEAD.replace('a: { ok: 好, weak: 弱 }', 'a: { ok: 好 }'));
    expect(noAdvice.map((f) => [f.code, f.severity])).toEqual([['quiz.advice-missing', 'warning']]);
    const noSource = check(GOOD_Q.replace('    source: 章程\n', ''));
    expect(noSource.map((f) => [f.code, f.severity, f.line])).toEqual([['quiz.source-missing', 'warning', 13]]);
  });

  it('refuses an option scoring a dimension its question does not list', () => {
    const q = `  - id: q2
    kind: single
    dimension: a
    prompt: 题
    options:
      - { id: x, text: X, scores: { a: 1, b: 1 } }
      - { id: y, text: Y, scores: { a: 0 } }
`;
    expect(brief(check(GOOD_Q + q))).toEqual(['quiz.score-dimension@25:46']);
  });
});
