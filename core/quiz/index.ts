import type { Finding } from '../findings';
import { loadQuizBankSource } from './check';
import type { QuizBank } from './bank';
import { scoreSession, type QuizSession } from './engine';
import { QUIZ_OUTCOME_VERSION, type QuizOutcome } from './outcome';

export * from './bank';
export * from './engine';
export * from './check';
export * from './outcome';
export * from './stats';

/**
 * Checks one quiz bank inside a pack. `files` holds every text file of the pack by its path
 * relative to the pack root; `entry` is the bank's YAML path as pack.yaml lists it. Returns
 * every finding (schema, references, scoring sense) placed at its line and column.
 */
export function checkQuizBankSource(files: ReadonlyMap<string, string>, entry: string): Finding[] {
  return loadQuizBankSource(files, entry).findings;
}

/**
 * The anonymous outcome a kiosk sends for a session: `started` and `abandoned` carry only the
 * count answered; `completed` carries the scores and answers. `day` is YYYY-MM-DD, local.
 */
export function outcomeOf(
  bank: QuizBank,
  session: QuizSession,
  packId: string,
  day: string,
  status: QuizOutcome['status'],
): QuizOutcome {
  const base = { v: QUIZ_OUTCOME_VERSION, packId, bankId: bank.id, formId: session.formId, status, day } as const;
  if (status === 'started') return { ...base, answered: 0 };
  const answered = Object.keys(session.answers).length;
  if (status === 'abandoned') return { ...base, answered };
  const report = scoreSession(bank, session);
  return {
    ...base,
    answered,
    dimensions: Object.fromEntries(report.dimensions.map((d) => [d.id, d.score])),
    overall: report.overall,
    answers: { ...session.answers },
  };
}
// deriveBankHant lives in ./hant, imported on its own: it brings OpenCC's dictionaries (~500 kB),
// which a kiosk loads only when a visitor switches to zh-Hant.
