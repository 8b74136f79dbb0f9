import { describe, expect, it } from 'vitest';
import { parseTableClientMessage, parseTableHostMessage, phoneJoinPath, TABLES_PROTOCOL_VERSION, type TableClientMessage, type TableHostMessage } from './tables';

const P = TABLES_PROTOCOL_VERSION;
const token = 'abcdefghijklmnop0123';
const table = 't-abcd12';

const clientMessages: TableClientMessage[] = [
  { type: 'dm.hello', protocol: P, pin: '2468' },
  { type: 'dm.hello', protocol: P, token },
  { type: 'dm.open', scenario: { pack: 'demo-hall', scenario: 'south-bank' }, roles: ['lin', 'zhou'], pick: 'player', label: '第三组' },
  { type: 'dm.list' },
  { type: 'dm.watch', table },
  { type: 'dm.start', table },
  { type: 'dm.close', table },
  { type: 'dm.seat', table, player: 'p1', role: 'lin' },
  { type: 'dm.seat', table, player: 'p1', role: null },
  { type: 'dm.command', table, version: 3, action: { type: 'advance' } },
  { type: 'dm.command', table, version: 3, action: { type: 'break-tie', option: 'a' } },
  { type: 'dm.command', table, version: 3, action: { type: 'extend', seconds: 60 } },
  { type: 'dm.command', table, version: 3, action: { type: 'give-clue', clue: 'map', player: 'p2' } },
  { type: 'join', protocol: P, code: 'ABC23' },
  { type: 'resume', protocol: P, seatToken: token },
  { type: 'claim', role: 'lin' },
  { type: 'leave' },
  { type: 'play', version: 7, action: { type: 'search', location: 'wharf' } },
  { type: 'play', version: 7, action: { type: 'vote', option: 'a' } },
  { type: 'play', version: 7, action: { type: 'ack' } },
  { type: 'watch', protocol: P, code: 'ABC23' },
];

const publicTable = {
  id: table,
  code: 'ABC23',
  status: 'lobby' as const,
  pick: 'player' as const,
  scenario: { pack: 'demo-hall', id: 'south-bank', title: '河对岸的灯火', theme: 't', background: 'b' },
  roles: [{ id: 'lin', name: '林秀贞', intro: 'i', player: null }],
  seats: [{ player: 'p1', role: null, connected: true }],
  joinUrl: 'http://127.0.0.1:4000/phone/#/phone?code=ABC23',
};

const hostMessages: TableHostMessage[] = [
  { type: 'dm.welcome', token, scenarios: [{ pack: 'demo-hall', packVersion: '1.0.0', id: 'south-bank', title: 'x', theme: 'y', players: { min: 5, max: 6 }, minutes: { min: 45, max: 60 }, roles: [{ id: 'lin', name: 'n', intro: 'i', optional: false }] }], hostNow: 1 },
  { type: 'tables', tables: [{ id: table, code: 'ABC23', scenario: { pack: 'demo-hall', id: 'south-bank', title: 'x' }, status: 'playing', size: 6, seated: 6, connected: 5, version: 4, phase: { id: 'p', kind: 'vote' }, openedAt: 0 }] },
  { type: 'seat', table, code: 'ABC23', player: 'p1', role: null, seatToken: token },
  { type: 'table', table: publicTable, hostNow: 5 },
  {
    type: 'table',
    table: { ...publicTable, status: 'playing' },
    view: {
      viewer: 'player', version: 2, status: 'playing',
      scenario: { id: 's', title: 't', theme: 't', background: 'b' },
      seats: [], phase: { id: 'p', kind: 'search', act: { id: 'a', title: 'A' }, locations: [{ id: 'w', name: 'W', remaining: 1 }] },
      decisions: [], clues: [], me: { player: 'p1', role: 'lin', goals: [], secrets: [], pages: [], actionPoints: 2 },
    },
    timer: { phase: 'p', endsAt: 10, remainingMs: 5, paused: false },
    hostNow: 5,
  },
  { type: 'refused', ref: 'search', code: 'stale', reason: { 'zh-Hans': '过时', en: 'stale' }, version: 3 },
  { type: 'error', code: 'rate-limited', message: { 'zh-Hans': '稍后再试', en: 'Try later' }, ref: 'dm.hello' },
];

describe('table protocol', () => {
  it('round-trips every page → host message', () => {
    for (const m of clientMessages) {
      const r = parseTableClientMessage(JSON.stringify(m));
      expect(r, JSON.stringify(m)).toEqual({ ok: true, message: m });
    }
  });

  it('round-trips every host → page message', () => {
    for (const m of hostMessages) {
      const r = parseTableHostMessage(JSON.stringify(m));
      expect(r, JSON.stringify(m)).toEqual({ ok: true, message: m });
    }
  });

  it('keeps view fields a newer engine adds instead of stripping them', () => {
    const m = hostMessages[4] as Extract<TableHostMessage, { type: 'table' }>;
    const withExtra = { ...m, view: { ...m.view, deadline: 99, phase: { ...m.view?.phase, acked: ['p1'] } } };
    const r = parseTableHostMessage(JSON.stringify(withExtra));
    expect(r.ok && r.message.type === 'table' && (r.message.view as Record<string, unknown>).deadline).toBe(99);
  });

  it('reads join codes case-insensitively and refuses ambiguous letters', () => {
    const r = parseTableClientMessage(JSON.stringify({ type: 'join', protocol: P, code: ' abc23 ' }));
    expect(r.ok && r.message.type === 'join' && r.message.code).toBe('ABC23');
    for (const code of ['ABC0O', 'ABCI1', 'ABCL2', 'ABC2', 'ABC234']) {
      expect(parseTableClientMessage(JSON.stringify({ type: 'join', protocol: P, code })).ok, code).toBe(false);
    }
  });

  it('refuses junk with a code and the offending type', () => {
    expect(parseTableClientMessage('{nope')).toMatchObject({ ok: false, code: 'bad-json' });
    expect(parseTableClientMessage('[]')).toMatchObject({ ok: false, code: 'bad-message' });
    expect(parseTableClientMessage(JSON.stringify({ type: 'teleport' }))).toMatchObject({ ok: false, code: 'bad-message', ref: 'teleport' });
    // a play command without the version it saw is not a command
    expect(parseTableClientMessage(JSON.stringify({ type: 'play', action: { type: 'vote', option: 'a' } }))).toMatchObject({ ok: false, ref: 'play' });
    // players cannot send DM actions through `play`
    expect(parseTableClientMessage(JSON.stringify({ type: 'play', version: 1, action: { type: 'advance' } })).ok).toBe(false);
    // both or neither of pin and token
    expect(parseTableClientMessage(JSON.stringify({ type: 'dm.hello', protocol: P })).ok).toBe(false);
    expect(parseTableClientMessage(JSON.stringify({ type: 'dm.hello', protocol: P, pin: '1', token })).ok).toBe(false);
    // an older protocol is refused, not misread
    expect(parseTableClientMessage(JSON.stringify({ type: 'join', protocol: 0, code: 'ABC23' })).ok).toBe(false);
    // extra fields on a command are refused (strict)
    expect(parseTableClientMessage(JSON.stringify({ type: 'claim', role: 'lin', player: 'p2' })).ok).toBe(false);
    expect(parseTableClientMessage('x'.repeat(1_000_001))).toMatchObject({ ok: false, code: 'bad-message' });
  });

  it('builds the phone path from a code', () => {
    expect(phoneJoinPath('ABC23')).toBe('/phone/#/phone?code=ABC23');
  });
});
