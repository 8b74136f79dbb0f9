import { capability, type CapabilityPlugin } from '../capability';
import { registerQuizRoutes, type QuizStatsStore } from '../quiz-stats';

export interface QuizOptions {
  /** The packs whose quiz banks the kiosk may fetch; a function, so banks follow activations. */
  banks: () => readonly { id: string; dir: string }[];
  /** Where anonymous outcomes are stored; without it they are dropped. */
  stats?: QuizStatsStore;
}

/**
 * The self-check: the bank route the kiosk loads a quiz from, and the anonymous outcomes the
 * surfaces report, stored line by line. A bad outcome is logged, never fatal.
 */
export const quizPlugin: CapabilityPlugin<QuizOptions> = async (app, opts) => {
  registerQuizRoutes(app, opts.banks);
  const stats = opts.stats;
  if (!stats) return;
  opts.disposables.add(
    opts.live.on('quiz.outcome', (msg) => {
      // Off the event loop, batched: a burst of outcomes never holds up the clock or a new surface.
      let pending: Promise<unknown>;
      try {
        pending = stats.record(msg.outcome);
      } catch (err) {
        opts.log(`quiz stats: outcome refused: ${(err as Error).message}`);
        return;
      }
      // A failed write is counted and said in /api/health (disk) by the store; nothing more to do here.
      pending.catch(() => undefined);
    }),
  );
  opts.disposables.defer(() => stats.close());
};

/** The quiz capability bound to its options. */
export const quiz = (options: QuizOptions) => capability('quiz', quizPlugin, options);
