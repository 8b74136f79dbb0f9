import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useT } from '../i18n';

interface Props {
  /** Seconds without a touch before the visit is cleared. */
  idleSeconds: number;
  /** Seconds of visible countdown at the end of that time. */
  warnSeconds?: number;
  /** Whether there is anything to clear (off on the untouched home screen). */
  active: boolean;
  onReset: () => void;
}

/**
 * A kiosk left alone resets itself: after a while without touches it shows a visible
 * countdown, and at zero clears the visit. Any touch restarts the wait.
 */
export function IdleGuard({ idleSeconds, warnSeconds = 10, active, onReset }: Props) {
  const { t } = useT();
  const lastTouch = useRef(0);
  const [remaining, setRemaining] = useState<number | null>(null);
  const reset = useEffectEvent(() => onReset());

  useEffect(() => {
    const touched = () => {
      lastTouch.current = performance.now();
      setRemaining(null);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, touched, { capture: true, passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, touched, { capture: true });
    };
  }, []);

  useEffect(() => {
    if (!active) return;
    lastTouch.current = performance.now();
    const timer = window.setInterval(() => {
      const left = idleSeconds - (performance.now() - lastTouch.current) / 1000;
      if (left <= 0) {
        setRemaining(null);
        reset();
      } else if (left <= warnSeconds) setRemaining(Math.ceil(left));
      else setRemaining(null);
    }, 250);
    return () => window.clearInterval(timer);
  }, [active, idleSeconds, warnSeconds]);

  if (!active || remaining === null) return null;
  return (
    <div className="idle-overlay" role="alertdialog" aria-live="assertive" data-testid="idle-countdown">
      <div className="idle-card">
        <div className="idle-number">{remaining}</div>
        <h2>{t('idleTitle')}</h2>
        <p>{t('idleBody', { n: remaining })}</p>
        <button className="big-button" onClick={() => setRemaining(null)}>
          {t('idleContinue')}
        </button>
      </div>
    </div>
  );
}
