import type { Display, PlannedSurface } from '../../core/hall';
import { RestartPolicy } from './backoff';
import type { Shell, ShellEvents, SurfaceFault, SurfaceUrl } from './types';

/** The parts of the Electron module this shell uses; tests pass a fake with the same shape. */
export interface ElectronLike {
  screen: { getAllDisplays(): { id: number; label?: string; bounds: { x: number; y: number; width: number; height: number } }[]; getPrimaryDisplay(): { id: number } };
  powerSaveBlocker: { start(type: 'prevent-display-sleep'): number; stop(id: number): void };
  BrowserWindow: new (opts: Record<string, unknown>) => WindowLike;
}

export interface WebContentsLike {
  on(event: string, listener: (...args: never[]) => void): unknown;
  setWindowOpenHandler(h: () => { action: 'deny' }): void;
  setVisualZoomLevelLimits(min: number, max: number): unknown;
  forcefullyCrashRenderer(): void;
  reload(): void;
  session: {
    setPermissionRequestHandler(h: (wc: unknown, p: string, cb: (ok: boolean) => void) => void): void;
    setPermissionCheckHandler(h: () => boolean): void;
  };
}

export interface WindowLike {
  webContents: WebContentsLike;
  once(event: string, listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
  destroy(): void;
  isDestroyed(): boolean;
}

export const UNRESPONSIVE_GRACE_MS = 10_000;

/** Prevents navigation away from the origin of `url`, denies new windows and webviews. */
export function guardWebContents(wc: WebContentsLike, allowed: (url: string) => boolean): void {
  const sameOrigin = (target: string): boolean => {
    try {
      return allowed(target);
    } catch {
      return false;
    }
  };
  const nav = (e: { preventDefault(): void }, url: string) => {
    if (!sameOrigin(url)) e.preventDefault();
  };
  wc.on('will-navigate', nav as never);
  wc.on('will-redirect', nav as never);
  wc.on('will-attach-webview', ((e: { preventDefault(): void }) => e.preventDefault()) as never);
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** One fullscreen, locked-down BrowserWindow per surface, restarted with backoff when it dies or hangs. */
export class ElectronShell implements Shell {
  readonly name = 'electron' as const;
  private readonly windows = new Map<string, WindowLike>();
  /** Per surface: start it again the way a crash does (the watchdog's last resort). */
  private readonly restarts = new Map<string, (reason: string) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private blocker: number | undefined;
  private closing = false;

  constructor(
    private readonly electron: ElectronLike,
    private readonly opts: { preloadPath: string; now?: () => number; graceMs?: number },
  ) {}

  async displays(): Promise<{ displays: Display[]; source: string }> {
    const primary = this.electron.screen.getPrimaryDisplay().id;
    const all = [...this.electron.screen.getAllDisplays()].sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y);
    const displays = all.map((d, index) => ({ index, name: d.label || `display-${d.id}`, ...d.bounds, primary: d.id === primary }));
    return { displays, source: 'electron.screen' };
  }

  async open(surfaces: readonly PlannedSurface[], urlFor: SurfaceUrl, events: ShellEvents): Promise<void> {
    this.blocker ??= this.electron.powerSaveBlocker.start('prevent-display-sleep');
    for (const s of surfaces) this.openOne(s, urlFor, events);
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  private openOne(surface: PlannedSurface, urlFor: SurfaceUrl, events: ShellEvents): void {
    const now = this.opts.now ?? Date.now;
    const policy = new RestartPolicy();
    let fault: SurfaceFault | undefined;
    let pending = false;
    let hang: NodeJS.Timeout | undefined;
    const win = new this.electron.BrowserWindow({
      ...surface.bounds,
      fullscreen: true,
      kiosk: surface.role === 'kiosk',
      frame: false,
      backgroundColor: '#000000',
      show: false,
      autoHideMenuBar: true,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webviewTag: false,
        preload: this.opts.preloadPath,
        autoplayPolicy: 'no-user-gesture-required',
        spellcheck: false,
      },
    });
    this.windows.set(surface.id, win);
    const wc = win.webContents;
    wc.session.setPermissionRequestHandler((_wc, _p, cb) => cb(false));
    wc.session.setPermissionCheckHandler(() => false);
    guardWebContents(wc, (t) => new URL(t).origin === new URL(urlFor(surface)).origin);
    wc.setVisualZoomLevelLimits(1, 1);
    win.once('ready-to-show', () => win.show());
    const load = () => {
      win.loadURL(urlFor(surface, fault)).catch((err: Error) => events.log(`[${surface.id}] load failed: ${err.message}`));
    };
    const restart = (reason: string) => {
      if (this.closing || pending) return;
      pending = true;
      const d = policy.failed(now());
      events.restarted(surface.id);
      if (!d.fault) {
        events.note(surface.id, `${reason}; reloading in ${d.delayMs} ms`);
        this.later(d.delayMs, () => {
          pending = false;
          if (this.closing || win.isDestroyed()) return;
          events.note(surface.id, null);
          load();
        });
        return;
      }
      // Rest on the fault screen, which announces the retry, and keep that promise.
      fault = { since: now(), reason: `${d.recentFailures} failures in 5 min; last: ${reason}`, recentFailures: d.recentFailures, retryAt: d.retryAt };
      events.fault?.(surface.id, fault);
      events.note(surface.id, `fault: ${fault.reason}; retrying at ${new Date(d.retryAt).toISOString()}`);
      pending = false;
      load();
      this.later(d.delayMs, () => {
        if (this.closing || win.isDestroyed()) return;
        fault = undefined;
        events.fault?.(surface.id, null);
        events.note(surface.id, 'retrying after fault');
        load();
      });
    };
    this.restarts.set(surface.id, (reason) => {
      if (win.isDestroyed()) return;
      // A frozen renderer would keep a same-site navigation: end it first.
      wc.forcefullyCrashRenderer();
      restart(reason);
    });
    wc.on('render-process-gone', (() => {
      if (hang) clearTimeout(hang);
      hang = undefined;
      restart('renderer gone');
    }) as never);
    wc.on('unresponsive', (() => {
      if (hang) return;
      hang = this.later(this.opts.graceMs ?? UNRESPONSIVE_GRACE_MS, () => {
        hang = undefined;
        if (this.closing || win.isDestroyed()) return;
        events.log(`[${surface.id}] unresponsive; crashing the renderer to restart it`);
        wc.forcefullyCrashRenderer();
        restart('renderer unresponsive');
      });
    }) as never);
    wc.on('responsive', (() => {
      if (hang) clearTimeout(hang);
      hang = undefined;
    }) as never);
    load();
  }

  running(surfaceId: string): boolean {
    const w = this.windows.get(surfaceId);
    return !!w && !w.isDestroyed();
  }

  reload(surfaceId: string): boolean {
    const w = this.windows.get(surfaceId);
    if (!w || w.isDestroyed()) return false;
    w.webContents.reload();
    return true;
  }

  restart(surfaceId: string, reason: string): void {
    this.restarts.get(surfaceId)?.(reason);
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const w of this.windows.values()) if (!w.isDestroyed()) w.destroy();
    this.windows.clear();
    if (this.blocker !== undefined) this.electron.powerSaveBlocker.stop(this.blocker);
    this.blocker = undefined;
  }
}
