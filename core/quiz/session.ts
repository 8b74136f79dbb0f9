import type { Bilingual } from '../text';
import type { QuizBank } from './bank';
import { canonicalAnswer, findForm, QuizError, startSession, type DrawnForm, type QuizAnswer, type QuizEvent, type QuizSession } from './engine';

/**
 * A self-check session in the story engine's shape: a visitor's tap is a command that `decide`
 * checks against the bank and the session (refusing it with a reason, or turning it into facts),
 * and `applyFact` folds a fact into the session with no checks left to make. A session is its
 * facts: `replayQuiz` rebuilds it from them, on the host as on the kiosk.
 */

/** What a surface asks for: the engine's events, checked before they become facts. */
export type QuizCommand = QuizEvent;

/** What happened, already checked: answers in canonical form, moves with their target. */
export type QuizFact =
  | { type: 'started'; form: DrawnForm }
  | { type: 'answered'; questionId: string; answer: QuizAnswer | null }
  | { type: 'confirmed'; questionId: string }
  | { type: 'moved'; index: number }
  | { type: 'finished'; endedBy: 'completed' | 'timeout' };

export type QuizDecision = { ok: true; facts: QuizFact[] } | { ok: false; code: string; reason: Bilingual };

const refuse = (code: string, zh: string, en: string): QuizDecision => ({ ok: false, code, reason: { 'zh-Hans': zh, en } });

/**
 * Checks one command against the bank and the session: the facts it makes, or why it is
 * refused. A command that would change nothing is refused, so a session's facts are only what
 * changed it; it never throws, not even for an answer the question cannot take.
 */
export function decide(bank: QuizBank, session: QuizSession, command: QuizCommand): QuizDecision {
  if (session.status === 'finished') return refuse('quiz.finished', '这次自测已经结束。', 'This self-check has finished.');
  const form = findForm(bank, session.formId);
  const current = session.questions[session.index];
  switch (command.type) {
    case 'answer': {
      if (!session.questions.some((d) => d.questionId === command.questionId)) return refuse('quiz.not-drawn', '这道题不在本次自测里。', 'That question is not in this self-check.');
      if (session.locked.includes(command.questionId)) return refuse('quiz.locked', '这道题的答案已经确认，不能再改。', 'That answer is confirmed and cannot change.');
      const clear = command.answer === null || (Array.isArray(command.answer) && command.answer.length === 0);
      if (clear) return { ok: true, facts: [{ type: 'answered', questionId: command.questionId, answer: null }] };
      const q = bank.questions.find((x) => x.id === command.questionId);
      if (!q) return refuse('quiz.question-unknown', '题库里没有这道题。', 'The bank has no such question.');
      try {
        return { ok: true, facts: [{ type: 'answered', questionId: command.questionId, answer: canonicalAnswer(q, command.answer) }] };
      } catch (err) {
        if (err instanceof QuizError) return refuse(err.code, '答案无效。', err.message);
        throw err;
      }
    }
    case 'confirm':
      if (!(command.questionId in session.answers)) return refuse('quiz.unanswered', '请先作答再确认。', 'Answer before confirming.');
      if (session.locked.includes(command.questionId)) return refuse('quiz.locked', '这道题已经确认过了。', 'That answer is already confirmed.');
      return { ok: true, facts: [{ type: 'confirmed', questionId: command.questionId }] };
    case 'next': {
      if (!current) return refuse('quiz.no-question', '没有下一题。', 'There is no next question.');
      if (!form.allowSkip && !(current.questionId in session.answers)) return refuse('quiz.skip-off', '这份自测不能跳题，请先作答。', 'This self-check does not allow skipping; answer first.');
      const index = session.index + 1;
      if (index >= session.questions.length) return { ok: true, facts: [{ type: 'moved', index: session.questions.length }, { type: 'finished', endedBy: 'completed' }] };
      return { ok: true, facts: [{ type: 'moved', index }] };
    }
    case 'back':
      if (!form.allowBack) return refuse('quiz.back-off', '这份自测不能返回上一题。', 'This self-check does not allow going back.');
      if (session.index === 0) return refuse('quiz.first', '已经是第一题。', 'This is the first question.');
      return { ok: true, facts: [{ type: 'moved', index: session.index - 1 }] };
    case 'timeout':
      return { ok: true, facts: [{ type: 'finished', endedBy: 'timeout' }] };
  }
}

/** Folds one fact into the session (the input is never changed); facts are trusted, not checked. */
export function applyFact(session: QuizSession, fact: QuizFact): QuizSession {
  switch (fact.type) {
    case 'started':
      return startSession(fact.form);
    case 'answered': {
      const answers = { ...session.answers };
      if (fact.answer === null) delete answers[fact.questionId];
      else answers[fact.questionId] = fact.answer;
      return { ...session, answers };
    }
    case 'confirmed':
      return { ...session, locked: [...session.locked, fact.questionId] };
    case 'moved':
      return { ...session, index: fact.index };
    case 'finished':
      return { ...session, status: 'finished', endedBy: fact.endedBy };
  }
}

/** Rebuilds a session from its facts, the first of which is `started`; the same facts always give the same session. */
export function replayQuiz(facts: readonly QuizFact[]): QuizSession {
  const [first, ...rest] = facts;
  if (first?.type !== 'started') throw new QuizError('quiz.log-start', '自测记录应以 started 开头 / a quiz log starts with started');
  return rest.reduce(applyFact, startSession(first.form));
}
