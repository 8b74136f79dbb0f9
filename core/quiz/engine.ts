import type { LocalisedText } from '../text';
import { shuffle, seedFrom, type RandomState } from '../random';
import type { QuizBank, QuizForm, QuizQuestion } from './bank';

/**
 * The self-check engine: draw a form from a seed, record answers in a session, score by
 * dimension. Everything here is a pure function of its inputs.
 */

/** An answer as a kiosk or an answers file gives it: one option id, several, or a Likert level 1..5. */
export type QuizAnswer = string | string[] | number;

/** One drawn question: which question, and the order its options are shown in. */
export interface DrawnQuestion {
  questionId: string;
  optionOrder: string[];
}

export interface DrawnForm {
  bankId: string;
  formId: string;
  seed: number;
  questions: DrawnQuestion[];
}

export class QuizError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Finds a form by id (the first form when `formId` is undefined); throws QuizError when absent. */
export function findForm(bank: QuizBank, formId?: string): QuizForm {
  const form = formId === undefined ? bank.forms[0] : bank.forms.find((f) => f.id === formId);
  if (!form) throw new QuizError('quiz.form-unknown', `题库 ${bank.id} 中没有表单 ${formId ?? ''} / bank ${bank.id} has no form ${formId ?? ''}`);
  return form;
}

/**
 * Draws a form: for each dimension (bank order) `perDimension[d]` questions whose first
 * dimension is d, chosen by the seed; then shuffles the questions and options when the form
 * says so. The same bank, form and seed always give the same draw.
 */
export function drawForm(bank: QuizBank, formId: string | undefined, seed: number | string): DrawnForm {
  const form = findForm(bank, formId);
  const seedNumber = typeof seed === 'number' ? seed >>> 0 : seedFrom(seed);
  let rng: RandomState = { seed: seedNumber };
  let picked: QuizQuestion[] = [];
  for (const dim of bank.dimensions) {
    const want = form.perDimension[dim.id] ?? 0;
    if (want === 0) continue;
    const pool = bank.questions.filter((q) => q.dimensions[0] === dim.id);
    let chosen: QuizQuestion[];
    [chosen, rng] = shuffle(pool, rng);
    chosen = chosen.slice(0, want);
    // Without question shuffling the visitor meets each dimension's questions in bank order.
    if (!form.shuffleQuestions) chosen.sort((a, b) => pool.indexOf(a) - pool.indexOf(b));
    picked = picked.concat(chosen);
  }
  if (form.shuffleQuestions) [picked, rng] = shuffle(picked, rng);
  const questions: DrawnQuestion[] = [];
  for (const q of picked) {
    let order = q.options.map((o) => o.id);
    // True/false and Likert scales keep their natural order.
    if (form.shuffleOptions && (q.kind === 'single' || q.kind === 'multiple')) [order, rng] = shuffle(order, rng);
    questions.push({ questionId: q.id, optionOrder: order });
  }
  return { bankId: bank.id, formId: form.id, seed: seedNumber, questions };
}

/** Returns the question by id; throws QuizError when the bank has none. */
export function questionById(bank: QuizBank, id: string): QuizQuestion {
  const q = bank.questions.find((x) => x.id === id);
  if (!q) throw new QuizError('quiz.question-unknown', `题库 ${bank.id} 中没有题目 ${id} / bank ${bank.id} has no question ${id}`);
  return q;
}

/**
 * Checks an answer against its question and returns it in canonical form (option ids; Likert as
 * a number; multiple choice as a sorted, de-duplicated list). Throws QuizError when it cannot
 * be an answer to that question.
 */
