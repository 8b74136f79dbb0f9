import { useEffect, useState } from 'react';
import type { Locale } from '../../core/text';
import { tablesUrl } from '../table/link';
import { browserStorage } from '../phone/seat';
import { DmConsole } from './Dm';
import { DmLink, parseDmHash } from './dmLink';

/** The DM console page at /dm/. */
export function DmSurface() {
  const [locale, setLocale] = useState<Locale>('zh-Hans');
  const [watching, setWatching] = useState<string | undefined>(() => parseDmHash(window.location.hash));
  const [link] = useState(() => new DmLink(tablesUrl(window.location), browserStorage(), parseDmHash(window.location.hash)));
  useEffect(() => {
    const off = link.onFollow(setWatching);
    link.socket.connect();
    (window as unknown as { redhallDm: unknown }).redhallDm = link;
    return () => {
      off();
      link.socket.close();
    };
  }, [link]);
  useEffect(() => {
    window.history.replaceState(null, '', watching ? `#/dm?table=${watching}` : '#/dm');
  }, [watching]);
  return (
    <DmConsole
      link={link}
      locale={locale}
      onLocale={setLocale}
      watching={watching}
      onWatch={(t) => {
        link.watch(t);
        setWatching(t);
      }}
      onPin={(pin) => link.signIn(pin)}
      passUrl={(code) => `../table/#/pass?code=${encodeURIComponent(code)}`}
      logUrl={(id) => `/api/tables/${encodeURIComponent(id)}/log?token=${encodeURIComponent(link.state.dm?.token ?? '')}`}
    />
  );
}
