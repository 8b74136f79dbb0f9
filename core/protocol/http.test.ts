import { describe, expect, it } from 'vitest';
import { HTTP_ROUTES, HttpError, parseHttpResponse, routeParts, type HttpRequest, type HttpResponse, type HttpRouteKey } from './http';

const surface: HttpResponse<'GET /api/health'>['surfaces'][number] = {
  id: 'kiosk', role: 'kiosk', display: 0, displayName: 'DUMMY0', bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  connected: true, since: '2026-11-23T08:00:00.000Z', clockOffsetMs: 1.5, clockRttMs: 0.4, restarts: 0, screen: 'home', shell: null,
  fault: { since: '2026-11-23T08:00:00.000Z', reason: 'crashed 4 times', recentFailures: 4, retryAt: '2026-11-23T08:05:00.000Z' },
  heartbeatAt: null, watchdog: { reloads: 1, restarts: 0, last: null },
};

// One request and one answer per route, as a client sends and the host answers them.
const examples: { [K in HttpRouteKey]: { request: HttpRequest<K>; response: HttpResponse<K>; junk: unknown[] } } = {
  'GET /api/health': {
    request: undefined,
    response: { app: 'redhall', version: '0.1.0', uptimeMs: 12, startedAt: '2026-11-23T08:00:00.000Z', listen: 'loopback', pack: { id: 'demo-hall', version: '1.0.0' }, warnings: [{ file: 'hall.yaml', line: 1, column: 1, message: { 'zh-Hans': '警告', en: 'warning' } }], surfaces: [surface] },
    junk: [{ a: 1 }, 'x'],
  },
  'GET /api/hall': {
    request: undefined,
    response: { packId: 'demo-hall', packVersion: '1.0.0', title: { 'zh-Hans': '红色展厅', en: 'Red hall' }, modules: [{ id: 'm', title: 'M', items: [{ id: 'i', kind: 'text', title: 'T' }] }] },
    junk: [{}],
  },
  'POST /api/identify': { request: { on: false }, response: { identify: false }, junk: [{ on: 'yes' }, { on: true, extra: 1 }, 42] },
  'POST /api/launch': { request: { code: 'AbC-123_x' }, response: { surfaceId: 'kiosk', token: 'tok' }, junk: [{}, { code: 42 }, { code: 'x'.repeat(65) }, { code: '' }, null] },
  'GET /api/shows': {
    request: undefined,
    response: {
      shows: [{ packId: 'demo-hall', id: 'welcome', title: { 'zh-Hans': '迎宾光影秀', en: 'Welcome' }, seconds: 60 }],
      run: { runId: 'welcome-abc-1', packId: 'demo-hall', showId: 'welcome', startHost: 1e12, leadMs: 1000, loop: false, elapsedMs: 2500 },
      attract: { showId: 'century', packId: null },
      hostNow: 1e12 + 2500,
      presentations: [{ runId: 'welcome-abc-1', index: 0, at: 1e12, surfaces: { 'wall-1': 1e12 + 3, 'wall-2': 1e12 + 5 } }],
      drift: { 'wall-1': { samples: 12, p95AbsMs: 4.2, lastMs: -1.5, seeks: 0 } },
    },
    junk: [{ a: 1 }],
  },
  'POST /api/shows': {
    request: { action: 'start', showId: 'welcome', loop: true },
    response: { run: null },
    junk: [{}, { action: 'play' }, { action: 'stop', showId: 'x' }, { action: 'start', loop: 'yes' }, null],
  },
};

describe('the HTTP contract', () => {
  for (const key of Object.keys(HTTP_ROUTES) as HttpRouteKey[]) {
    const route = HTTP_ROUTES[key];
    const ex = examples[key];
    it(`${key}: request and answer survive JSON and their schemas; junk is refused`, () => {
      const wire = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
      expect(route.request.parse(wire(ex.request))).toEqual(ex.request);
      expect(route.response.parse(wire(ex.response))).toEqual(ex.response);
      expect(parseHttpResponse(key, 200, wire(ex.response))).toEqual({ ok: true, value: ex.response });
      for (const j of ex.junk) expect([j, route.request.safeParse(j).success]).toEqual([j, false]);
      expect(parseHttpResponse(key, 200, { nonsense: true })).toMatchObject({ ok: false, status: 200, error: { error: 'bad-response' } });
    });
  }

  it('names a method and a path in every key', () => {
    for (const key of Object.keys(HTTP_ROUTES) as HttpRouteKey[]) expect(routeParts(key).path).toMatch(/^\/api\/[a-z-]+$/);
    expect(routeParts('POST /api/launch')).toEqual({ method: 'POST', path: '/api/launch' });
  });

  it('a missing identify body means "on"', () => {
    expect(HTTP_ROUTES['POST /api/identify'].request.parse(undefined)).toEqual({});
  });

  it('reads a refusal as its bilingual error, and a bare one as a sentence of its own', () => {
    const refusal = { error: 'unauthorised', message: { 'zh-Hans': '需要管理员令牌。', en: 'The admin token is required.' } };
    expect(parseHttpResponse('POST /api/identify', 401, refusal)).toEqual({ ok: false, status: 401, error: refusal });
    const bare = parseHttpResponse('GET /api/hall', 502, 'Bad Gateway');
    expect(bare.ok).toBe(false);
    if (!bare.ok) expect(HttpError.parse(bare.error).message.en).toContain('502');
  });
});
