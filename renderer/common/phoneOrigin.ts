import { useEffect, useState } from 'react';
import { parseHttpResponse } from '../../core/protocol/http';

/**
 * Where phones reach the host (`GET /api/phone-origin`: the LAN address with `listen: lan`, else
 * 127.0.0.1), asked once per mount; this page's own origin when the host cannot say.
 * Undefined until known. Used by every kiosk QR that a phone opens (map route, reading piece).
 */
export function usePhoneOrigin(): string | undefined {
  const [origin, setOrigin] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void fetch('/api/phone-origin')
      .then(async (r) => parseHttpResponse('GET /api/phone-origin', r.status, await r.json()))
      .then((r) => live && setOrigin(r.ok ? r.value.origin : window.location.origin))
      .catch(() => live && setOrigin(window.location.origin));
    return () => {
      live = false;
    };
  }, []);
  return origin;
}
