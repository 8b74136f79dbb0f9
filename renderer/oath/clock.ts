import { useEffect, useEffectEvent, useState } from 'react';
import { oathPosition, type OathPosition } from '../../core/zones/oath';
import type { Oath } from '../../core/pack/kinds/oath';

const BEFORE: OathPosition = { line: -1, speaking: false, done: false };

/**
 * The oath's position, read every animation frame from `seconds()` (the recording's time, or
 * host time since the group oath's start). Re-renders only when the lit line (or the whole
 * second) changes. A new `epoch` (a new reading) starts again from before the first line: until
 * its first frame, the position answered is that, never the last reading's end.
 */
export function useOathPosition(lines: Oath['lines'] | undefined, seconds: () => number | undefined, total?: number, epoch = 0): { position: OathPosition; now: number } {
  const [state, setState] = useState<{ position: OathPosition; now: number; epoch: number }>({ position: BEFORE, now: NaN, epoch });
  const read = useEffectEvent(() => seconds());
  useEffect(() => {
    if (!lines) return;
    let frame = 0;
    const tick = () => {
      const s = read();
      if (s !== undefined) {
        const p = oathPosition(lines, s, total);
        const whole = Math.floor(s);
        setState((old) =>
          old.epoch === epoch && old.position.line === p.line && old.position.speaking === p.speaking && old.position.done === p.done && Math.floor(old.now) === whole ? old : { position: p, now: s, epoch },
        );
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [lines, total, epoch]);
  return state.epoch === epoch ? state : { position: BEFORE, now: NaN };
}
