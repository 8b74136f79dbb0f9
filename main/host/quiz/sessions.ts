import type { QuizBank } from '../../../core/quiz/bank';
import { drawForm, startSession, type QuizSession } from '../../../core/quiz/engine';
import { applyFact, decide, type QuizCommand, type QuizDecision, type QuizFact } from '../../../core/quiz/session';

interface Running {
  bank: QuizBank;
  session: QuizSession;
  facts: QuizFact[];
}

/**
 * Self-check sessions held by the host, one per surface: the same decide/apply the kiosk runs,
 * so the host can own a visitor's session (and rebuild it from its facts). Not yet on the
 * socket: the kiosk still runs its session itself and reports the outcome.
 */
export class QuizSessions {
  private readonly bySurface = new Map<string, Running>();

  /** Draws a form and starts a fresh session for a surface, replacing the one it had. */
  start(surfaceId: string, bank: QuizBank, formId: string | undefined, seed: number | string): QuizSession {
    const form = drawForm(bank, formId, seed);
    const running: Running = { bank, session: startSession(form), facts: [{ type: 'started', form }] };
    this.bySurface.set(surfaceId, running);
    return running.session;
  }

  /** Checks a surface's command and applies what it decided; the session is unchanged when refused. */
  command(surfaceId: string, command: QuizCommand): QuizDecision & { session?: QuizSession } {
    const running = this.bySurface.get(surfaceId);
    if (!running) return { ok: false, code: 'quiz.no-session', reason: { 'zh-Hans': '这块屏幕上没有进行中的自测。', en: 'No self-check is running on this surface.' } };
    const d = decide(running.bank, running.session, command);
    if (!d.ok) return { ...d, session: running.session };
    for (const f of d.facts) running.session = applyFact(running.session, f);
    running.facts.push(...d.facts);
    return { ...d, session: running.session };
  }

  /** The facts of a surface's session, oldest first (what a log would hold). */
  facts(surfaceId: string): readonly QuizFact[] {
    return this.bySurface.get(surfaceId)?.facts ?? [];
  }

  /** Forgets a surface's session (the visitor left, the surface reset). */
  end(surfaceId: string): void {
    this.bySurface.delete(surfaceId);
  }
}
