import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedSurface } from '../../core/hall';
import { RestartPolicy } from './backoff';
import { discoverDisplays } from './displays';
import type { Shell, ShellEvents } from './types';

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

interface Window {
  surface: PlannedSurface;
  child: ChildProcess | undefined;
  policy: RestartPolicy;
  timer: NodeJS.Timeout | undefined;
  fault: boolean;
}

/**
 * The system-Chromium shell: one `--app` window per surface at its monitor's position and
 * size, each with its own profile, respawned with a capped backoff when it exits.
 */
export class ChromiumShell implements Shell {
  readonly name = 'chromium' as const;
  private readonly windows = new Map<string, Window>();
  private closing = false;

  constructor(
    private readonly executable: string,
    private readonly profileRoot: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly now: () => number = Date.now,
  ) {}

  displays() {
    return discoverDisplays(this.env);
  }

  /** The pid of a surface's browser process, for tests and the installer's tools. */
  pid(surfaceId: string): number | undefined {
    return this.windows.get(surfaceId)?.child?.pid;
  }

  async open(surfaces: readonly PlannedSurface[], urlFor: (s: PlannedSurface, fault?: boolean) => string, events: ShellEvents): Promise<void> {
    for (const surface of surfaces) {
      const w: Window = { surface, child: undefined, policy: new RestartPolicy(), timer: undefined, fault: false };
      this.windows.set(surface.id, w);
      this.spawn(w, urlFor, events);
    }
  }

  private spawn(w: Window, urlFor: (s: PlannedSurface, fault?: boolean) => string, events: ShellEvents): void {
    const profile = join(this.profileRoot, w.surface.id);
    mkdirSync(profile, { recursive: true });
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const child = spawn(this.executable, chromiumArgs(w.surface, urlFor(w.surface, w.fault), profile, asRoot), {
      env: this.env,
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    w.child = child;
    // Chromium is chatty on stderr (ALSA, GL); keep only lines that look like trouble.
    child.stderr?.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (/FATAL|Check failed/.test(line)) events.log(`[${w.surface.id}] ${line.trim()}`);
    });
    child.on('error', (err) => events.log(`[${w.surface.id}] could not start ${this.executable}: ${err.message}`));
    child.on('exit', (code, signal) => {
      if (this.closing || w.child !== child) return;
      w.child = undefined;
      const d = w.policy.failed(this.now());
      w.fault = d.fault;
      events.restarted(w.surface.id);
      const note = d.fault ? `fault: ${d.recentFailures} exits in 5 min; next start in ${Math.round(d.delayMs / 1000)} s` : `restarting in ${d.delayMs} ms`;
      events.note(w.surface.id, note);
      events.log(`[${w.surface.id}] browser exited (${signal ?? `code ${code}`}); ${note}`);
      w.timer = setTimeout(() => {
        w.timer = undefined;
        if (this.closing) return;
        events.note(w.surface.id, w.fault ? 'fault screen' : null);
        this.spawn(w, urlFor, events);
      }, d.delayMs);
    });
  }

  /** Kills a surface's window as if it had crashed (tests, and the hang watchdog). */
  crash(surfaceId: string): void {
    const child = this.windows.get(surfaceId)?.child;
    if (child?.pid) killTree(child.pid);
  }

  async close(): Promise<void> {
    this.closing = true;
    const exits: Promise<unknown>[] = [];
    for (const w of this.windows.values()) {
      if (w.timer) clearTimeout(w.timer);
      const child = w.child;
      if (child?.pid && child.exitCode === null) {
        exits.push(new Promise((res) => child.once('exit', res)));
        killTree(child.pid);
      }
    }
    await Promise.race([Promise.all(exits), new Promise((res) => setTimeout(res, 5000))]);
  }
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
