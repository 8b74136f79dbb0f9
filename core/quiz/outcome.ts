import { z } from 'zod';

/**
 * What a kiosk reports to the host when a visitor finishes or abandons a self-check:
 * anonymous by construction (no names, no free text). (The self-check work refines it.)
 */
export const QuizOutcome = z
  .object({
    packId: z.string(),
    bankId: z.string(),
    status: z.enum(['started', 'completed', 'abandoned']),
  })
  .strict();
export type QuizOutcome = z.infer<typeof QuizOutcome>;
