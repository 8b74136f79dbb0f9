import type { ParkMap, MapRoute } from './model';

/**
 * What is drawn over a map's base image, in its pixel space: the zones' outlines and the chosen
 * route's line (its strokes keep their width on screen however far the map is zoomed). Shared by
 * the kiosk's map zone and the phone's route page.
 */
export function MapLayers({ map, route, zoneLabels }: { map: ParkMap; route: MapRoute | undefined; zoneLabels?: (id: string) => string }) {
  const byId = new Map(map.points.map((p) => [p.id, p]));
  const line = route?.points.map((id) => byId.get(id)).filter((p) => p !== undefined) ?? [];
  const colour = route?.color ?? '#c8102e';
  return (
    <svg className="map-layers" viewBox={`0 0 ${map.base.width} ${map.base.height}`} width={map.base.width} height={map.base.height} aria-hidden="true">
      {map.zones.map((z) => {
        const [cx] = centroid(z.outline);
        return (
          <g key={z.id} className="map-zone" data-map-zone={z.id}>
            <polygon points={z.outline.map(([x, y]) => `${x},${y}`).join(' ')} fill={z.color ?? '#c8102e'} fillOpacity={0.1} stroke={z.color ?? '#c8102e'} strokeWidth={3} strokeDasharray="10 8" vectorEffect="non-scaling-stroke" />
            {zoneLabels && (
              <text x={cx} y={z.outline.reduce((m, [, y]) => Math.min(m, y), Infinity) + 28} textAnchor="middle" className="map-zone-label" fill={z.color ?? '#c8102e'}>
                {zoneLabels(z.id)}
              </text>
            )}
          </g>
        );
      })}
      {line.length > 1 && (
        <g className="map-route" data-route={route!.id}>
          <polyline points={line.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke="#fff" strokeWidth={14} strokeLinejoin="round" strokeLinecap="round" vectorEffect="non-scaling-stroke" />
          <polyline
            points={line.map((p) => `${p.x},${p.y}`).join(' ')}
            fill="none"
            stroke={colour}
            strokeWidth={8}
            strokeLinejoin="round"
            strokeLinecap="round"
            strokeDasharray={route!.kind === 'orienteering' ? '2 16' : undefined}
            vectorEffect="non-scaling-stroke"
          />
        </g>
      )}
    </svg>
  );
}

function centroid(outline: ReadonlyArray<readonly [number, number]>): [number, number] {
  const n = outline.length;
  return [outline.reduce((s, [x]) => s + x, 0) / n, outline.reduce((s, [, y]) => s + y, 0) / n];
}
