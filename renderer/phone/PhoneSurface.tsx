import { useEffect, useState } from 'react';
import { LOCALES, type Locale } from '../../core/text';
import { tablesUrl } from '../table/link';
import { Phone } from './Phone';
import { phoneLink } from './phoneLink';
import { EndingStore, SeatStore, browserStorage, parsePhoneAddress } from './seat';

const storage = browserStorage();

function savedLocale(): Locale {
  try {
    const l = storage?.getItem('redhall.locale');
    return (LOCALES as readonly string[]).includes(l ?? '') ? (l as Locale) : 'zh-Hans';
  } catch {
    return 'zh-Hans';
  }
}

/** The phone page as served at `#/phone?code=…`: owns the WebSocket and the seat token. */
export function PhoneSurface() {
  const [addr] = useState(() => parsePhoneAddress(window.location.search, window.location.hash));
  const [code, setCode] = useState(addr.code);
  const [locale, setLocale] = useState<Locale>(savedLocale);
  const [ending] = useState(() => new EndingStore(storage));
  const [{ link, setCode: tellLink }] = useState(() =>
    phoneLink(tablesUrl(window.location), addr, new SeatStore(storage), (hash) => window.history.replaceState(null, '', hash)),
  );
  useEffect(() => {
    link.connect();
    // Tests read the live state from here.
    (window as unknown as { redhallPhone: unknown }).redhallPhone = link;
    return () => link.close();
  }, [link]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <Phone
      link={link}
      locale={locale}
      onLocale={(l) => {
        setLocale(l);
        try {
          storage?.setItem('redhall.locale', l);
        } catch {
          // the choice lasts for this page only
        }
      }}
      code={code}
      ending={ending}
      onCode={(c) => {
        setCode(c);
        tellLink(c);
      }}
    />
  );
}
