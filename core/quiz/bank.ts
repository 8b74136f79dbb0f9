import { formatHint } from '../findings';
import { z } from 'zod';
import { LocalisedText } from '../text';

/**
 * The quiz bank format as a curator writes it in a pack (one YAML file per bank), and the
 * normalised bank the engine works on. Every score is explicit after normalisation: an option
 * carries the points it gives to each dimension, so `redhall quiz export` shows exactly what
 * the engine will count.
 */

export const QuizId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, formatHint({ 'zh-Hans': '小写英文字母、数字和连字符（如 self-check）', en: 'lower-case letters, digits and hyphens (like self-check)' }));

/** Points an option gives, by dimension id. */
export const DimensionScores = z.record(z.string(), z.number().finite());

export const DimensionSource = z
  .object({
    id: QuizId,
    name: LocalisedText,
    description: LocalisedText.optional(),
  })
  .strict();

export const BandSource = z
  .object({
    id: QuizId,
    name: LocalisedText,
    /** A score at or above `min` (0–100) falls in this band; the highest matching band wins. */
    min: z.number().min(0).max(100),
    description: LocalisedText.optional(),
  })
  .strict();

export const OptionSource = z
  .object({
    id: QuizId,
    text: LocalisedText,
    /** Knowledge questions: this option is (one of) the right answer(s). */
    correct: z.boolean().optional(),
    /** Explicit points by dimension; overrides what `correct` implies. */
    scores: DimensionScores.optional(),
  })
  .strict();

const questionBase = {
  id: QuizId,
  prompt: LocalisedText,
  /** The dimension the question scores (or `dimensions`, the first is where it is drawn from). */
  dimension: QuizId.optional(),
  dimensions: z.array(QuizId).min(1).optional(),
  /** Points a fully right answer is worth (default 1). */
  weight: z.number().positive().max(100).optional(),
  explanation: LocalisedText.optional(),
  /** The document (and article) a factual question rests on. */
  source: LocalisedText.optional(),
};

export const QuestionSource = z.discriminatedUnion('kind', [
  z.object({ ...questionBase, kind: z.literal('single'), options: z.array(OptionSource).min(2).max(8) }).strict(),
  z
    .object({
      ...questionBase,
      kind: z.literal('multiple'),
      options: z.array(OptionSource).min(2).max(8),
      /** true (default): partial credit, wrong picks subtract; false: all or nothing. */
      partial: z.boolean().optional(),
    })
    .strict(),
  z.object({ ...questionBase, kind: z.literal('truefalse'), answer: z.boolean() }).strict(),
  z
    .object({
      ...questionBase,
      kind: z.literal('likert'),
      /** Agreeing with the statement shows a weakness: 5 scores 0 and 1 scores full. */
      reverse: z.boolean().optional(),
    })
    .strict(),
]);
export type QuestionSource = z.infer<typeof QuestionSource>;

export const FormSource = z
  .object({
    id: QuizId,
    title: LocalisedText.optional(),
    /** How many questions to draw from each dimension: one number for all, or by dimension id. */
    perDimension: z.union([z.number().int().min(0), z.record(z.string(), z.number().int().min(0))]),
    shuffleQuestions: z.boolean().optional(),
    shuffleOptions: z.boolean().optional(),
    allowBack: z.boolean().optional(),
    allowSkip: z.boolean().optional(),
    /** A skipped question counts as zero points (default) or is left out of its dimension. */
    skipped: z.enum(['zero', 'exclude']).optional(),
    timeLimitSeconds: z.number().int().positive().max(7200).optional(),
  })
  .strict();

export const QuizBankSource = z
  .object({
    $schema: z.string().optional(),
    id: QuizId,
    title: LocalisedText,
    intro: LocalisedText.optional(),
    /** Five labels for Likert items, from "not at all like me" to "exactly like me". */
    likertLabels: z.array(LocalisedText).length(5).optional(),
    dimensions: z.array(DimensionSource).min(1).max(12),
    bands: z.array(BandSource).min(1).max(6),
    /** Advice by dimension id, then band id. */
    advice: z.record(z.string(), z.record(z.string(), LocalisedText)),
    forms: z.array(FormSource).min(1),
    questions: z.array(QuestionSource).min(1),
  })
  .strict();
export type QuizBankSource = z.infer<typeof QuizBankSource>;

// ---- normalised ----

export type QuestionKind = QuestionSource['kind'];

export interface QuizOption {
  id: string;
  text: LocalisedText;
  correct: boolean;
  /** Points by dimension id; every dimension of the question is present (0 when none). */
  scores: Record<string, number>;
}

export interface QuizQuestion {
  id: string;
  kind: QuestionKind;
  prompt: LocalisedText;
  /** Dimensions scored; the first is the one it is drawn for. */
  dimensions: string[];
  /** Has a right answer: the kiosk shows the explanation after it. */
  knowledge: boolean;
  /** Multiple choice: partial credit (wrong picks subtract) or all or nothing. */
  partial: boolean;
  reverse: boolean;
  /** Options in the bank's order; Likert options are '1'..'5'; true/false are 'true'/'false'. */
  options: QuizOption[];
  explanation?: LocalisedText;
  source?: LocalisedText;
}

export interface QuizForm {
  id: string;
  title?: LocalisedText;
  perDimension: Record<string, number>;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  allowBack: boolean;
  allowSkip: boolean;
  skipped: 'zero' | 'exclude';
  timeLimitSeconds?: number;
}

