import { useEffect, useRef, useState } from 'react';
import type { HallContent } from '../../core/protocol/messages';
import { packAssetUrl } from '../../core/pack/url';
import { parseHttpResponse } from '../../core/protocol/http';
import { LOCALES, pickText, type Locale, type LocalisedText } from '../../core/text';
import { renderMarkdown } from '../common/markdown';
import { MapLayers } from '../kiosk/map/MapLayers';
import { mapWord } from '../kiosk/map/words';
import { routeStops } from '../kiosk/map/model';
import { LocaleSwitch } from '../table/ui';
import './route.css';

const WORDS = {
  loading: { 'zh-Hans': '正在打开路线…', 'zh-Hant': '正在打開路線…', en: 'Opening the route…' },
  missing: { 'zh-Hans': '没有找到这条路线，展厅内容可能已更新。请回到触摸屏重新扫码。', 'zh-Hant': '沒有找到這條路線，展廳內容可能已更新。請回到觸控螢幕重新掃碼。', en: 'This route was not found; the hall content may have changed. Scan the code on the kiosk again.' },
  offline: { 'zh-Hans': '连不上展厅主机，请确认手机连接的是展厅的无线网络。', 'zh-Hant': '連不上展廳主機，請確認手機連接的是展廳的無線網路。', en: "Cannot reach the hall's host; check that your phone is on the hall's Wi-Fi." },
} as const satisfies Record<string, Record<Locale, string>>;

/**
 * A route taken away from the kiosk's map (its QR code): the map with the route drawn on it and
 * the stops in order with their stories, phone-sized. It reads the hall's content from the host
 * (`GET /api/hall`) like every page; nothing is stored on the phone.
 */
export function PhoneRoute({ mapId, routeId, lang }: { mapId: string; routeId: string; lang: string }) {
  const [locale, setLocale] = useState<Locale>((LOCALES as readonly string[]).includes(lang) ? (lang as Locale) : 'zh-Hans');
  const [hall, setHall] = useState<HallContent | 'offline' | undefined>();
  useEffect(() => {
    let live = true;
    void fetch('/api/hall')
      .then(async (r) => parseHttpResponse('GET /api/hall', r.status, await r.json()))
      .then((r) => live && setHall(r.ok ? r.value : 'offline'))
      .catch(() => live && setHall('offline'));
    return () => {
      live = false;
    };
  }, []);
  const t = (v: LocalisedText | Record<string, string> | undefined) => pickText(v as LocalisedText | undefined, locale);
  const map = hall && hall !== 'offline' ? hall.maps?.find((m) => m.id === mapId) : undefined;
  const route = map?.routes.find((r) => r.id === routeId);
  const title = route ? pickText(route.title as LocalisedText, locale) : undefined;
  useEffect(() => {
    document.documentElement.lang = locale;
    if (title) document.title = title;
  }, [locale, title]);
  let body: React.ReactNode;
  if (hall === undefined) body = <p className="pr-note">{WORDS.loading[locale]}</p>;
  else if (hall === 'offline') body = <p className="pr-note">{WORDS.offline[locale]}</p>;
  else if (!map || !route) body = <p className="pr-note" data-testid="route-missing">{WORDS.missing[locale]}</p>;
  else {
    const stops = routeStops(map, route);
    body = (
      <>
        <header className="pr-head">
          <small>{t(hall.title)}</small>
          <h1>{t(route.title)}</h1>
          <p className="pr-meta">
            <span className="pr-kind">{mapWord(locale, route.kind)}</span>
            {route.minutes !== undefined && <span>{mapWord(locale, 'minutes', route.minutes)}</span>}
            <span>{mapWord(locale, 'stops', stops.length)}</span>
          </p>
          {route.text && <div className="pr-text" dangerouslySetInnerHTML={{ __html: renderMarkdown(t(route.text)) }} />}
        </header>
        <FittedMap width={map.base.width} height={map.base.height}>
          <img src={packAssetUrl(hall.packId, map.base.src)} alt="" width={map.base.width} height={map.base.height} />
          <MapLayers map={map} route={route} />
          {stops.map((s) => (
            <span key={s.point.id} className="pr-pin" style={{ left: s.point.x, top: s.point.y, background: route.color ?? '#c8102e' }}>
              {s.n}
            </span>
          ))}
        </FittedMap>
        <ol className="pr-stops" data-testid="route-stops">
          {stops.map((s) => (
            <li key={s.point.id} data-stop={s.point.id}>
              <span className="pr-n" style={{ background: route.color ?? '#c8102e' }} aria-hidden="true">
                {s.n}
              </span>
              <div>
                <h2>{t(s.point.title)}</h2>
                {s.story && <div className="pr-text" dangerouslySetInnerHTML={{ __html: renderMarkdown(t(s.story)) }} />}
              </div>
            </li>
          ))}
        </ol>
      </>
    );
  }
  return (
    <main className="phone-route" lang={locale} data-testid="phone-route">
      <div className="pr-locale">
        <LocaleSwitch locale={locale} onChange={setLocale} />
      </div>
      {body}
    </main>
  );
}

/** The whole map at the phone's width: its content (in map pixels) scaled to the figure's width. */
function FittedMap({ width, height, children }: { width: number; height: number; children: React.ReactNode }) {
  const figure = useRef<HTMLElement>(null);
  const [scale, setScale] = useState(0);
  useEffect(() => {
    const el = figure.current;
    if (!el) return;
    const fit = () => setScale(el.clientWidth / width);
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [width]);
  return (
    // The height is set as well: aspect-ratio is newer than some phones' built-in browsers.
    <figure className="pr-map" ref={figure} style={{ aspectRatio: `${width} / ${height}`, height: scale > 0 ? height * scale : undefined }}>
      <div className="pr-map-content" style={{ width, height, transform: `scale(${scale})`, visibility: scale > 0 ? 'visible' : 'hidden' }}>
        {children}
      </div>
    </figure>
  );
}