export function canonicalAnswer(q: QuizQuestion, answer: unknown): QuizAnswer {
  const bad = (what: string) =>
    new QuizError('quiz.answer-invalid', `题目 ${q.id} 的答案无效：${what} / invalid answer for question ${q.id}: ${what}`);
  const ids = new Set(q.options.map((o) => o.id));
  switch (q.kind) {
    case 'likert': {
      const n = typeof answer === 'string' && /^[1-5]$/.test(answer) ? Number(answer) : answer;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 5) throw bad('应为 1 到 5 的整数 / expected an integer 1..5');
      return n;
    }
    case 'truefalse': {
      const v = typeof answer === 'boolean' ? String(answer) : answer;
      if (v !== 'true' && v !== 'false') throw bad('应为 "true" 或 "false" / expected "true" or "false"');
      return v;
    }
    case 'single':
      if (typeof answer !== 'string' || !ids.has(answer)) throw bad(`应为选项编号之一：${[...ids].join(', ')} / expected one option id of ${[...ids].join(', ')}`);
      return answer;
    case 'multiple': {
      const list = typeof answer === 'string' ? [answer] : answer;
      if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || !ids.has(x)))
        throw bad(`应为选项编号列表：${[...ids].join(', ')} / expected a list of option ids of ${[...ids].join(', ')}`);
      return [...new Set(list as string[])].sort();
    }
  }
}

// ---- session ----

export interface QuizSession {
  v: 1;
  bankId: string;
  formId: string;
  seed: number;
  questions: DrawnQuestion[];
  /** Answers by question id; a missing key is a skipped question. */
  answers: Record<string, QuizAnswer>;
  /** Knowledge questions whose answer is confirmed (explanation shown): no longer changeable. */
  locked: string[];
  index: number;
  status: 'answering' | 'finished';
  endedBy?: 'completed' | 'timeout';
}

export type QuizEvent =
  | { type: 'answer'; questionId: string; answer: QuizAnswer | null }
  | { type: 'confirm'; questionId: string }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'timeout' };

/** A fresh session on a drawn form, at the first question. */
export function startSession(form: DrawnForm): QuizSession {
  return {
    v: 1,
    bankId: form.bankId,
    formId: form.formId,
    seed: form.seed,
    questions: form.questions,
    answers: {},
    locked: [],
    index: 0,
    status: form.questions.length === 0 ? 'finished' : 'answering',
    ...(form.questions.length === 0 ? { endedBy: 'completed' as const } : {}),
  };
}

/**
 * Applies one event and returns the next session (the input is never changed). Events that
 * the form or the state does not allow (back when back is off, skipping when skips are off,
 * changing a locked answer, anything after the end) return the session unchanged.
 */
export function applyQuizEvent(bank: QuizBank, session: QuizSession, event: QuizEvent): QuizSession {
  if (session.status === 'finished') return session;
  const form = findForm(bank, session.formId);
  const current = session.questions[session.index];
  switch (event.type) {
    case 'answer': {
      if (!session.questions.some((d) => d.questionId === event.questionId)) return session;
      if (session.locked.includes(event.questionId)) return session;
      const answers = { ...session.answers };
      if (event.answer === null || (Array.isArray(event.answer) && event.answer.length === 0)) delete answers[event.questionId];
      else answers[event.questionId] = canonicalAnswer(questionById(bank, event.questionId), event.answer);
      return { ...session, answers };
    }
    case 'confirm': {
      if (!(event.questionId in session.answers) || session.locked.includes(event.questionId)) return session;
      return { ...session, locked: [...session.locked, event.questionId] };
    }
    case 'next': {
      if (!current) return session;
      if (!form.allowSkip && !(current.questionId in session.answers)) return session;
      const index = session.index + 1;
      if (index >= session.questions.length) return { ...session, index: session.questions.length, status: 'finished', endedBy: 'completed' };
      return { ...session, index };
    }
    case 'back':
      if (!form.allowBack || session.index === 0) return session;
      return { ...session, index: session.index - 1 };
    case 'timeout':
      return { ...session, status: 'finished', endedBy: 'timeout' };
  }
}

// ---- scoring ----

export interface DimensionResult {
  id: string;
  /** 0–100, rounded; null when no drawn question scores this dimension (or all were skipped and skips are excluded). */
  score: number | null;
  earned: number;
  max: number;
  questions: number;
  answered: number;
  skipped: number;
  band: string | null;
  advice: LocalisedText | null;
}

export interface QuizReport {
  bankId: string;
  dimensions: DimensionResult[];
  /** Mean of the dimensions that have a score, rounded; null when none has. */
  overall: number | null;
  overallBand: string | null;
  answered: number;
  skipped: number;
}

