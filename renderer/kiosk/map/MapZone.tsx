import { useEffect, useRef, useState } from 'react';
import { packAssetUrl } from '../../../core/pack/url';
import type { Locale } from '../../../core/text';
import { useHost } from '../../host/context';
import { useT } from '../../i18n';
import { renderMarkdown } from '../../common/markdown';
import { usePhoneOrigin } from '../../common/phoneOrigin';
import { QrCode } from '../../quiz/QrCode';
import { useMomentumScroll } from '../momentum';
import { PanZoom } from '../panzoom';
import { answer } from '../answer';
import { ZonePage } from '../ZonePage';
import type { ZoneProps } from '../zones';
import { MapLayers } from './MapLayers';
import { mapWord } from './words';
import { mapFor, phoneRouteUrl, routeStops, type MapPoint, type MapRoute, type ParkMap } from './model';
import './map.css';

/**
 * The map zone: the pack's base map (an image in the pack: nothing from the internet) with its
 * zones, points and routes; pan and pinch-zoom; "you are here" from hall.yaml; a route's stops in
 * order with their stories, and a QR code that takes the route to the visitor's phone. `at`
 * opens a route.
 */
export function MapZone({ hall, locale, at, onHome }: ZoneProps) {
  const { text } = useT();
  const { state } = useHost();
  const here = state.surface?.here;
  const maps = hall.maps ?? [];
  const map = mapFor(maps, here, at)!;
  const [routeId, setRouteId] = useState<string | undefined>(map.routes.some((r) => r.id === at) ? at : undefined);
  const [pointId, setPointId] = useState<string | undefined>();
  const [qr, setQr] = useState(false);
  const route = map.routes.find((r) => r.id === routeId);
  const stops = route ? routeStops(map, route) : [];
  const viewport = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const pz = useRef<PanZoom | undefined>(undefined);
  useEffect(() => {
    if (!viewport.current || !content.current) return;
    const p = new PanZoom(viewport.current, content.current, { width: map.base.width, height: map.base.height, maxZoom: 5 });
    pz.current = p;
    return () => {
      p.dispose();
      pz.current = undefined;
    };
  }, [map]);

  // A tap's own frame shows the pressed marker or chip; what it opens is built after it (../answer.ts).
  const pickPoint = (p: MapPoint, focus: boolean) => {
    answer(() => setPointId(p.id));
    if (focus) pz.current?.focus(p.x, p.y, 2);
  };
  const pickRoute = (id: string | undefined) => {
    answer(() => {
      setRouteId(id);
      setPointId(undefined);
    });
    pz.current?.fit();
  };
  const order = new Map(stops.map((s) => [s.point.id, s.n]));
  const herePoint = map.points.find((p) => p.id === here);

  return (
    <ZonePage
      zone="map"
      title={text(map.title)}
      onHome={onHome}
      tools={
        <div className="map-routes" role="group" aria-label={mapWord(locale, 'routes')}>
          <button className="k-chip" aria-pressed={route === undefined} data-route="" onClick={() => pickRoute(undefined)}>
            {mapWord(locale, 'allPoints')}
          </button>
          {map.routes.map((r) => (
            <button key={r.id} className="k-chip map-route-chip" aria-pressed={r.id === routeId} data-route={r.id} style={{ '--route': r.color ?? '#c8102e' } as React.CSSProperties} onClick={() => pickRoute(r.id)}>
              <span className="map-route-swatch" aria-hidden="true" />
              {text(r.title)}
            </button>
          ))}
        </div>
      }
    >
      <div className="map">
        <div className="map-view" ref={viewport} data-testid="map-view" role="region" aria-label={mapWord(locale, 'map')}>
          <div className="map-content" ref={content} style={{ width: map.base.width, height: map.base.height }}>
            <img className="map-base" src={packAssetUrl(hall.packId, map.base.src)} alt="" width={map.base.width} height={map.base.height} draggable={false} />
            <MapLayers map={map} route={route} zoneLabels={(id) => text(map.zones.find((z) => z.id === id)?.title)} />
            {map.points.map((p) => {
              const n = order.get(p.id);
              return (
                <button
                  key={p.id}
                  className={`map-point map-point-${p.kind}`}
                  data-point={p.id}
                  data-on-route={route ? n !== undefined : undefined}
                  aria-pressed={p.id === pointId}
                  style={{ left: p.x, top: p.y, '--route': route?.color ?? '#c8102e' } as React.CSSProperties}
                  onClick={() => pickPoint(p, false)}
                >
                  <span className="map-point-dot" aria-hidden="true">
                    {n ?? ''}
                  </span>
                  <span className="map-point-label">{text(p.title)}</span>
                </button>
              );
            })}
            {herePoint && (
              <div className="map-here" data-testid="map-here" style={{ left: herePoint.x, top: herePoint.y }}>
                <span className="map-here-pulse" aria-hidden="true" />
                <span className="map-here-label">{mapWord(locale, 'here')}</span>
              </div>
            )}
          </div>
          <div className="map-zoom" role="group" aria-label={mapWord(locale, 'map')}>
            <button className="map-zoom-button" data-action="zoom-in" aria-label={mapWord(locale, 'zoomIn')} onClick={() => pz.current?.zoomBy(1.6)}>
              +
            </button>
            <button className="map-zoom-button" data-action="zoom-out" aria-label={mapWord(locale, 'zoomOut')} onClick={() => pz.current?.zoomBy(1 / 1.6)}>
              −
            </button>
            <button className="map-zoom-button map-zoom-fit" data-action="zoom-fit" aria-label={mapWord(locale, 'fit')} onClick={() => pz.current?.fit()}>
              ⤢
            </button>
          </div>
        </div>
        <MapPanel map={map} route={route} stops={stops} point={map.points.find((p) => p.id === pointId)} herePoint={herePoint} locale={locale} onStop={(p) => pickPoint(p, true)} onQr={() => setQr(true)} />
      </div>
      {qr && route && <RouteQr map={map} route={route} locale={locale} onClose={() => setQr(false)} />}
    </ZonePage>
  );
}

