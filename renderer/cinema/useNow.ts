import { useEffect, useState } from 'react';

/** Host time, refreshed every `everyMs` (for "now showing" progress and schedule states). */
export function useHostTime(hostNow: () => number, everyMs = 1000): number {
  const [now, setNow] = useState(hostNow);
  useEffect(() => {
    const t = window.setInterval(() => setNow(hostNow()), everyMs);
    return () => window.clearInterval(t);
  }, [hostNow, everyMs]);
  return now;
}