export interface QuizBand {
  id: string;
  name: LocalisedText;
  min: number;
  description?: LocalisedText;
}

export interface QuizBank {
  id: string;
  title: LocalisedText;
  intro?: LocalisedText;
  dimensions: { id: string; name: LocalisedText; description?: LocalisedText }[];
  /** Highest `min` first. */
  bands: QuizBand[];
  advice: Record<string, Record<string, LocalisedText>>;
  forms: QuizForm[];
  questions: QuizQuestion[];
}

export const DEFAULT_LIKERT_LABELS: LocalisedText[] = [
  { 'zh-Hans': '完全不符合', en: 'Not at all like me' },
  { 'zh-Hans': '不太符合', en: 'Not much like me' },
  { 'zh-Hans': '一般', en: 'Somewhat like me' },
  { 'zh-Hans': '比较符合', en: 'Much like me' },
  { 'zh-Hans': '完全符合', en: 'Exactly like me' },
];

const TRUE_TEXT: LocalisedText = { 'zh-Hans': '正确', en: 'True' };
const FALSE_TEXT: LocalisedText = { 'zh-Hans': '错误', en: 'False' };

/** The dimensions a question scores, as written (`dimensions`, else `dimension`, else none). */
export function questionDimensions(q: QuestionSource): string[] {
  return q.dimensions ?? (q.dimension !== undefined ? [q.dimension] : []);
}

function fill(dims: string[], value: (d: string) => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of dims) out[d] = value(d);
  return out;
}

/**
 * Turns a validated bank source into the normalised bank: explicit per-option scores, sorted
 * bands, filled form defaults. Assumes `checkQuizBank` found no errors.
 */
export function normaliseBank(src: QuizBankSource): QuizBank {
  const likert = src.likertLabels ?? DEFAULT_LIKERT_LABELS;
  const questions = src.questions.map((q): QuizQuestion => {
    const dims = questionDimensions(q);
    const w = q.weight ?? 1;
    const base = {
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      dimensions: dims,
      ...(q.explanation !== undefined ? { explanation: q.explanation } : {}),
      ...(q.source !== undefined ? { source: q.source } : {}),
    };
    switch (q.kind) {
      case 'truefalse':
        return {
          ...base,
          knowledge: true,
          partial: false,
          reverse: false,
          options: [
            { id: 'true', text: TRUE_TEXT, correct: q.answer, scores: fill(dims, () => (q.answer ? w : 0)) },
            { id: 'false', text: FALSE_TEXT, correct: !q.answer, scores: fill(dims, () => (q.answer ? 0 : w)) },
          ],
        };
      case 'likert': {
        const reverse = q.reverse ?? false;
        return {
          ...base,
          knowledge: false,
          partial: false,
          reverse,
          options: likert.map((text, i) => ({
            id: String(i + 1),
            text,
            correct: false,
            scores: fill(dims, () => (w * (reverse ? 4 - i : i)) / 4),
          })),
        };
      }
      case 'single':
      case 'multiple': {
        const knowledge = q.options.some((o) => o.correct === true);
        // Multiple choice with `correct` flags: a wrong pick takes back one right pick's worth.
        const correctCount = q.options.filter((o) => o.correct === true).length;
        const wrongValue = q.kind === 'multiple' ? -w / Math.max(1, correctCount) : 0;
        const rightValue = q.kind === 'multiple' ? w / Math.max(1, correctCount) : w;
        return {
          ...base,
          knowledge,
          partial: q.kind === 'multiple' ? (q.partial ?? true) : false,
          reverse: false,
          options: q.options.map((o) => ({
            id: o.id,
            text: o.text,
            correct: o.correct === true,
            scores: fill(dims, (d) => o.scores?.[d] ?? (o.correct === true ? rightValue : knowledge ? wrongValue : 0)),
          })),
        };
      }
    }
  });
  const forms = src.forms.map((f): QuizForm => ({
    id: f.id,
    ...(f.title !== undefined ? { title: f.title } : {}),
    perDimension: fill(
      src.dimensions.map((d) => d.id),
      (d) => (typeof f.perDimension === 'number' ? f.perDimension : (f.perDimension[d] ?? 0)),
    ),
    shuffleQuestions: f.shuffleQuestions ?? true,
    shuffleOptions: f.shuffleOptions ?? true,
    allowBack: f.allowBack ?? true,
    allowSkip: f.allowSkip ?? true,
    skipped: f.skipped ?? 'zero',
    ...(f.timeLimitSeconds !== undefined ? { timeLimitSeconds: f.timeLimitSeconds } : {}),
  }));
  return {
    id: src.id,
    title: src.title,
    ...(src.intro !== undefined ? { intro: src.intro } : {}),
    dimensions: src.dimensions.map((d) => ({
      id: d.id,
      name: d.name,
      ...(d.description !== undefined ? { description: d.description } : {}),
    })),
    bands: src.bands
      .map((b) => ({ id: b.id, name: b.name, min: b.min, ...(b.description !== undefined ? { description: b.description } : {}) }))
      .sort((a, b) => b.min - a.min),
    advice: src.advice,
    forms,
    questions,
  };
}

/** JSON Schema (draft 2020-12) of a bank file, for curators' editors (`$schema: …/quiz.schema.json`). */
export function quizBankJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(QuizBankSource, { io: 'input', unrepresentable: 'any' }), title: 'RedHall quiz bank' };
}
