import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlannedSurface } from '../../core/hall';
import { ElectronShell } from './electron';
import { fakeElectron } from './fake-electron';
import type { SurfaceFault } from './types';

const kiosk = { id: 'kiosk', role: 'kiosk', touch: true, displayName: 'A', displayIndex: 0, bounds: { x: 0, y: 0, width: 1920, height: 1080 } } as PlannedSurface;
const url = (s: PlannedSurface, fault?: SurfaceFault) => `http://127.0.0.1:9000/${s.id}${fault ? '?fault=1' : ''}`;
const events = () => ({ restarted: vi.fn(), note: vi.fn(), log: vi.fn() });

afterEach(() => void vi.useRealTimers());

describe('ElectronShell', () => {
  it('maps displays left to right with label or display-<id>', async () => {
    const f = fakeElectron([{ id: 2, label: '', bounds: { x: 1920, y: 0, width: 800, height: 600 } }, { id: 1, label: 'Main', bounds: { x: 0, y: 0, width: 1920, height: 1080 } }]);
    const { displays } = await new ElectronShell(f.electron, { preloadPath: '/p.cjs' }).displays();
    expect(displays.map((d) => [d.index, d.name, d.x])).toEqual([[0, 'Main', 0], [1, 'display-2', 1920]]);
  });

  it('opens a locked-down kiosk window with guards', async () => {
    const f = fakeElectron([]);
    await new ElectronShell(f.electron, { preloadPath: '/p.cjs' }).open([kiosk], url, events());
    const w = f.windows[0]!;
    expect(w.options).toMatchObject({ fullscreen: true, kiosk: true, frame: false, backgroundColor: '#000000', show: false, autoHideMenuBar: true });
    expect(w.options.webPreferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webviewTag: false, preload: '/p.cjs', autoplayPolicy: 'no-user-gesture-required', spellcheck: false });
    const cb = vi.fn();
    w.permissionRequest!(null, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(w.permissionCheck!()).toBe(false);
    expect(w.openHandler!()).toEqual({ action: 'deny' });
    expect(w.zoom).toEqual([1, 1]);
    expect(f.blockers.started).toEqual(['prevent-display-sleep']);
    const away = { preventDefault: vi.fn() };
    w.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const same = { preventDefault: vi.fn() };
    w.emit('will-navigate', same, 'http://127.0.0.1:9000/other');
    expect(same.preventDefault).not.toHaveBeenCalled();
    expect(w.shown).toBe(false);
    w.emit('ready-to-show');
    expect(w.shown).toBe(true);
  });

  it('reloads after the backoff delay on crash, and the fault URL after repeated crashes, until the retry it announces', async () => {
    vi.useFakeTimers();
    const f = fakeElectron([]);
    const ev = { ...events(), fault: vi.fn() };
    let now = 0;
    await new ElectronShell(f.electron, { preloadPath: '/p', now: () => now }).open([kiosk], url, ev);
    const w = f.windows[0]!;
    for (let i = 0; i < 3; i++) {
      w.emit('render-process-gone');
      now += 1;
      await vi.advanceTimersByTimeAsync(60_000);
    }
    w.emit('render-process-gone');
    expect(ev.restarted).toHaveBeenCalledTimes(4);
    expect(w.loaded.at(-1)).toContain('fault=1');
    expect(w.loaded[1]).not.toContain('fault=1');
    expect(ev.fault).toHaveBeenLastCalledWith('kiosk', expect.objectContaining({ recentFailures: 4, retryAt: now + 5000, reason: expect.stringContaining('renderer gone') }));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(w.loaded.at(-1)).toContain('fault=1');
    await vi.advanceTimersByTimeAsync(1);
    expect(w.loaded.at(-1)).toBe('http://127.0.0.1:9000/kiosk');
    expect(ev.fault).toHaveBeenLastCalledWith('kiosk', null);
  });

  it('gives the watchdog a reload and a restart that ends the frozen renderer first', async () => {
    vi.useFakeTimers();
    const f = fakeElectron([]);
    const ev = events();
    const shell = new ElectronShell(f.electron, { preloadPath: '/p' });
    await shell.open([kiosk], url, ev);
    const w = f.windows[0]!;
    expect(shell.running('kiosk')).toBe(true);
    expect(shell.reload('kiosk')).toBe(true);
    expect(w.reloaded).toBe(1);
    shell.restart('kiosk', 'watchdog: no heartbeat');
    expect(w.crashed).toBe(1);
    expect(ev.restarted).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(w.loaded).toHaveLength(2);
    expect(shell.reload('nope')).toBe(false);
  });

  it('crashes an unresponsive renderer after the grace period, not if it recovers', async () => {
    vi.useFakeTimers();
    const f = fakeElectron([]);
    await new ElectronShell(f.electron, { preloadPath: '/p' }).open([kiosk], url, events());
    const w = f.windows[0]!;
    w.emit('unresponsive');
    w.emit('responsive');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(w.crashed).toBe(0);
    w.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.crashed).toBe(1);
  });
});
