/** What a surface is, from its URL: `#/<role>?surface=<id>&code=<one-time launch code>` (or `&token=`). */
export interface Route {
  role: string;
  surfaceId: string;
  token: string;
  /** The shell's one-time code, traded once with the host for the token (renderer/common/launch.ts). */
  code: string;
  clockSkewMs: number;
}

/** Reads the route from a location hash; unknown parts come back empty, never throw. */
export function parseRoute(hash: string): Route {
  const m = /^#\/([a-z-]+)(?:\?(.*))?$/.exec(hash);
  const q = new URLSearchParams(m?.[2] ?? '');
  const skew = Number(q.get('clockSkew') ?? 0);
  return {
    role: m?.[1] ?? 'kiosk',
    surfaceId: q.get('surface') ?? '',
    token: q.get('token') ?? '',
    code: q.get('code') ?? '',
    clockSkewMs: Number.isFinite(skew) ? skew : 0,
  };
}
