import { KioskQuiz } from '../quiz/KioskQuiz';
import { useHost } from '../host/context';
import type { ZoneProps } from './zones';

/** The self-check as a kiosk zone: its outcome goes to the host's anonymous statistics. */
export function QuizZone({ hall, locale, idleSeconds, onExit }: ZoneProps) {
  const { connection } = useHost();
  return <KioskQuiz packId={hall.packId} locale={locale} idleSeconds={idleSeconds} onOutcome={(outcome) => connection.send({ type: 'quiz.outcome', outcome })} onExit={onExit} />;
}
