import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedSurface } from '../../core/hall';
import { DEFAULT_RESTART_POLICY, RestartPolicy, type RestartPolicyOptions } from './backoff';
import { findSetpriv, ownedCommand, reclaimProfile, writePidFile } from './browser-process';
import { discoverDisplays } from './displays';
import { captureX11 } from './capture';
import type { AsyncSurfaceUrl, Shell, ShellEvents, SurfaceFault } from './types';

/** Flags measured to give WebGL on SwiftShader without a GPU, and a quiet, offline browser. */
export const CHROMIUM_FLAGS = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-translate',
  '--disable-features=Translate,TranslateUI,MediaRouter,OptimizationHints,AutofillServerCommunication,InterestFeedContentSuggestions',
  '--disable-session-crashed-bubble',
  '--disable-infobars',
  '--noerrdialogs',
  '--no-pings',
  '--password-store=basic',
  '--metrics-recording-only',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  '--use-gl=angle',
  '--use-angle=swiftshader-webgl',
  '--enable-unsafe-swiftshader',
  '--disable-gpu-sandbox',
  '--test-type',
];

/** Finds a system Chromium: REDHALL_CHROMIUM, else the usual places. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.REDHALL_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

/** The command line for one surface's app window. */
export function chromiumArgs(surface: PlannedSurface, url: string, profileDir: string, asRoot: boolean): string[] {
  const { x, y, width, height } = surface.bounds;
  return [
    ...CHROMIUM_FLAGS,
    ...(asRoot ? ['--no-sandbox'] : []),
    `--user-data-dir=${profileDir}`,
    `--window-position=${x},${y}`,
    `--window-size=${width},${height}`,
    '--start-fullscreen',
    '--kiosk',
    `--app=${url}`,
  ];
}

/** The parts of a child process the shell uses; tests hand in fakes. */
export interface BrowserProcess {
  readonly pid?: number | undefined;
  readonly exitCode: number | null;
  readonly stderr?: NodeJS.ReadableStream | null;
  on(event: 'exit', fn: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  once(event: 'exit', fn: () => void): unknown;
}

export interface ChromiumShellOptions {
  /** Where pid files go: the data folder's run/browsers (default: beside the profiles). */
  runDir?: string;
  now?: () => number;
  policy?: RestartPolicyOptions;
  /** util-linux setpriv for parent-death kill; null runs the browser without it. */
  setpriv?: string | null;
  /** More command-line flags for every browser (tests: --remote-debugging-port=0). */
  extraArgs?: readonly string[];
  /** Test seams: start and kill a browser, and end leftovers on a profile. */
  start?: (command: string, args: string[], env: NodeJS.ProcessEnv) => BrowserProcess;
  kill?: (child: BrowserProcess) => void;
  reclaim?: (profile: string, pidFile: string) => Promise<number[]>;
}

interface Window {
  surface: PlannedSurface;
  profile: string;
  pidFile: string;
  child: BrowserProcess | undefined;
  /** Real crashes and hangs: these lead to the fault screen. */
  policy: RestartPolicy;
  /** Clean exits (exit 0: a hand-off to another browser on the profile): restarted with backoff, never a fault. */
  cleanExits: RestartPolicy;
  timers: Set<NodeJS.Timeout>;
  fault: SurfaceFault | undefined;
  /** Counts starts, so an address that arrives after the window moved on is dropped. */
  starts: number;
}

/**
 * The system-Chromium shell: one `--app` window per surface at its monitor's position and
 * size, each with its own profile, respawned with a capped backoff when it exits. Every browser
 * is owned by this process (see browser-process.ts): it dies with the host, and a host that
 * starts ends what an earlier run left before it opens its own windows.
 */
export class ChromiumShell implements Shell {
  readonly name = 'chromium' as const;
  private readonly windows = new Map<string, Window>();
  private closing = false;
  private readonly now: () => number;
  private readonly setpriv: string | undefined;
  private urlFor: AsyncSurfaceUrl = () => 'about:blank';
  private events: ShellEvents = { restarted: () => {}, note: () => {}, log: () => {} };

  constructor(
    private readonly executable: string,
    private readonly profileRoot: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly opts: ChromiumShellOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    // REDHALL_SETPRIV=off: run without parent-death kill (tests of the leftover clean-up at start).
    this.setpriv = opts.setpriv === null || env.REDHALL_SETPRIV === 'off' ? undefined : (opts.setpriv ?? findSetpriv());
  }

  displays() {
    return discoverDisplays(this.env);
  }

