import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlannedSurface } from '../../core/hall';
import { ChromiumShell, type BrowserProcess } from './chromium';
import type { SurfaceFault } from './types';

const kiosk = { id: 'kiosk', role: 'kiosk', touch: true, displayName: 'A', displayIndex: 0, bounds: { x: 0, y: 0, width: 1920, height: 1080 } } as PlannedSurface;
const url = (s: PlannedSurface, fault?: SurfaceFault) => (fault ? `http://h/#/fault?surface=${s.id}&retryAt=${fault.retryAt}` : `http://h/#/${s.role}?surface=${s.id}`);

class FakeBrowser extends EventEmitter implements BrowserProcess {
  exitCode: number | null = null;
  constructor(readonly pid: number, readonly args: string[]) {
    super();
  }
  exit(code: number | null, signal: NodeJS.Signals | null = null) {
    this.exitCode = code ?? 1;
    this.emit('exit', code, signal);
  }
}

describe('ChromiumShell (fake browsers, fake clock)', () => {
  let dir: string;
  let now: number;
  let browsers: FakeBrowser[];
  let reclaimed: string[];
  let shell: ChromiumShell;
  const events = () => ({ restarted: vi.fn(), note: vi.fn(), fault: vi.fn(), log: vi.fn() });
  const app = (b: FakeBrowser | undefined) => b?.args.find((a) => a.startsWith('--app='))?.slice(6);

  beforeEach(() => {
    vi.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'redhall-shell-'));
    now = 1_000_000;
    browsers = [];
    reclaimed = [];
    shell = new ChromiumShell('/usr/bin/chromium', join(dir, 'chromium'), {}, {
      runDir: join(dir, 'run'),
      now: () => now,
      setpriv: '/usr/bin/setpriv',
      start: (command, args) => {
        expect(command).toBe('/usr/bin/setpriv');
        const b = new FakeBrowser(1000 + browsers.length, args);
        browsers.push(b);
        return b;
      },
      kill: (b) => (b as FakeBrowser).exit(null, 'SIGKILL'),
      reclaim: async (profile) => (reclaimed.push(profile), []),
    });
  });
  afterEach(async () => {
    await shell.close();
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  const crash = async (advanceMs: number) => {
    browsers.at(-1)!.exit(null, 'SIGSEGV');
    now += advanceMs;
    await vi.advanceTimersByTimeAsync(advanceMs);
  };

  it('starts each browser through setpriv --pdeathsig KILL, after ending leftovers, and records its pid', async () => {
    await shell.open([kiosk], url, events());
    expect(reclaimed).toEqual([join(dir, 'chromium', 'kiosk')]);
    expect(browsers[0]!.args.slice(0, 3)).toEqual(['--pdeathsig', 'KILL', '/usr/bin/chromium']);
    expect(browsers[0]!.args).toContain(`--user-data-dir=${join(dir, 'chromium', 'kiosk')}`);
    expect(JSON.parse(readFileSync(join(dir, 'run', 'kiosk.json'), 'utf8'))).toMatchObject({ pid: 1000, surface: 'kiosk', hostPid: process.pid });
    await shell.close();
    expect(existsSync(join(dir, 'run', 'kiosk.json'))).toBe(false);
  });

  it('rests on the fault screen after 4 crashes and tries the surface again at the time it announces', async () => {
    const ev = events();
    await shell.open([kiosk], url, ev);
    await crash(500);
    await crash(1000);
    await crash(2000);
    expect(browsers).toHaveLength(4);
    expect(app(browsers[3])).toContain('#/kiosk');
    browsers[3]!.exit(null, 'SIGKILL');
    // The fault screen comes at once, not after the slow delay, and says when it retries.
    expect(browsers).toHaveLength(5);
    const retryAt = now + 5000;
    expect(app(browsers[4])).toBe(`http://h/#/fault?surface=kiosk&retryAt=${retryAt}`);
    expect(ev.fault).toHaveBeenLastCalledWith('kiosk', { since: now, reason: '4 failures in 5 min; last: browser killed by SIGKILL', recentFailures: 4, retryAt });
    expect(shell.faultOf('kiosk')?.retryAt).toBe(retryAt);
    now += 4999;
    await vi.advanceTimersByTimeAsync(4999);
    expect(browsers).toHaveLength(5);
    now += 1;
    await vi.advanceTimersByTimeAsync(1);
    // The fault browser was ended on purpose and the surface itself is back.
    expect(browsers[4]!.exitCode).not.toBeNull();
    expect(browsers).toHaveLength(6);
    expect(app(browsers[5])).toContain('#/kiosk');
    expect(ev.fault).toHaveBeenLastCalledWith('kiosk', null);
    expect(ev.restarted).toHaveBeenCalledTimes(4);
    // Failing again doubles the rest; a calm stretch longer than the window forgets it all.
    browsers[5]!.exit(null, 'SIGKILL');
    expect(ev.fault).toHaveBeenLastCalledWith('kiosk', expect.objectContaining({ recentFailures: 5, retryAt: now + 10_000 }));
    now += 10_000;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(app(browsers.at(-1))).toContain('#/kiosk');
    now += 6 * 60_000;
    await crash(500);
    expect(app(browsers.at(-1))).toContain('#/kiosk');
    expect(shell.faultOf('kiosk')).toBeUndefined();
  });

  it('shows the fault screen again when its own browser dies, keeping the announced retry', async () => {
    await shell.open([kiosk], url, events());
    for (const d of [500, 1000, 2000]) await crash(d);
    browsers.at(-1)!.exit(null, 'SIGKILL');
    const retryAt = shell.faultOf('kiosk')!.retryAt;
    await crash(500);
    expect(app(browsers.at(-1))).toContain(`retryAt=${retryAt}`);
    now += 4500;
    await vi.advanceTimersByTimeAsync(4500);
    expect(app(browsers.at(-1))).toContain('#/kiosk');
  });

  it('tells a clean exit (hand-off to a browser holding the profile) from a crash', async () => {
    const ev = events();
    await shell.open([kiosk], url, ev);
    for (let i = 0; i < 6; i++) {
      browsers.at(-1)!.exit(0);
      now += 60_000;
      await vi.advanceTimersByTimeAsync(60_000);
    }
    expect(ev.restarted).not.toHaveBeenCalled();
    expect(ev.fault).not.toHaveBeenCalled();
    expect(browsers).toHaveLength(7);
    expect(browsers.every((b) => app(b)?.includes('#/kiosk'))).toBe(true);
    // Each clean exit ended whatever held the profile before starting again.
    expect(reclaimed).toHaveLength(7);
  });

  it('restarts a stopped surface for the watchdog, counted as a failure', async () => {
    const ev = events();
    await shell.open([kiosk], url, ev);
    expect(shell.running('kiosk')).toBe(true);
    shell.restart('kiosk', 'watchdog: no heartbeat for 12 s');
    expect(browsers[0]!.exitCode).not.toBeNull();
    expect(shell.running('kiosk')).toBe(false);
    expect(ev.restarted).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(browsers).toHaveLength(2);
    expect(shell.running('kiosk')).toBe(true);
  });
});
