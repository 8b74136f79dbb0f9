import { startTransition } from 'react';

/**
 * A tap answers in its own frame: the pressed tile or button, painted at once. The work the tap
 * asks for (a new screen, a station card, a route's stops) is done right after that frame, and as a
 * transition React renders in slices: on a kiosk PC that draws in software, building and drawing a
 * whole screen takes a few frames, and a visitor must never wait that long to see the tap taken.
 *
 * "After that frame" is found without requestAnimationFrame (which test clocks replace): observing
 * an element with a ResizeObserver reports at the next rendering of the page, and a message posted
 * from there runs once that rendering is done.
 */
export function answer(work: () => void): void {
  queue.push(work);
  if (typeof ResizeObserver === 'undefined' || typeof document === 'undefined') return flush();
  if (!probe) {
    probe = document.createElement('div');
    probe.setAttribute('aria-hidden', 'true');
    probe.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;visibility:hidden;pointer-events:none';
    document.body.append(probe);
    observer = new ResizeObserver(() => {
      if (queue.length > 0) channel.port2.postMessage(0);
    });
    channel.port1.onmessage = flush;
  }
  // Observing anew reports at the next rendering, with or without a change of size.
  observer!.unobserve(probe);
  observer!.observe(probe);
}

const queue: Array<() => void> = [];
let probe: HTMLElement | undefined;
let observer: ResizeObserver | undefined;
const channel = typeof MessageChannel === 'undefined' ? undefined! : new MessageChannel();

function flush(): void {
  const work = queue.splice(0);
  startTransition(() => {
    for (const w of work) w();
  });
}
