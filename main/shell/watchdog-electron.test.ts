import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlannedSurface } from '../../core/hall';
import { SurfaceRegistry } from '../host/surfaces';
import { ElectronShell } from './electron';
import { fakeElectron } from './fake-electron';
import { watchSurfaces } from './watchdog';

const kiosk = { id: 'kiosk', role: 'kiosk', touch: true, displayName: 'A', displayIndex: 0, bounds: { x: 0, y: 0, width: 1920, height: 1080 } } as PlannedSurface;

afterEach(() => void vi.useRealTimers());

describe('the surface watchdog on the Electron shell (fake electron)', () => {
  it('reloads a page that stops beating, then ends its renderer and loads it again, counted in health', async () => {
    vi.useFakeTimers({ now: 0 });
    const f = fakeElectron([]);
    const shell = new ElectronShell(f.electron, { preloadPath: '/p' });
    const registry = new SurfaceRegistry([kiosk]);
    const sent: unknown[] = [];
    const lines: string[] = [];
    await shell.open([kiosk], (s) => `http://127.0.0.1:9000/#/${s.role}`, { restarted: (id) => registry.noteRestart(id), note: () => {}, log: () => {} });
    const stop = watchSurfaces({ registry, sendTo: (_id, m) => (sent.push(m), 1) }, shell, (l) => lines.push(l), { startGraceMs: 5000, heartbeatTimeoutMs: 3000, reloadGraceMs: 3000, checkEveryMs: 500 });
    const w = f.windows[0]!;
    registry.connected('kiosk');
    // Beating for 10 s: nothing happens.
    for (let t = 0; t < 10_000; t += 1000) {
      registry.heartbeat('kiosk', false);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect([w.reloaded, w.crashed]).toEqual([0, 0]);
    // Frozen: no more beats. The shell reloads the page itself (no message over the socket needed)...
    await vi.advanceTimersByTimeAsync(4000);
    expect(w.reloaded).toBe(1);
    expect(sent).toEqual([]);
    expect(registry.get('kiosk')!.watchdog.reloads).toBe(1);
    // ...which does not help: the renderer is ended and the surface loaded again.
    await vi.advanceTimersByTimeAsync(3500);
    expect(w.crashed).toBe(1);
    expect(registry.get('kiosk')!.watchdog).toMatchObject({ reloads: 1, restarts: 1, last: expect.stringContaining('a reload did not help') });
    expect(registry.get('kiosk')!.restarts).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(w.loaded).toHaveLength(2);
    expect(lines.some((l) => l.includes('watchdog: restart'))).toBe(true);
    stop();
  });

  it('asks the page itself over its socket when the shell cannot reload it', async () => {
    vi.useFakeTimers({ now: 0 });
    const registry = new SurfaceRegistry([kiosk]);
    const sent: Array<[string, unknown]> = [];
    const shell = { name: 'chromium' as const, displays: async () => ({ displays: [], source: '' }), open: async () => {}, close: async () => {}, restart: vi.fn(), running: () => true };
    const stop = watchSurfaces({ registry, sendTo: (id, m) => (sent.push([id, m]), 1) }, shell, () => {}, { startGraceMs: 1000, heartbeatTimeoutMs: 2000, reloadGraceMs: 2000, checkEveryMs: 500 });
    registry.connected('kiosk');
    await vi.advanceTimersByTimeAsync(3000);
    expect(sent).toEqual([['kiosk', { type: 'surface.reload', reason: expect.stringContaining('no heartbeat') }]]);
    expect(shell.restart).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2000);
    expect(shell.restart).toHaveBeenCalledWith('kiosk', expect.stringContaining('a reload did not help'));
    stop();
  });
});
