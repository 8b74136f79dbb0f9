import type { ElectronLike, WebContentsLike, WindowLike } from './electron';

type Listener = (...args: unknown[]) => void;

/** A recording stand-in for the Electron module, for unit tests. */
export function fakeElectron(displays: { id: number; label?: string; bounds: { x: number; y: number; width: number; height: number } }[]) {
  const windows: FakeWindow[] = [];
  const blockers = { started: [] as string[], stopped: [] as number[] };
  class FakeWindow implements WindowLike {
    readonly loaded: string[] = [];
    readonly listeners = new Map<string, Listener[]>();
    shown = false;
    destroyed = false;
    crashed = 0;
    reloaded = 0;
    permissionRequest: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    permissionCheck: (() => boolean) | undefined;
    openHandler: (() => { action: 'deny' }) | undefined;
    zoom: [number, number] | undefined;
    readonly webContents: WebContentsLike;
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
      const wc: WebContentsLike = {
        on: (e: string, l: (...args: never[]) => void) => this.listeners.set(e, [...(this.listeners.get(e) ?? []), l as Listener]),
        setWindowOpenHandler: (h: () => { action: 'deny' }) => void (this.openHandler = h),
        setVisualZoomLevelLimits: (a: number, b: number) => (this.zoom = [a, b]),
        forcefullyCrashRenderer: () => void this.crashed++,
        reload: () => void this.reloaded++,
        session: {
          setPermissionRequestHandler: (h: (wc: unknown, p: string, cb: (ok: boolean) => void) => void) => void (this.permissionRequest = h),
          setPermissionCheckHandler: (h: () => boolean) => void (this.permissionCheck = h),
        },
      };
      this.webContents = wc;
    }
    emit(e: string, ...args: unknown[]) {
      for (const l of this.listeners.get(e) ?? []) l(...args);
    }
    once(e: string, l: () => void) {
      this.listeners.set(e, [...(this.listeners.get(e) ?? []), l]);
    }
    show() { this.shown = true; }
    async loadURL(url: string) { this.loaded.push(url); }
    destroy() { this.destroyed = true; }
    isDestroyed() { return this.destroyed; }
  }
  const electron: ElectronLike = {
    screen: { getAllDisplays: () => displays, getPrimaryDisplay: () => displays[0]! },
    powerSaveBlocker: { start: (t) => (blockers.started.push(t), 7), stop: (id) => void blockers.stopped.push(id) },
    BrowserWindow: FakeWindow,
  };
  return { electron, windows, blockers };
}
