import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadQuizBankSource } from './check';
import { applyQuizEvent, drawForm, scoreAnswers, scoreSession, startSession, type QuizSession } from './engine';
import { outcomeOf, QuizOutcome } from './index';

// A small bank: dimension a has knowledge questions, b has Likert items (one reversed), c has
// one question that the `no-c` form never draws.
const BANK = `
id: t
title: 测试
dimensions:
  - { id: a, name: 甲 }
  - { id: b, name: 乙 }
  - { id: c, name: 丙 }
bands:
  - { id: weak, name: 需加强, min: 0 }
  - { id: ok, name: 健康, min: 80 }
  - { id: mid, name: 亚健康, min: 60 }
advice:
  a: { ok: 好, mid: 中, weak: 弱 }
  b: { ok: 好, mid: 中, weak: 弱 }
  c: { ok: 好, mid: 中, weak: 弱 }
forms:
  - { id: all, perDimension: 2, shuffleQuestions: false, shuffleOptions: false }
  - { id: no-c, perDimension: { a: 2, b: 2 } }
  - { id: strict, perDimension: 1, allowBack: false, allowSkip: false, skipped: exclude }
questions:
  - id: a1
    kind: single
    dimension: a
    prompt: 一
    explanation: 解
    source: 章程
    options:
      - { id: x, text: X, correct: true }
      - { id: y, text: Y }
      - { id: z, text: Z }
  - id: a2
    kind: multiple
    dimension: a
    prompt: 二
    explanation: 解
    source: 章程
    options:
      - { id: p, text: P, correct: true }
      - { id: q, text: Q, correct: true }
      - { id: r, text: R, correct: true }
      - { id: s, text: S }
  - id: b1
    kind: likert
    dimension: b
    prompt: 我常常学习。
  - id: b2
    kind: likert
    dimension: b
    reverse: true
    prompt: 我常常拖延。
  - id: c1
    kind: truefalse
    dimensions: [c, a]
    answer: false
    explanation: 解
    source: 章程
    prompt: 四
  - id: c2
    kind: multiple
    dimension: c
    partial: false
    prompt: 五
    explanation: 解
    source: 章程
    options:
      - { id: m, text: M, correct: true }
      - { id: n, text: N, correct: true }
      - { id: o, text: O }
`;

function bank() {
  const loaded = loadQuizBankSource(new Map([['quiz/t.yaml', BANK]]), 'quiz/t.yaml');
  expect(loaded.findings).toEqual([]);
  if (!loaded.bank) throw new Error('fixture bank did not load');
  return loaded.bank;
}

const dim = (r: ReturnType<typeof scoreAnswers>, id: string) => r.dimensions.find((d) => d.id === id);

