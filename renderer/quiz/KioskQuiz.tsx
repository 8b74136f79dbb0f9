import { useEffect, useState } from 'react';
import type { Locale } from '../../core/text';
import type { QuizOutcome } from '../../core/quiz/index';
import { QuizFlow } from './QuizFlow';
import { fetchQuizBank, type QuizBankLoad } from './load';

/**
 * The self-check as the kiosk mounts it: loads the pack's bank from the host, draws with a
 * fresh random seed for each visit, and hands outcomes and exits to the kiosk.
 */
export function KioskQuiz(props: { packId: string; bankId?: string; locale: Locale; idleSeconds: number; onOutcome: (o: QuizOutcome) => void; onExit: () => void }) {
  const { packId, bankId } = props;
  const [load, setLoad] = useState<QuizBankLoad | undefined>(undefined);
  const [seed] = useState(() => crypto.getRandomValues(new Uint32Array(1))[0] ?? 1);
  useEffect(() => {
    let live = true;
    void fetchQuizBank(packId, bankId).then((r) => live && setLoad(r));
    return () => {
      live = false;
    };
  }, [packId, bankId]);
  if (!load) return <div className="quiz quiz-loading" aria-busy="true" />;
  if (!load.ok)
    return (
      <div className="quiz quiz-unavailable" role="alert" onClick={props.onExit}>
        <p>{props.locale === 'en' ? load.message.en : load.message['zh-Hans']}</p>
      </div>
    );
  return <QuizFlow bank={load.bank} packId={packId} locale={props.locale} seed={seed} idleSeconds={props.idleSeconds} onOutcome={props.onOutcome} onExit={props.onExit} />;
}