function MapPanel(props: {
  map: ParkMap;
  route: MapRoute | undefined;
  stops: ReturnType<typeof routeStops>;
  point: MapPoint | undefined;
  herePoint: MapPoint | undefined;
  locale: Locale;
  onStop: (p: MapPoint) => void;
  onQr: () => void;
}) {
  const { text } = useT();
  const scroll = useMomentumScroll<HTMLElement>('y');
  const { route, stops, point, locale } = props;
  if (route)
    return (
      <aside className="map-panel k-scroll" tabIndex={0} ref={scroll} data-panel="route" data-route={route.id}>
        <p className="map-panel-kicker">
          <span className="map-kind">{mapWord(locale, route.kind)}</span>
          {route.minutes !== undefined && <span>{mapWord(locale, 'minutes', route.minutes)}</span>}
          <span>{mapWord(locale, 'stops', stops.length)}</span>
        </p>
        <h2>{text(route.title)}</h2>
        {route.text && <div className="map-panel-text" dangerouslySetInnerHTML={{ __html: renderMarkdown(text(route.text)) }} />}
        <button className="big-button map-take-away" data-action="route-qr" onClick={props.onQr}>
          <span aria-hidden="true">▦</span> {mapWord(locale, 'takeAway')}
        </button>
        <ol className="map-stops">
          {stops.map((s) => (
            <li key={s.point.id}>
              <button className="map-stop" data-stop={s.point.id} aria-pressed={s.point.id === point?.id} style={{ '--route': route.color ?? '#c8102e' } as React.CSSProperties} onClick={() => props.onStop(s.point)}>
                <span className="map-stop-n" aria-hidden="true">
                  {s.n}
                </span>
                <span className="map-stop-title">{text(s.point.title)}</span>
              </button>
              {s.point.id === point?.id && s.story && (
                <div className="map-stop-story" data-story={s.point.id} ref={(el) => el?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })} dangerouslySetInnerHTML={{ __html: renderMarkdown(text(s.story)) }} />
              )}
            </li>
          ))}
        </ol>
      </aside>
    );
  if (point)
    return (
      <aside className="map-panel k-scroll" tabIndex={0} ref={scroll} data-panel="point" data-point-card={point.id}>
        {point.id === props.herePoint?.id && <p className="map-panel-kicker map-here-kicker">{mapWord(locale, 'here')}</p>}
        <h2>{text(point.title)}</h2>
        {point.text && <div className="map-panel-text" dangerouslySetInnerHTML={{ __html: renderMarkdown(text(point.text)) }} />}
        {props.map.routes.some((r) => r.points.includes(point.id)) && (
          <p className="map-panel-routes">
            {props.map.routes
              .filter((r) => r.points.includes(point.id))
              .map((r) => text(r.title))
              .join(' · ')}
          </p>
        )}
      </aside>
    );
  return (
    <aside className="map-panel k-scroll" tabIndex={0} ref={scroll} data-panel="intro">
      <p className="map-intro">{mapWord(locale, 'intro')}</p>
      {props.map.zones.length > 0 && (
        <>
          <h2>{mapWord(locale, 'zones')}</h2>
          <ul className="map-legend">
            {props.map.zones.map((z) => (
              <li key={z.id} style={{ '--zone': z.color ?? '#c8102e' } as React.CSSProperties}>
                <span className="map-legend-swatch" aria-hidden="true" />
                <span>
                  <strong>{text(z.title)}</strong>
                  {z.text && <small>{text(z.text)}</small>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}

function RouteQr({ map, route, locale, onClose }: { map: ParkMap; route: MapRoute; locale: Locale; onClose: () => void }) {
  const { text } = useT();
  const origin = usePhoneOrigin();
  const url = origin && phoneRouteUrl(origin, map.id, route.id, locale);
  return (
    <div className="k-dialog" role="dialog" aria-modal="true" aria-label={mapWord(locale, 'takeAway')} data-testid="route-qr">
      <div className="k-dialog-card">
        <h2>{mapWord(locale, 'takeAway')}</h2>
        <p className="k-dialog-sub">{text(route.title)}</p>
        {url ? <QrCode text={url} size={340} label={`${mapWord(locale, 'takeAway')}: ${text(route.title)}`} /> : <div className="k-dialog-wait" aria-busy="true" />}
        <p>{mapWord(locale, 'takeAwayHint')}</p>
        <button className="big-button" data-action="close-qr" onClick={onClose}>
          {mapWord(locale, 'close')}
        </button>
      </div>
    </div>
  );
}