describe('scoring', () => {
  it('gives full marks for right answers and zero for wrong ones, per dimension', () => {
    const b = bank();
    const r = scoreAnswers(b, ['a1', 'a2', 'b1', 'b2', 'c1', 'c2'], { a1: 'x', a2: ['p', 'q', 'r'], b1: 5, b2: 1, c1: 'false', c2: ['m', 'n'] });
    expect(r.dimensions.map((d) => d.score)).toEqual([100, 100, 100]);
    expect(r.overall).toBe(100);
    expect(dim(r, 'a')?.band).toBe('ok');
    expect(dim(r, 'a')?.advice).toBe('好');
    const w = scoreAnswers(b, ['a1', 'c1'], { a1: 'y', c1: 'true' });
    expect(dim(w, 'a')?.score).toBe(0);
    expect(dim(w, 'a')?.band).toBe('weak');
  });

  it('counts a skipped question as zero by default, or leaves it out with skipped: exclude', () => {
    const b = bank();
    const zero = scoreAnswers(b, ['a1', 'a2'], { a1: 'x' });
    expect(dim(zero, 'a')).toMatchObject({ score: 50, questions: 2, answered: 1, skipped: 1 });
    const excluded = scoreAnswers(b, ['a1', 'a2'], { a1: 'x' }, 'exclude');
    expect(dim(excluded, 'a')).toMatchObject({ score: 100, answered: 1, skipped: 1 });
    const allSkipped = scoreAnswers(b, ['a1', 'a2'], {}, 'exclude');
    expect(dim(allSkipped, 'a')?.score).toBeNull();
    expect(zero.skipped).toBe(1);
  });

  it('gives partial credit on multiple choice, wrong picks subtracting, never below zero', () => {
    const b = bank();
    // Three right options worth 1/3 each; S takes 1/3 back.
    expect(dim(scoreAnswers(b, ['a2'], { a2: ['p'] }), 'a')?.score).toBe(33);
    expect(dim(scoreAnswers(b, ['a2'], { a2: ['p', 'q'] }), 'a')?.score).toBe(67);
    expect(dim(scoreAnswers(b, ['a2'], { a2: ['p', 'q', 's'] }), 'a')?.score).toBe(33);
    expect(dim(scoreAnswers(b, ['a2'], { a2: ['p', 'q', 'r', 's'] }), 'a')?.score).toBe(67);
    expect(dim(scoreAnswers(b, ['a2'], { a2: ['s'] }), 'a')?.score).toBe(0);
  });

  it('gives all or nothing on multiple choice with partial: false', () => {
    const b = bank();
    expect(dim(scoreAnswers(b, ['c2'], { c2: ['m'] }), 'c')?.score).toBe(0);
    expect(dim(scoreAnswers(b, ['c2'], { c2: ['m', 'n', 'o'] }), 'c')?.score).toBe(0);
    expect(dim(scoreAnswers(b, ['c2'], { c2: ['n', 'm'] }), 'c')?.score).toBe(100);
  });

  it('scores Likert items 1..5 as 0..100, reversed items the other way round', () => {
    const b = bank();
    expect([1, 2, 3, 4, 5].map((v) => dim(scoreAnswers(b, ['b1'], { b1: v }), 'b')?.score)).toEqual([0, 25, 50, 75, 100]);
    expect([1, 2, 3, 4, 5].map((v) => dim(scoreAnswers(b, ['b2'], { b2: v }), 'b')?.score)).toEqual([100, 75, 50, 25, 0]);
    expect(dim(scoreAnswers(b, ['b1', 'b2'], { b1: 4, b2: 4 }), 'b')?.score).toBe(50);
  });

  it('gives a dimension with no question drawn no score, band or advice, and leaves it out of overall', () => {
    const b = bank();
    const r = scoreAnswers(b, ['a1', 'b1'], { a1: 'x', b1: 3 });
    expect(dim(r, 'c')).toMatchObject({ score: null, band: null, advice: null, questions: 0 });
    expect(r.overall).toBe(75);
  });

  it('scores a question on every dimension it lists', () => {
    const b = bank();
    const r = scoreAnswers(b, ['a1', 'c1'], { a1: 'y', c1: 'false' });
    expect(dim(r, 'a')?.score).toBe(50);
    expect(dim(r, 'c')?.score).toBe(100);
  });

  it('places bands by threshold, highest first, min inclusive', () => {
    const b = bank();
    // b2 answered 1 gives its full point; b1 adds 0, .25, .5 or .75 of a point: 50, 63, 75, 88.
    const at = (v: number) => dim(scoreAnswers(b, ['b1', 'b2'], { b1: v, b2: 1 }), 'b');
    expect([1, 2, 3, 4].map((v) => [at(v)?.score, at(v)?.band])).toEqual([[50, 'weak'], [63, 'mid'], [75, 'mid'], [88, 'ok']]);
    expect(b.bands.map((x) => x.id)).toEqual(['ok', 'mid', 'weak']);
  });

  it('refuses an answer that does not fit its question', () => {
    const b = bank();
    expect(() => scoreAnswers(b, ['a1'], { a1: 'nope' })).toThrow(/a1/);
    expect(() => scoreAnswers(b, ['nope'], {})).toThrow(/nope/);
  });
});

