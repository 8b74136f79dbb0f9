import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { loadQuizBankSource } from './check';
import { applyQuizEvent, bandFor, drawForm, scoreAnswers, scoreSession, startSession, type QuizAnswer, type QuizEvent } from './engine';

const ENTRY = 'quiz/self-check.yaml';
const bank = loadQuizBankSource(new Map([[ENTRY, readFileSync(`content/demo-hall/${ENTRY}`, 'utf8')]]), ENTRY).bank!;

// For a drawn question, an arbitrary answer or a skip.
const answerFor = (id: string): fc.Arbitrary<QuizAnswer | null> => {
  const q = bank.questions.find((x) => x.id === id)!;
  const ids = q.options.map((o) => o.id);
  if (q.kind === 'likert') return fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
  if (q.kind === 'multiple') return fc.option(fc.subarray(ids, { minLength: 1 }), { nil: null });
  return fc.option(fc.constantFrom(...ids), { nil: null });
};

const drawnAnswers = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom('standard', 'full')).chain(([seed, form]) => {
  const ids = drawForm(bank, form, seed).questions.map((q) => q.questionId);
  return fc.tuple(fc.constant(ids), fc.tuple(...ids.map(answerFor)));
});

describe('scoring, for any answers to any drawn form', () => {
  it('keeps every dimension within 0..100, overall the rounded mean, and bands by threshold', () => {
    fc.assert(
      fc.property(drawnAnswers, fc.constantFrom('zero' as const, 'exclude' as const), ([ids, given], skipped) => {
        const answers = Object.fromEntries(ids.map((id, i) => [id, given[i] ?? null]));
        const r = scoreAnswers(bank, ids, answers, skipped);
        const scored = r.dimensions.filter((d) => d.score !== null).map((d) => d.score as number);
        for (const d of r.dimensions) {
          if (d.score !== null) expect(d.score).toBeGreaterThanOrEqual(0);
          if (d.score !== null) expect(d.score).toBeLessThanOrEqual(100);
          expect(d.band).toBe(bandFor(bank, d.score));
          expect(d.answered + d.skipped).toBe(d.questions);
        }
        expect(r.overall).toBe(scored.length ? Math.round(scored.reduce((a, b) => a + b, 0) / scored.length) : null);
        expect(r.answered + r.skipped).toBe(ids.length);
      }),
      { numRuns: 200 },
    );
  });

  it('never scores lower for answering a knowledge question right instead of skipping it', () => {
    fc.assert(
      fc.property(drawnAnswers, ([ids, given]) => {
        const answers = Object.fromEntries(ids.map((id, i) => [id, given[i] ?? null]));
        const knowledge = ids.find((id) => bank.questions.find((q) => q.id === id)!.knowledge);
        if (!knowledge) return;
        const q = bank.questions.find((x) => x.id === knowledge)!;
        const right = q.kind === 'multiple' ? q.options.filter((o) => o.correct).map((o) => o.id) : q.options.find((o) => o.correct)!.id;
        const skipped = scoreAnswers(bank, ids, { ...answers, [knowledge]: null });
        const answered = scoreAnswers(bank, ids, { ...answers, [knowledge]: right });
        const dim = q.dimensions[0]!;
        expect(answered.dimensions.find((d) => d.id === dim)!.score!).toBeGreaterThanOrEqual(skipped.dimensions.find((d) => d.id === dim)!.score!);
      }),
      { numRuns: 200 },
    );
  });
});

describe('sessions', () => {
  const event = (ids: string[]): fc.Arbitrary<QuizEvent> =>
    fc.oneof(
      fc.constant({ type: 'next' } as const),
      fc.constant({ type: 'back' } as const),
      fc.constantFrom(...ids).map((questionId) => ({ type: 'confirm', questionId }) as const),
      fc.constantFrom(...ids).chain((questionId) => answerFor(questionId).map((answer) => ({ type: 'answer', questionId, answer }) as const)),
    );

  it('replays the same events to the same state, and never leaves the form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }).chain((seed) => {
          const form = drawForm(bank, 'standard', seed);
          return fc.tuple(fc.constant(form), fc.array(event(form.questions.map((q) => q.questionId)), { maxLength: 60 }));
        }),
        ([form, events]) => {
          const play = () => events.reduce((s, e) => applyQuizEvent(bank, s, e), startSession(form));
          const a = play();
          expect(play()).toEqual(a);
          expect(a.index).toBeGreaterThanOrEqual(0);
          expect(a.index).toBeLessThanOrEqual(form.questions.length);
          for (const id of Object.keys(a.answers)) expect(form.questions.some((q) => q.questionId === id)).toBe(true);
          expect(JSON.parse(JSON.stringify(a))).toEqual(a); // a session saves as plain JSON
          expect(() => scoreSession(bank, a)).not.toThrow();
        },
      ),
      { numRuns: 150 },
    );
  });
});