  /** The pid of a surface's browser process, for tests and the installer's tools. */
  pid(surfaceId: string): number | undefined {
    return this.windows.get(surfaceId)?.child?.pid;
  }

  running(surfaceId: string): boolean {
    const child = this.windows.get(surfaceId)?.child;
    return !!child && child.exitCode === null;
  }

  /** The surface's monitor as it looks now (X11 root window, cropped to the surface's bounds). */
  capture(surfaceId: string): Promise<Buffer | undefined> {
    const w = this.windows.get(surfaceId);
    return w ? captureX11(w.surface.bounds, this.env) : Promise.resolve(undefined);
  }

  /** The fault a surface is resting in, if any. */
  faultOf(surfaceId: string): SurfaceFault | undefined {
    return this.windows.get(surfaceId)?.fault;
  }

  async open(surfaces: readonly PlannedSurface[], urlFor: AsyncSurfaceUrl, events: ShellEvents): Promise<void> {
    this.urlFor = urlFor;
    this.events = events;
    const runDir = this.opts.runDir ?? join(this.profileRoot, '..', 'run', 'browsers');
    const policy = this.opts.policy ?? DEFAULT_RESTART_POLICY;
    const windows = surfaces.map((surface): Window => {
      const w: Window = {
        surface,
        profile: join(this.profileRoot, surface.id),
        pidFile: join(runDir, `${surface.id}.json`),
        child: undefined,
        policy: new RestartPolicy(policy),
        cleanExits: new RestartPolicy(policy),
        timers: new Set(),
        fault: undefined,
        starts: 0,
      };
      this.windows.set(surface.id, w);
      return w;
    });
    // Every surface at once: each window starts as soon as its own profile is free (a restarted
    // hall is back when its slowest browser is, not after the sum of them).
    await Promise.all(
      windows.map(async (w) => {
        const ended = await (this.opts.reclaim ?? reclaimProfile)(w.profile, w.pidFile);
        if (ended.length > 0) events.log(`[${w.surface.id}] ended ${ended.length} browser process(es) an earlier run left on its profile: ${ended.join(', ')}`);
        if (!this.closing) this.spawn(w);
      }),
    );
  }