/** The band a 0–100 score falls in (highest `min` not above it), or null for no score. */
export function bandFor(bank: QuizBank, score: number | null): string | null {
  if (score === null) return null;
  return bank.bands.find((b) => score >= b.min)?.id ?? null;
}

/** Points a question can give a dimension at most, and what this answer earned there. */
export function questionPoints(q: QuizQuestion, dim: string, answer: QuizAnswer | undefined): { earned: number; max: number } {
  const value = (id: string) => q.options.find((o) => o.id === id)?.scores[dim] ?? 0;
  if (q.kind === 'multiple') {
    const max = q.options.reduce((s, o) => s + Math.max(0, o.scores[dim] ?? 0), 0);
    if (answer === undefined) return { earned: 0, max };
    const picked = Array.isArray(answer) ? answer : [String(answer)];
    if (!q.partial) {
      const right = q.options.filter((o) => Object.values(o.scores).some((v) => v > 0)).map((o) => o.id);
      const exact = right.length === picked.length && right.every((id) => picked.includes(id));
      return { earned: exact ? max : 0, max };
    }
    const sum = picked.reduce((s, id) => s + value(id), 0);
    return { earned: Math.min(max, Math.max(0, sum)), max };
  }
  const max = q.options.reduce((m, o) => Math.max(m, o.scores[dim] ?? 0), 0);
  if (answer === undefined) return { earned: 0, max };
  const id = Array.isArray(answer) ? (answer[0] ?? '') : String(answer);
  return { earned: Math.min(max, Math.max(0, value(id))), max };
}

/**
 * Scores answers to the given questions: each dimension 0–100 as earned over possible points
 * of the questions that score it. A missing answer is a skip: zero points, or left out of the
 * dimension when the form says `skipped: exclude`. A dimension no question scores has no score.
 */
export function scoreAnswers(
  bank: QuizBank,
  questionIds: readonly string[],
  given: Readonly<Record<string, QuizAnswer | null>>,
  skipped: 'zero' | 'exclude' = 'zero',
): QuizReport {
  const qs = questionIds.map((id) => questionById(bank, id));
  // Answers are checked against their questions first; null means skipped on purpose.
  const answers: Record<string, QuizAnswer> = {};
  for (const q of qs) {
    const a = given[q.id];
    if (a !== undefined && a !== null && !(Array.isArray(a) && a.length === 0)) answers[q.id] = canonicalAnswer(q, a);
  }
  const dimensions = bank.dimensions.map((dim): DimensionResult => {
    let earned = 0;
    let max = 0;
    let questions = 0;
    let answered = 0;
    for (const q of qs) {
      if (!q.dimensions.includes(dim.id)) continue;
      const a = answers[q.id];
      const p = questionPoints(q, dim.id, a);
      if (p.max <= 0) continue;
      questions++;
      if (a === undefined) {
        if (skipped === 'exclude') continue;
      } else answered++;
      earned += p.earned;
      max += p.max;
    }
    const score = max > 0 ? Math.round((100 * earned) / max) : null;
    const band = bandFor(bank, score);
    return {
      id: dim.id,
      score,
      earned: round3(earned),
      max: round3(max),
      questions,
      answered,
      skipped: questions - answered,
      band,
      advice: band !== null ? (bank.advice[dim.id]?.[band] ?? null) : null,
    };
  });
  const scored = dimensions.filter((d) => d.score !== null).map((d) => d.score as number);
  const overall = scored.length > 0 ? Math.round(scored.reduce((a, b) => a + b, 0) / scored.length) : null;
  const answered = qs.filter((q) => answers[q.id] !== undefined).length;
  return { bankId: bank.id, dimensions, overall, overallBand: bandFor(bank, overall), answered, skipped: qs.length - answered };
}

/** Scores a session with its form's skip rule. */
export function scoreSession(bank: QuizBank, session: QuizSession): QuizReport {
  const form = findForm(bank, session.formId);
  return scoreAnswers(
    bank,
    session.questions.map((d) => d.questionId),
    session.answers,
    form.skipped,
  );
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
