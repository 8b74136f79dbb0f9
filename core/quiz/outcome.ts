import { z } from 'zod';

/**
 * What a kiosk reports to the host when a visitor starts, completes or abandons a self-check:
 * anonymous by construction. It holds no names, no free text and no time finer than the day,
 * and no key that could link a visitor's started and completed reports. Strict: a field that is
 * not listed here is refused, so personal data cannot slip in.
 */
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(64);

/** An answer as stored: option id, option ids, or a Likert level. */
export const OutcomeAnswer = z.union([Id, z.array(Id).max(8), z.number().int().min(1).max(5)]);

export const QUIZ_OUTCOME_VERSION = 1;

export const QuizOutcome = z
  .object({
    v: z.literal(QUIZ_OUTCOME_VERSION),
    packId: Id,
    bankId: Id,
    formId: Id,
    status: z.enum(['started', 'completed', 'abandoned']),
    /** The hall's local calendar day, YYYY-MM-DD. */
    day: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as YYYY-MM-DD'),
    /** How many questions were answered (abandoned: before leaving). */
    answered: z.number().int().min(0).max(500).optional(),
    /** Completed only: score 0–100 by dimension id, null for a dimension not covered. */
    dimensions: z.record(Id, z.number().min(0).max(100).nullable()).optional(),
    overall: z.number().min(0).max(100).nullable().optional(),
    /** Completed only: the answers by question id, for the answer distribution. */
    answers: z.record(Id, OutcomeAnswer).optional(),
  })
  .strict()
  .refine((o) => o.status === 'completed' || (o.dimensions === undefined && o.answers === undefined && o.overall === undefined), {
    message: 'only a completed outcome carries scores and answers',
  });
export type QuizOutcome = z.infer<typeof QuizOutcome>;
