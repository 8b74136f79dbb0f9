import { describe, expect, it } from 'vitest';
import { HTTP_ROUTES, HttpError, parseHttpResponse, routeParts, type HttpRequest, type HttpResponse, type HttpRouteKey } from './http';

const surface: HttpResponse<'GET /api/health'>['surfaces'][number] = {
  id: 'kiosk', role: 'kiosk', display: 0, displayName: 'DUMMY0', bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  connected: true, since: '2026-11-23T08:00:00.000Z', clockOffsetMs: 1.5, clockRttMs: 0.4, restarts: 0, screen: 'home', shell: null,
  fault: { since: '2026-11-23T08:00:00.000Z', reason: 'crashed 4 times', recentFailures: 4, retryAt: '2026-11-23T08:05:00.000Z' },
  heartbeatAt: null, watchdog: { reloads: 1, restarts: 0, last: null },
};

const controlState: HttpResponse<'GET /api/control'> = {
  surfaces: [{ id: 'wall-1', role: 'wall', connected: true, screen: 'wall:light-and-shadow', blackout: false }],
  muted: false,
  asleep: false,
  show: { showId: 'welcome', packId: 'demo-hall', title: '迎宾', elapsedMs: 1200, seconds: 60, loop: false },
  shows: [{ id: 'welcome', packId: 'demo-hall', title: '迎宾', seconds: 60 }],
  modules: [{ id: 'setting-sail', title: '红色起航' }],
  stations: [{ id: 'zunyi-1935', date: '1935-01', title: '遵义会议' }],
  available: { oath: false, cinema: false },
  films: [],
  projectors: [{ id: 'p1', name: '序厅', power: 'on', input: '31', muted: false, lampHours: 1200, errors: { lamp: 'ok' }, fault: null, seenAt: '2026-11-23T08:00:00.000Z' }],
  hours: { open: true, next: { at: '2026-11-23T09:30:00.000Z', what: 'close' } },
  hostNow: 1e12,
};

