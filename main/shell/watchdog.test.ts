import { describe, expect, it } from 'vitest';
import { SurfaceWatchdog, type SurfaceView, type WatchdogOptions } from './watchdog';

const opts: WatchdogOptions = { startGraceMs: 30_000, heartbeatTimeoutMs: 10_000, disconnectTimeoutMs: 10_000, reloadGraceMs: 10_000, checkEveryMs: 1000 };

/** Drives a watchdog second by second over one surface whose view the test edits. */
function run(view: SurfaceView) {
  const dog = new SurfaceWatchdog(opts);
  let now = 0;
  const log: Array<[number, string]> = [];
  return {
    view,
    get now() {
      return now;
    },
    for(ms: number, each?: (now: number) => void) {
      for (const end = now + ms; now < end; ) {
        now += 1000;
        each?.(now);
        for (const a of dog.check(now, [view])) log.push([now, a.action]);
      }
    },
    log,
  };
}

describe('surface watchdog', () => {
  it('leaves a page alone while it beats', () => {
    const t = run({ id: 'kiosk', running: true, connected: true, since: 0, heartbeatAt: undefined });
    t.for(120_000, (now) => (t.view.heartbeatAt = now - 1500));
    expect(t.log).toEqual([]);
  });

  it('gives a new browser its start grace, then reloads a silent page, then restarts it when the reload does not help', () => {
    const t = run({ id: 'kiosk', running: true, connected: true, since: 2000, heartbeatAt: undefined });
    t.for(60_000);
    expect(t.log).toEqual([[32_000, 'reload'], [42_000, 'restart']]); // first seen running at 1 s
  });

  it('counts a frozen page from its last heartbeat', () => {
    const t = run({ id: 'kiosk', running: true, connected: true, since: 2000, heartbeatAt: undefined });
    t.for(40_000, (now) => (t.view.heartbeatAt = now));
    // Frozen at 40 s: a reload at 51 s, the restart 10 s later.
    t.for(30_000);
    expect(t.log).toEqual([[51_000, 'reload'], [61_000, 'restart']]);
  });

  it('is satisfied when the page beats again after the reload', () => {
    const t = run({ id: 'kiosk', running: true, connected: true, since: 0, heartbeatAt: 35_000 });
    t.for(50_000);
    expect(t.log).toEqual([[46_000, 'reload']]);
    t.for(60_000, (now) => (t.view.heartbeatAt = now));
    expect(t.log).toEqual([[46_000, 'reload']]);
  });

  it('restarts at once a page that went away (socket gone) while its browser runs', () => {
    const t = run({ id: 'kiosk', running: true, connected: true, since: 0, heartbeatAt: 0 });
    t.for(40_000, (now) => (t.view.heartbeatAt = now));
    t.view.connected = false;
    t.view.since = 40_500;
    t.for(20_000);
    expect(t.log).toEqual([[51_000, 'restart']]);
  });

  it('judges nothing while the browser is down, and starts its grace afresh when it is back', () => {
    const t = run({ id: 'kiosk', running: false, connected: false, since: 0, heartbeatAt: undefined });
    t.for(100_000);
    t.view.running = true;
    t.for(40_000);
    expect(t.log).toEqual([[132_000, 'restart']]); // seen running again at 101 s
  });

  it('does not blame pages for a stall of the host itself', () => {
    const dog = new SurfaceWatchdog(opts);
    const view: SurfaceView = { id: 'kiosk', running: true, connected: true, since: 0, heartbeatAt: 0 };
    for (let now = 1000; now <= 40_000; now += 1000) dog.check(now, [{ ...view, heartbeatAt: now }]);
    // The host's loop was blocked for 20 s; heartbeats wait unread in the socket.
    expect(dog.check(60_000, [{ ...view, heartbeatAt: 40_000 }])).toEqual([]);
    expect(dog.check(61_000, [{ ...view, heartbeatAt: 61_000 }])).toEqual([]);
  });
});