describe('drawing a form', () => {
  it('draws the same questions and option orders for the same seed', () => {
    const b = bank();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        expect(drawForm(b, 'no-c', seed)).toEqual(drawForm(b, 'no-c', seed));
      }),
      { numRuns: 50 },
    );
  });

  it('draws perDimension questions from each dimension, none from a dimension set to 0', () => {
    const b = bank();
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const f = drawForm(b, 'no-c', seed);
      expect(f.questions.map((q) => q.questionId).sort()).toEqual(['a1', 'a2', 'b1', 'b2']);
      seen.add(f.questions.map((q) => q.questionId).join() + '|' + f.questions.map((q) => q.optionOrder.join('')).join());
    }
    // Shuffling happens: 40 seeds give more than one order.
    expect(seen.size).toBeGreaterThan(5);
    const strict = drawForm(b, 'strict', 7);
    expect(strict.questions).toHaveLength(3);
  });

  it('keeps bank order and option order when the form does not shuffle, and Likert scales in order', () => {
    const b = bank();
    const f = drawForm(b, 'all', 'any seed');
    expect(f.questions.map((q) => q.questionId)).toEqual(['a1', 'a2', 'b1', 'b2', 'c1', 'c2']);
    expect(f.questions[0]?.optionOrder).toEqual(['x', 'y', 'z']);
    for (let seed = 0; seed < 20; seed++)
      for (const q of drawForm(b, 'no-c', seed).questions) if (q.questionId.startsWith('b')) expect(q.optionOrder).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('a session', () => {
  const run = (s: QuizSession, ...events: Parameters<typeof applyQuizEvent>[2][]) => events.reduce((st, e) => applyQuizEvent(bank(), st, e), s);

  it('records answers, moves on, goes back, and ends after the last question', () => {
    const b = bank();
    const s0 = startSession(drawForm(b, 'all', 1));
    const s = run(s0, { type: 'answer', questionId: 'a1', answer: 'x' }, { type: 'next' }, { type: 'back' });
    expect(s.index).toBe(0);
    expect(s.answers).toEqual({ a1: 'x' });
    expect(s0.answers).toEqual({}); // the input is not changed
    const done = run(s, ...Array.from({ length: 6 }, () => ({ type: 'next' as const })));
    expect(done.status).toBe('finished');
    expect(done.endedBy).toBe('completed');
    expect(scoreSession(b, done).skipped).toBe(5);
  });

  it('locks a confirmed knowledge answer', () => {
    const s = run(startSession(drawForm(bank(), 'all', 1)), { type: 'answer', questionId: 'a1', answer: 'y' }, { type: 'confirm', questionId: 'a1' }, { type: 'answer', questionId: 'a1', answer: 'x' });
    expect(s.answers.a1).toBe('y');
  });

  it('refuses back and skipping when the form forbids them, and ends on timeout', () => {
    const b = bank();
    const s0 = startSession(drawForm(b, 'strict', 3));
    expect(run(s0, { type: 'next' }).index).toBe(0);
    const first = s0.questions[0]?.questionId ?? '';
    const q = b.questions.find((x) => x.id === first);
    const answer = q?.kind === 'likert' ? 3 : q?.kind === 'multiple' ? [q.options[0]?.id ?? ''] : (q?.options[0]?.id ?? '');
    const s1 = run(s0, { type: 'answer', questionId: first, answer }, { type: 'next' });
    expect(s1.index).toBe(1);
    expect(run(s1, { type: 'back' }).index).toBe(1);
    const t = run(s1, { type: 'timeout' });
    expect([t.status, t.endedBy]).toEqual(['finished', 'timeout']);
    expect(run(t, { type: 'answer', questionId: first, answer })).toBe(t);
  });

  it('clears an answer given as null or an empty selection', () => {
    const s = run(startSession(drawForm(bank(), 'all', 1)), { type: 'answer', questionId: 'a2', answer: ['p'] }, { type: 'answer', questionId: 'a2', answer: [] });
    expect(s.answers).toEqual({});
  });
});

describe('outcomes', () => {
  it('carries scores and answers only when completed, and always fits the schema', () => {
    const b = bank();
    let s = startSession(drawForm(b, 'all', 1));
    s = applyQuizEvent(b, s, { type: 'answer', questionId: 'b1', answer: 4 });
    const started = outcomeOf(b, s, 'demo-hall', '2026-11-22', 'started');
    const abandoned = outcomeOf(b, s, 'demo-hall', '2026-11-22', 'abandoned');
    const completed = outcomeOf(b, s, 'demo-hall', '2026-11-22', 'completed');
    for (const o of [started, abandoned, completed]) expect(QuizOutcome.parse(o)).toEqual(o);
    expect(abandoned).not.toHaveProperty('answers');
    expect(abandoned.answered).toBe(1);
    expect(completed.answers).toEqual({ b1: 4 });
    expect(completed.dimensions).toEqual({ a: 0, b: 38, c: 0 });
  });

  it('refuses personal data, free text and fine timestamps', () => {
    const ok = { v: 1, packId: 'p', bankId: 'b', formId: 'f', status: 'started', day: '2026-11-22' };
    expect(QuizOutcome.safeParse(ok).success).toBe(true);
    expect(QuizOutcome.safeParse({ ...ok, name: '张三' }).success).toBe(false);
    expect(QuizOutcome.safeParse({ ...ok, day: '2026-11-22T08:00:00Z' }).success).toBe(false);
    expect(QuizOutcome.safeParse({ ...ok, status: 'completed', answers: { q1: '我的想法' } }).success).toBe(false);
    expect(QuizOutcome.safeParse({ ...ok, answers: { q1: 'a' } }).success).toBe(false);
  });
});
