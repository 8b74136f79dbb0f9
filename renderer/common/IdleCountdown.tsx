import { useEffect, useEffectEvent, useRef, useState } from 'react';
import './idle.css';
import { playUiSound } from './uiSounds';

export interface IdleCountdownProps {
  /** Seconds without a touch before `onIdle`. */
  idleSeconds: number;
  /** The last seconds of that wait, shown as a countdown (default 10). */
  warnSeconds?: number | undefined;
  /** Whether there is anything to clear; while off, nothing is watched or shown (default on). */
  active?: boolean | undefined;
  /** Clears what the visitor left: the kiosk's visit, the self-check's answers and report. */
  onIdle: () => void;
  /** The overlay's words, in the screen's language. */
  title: string;
  body: (seconds: number) => string;
  continueLabel: string;
  testId: string;
}

/**
 * The one idle countdown of every touch screen. After `idleSeconds - warnSeconds` without a
 * touch it shows a countdown, and at zero calls onIdle. Any touch starts the wait again. A touch
 * on the countdown itself keeps the overlay up until its click lands, so the tap that dismisses
 * it never hits a button below.
 */
export function IdleCountdown({ idleSeconds, warnSeconds = 10, active = true, onIdle, title, body, continueLabel, testId }: IdleCountdownProps) {
  const lastTouch = useRef(0);
  const holdUntil = useRef(0);
  const shown = useRef(false);
  const [remaining, setRemaining] = useState<number | null>(null);
  const fire = useEffectEvent(() => onIdle());
  const show = (value: number | null) => {
    // The countdown appearing is heard as well as seen: a visitor may be reading a panel aside.
    if (value !== null && !shown.current) playUiSound('warn');
    shown.current = value !== null;
    setRemaining(value);
  };
  useEffect(() => {
    if (!active) return;
    lastTouch.current = performance.now();
    const touched = () => {
      lastTouch.current = performance.now();
      if (shown.current) holdUntil.current = lastTouch.current + 700;
    };
    const events = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, touched, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      const now = performance.now();
      const left = idleSeconds - (now - lastTouch.current) / 1000;
      if (left <= 0) {
        lastTouch.current = now;
        show(null);
        playUiSound('reset');
        fire();
      } else if (left <= warnSeconds) show(Math.ceil(left));
      else if (now >= holdUntil.current) show(null);
    }, 200);
    return () => {
      window.clearInterval(timer);
      for (const e of events) window.removeEventListener(e, touched, { capture: true });
      // Switched off mid-countdown: the next time it is on, it starts from a clean wait.
      show(null);
    };
  }, [active, idleSeconds, warnSeconds]);
  if (!active || remaining === null) return null;
  const dismiss = () => {
    holdUntil.current = 0;
    show(null);
  };
  return (
    <div className="idle-overlay" role="alertdialog" aria-live="assertive" aria-label={title} data-testid={testId} data-remaining={remaining} onClick={dismiss}>
      <div className="idle-card">
        <div className="idle-number">{remaining}</div>
        <h2>{title}</h2>
        <p>{body(remaining)}</p>
        <button className="idle-continue" onClick={dismiss} data-action="idle-continue">
          {continueLabel}
        </button>
      </div>
    </div>
  );
}