  private later(w: Window, ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      w.timers.delete(t);
      if (!this.closing) fn();
    }, ms);
    w.timers.add(t);
  }

  /** Starts a surface's browser at its address; an address still being asked for (a second PC's) is waited for. */
  private spawn(w: Window): void {
    const start = ++w.starts;
    const url = this.urlFor(w.surface, w.fault);
    if (typeof url === 'string') {
      this.launch(w, url);
      return;
    }
    url.then(
      (u) => {
        if (!this.closing && w.starts === start && !w.child) this.launch(w, u);
      },
      (err: Error) => {
        this.events.log(`[${w.surface.id}] no address for its window (${err.message}); trying again in 5 s`);
        if (w.starts === start) this.later(w, 5000, () => this.spawn(w));
      },
    );
  }

  private launch(w: Window, url: string): void {
    mkdirSync(w.profile, { recursive: true });
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const args0 = chromiumArgs(w.surface, url, w.profile, asRoot);
    // Extra flags go before --app, which Chromium wants last.
    const { command, args } = ownedCommand(this.executable, [...args0.slice(0, -1), ...(this.opts.extraArgs ?? []), ...args0.slice(-1)], this.setpriv);
    const child = (this.opts.start ?? startDetached)(command, args, this.env);
    w.child = child;
    if (child.pid) writePidFile(w.pidFile, { pid: child.pid, profile: w.profile, surface: w.surface.id, hostPid: process.pid, startedAt: new Date(this.now()).toISOString() });
    const events = this.events;
    // Chromium is chatty on stderr (ALSA, GL); keep only lines that look like trouble.
    child.stderr?.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (/FATAL|Check failed/.test(line)) events.log(`[${w.surface.id}] ${line.trim()}`);
    });
    child.on('error', (err) => events.log(`[${w.surface.id}] could not start ${this.executable}: ${err.message}`));
    child.on('exit', (code, signal) => {
      // Exits the shell asked for (stop, watchdog restart, fault retry) have already moved on.
      if (this.closing || w.child !== child) return;
      w.child = undefined;
      if (w.fault) {
        events.log(`[${w.surface.id}] the fault screen's browser exited (${signal ?? `code ${code}`}); showing it again`);
        this.later(w, this.opts.policy?.firstDelayMs ?? DEFAULT_RESTART_POLICY.firstDelayMs, () => this.spawn(w));
        return;
      }
      if (code === 0 && !signal) {
        // Exit 0 is no crash: Chromium does it when another browser already holds the profile
        // and takes the window over. End that browser and start ours, without counting a failure.
        const d = w.cleanExits.failed(this.now());
        events.note(w.surface.id, `browser exited cleanly; starting it again in ${d.delayMs} ms`);
        events.log(`[${w.surface.id}] browser exited cleanly (code 0: handed over to another browser on its profile?); ending leftovers and starting again in ${d.delayMs} ms`);
        void (this.opts.reclaim ?? reclaimProfile)(w.profile, w.pidFile).then((ended) => {
          if (ended.length > 0) events.log(`[${w.surface.id}] ended ${ended.join(', ')} holding its profile`);
          this.later(w, d.delayMs, () => {
            events.note(w.surface.id, null);
            this.spawn(w);
          });
        });
        return;
      }
      this.failed(w, `browser ${signal ? `killed by ${signal}` : `exited with code ${code}`}`);
    });
  }

  /** Counts a failure and starts the surface again, or rests it on the fault screen until the retry it announces. */
  private failed(w: Window, reason: string): void {
    const events = this.events;
    const d = w.policy.failed(this.now());
    events.restarted(w.surface.id);
    if (!d.fault) {
      const note = `${reason}; restarting in ${d.delayMs} ms`;
      events.note(w.surface.id, note);
      events.log(`[${w.surface.id}] ${note}`);
      this.later(w, d.delayMs, () => {
        events.note(w.surface.id, null);
        this.spawn(w);
      });
      return;
    }
    w.fault = { since: this.now(), reason: `${d.recentFailures} failures in ${Math.round((this.opts.policy ?? DEFAULT_RESTART_POLICY).windowMs / 60_000)} min; last: ${reason}`, recentFailures: d.recentFailures, retryAt: d.retryAt };
    events.fault?.(w.surface.id, w.fault);
    const note = `fault: ${w.fault.reason}; retrying at ${new Date(d.retryAt).toISOString()}`;
    events.note(w.surface.id, note);
    events.log(`[${w.surface.id}] ${note}`);
    this.spawn(w);
    this.later(w, d.delayMs, () => {
      // The retry the fault screen announced: replace it with the surface itself.
      this.stop(w, () => {
        w.fault = undefined;
        events.fault?.(w.surface.id, null);
        events.note(w.surface.id, 'retrying after fault');
        events.log(`[${w.surface.id}] retrying after fault`);
        this.spawn(w);
      });
    });
  }

  /** Ends a surface's browser on purpose and then runs `then` (its exit is not a crash). */
  private stop(w: Window, then: () => void): void {
    const child = w.child;
    w.child = undefined;
    if (!child || child.exitCode !== null) {
      then();
      return;
    }
    let done = false;
    const next = () => {
      if (done || this.closing) return;
      done = true;
      then();
    };
    child.once('exit', next);
    this.later(w, 5000, next);
    (this.opts.kill ?? killBrowser)(child);
  }

  restart(surfaceId: string, reason: string): void {
    const w = this.windows.get(surfaceId);
    if (!w || this.closing) return;
    this.events.log(`[${surfaceId}] restarting: ${reason}`);
    this.stop(w, () => this.failed(w, reason));
  }

  /** Kills a surface's window as if it had crashed (tests). */
  crash(surfaceId: string): void {
    const child = this.windows.get(surfaceId)?.child;
    if (child) (this.opts.kill ?? killBrowser)(child);
  }

  async close(): Promise<void> {
    this.closing = true;
    const exits: Promise<unknown>[] = [];
    for (const w of this.windows.values()) {
      for (const t of w.timers) clearTimeout(t);
      w.timers.clear();
      const child = w.child;
      if (child && child.exitCode === null) {
        exits.push(new Promise((res) => child.once('exit', () => res(null))));
        (this.opts.kill ?? killBrowser)(child);
      }
    }
    await Promise.race([Promise.all(exits), new Promise((res) => setTimeout(res, 5000))]);
    for (const w of this.windows.values()) rmSync(w.pidFile, { force: true });
  }
}

function startDetached(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // Its own process group, so a stop kills the browser with its GPU and renderer processes.
  return spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
}

function killBrowser(child: BrowserProcess): void {
  if (child.pid) killTree(child.pid);
}

function killTree(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL'); // the whole process group: browser, GPU, renderers
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
