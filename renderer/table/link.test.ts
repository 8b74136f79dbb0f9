import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RETRY_MS, TableSocket } from './link';

/** A WebSocket stand-in the test opens and closes. */
class FakeSocket {
  static OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send() {}
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  /** The host went away (or refused the connection). */
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
  close() {
    this.readyState = 3;
  }
}

/** A window whose timers run only when the test says. */
class FakeWindow {
  now = 0;
  private next = 1;
  timers = new Map<number, { at: number; fn: () => void }>();
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  };
  clearTimeout = (id: number | undefined) => {
    if (id !== undefined) this.timers.delete(id);
  };
  addEventListener() {}
  removeEventListener() {}
  /** Runs the timers due within `ms`, in order. */
  advance(ms: number) {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = end;
  }
  /** When the earliest timer fires, or undefined. */
  nextAt() {
    return Math.min(...[...this.timers.values()].map((t) => t.at));
  }
}

const g = globalThis as unknown as { WebSocket: unknown; window: unknown; document: unknown };
let saved: { WebSocket: unknown; window: unknown; document: unknown };
let win: FakeWindow;
beforeEach(() => {
  saved = { WebSocket: g.WebSocket, window: g.window, document: g.document };
  win = new FakeWindow();
  g.WebSocket = FakeSocket;
  g.window = win;
  g.document = { visibilityState: 'visible', addEventListener() {}, removeEventListener() {} };
  FakeSocket.all = [];
});
afterEach(() => {
  Object.assign(g, saved);
});

const socketsOf = (url: string) => FakeSocket.all.filter((s) => s.url === url);
const last = (url: string) => socketsOf(url).at(-1)!;

describe('a table page after the host went away', () => {
  it('retries at most every 2 s, so a page is back within 2 s of the host', () => {
    const link = new TableSocket('ws://h/dm', () => []);
    link.connect();
    last('ws://h/dm').open();
    for (let i = 0; i < 12; i++) {
      last('ws://h/dm').drop();
      expect(link.state.status).toBe('reconnecting');
      expect(win.nextAt() - win.now).toBeLessThanOrEqual(MAX_RETRY_MS);
      win.advance(win.nextAt() - win.now);
    }
    last('ws://h/dm').open();
    expect(link.state.status).toBe('open');
    link.close();
  });

  it('brings every socket of the page back as soon as one of them gets through', () => {
    // The DM console's socket: the host is killed and stays down a while, so its backoff grows.
    const dm = new TableSocket('ws://h/dm', () => []);
    dm.connect();
    last('ws://h/dm').open();
    last('ws://h/dm').drop();
    for (let i = 0; i < 5; i++) {
      win.advance(win.nextAt() - win.now);
      last('ws://h/dm').drop();
    }
    expect(win.nextAt() - win.now).toBe(MAX_RETRY_MS);
    const dmTries = socketsOf('ws://h/dm').length;
    // The host is back and another socket of the page (the pass-and-play screen beside the console) gets through...
    const pass = new TableSocket('ws://h/pass', () => []);
    pass.connect();
    last('ws://h/pass').open();
    // ...so the DM console tries at once, not after what is left of its backoff.
    expect(socketsOf('ws://h/dm').length).toBe(dmTries + 1);
    last('ws://h/dm').open();
    expect(dm.state.status).toBe('open');
    expect(win.timers.size).toBe(0);
    dm.close();
    pass.close();
  });
});
