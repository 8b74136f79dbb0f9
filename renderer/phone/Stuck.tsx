import { useEffect, useState } from 'react';
import type { TablePageState } from '../table/link';
import type { Texts } from '../table/ui';
import { addressToType, inAppBrowser } from './inApp';

/** How long a phone may fail to reach the host before it is told what to do (sooner inside a chat app). */
export const STUCK_MS = { inApp: 4_000, browser: 8_000 } as const;

/**
 * Help for a phone that cannot reach the host: inside a chat app's browser, how to open the page
 * in the phone's own browser; always, the address to type (text to long-press, since copying by
 * script needs a secure page, which a hall's LAN address is not) and the Wi-Fi to be on.
 */
export function StuckHelp({ s, tx, code }: { s: TablePageState; tx: Texts; code: string }) {
  const [app] = useState(() => inAppBrowser(navigator.userAgent));
  const [stuck, setStuck] = useState(false);
  const open = s.status === 'open';
  useEffect(() => {
    if (open) return;
    const timer = window.setTimeout(() => setStuck(true), app ? STUCK_MS.inApp : STUCK_MS.browser);
    // Through again: the next outage waits its own while before the help comes back.
    return () => {
      window.clearTimeout(timer);
      setStuck(false);
    };
  }, [open, app]);
  if (!stuck || open) return null;
  return (
    <section className="ph-stuck" role="alert" data-testid="phone-stuck" data-app={app ?? ''}>
      <h2>{tx.t('stuckTitle')}</h2>
      {app && <p>{tx.t('stuckInApp', { app: tx.t(`app_${app}`) })}</p>}
      <p>{tx.t('stuckType')}</p>
      <p className="ph-stuck-address" data-testid="phone-stuck-address">
        {addressToType(window.location.origin, code)}
      </p>
      <p>{tx.t('stuckWifi')}</p>
    </section>
  );
}
