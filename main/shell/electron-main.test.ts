import { describe, expect, it } from 'vitest';
import { fakeElectron } from './fake-electron';
import { isLocalHall, parseMainArgs, runElectronMain, type ElectronMainLike } from './electron-main';

function fakeApp(lock: boolean) {
  const calls = { quit: 0, on: new Map<string, (...a: never[]) => void>() };
  const app: ElectronMainLike['app'] = {
    requestSingleInstanceLock: () => lock,
    quit: () => void calls.quit++,
    on: (e, l) => calls.on.set(e, l),
    whenReady: () => new Promise<void>(() => undefined), // the hall itself is covered elsewhere
    getAppPath: () => '/app',
  };
  return { app, calls };
}

describe('Electron main process', () => {
  it('quits a second launch that does not get the single-instance lock', async () => {
    const { electron } = fakeElectron([]);
    const { app, calls } = fakeApp(false);
    expect(await runElectronMain({ ...electron, app }, [], '/p.cjs')).toBeUndefined();
    expect(calls.quit).toBe(1);
    expect(calls.on.size).toBe(0);
  });

  it('guards every webContents created: no navigation off the hall, no new windows', () => {
    const { electron, windows } = fakeElectron([]);
    const { app, calls } = fakeApp(true);
    void runElectronMain({ ...electron, app }, ['--data=/d'], '/p.cjs');
    expect([...calls.on.keys()].sort()).toEqual(['second-instance', 'web-contents-created', 'window-all-closed']);
    // Any webContents (a window, a devtools page): the guard goes on at creation.
    new electron.BrowserWindow({});
    const w = windows[0]!;
    (calls.on.get('web-contents-created') as unknown as (e: unknown, wc: unknown) => void)({}, w.webContents);
    const navigate = (url: string) => {
      let prevented = false;
      w.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('http://127.0.0.1:8420/#/kiosk')).toBe(false);
    expect(w.openHandler?.()).toEqual({ action: 'deny' });
    // Closing all windows does not quit while the hall runs.
    calls.on.get('window-all-closed')!();
    expect(calls.quit).toBe(0);
  });

  it('reads its arguments and knows the local hall', () => {
    expect(parseMainArgs(['electron', 'x.cjs', '--data=/srv/hall', '--port=8420', '--hall=/etc/hall.yaml'])).toEqual({ dataDir: '/srv/hall', hallFile: '/etc/hall.yaml', port: 8420 });
    expect(isLocalHall('http://localhost:1/')).toBe(true);
    expect(isLocalHall('https://127.0.0.1/')).toBe(false);
  });
});
