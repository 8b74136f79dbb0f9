import { useEffect, useState } from 'react';
import { parseHttpResponse } from '../../core/protocol/http';
import type { CinemaStatus } from '../../core/protocol/zones';

/**
 * Today's screenings and the films' lengths as the host knows them (`GET /api/cinema`),
 * asked again every half minute and whenever `runId` (the film that plays) changes.
 */
export function useCinemaStatus(runId: string | undefined): CinemaStatus | undefined {
  const [status, setStatus] = useState<CinemaStatus | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const load = () =>
      void fetch('/api/cinema')
        .then(async (r) => parseHttpResponse('GET /api/cinema', r.status, await r.json()))
        .then((r) => {
          if (live && r.ok) setStatus(r.value);
        })
        .catch(() => undefined);
    load();
    const timer = window.setInterval(load, 30_000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [runId]);
  return status;
}

/** "09:30" for a host time, in the hall's local time. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