// One request and one answer per route, as a client sends and the host answers them.
const examples: { [K in HttpRouteKey]: { request: HttpRequest<K>; response: HttpResponse<K>; junk: unknown[] } } = {
  'GET /api/health': {
    request: undefined,
    response: { app: 'redhall', version: '0.1.0', uptimeMs: 12, startedAt: '2026-11-23T08:00:00.000Z', listen: 'loopback', pack: { id: 'demo-hall', version: '1.0.0' }, warnings: [{ file: 'hall.yaml', line: 1, column: 1, message: { 'zh-Hans': '警告', en: 'warning' } }], surfaces: [surface],
      guard: { connections: 3, sockets: 1, refusedHost: 1, refusedOrigin: 2, refusedTooMany: 0, refusedAddress: 5, helloTimeouts: 1, slowClosed: 1, framesDropped: 40, floodClosed: 1, refusedCoolingDown: 0 },
      disk: { failedWrites: 1, pending: 0, last: { at: '2026-11-23T08:01:00.000Z', file: 'stats/quiz-2026-11.jsonl', code: 'ENOSPC', message: { 'zh-Hans': '磁盘已满：这条体检记录没有保存。', en: 'The disk is full: this self-check record was not stored.' } } } },
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
  'GET /api/control': { request: undefined, response: controlState, junk: [{ command: 'hall.state' }] },
  'POST /api/control': {
    request: { command: 'wall.goto', surface: 'wall-1', target: 'station', id: 'zunyi-1935' },
    response: { ok: true, command: 'wall.goto', done: { 'zh-Hans': '好', 'zh-Hant': '好', en: 'ok' }, state: controlState },
    junk: [{}, { command: 'launch.missiles' }, { command: 'show.stop', extra: 1 }, { command: 'projector.input', projector: 'p1', input: '99' }, { command: 'wall.goto', surface: 'Wall 1', target: 'home' }, null, 'show.start'],
  },
  'GET /api/oath': {
    request: undefined,
    response: { run: { runId: 'oath-abc-1', packId: 'demo-hall', startHost: 1e12, seconds: 36, surfaces: ['kiosk', 'wall-1'], audio: 'wall-1' }, hostNow: 1e12 - 500 },
    junk: [{ a: 1 }],
  },
  'POST /api/oath': {
    request: { action: 'start', surfaces: ['kiosk', 'wall-1'], audio: null },
    response: { run: null },
    junk: [{}, { action: 'start', surfaces: [] }, { action: 'start', surfaces: ['Not An Id'] }, { action: 'stop', surfaces: ['kiosk'] }, null],
  },
  'GET /api/cinema': {
    request: undefined,
    response: {
      run: { runId: 'cinema-abc-1', packId: 'demo-hall', playlistId: 'century', films: [{ id: 'dawn', seconds: 8 }], loop: false, startHost: 1e12, endHost: 1e12 + 8000, surfaces: ['cinema'], by: { schedule: '09:30' } },
      hostNow: 1e12 + 100,
      today: [{ at: '09:30', playlistId: 'century', startHost: 1e12, endHost: 1e12 + 8000 }, { at: '12:00', playlistId: 'lunchtime', startHost: 1e12 + 9e6, endHost: null }],
      films: { dawn: 8 },
    },
    junk: [{ a: 1 }],
  },
  'POST /api/cinema': {
    request: { action: 'start', film: 'dawn', surfaces: ['cinema'] },
    response: { run: null },
    junk: [{}, { action: 'play' }, { action: 'start', surfaces: [] }, { action: 'start', film: 3 }, null],
  },
  'GET /api/phone-origin': { request: undefined, response: { origin: 'http://192.168.1.20:8080' }, junk: [{ a: 1 }] },
  'POST /api/auth/login': {
    request: { role: 'admin', pin: '2468' },
    response: { role: 'admin', expiresAt: '2026-11-23T08:30:00.000Z' },
    junk: [{}, { role: 'root', pin: '1234' }, { role: 'admin' }, { role: 'admin', pin: '' }, { role: 'admin', pin: '1'.repeat(33) }, { role: 'admin', pin: '1234', extra: 1 }],
  },
  'POST /api/auth/logout': { request: undefined, response: { ended: ['admin'] }, junk: [{ all: true }] },
  'GET /api/auth/session': { request: undefined, response: { sessions: [{ role: 'docent', expiresAt: '2026-11-23T10:00:00.000Z' }] }, junk: [{ a: 1 }] },
  'GET /api/admin/packs': {
    request: undefined,
    response: {
      packs: [{ id: 'demo-hall', active: '1.1.0', previous: '1.0.0', versions: [{ version: '1.0.0', title: '红色会客厅', installedAt: '2026-11-20T08:00:00.000Z' }, { version: '1.1.0', title: null, installedAt: null }] }],
      preview: { surfaceId: 'kiosk', packId: 'demo-hall', version: '1.2.0', since: '2026-11-23T08:00:00.000Z' },
    },
    junk: [{}],
  },
  'POST /api/admin/packs/activate': { request: { packId: 'demo-hall', version: '1.1.0' }, response: { packId: 'demo-hall', version: '1.1.0', previous: '1.0.0' }, junk: [{}, { packId: '../x', version: '1' }, { packId: 'a', version: '1', x: 1 }] },
  'POST /api/admin/packs/rollback': { request: { packId: 'demo-hall' }, response: { packId: 'demo-hall', version: '1.0.0', previous: '1.1.0' }, junk: [{}, { packId: 'A B' }] },
  'POST /api/admin/packs/prune': { request: { packId: 'demo-hall' }, response: { packId: 'demo-hall', removed: ['0.9.0'], kept: ['1.0.0', '1.1.0'] }, junk: [null, { packId: '' }] },
  'POST /api/admin/preview': {
    request: { packId: 'demo-hall', version: '1.2.0', surfaceId: 'kiosk' },
    response: { preview: null },
    junk: [{}, { stop: false }, { packId: 'demo-hall', version: '1.2.0' }],
  },
  'GET /api/admin/stats': {
    request: undefined,
    response: {
      quiz: [{ day: '2026-11-22', packId: 'demo-hall', bankId: 'party-spirit', started: 4, completed: 3, abandoned: 1, meanByDimension: { ideals: 4.2 } }],
      endings: [{ day: '2026-11-22', scenario: 'siege', ending: 'hold-the-line', games: 2, players: 12, minutes: 95 }],
      visits: [{ day: '2026-11-22', packId: 'demo-hall', module: 'setting-sail', visits: 17 }],
      skipped: 0,
    },
    junk: [{ a: 1 }],
  },
  'POST /api/join/pair': { request: { code: 'ABCD-EFGH', pc: 'hall-pc-2' }, response: { pc: 'hall-pc-2', credential: 'c'.repeat(43) }, junk: [{ code: 'ABCD-EFGH', pc: 'Hall PC' }, { code: '', pc: 'pc' }, { code: 'X', pc: 'pc', extra: 1 }] },
  'POST /api/join/sync': {
    request: { surfaces: [{ id: 'pc2-wall-1', role: 'wall', displayName: 'DUMMY0', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, touch: false, displayIndex: 0 }], events: [{ kind: 'restarted', surface: 'pc2-wall-1' }] },
    response: { pc: 'pc2', surfaces: [{ id: 'pc2-wall-1', connected: true, since: '2026-11-23T08:00:00.000Z', heartbeatAt: null, fault: false }] },
    junk: [{ surfaces: [{ id: 'x' }] }, { surfaces: [], events: [{ kind: 'explode', surface: 'x' }] }],
  },
  'POST /api/join/launch': { request: { surfaceId: 'pc2-wall-1' }, response: { code: 'abc' }, junk: [{}, { surfaceId: 1 }] },
  'POST /api/pcs/code': { request: {}, response: { code: 'ABCD-EFGH', expiresAt: '2026-11-23T08:10:00.000Z' }, junk: [{ a: 1 }] },
  'GET /api/pcs': { request: undefined, response: { pcs: [{ pc: 'pc2', pairedAt: '2026-11-23T08:00:00.000Z', revokedAt: null, lastSeen: null, address: null, surfaces: [] }], listen: 'lan', joinUrl: 'http://192.168.1.10:8080' }, junk: [{ a: 1 }] },
  'POST /api/pcs/revoke': { request: { pc: 'pc2' }, response: { pc: 'pc2', revokedAt: '2026-11-23T08:00:00.000Z' }, junk: [{}, { pc: 'PC 2' }] },
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
    for (const key of Object.keys(HTTP_ROUTES) as HttpRouteKey[]) expect(routeParts(key).path).toMatch(/^\/api(\/[a-z-]+)+$/);
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
