import type { HallContent } from '../../../core/protocol/messages';
import type { Locale } from '../../../core/text';

export type ParkMap = NonNullable<HallContent['maps']>[number];
export type MapPoint = ParkMap['points'][number];
export type MapRoute = ParkMap['routes'][number];

/** A route's stops in walking order, each with what the route tells there (else the point's own text). */
export function routeStops(map: ParkMap, route: MapRoute): Array<{ n: number; point: MapPoint; story: MapPoint['text'] }> {
  const byId = new Map(map.points.map((p) => [p.id, p]));
  const stops: Array<{ n: number; point: MapPoint; story: MapPoint['text'] }> = [];
  route.points.forEach((id, i) => {
    const point = byId.get(id);
    // A loop returns to its start: the last stop is not listed twice.
    if (!point || (i === route.points.length - 1 && id === route.points[0] && i > 0)) return;
    stops.push({ n: stops.length + 1, point, story: route.stories?.find((s) => s.point === id)?.text ?? point.text });
  });
  return stops;
}

/** The phone page of a route: /phone/#/route?map=…&route=…&lang=… on the host's phone origin. */
export function phoneRouteUrl(origin: string, mapId: string, routeId: string, locale: Locale): string {
  return `${origin}/phone/#/route?map=${encodeURIComponent(mapId)}&route=${encodeURIComponent(routeId)}&lang=${encodeURIComponent(locale)}`;
}

/** Reads `#/route?map=…&route=…&lang=…`; undefined for any other address. */
export function parseRouteAddress(hash: string): { map: string; route: string; lang: string } | undefined {
  const m = /^#\/route(?:\?(.*))?$/.exec(hash);
  if (!m) return undefined;
  const q = new URLSearchParams(m[1] ?? '');
  return { map: q.get('map') ?? '', route: q.get('route') ?? '', lang: q.get('lang') ?? '' };
}

/** The map a kiosk opens on: the one holding its "you are here" point, else the first. */
export function mapFor(maps: readonly ParkMap[], here: string | undefined, routeId?: string): ParkMap | undefined {
  return maps.find((m) => routeId !== undefined && m.routes.some((r) => r.id === routeId)) ?? maps.find((m) => here !== undefined && m.points.some((p) => p.id === here)) ?? maps[0];
}
