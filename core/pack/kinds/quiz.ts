import { checkQuizBankSource } from '../../quiz/index';
import { defineEngineKind } from './kind';

/** Self-check quiz banks: core/quiz owns their format and checks. */
export const quizKind = defineEngineKind({
  key: 'quizzes',
  many: true,
  engine: { check: (texts, entry) => checkQuizBankSource(texts, entry), folder: 'quiz/' },
});
