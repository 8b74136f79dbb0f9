import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { phoneLink } from './phoneLink';
import { SeatStore } from './seat';
import { TABLES_PROTOCOL_VERSION } from '../../core/protocol/tables';

/** A WebSocket stand-in: records what the page sends and lets the test deliver host frames. */
class FakeSocket {
  static OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  deliver(m: unknown) {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
  close() {
    this.readyState = 3;
  }
}

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const P = TABLES_PROTOCOL_VERSION;
const TOKEN = 'seat_token_0123456789abcdef';
const seat = (role: string | null) => ({ type: 'seat', table: 't-abcd1234', code: 'HQ7RT', player: 'p1', role, seatToken: TOKEN });
const g = globalThis as unknown as { WebSocket: unknown };
let saved: unknown;
beforeEach(() => {
  saved = g.WebSocket;
  g.WebSocket = FakeSocket;
  FakeSocket.all = [];
});
afterEach(() => {
  g.WebSocket = saved;
});

describe('a phone’s seat across reloads and dropped Wi-Fi', () => {
  it('joins by code, keeps the seat token, and resumes with it on the next connection', () => {
    const storage = new MemoryStorage();
    const hashes: string[] = [];
    const { link } = phoneLink('ws://x/ws/tables', { code: 'HQ7RT', token: '' }, new SeatStore(storage), (h) => hashes.push(h));
    link.connect();
    const first = FakeSocket.all[0]!;
    first.open();
    expect(first.sent).toEqual([{ type: 'hello', protocol: P }, { type: 'join', protocol: P, code: 'HQ7RT' }]);
    first.deliver(seat('lin'));
    expect(storage.getItem('redhall.seat.HQ7RT')).toBe(TOKEN);
    expect(hashes.at(-1)).toBe('#/phone?code=HQ7RT');
    // A reload is a new page with the same storage: it resumes instead of taking a new seat.
    const again = phoneLink('ws://x/ws/tables', { code: 'HQ7RT', token: '' }, new SeatStore(storage), () => undefined).link;
    again.connect();
    FakeSocket.all[1]!.open();
    expect(FakeSocket.all[1]!.sent).toEqual([{ type: 'hello', protocol: P }, { type: 'resume', protocol: P, seatToken: TOKEN }]);
  });
  it('keeps the token in the address bar when storage is refused, and resumes from it', () => {
    const hashes: string[] = [];
    const { link } = phoneLink('ws://x/ws/tables', { code: 'HQ7RT', token: '' }, new SeatStore(undefined), (h) => hashes.push(h));
    link.connect();
    FakeSocket.all[0]!.open();
    FakeSocket.all[0]!.deliver(seat('lin'));
    expect(hashes.at(-1)).toBe(`#/phone?code=HQ7RT&seat=${TOKEN}`);
    const again = phoneLink('ws://x/ws/tables', { code: 'HQ7RT', token: TOKEN }, new SeatStore(undefined), () => undefined).link;
    again.connect();
    FakeSocket.all[1]!.open();
    expect(FakeSocket.all[1]!.sent).toEqual([{ type: 'hello', protocol: P }, { type: 'resume', protocol: P, seatToken: TOKEN }]);
  });
  it('forgets a token the host no longer knows and joins again by code', () => {
    const storage = new MemoryStorage();
    storage.setItem('redhall.seat.HQ7RT', TOKEN);
    const { link } = phoneLink('ws://x/ws/tables', { code: 'HQ7RT', token: '' }, new SeatStore(storage), () => undefined);
    link.connect();
    const ws = FakeSocket.all[0]!;
    ws.open();
    ws.deliver({ type: 'error', code: 'not-found', message: { 'zh-Hans': '座位已不存在', en: 'No such seat' }, ref: 'resume' });
    expect(storage.getItem('redhall.seat.HQ7RT')).toBeNull();
    expect(ws.sent.at(-1)).toEqual({ type: 'join', protocol: P, code: 'HQ7RT' });
    expect(link.state.error).toBeUndefined();
  });
  it('in pass-and-play, each seat claims its own role and keeps its token per role', () => {
    const storage = new MemoryStorage();
    const { link } = phoneLink('ws://x/ws/tables', { code: 'HQ7RT', token: '' }, new SeatStore(storage), () => undefined, 'tang');
    link.connect();
    const ws = FakeSocket.all[0]!;
    ws.open();
    ws.deliver(seat(null));
    expect(ws.sent.at(-1)).toEqual({ type: 'claim', role: 'tang' });
    expect(storage.getItem('redhall.seat.HQ7RT.tang')).toBe(TOKEN);
    expect(storage.getItem('redhall.seat.HQ7RT')).toBeNull();
  });
  it('ignores frames that fail the protocol schema', () => {
    const { link } = phoneLink('ws://x/ws/tables', { code: 'HQ7RT', token: '' }, new SeatStore(undefined), () => undefined);
    link.connect();
    const ws = FakeSocket.all[0]!;
    ws.open();
    const warn = console.warn;
    console.warn = () => undefined;
    ws.deliver({ type: 'seat', table: 'nope' });
    console.warn = warn;
    expect(link.state.seat).toBeUndefined();
  });
});
