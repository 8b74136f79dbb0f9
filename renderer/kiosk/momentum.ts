import { useCallback, type RefCallback } from 'react';

/** How far a press moves before it is a drag and not a tap, in CSS pixels. */
export const DRAG_SLOP = 10;
/** A fling slows by this factor per millisecond (about a third of a second to settle). */
const FRICTION_PER_MS = 0.9965;
/** Below this speed (px/ms) a fling stops. */
const MIN_SPEED = 0.02;
/** Only the pointer's last moments count for the fling's speed. */
const SAMPLE_MS = 80;

type Axis = 'x' | 'y' | 'both';

/**
 * Drag-to-scroll with momentum for a scrolling element, for pointers the browser does not
 * scroll by itself: a mouse, a pen, and the many hall touch frames that report themselves as a
 * mouse. Touch is left to Chromium, which already flings on the compositor. A press that moves
 * less than DRAG_SLOP stays a tap; after a drag, the click it would end in is swallowed so a
 * button under the finger is not pressed by a scroll. A press during a fling stops it.
 *
 * Returns a ref callback: `<div className="k-scroll" ref={useMomentumScroll('y')}>`.
 */
export function useMomentumScroll<T extends HTMLElement>(axis: Axis = 'y'): RefCallback<T> {
  return useCallback((el: T | null) => (el ? attachMomentum(el, axis) : undefined), [axis]);
}

/** Attaches drag-with-momentum scrolling to an element; returns the detach function. */
export function attachMomentum(el: HTMLElement, axis: Axis): () => void {
  let press: { id: number; x: number; y: number; left: number; top: number; dragging: boolean } | undefined;
  let samples: Array<{ t: number; x: number; y: number }> = [];
  let fling = 0;
  const stopFling = () => {
    if (fling) cancelAnimationFrame(fling);
    fling = 0;
  };
  const swallowClick = (e: MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
  };

  const down = (e: PointerEvent) => {
    if (e.pointerType === 'touch' || e.button !== 0) return;
    stopFling();
    press = { id: e.pointerId, x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop, dragging: false };
    samples = [{ t: e.timeStamp, x: e.clientX, y: e.clientY }];
  };
  const move = (e: PointerEvent) => {
    if (!press || e.pointerId !== press.id) return;
    const dx = axis === 'y' ? 0 : e.clientX - press.x;
    const dy = axis === 'x' ? 0 : e.clientY - press.y;
    if (!press.dragging) {
      if (Math.hypot(dx, dy) < DRAG_SLOP) return;
      press.dragging = true;
      el.setPointerCapture(e.pointerId);
      el.dataset.dragging = 'true';
    }
    el.scrollLeft = press.left - dx;
    el.scrollTop = press.top - dy;
    samples.push({ t: e.timeStamp, x: e.clientX, y: e.clientY });
    while (samples.length > 2 && e.timeStamp - samples[0]!.t > SAMPLE_MS) samples.shift();
  };
  const up = (e: PointerEvent) => {
    if (!press || e.pointerId !== press.id) return;
    const dragged = press.dragging;
    press = undefined;
    delete el.dataset.dragging;
    if (!dragged) return;
    // The click that ends a drag is not a tap on whatever is under the pointer.
    el.addEventListener('click', swallowClick, { capture: true, once: true });
    window.setTimeout(() => el.removeEventListener('click', swallowClick, { capture: true }), 0);
    const first = samples[0]!;
    const dt = Math.max(1, e.timeStamp - first.t);
    let vx = axis === 'y' ? 0 : (first.x - e.clientX) / dt;
    let vy = axis === 'x' ? 0 : (first.y - e.clientY) / dt;
    let last = performance.now();
    const step = (now: number) => {
      const ms = Math.min(50, now - last);
      last = now;
      const beforeLeft = el.scrollLeft;
      const beforeTop = el.scrollTop;
      el.scrollLeft += vx * ms;
      el.scrollTop += vy * ms;
      const decay = FRICTION_PER_MS ** ms;
      vx *= decay;
      vy *= decay;
      // An edge reached stops the fling on that axis.
      if (el.scrollLeft === beforeLeft) vx = 0;
      if (el.scrollTop === beforeTop) vy = 0;
      fling = Math.hypot(vx, vy) > MIN_SPEED ? requestAnimationFrame(step) : 0;
    };
    if (Math.hypot(vx, vy) > MIN_SPEED) fling = requestAnimationFrame(step);
  };
  const cancel = (e: PointerEvent) => {
    if (press?.id === e.pointerId) press = undefined;
    delete el.dataset.dragging;
  };

  el.addEventListener('pointerdown', down);
  el.addEventListener('pointermove', move);
  el.addEventListener('pointerup', up);
  el.addEventListener('pointercancel', cancel);
  return () => {
    stopFling();
    el.removeEventListener('pointerdown', down);
    el.removeEventListener('pointermove', move);
    el.removeEventListener('pointerup', up);
    el.removeEventListener('pointercancel', cancel);
    el.removeEventListener('click', swallowClick, { capture: true });
  };
}
