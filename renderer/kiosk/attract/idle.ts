import { useEffect, useEffectEvent, useRef, type RefObject } from 'react';

/**
 * When the attract loop is due (attract.yaml `idleSeconds`: seconds without a touch before the
 * loop starts): milliseconds from `now` until then, 0 when already due. Counted from the last
 * touch anywhere on the kiosk, whatever the visitor was doing; the loop never covers a visit that
 * is not cleared yet, so after a visit it starts at the idle reset at the earliest.
 */
export function attractDueInMs(lastTouchMs: number, nowMs: number, idleSeconds: number): number {
  return Math.max(0, lastTouchMs + idleSeconds * 1000 - nowMs);
}

const TOUCHES = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * performance.now() of the last touch (or key, or wheel) anywhere on the page. The mount counts as
 * one, and so does every change of `event` (something that happened that is as good as a touch).
 */
export function useLastTouch(event?: unknown): RefObject<number> {
  const last = useRef(0);
  useEffect(() => {
    last.current = performance.now();
  }, [event]);
  useEffect(() => {
    const touched = () => {
      last.current = performance.now();
    };
    for (const e of TOUCHES) window.addEventListener(e, touched, { capture: true, passive: true });
    return () => {
      for (const e of TOUCHES) window.removeEventListener(e, touched, { capture: true });
    };
  }, []);
  return last;
}

/**
 * Calls `onIdle` once the attract loop is due (`seconds` after the last touch), while `active`:
 * the quiet home screen going over to the loop (nothing to clear, so no countdown).
 */
export function useQuietIdle(seconds: number, active: boolean, lastTouch: RefObject<number>, onIdle: () => void): void {
  const fire = useEffectEvent(() => onIdle());
  useEffect(() => {
    if (!active) return;
    const check = () => {
      if (attractDueInMs(lastTouch.current, performance.now(), seconds) === 0) fire();
    };
    const timer = window.setInterval(check, 500);
    return () => window.clearInterval(timer);
  }, [seconds, active, lastTouch]);
}
