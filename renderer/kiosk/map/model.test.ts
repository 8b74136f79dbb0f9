import { describe, expect, it } from 'vitest';
import { mapFor, parseRouteAddress, phoneRouteUrl, routeStops, type ParkMap } from './model';

const map: ParkMap = {
  id: 'park',
  title: 'Park',
  base: { src: 'media/map/park.svg', width: 100, height: 100 },
  points: [
    { id: 'a', title: 'A', x: 1, y: 1, kind: 'site', text: 'point A' },
    { id: 'b', title: 'B', x: 2, y: 2, kind: 'site' },
    { id: 'c', title: 'C', x: 3, y: 3, kind: 'hall', text: 'point C' },
  ],
  zones: [],
  routes: [{ id: 'loop', title: 'Loop', points: ['a', 'b', 'c', 'a'], kind: 'walk', stories: [{ point: 'b', text: 'the route tells B' }] }],
};

describe('map routes', () => {
  it('lists a route’s stops in order with their stories, a loop’s start once', () => {
    const stops = routeStops(map, map.routes[0]!);
    expect(stops.map((s) => [s.n, s.point.id, s.story])).toEqual([
      [1, 'a', 'point A'],
      [2, 'b', 'the route tells B'],
      [3, 'c', 'point C'],
    ]);
  });
  it('round-trips the phone address of a route', () => {
    const url = phoneRouteUrl('http://192.168.1.20:8080', 'park', 'red walk', 'zh-Hant');
    expect(url).toBe('http://192.168.1.20:8080/phone/#/route?map=park&route=red%20walk&lang=zh-Hant');
    expect(parseRouteAddress(new URL(url).hash)).toEqual({ map: 'park', route: 'red walk', lang: 'zh-Hant' });
    expect(parseRouteAddress('#/phone?code=ABCD')).toBeUndefined();
  });
  it('opens the map that holds the kiosk', () => {
    const other: ParkMap = { ...map, id: 'other', points: [{ id: 'z', title: 'Z', x: 0, y: 0, kind: 'site' }], routes: [] };
    expect(mapFor([other, map], 'c')?.id).toBe('park');
    expect(mapFor([other, map], undefined)?.id).toBe('other');
    expect(mapFor([other, map], 'z', 'loop')?.id).toBe('park');
  });
});
