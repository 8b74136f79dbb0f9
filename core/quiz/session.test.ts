import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadQuizBankSource } from './check';
import { applyQuizEvent, drawForm, startSession, type QuizSession } from './engine';
import { applyFact, decide, replayQuiz, type QuizCommand, type QuizFact } from './session';

const ENTRY = 'quiz/self-check.yaml';
const bank = loadQuizBankSource(new Map([[ENTRY, readFileSync(`content/demo-hall/${ENTRY}`, 'utf8')]]), ENTRY).bank!;
const questionIds = bank.questions.map((q) => q.id);

// Any tap a kiosk could send, valid or not: answers of every shape to any question, moves, timeouts.
const command: fc.Arbitrary<QuizCommand> = fc.oneof(
  fc.record({ type: fc.constant('answer' as const), questionId: fc.constantFrom(...questionIds, 'nope'), answer: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 6 }), fc.constantFrom('a', 'b', 'c', 'd', 'true', 'false', 'x'), fc.subarray(['a', 'b', 'c', 'd', 'x'])) }),
  fc.record({ type: fc.constant('confirm' as const), questionId: fc.constantFrom(...questionIds) }),
  fc.constant({ type: 'next' as const }),
  fc.constant({ type: 'back' as const }),
  fc.constant({ type: 'timeout' as const }),
);

/** The old reducer, with its throw on an impossible answer read as "nothing changes". */
const legacy = (s: QuizSession, c: QuizCommand): QuizSession => {
  try {
    return applyQuizEvent(bank, s, c);
  } catch {
    return s;
  }
};

describe('quiz sessions as decide and apply', () => {
  it('end where the reducer the kiosk runs today ends, for any taps on any drawn form, and replay from their facts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom('standard', 'full'), fc.array(command, { maxLength: 40 }), (seed, formId, commands) => {
        const form = drawForm(bank, formId, seed);
        const facts: QuizFact[] = [{ type: 'started', form }];
        let session = startSession(form);
        let before = startSession(form);
        for (const c of commands) {
          const d = decide(bank, session, c);
          if (d.ok) {
            for (const f of d.facts) session = applyFact(session, f);
            facts.push(...d.facts);
          } else {
            expect(d.reason['zh-Hans'].length).toBeGreaterThan(0);
            expect(d.reason.en.length).toBeGreaterThan(0);
          }
          before = legacy(before, c);
          expect(session).toEqual(before);
        }
        expect(replayQuiz(facts)).toEqual(session);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses with a reason what the form does not allow, and changes nothing', () => {
    const form = drawForm(bank, 'standard', 7);
    const s = startSession(form);
    const first = form.questions[0]!.questionId;
    expect(decide(bank, s, { type: 'answer', questionId: first, answer: 'not-an-option' })).toMatchObject({ ok: false, code: 'quiz.answer-invalid' });
    expect(decide(bank, s, { type: 'confirm', questionId: first })).toMatchObject({ ok: false, code: 'quiz.unanswered' });
    const done = applyFact(s, { type: 'finished', endedBy: 'timeout' });
    expect(decide(bank, done, { type: 'next' })).toMatchObject({ ok: false, code: 'quiz.finished', reason: { 'zh-Hans': '这次自测已经结束。' } });
  });

  it('refuses a log that does not start with started', () => {
    expect(() => replayQuiz([{ type: 'moved', index: 1 }])).toThrow(/started/);
  });
});
