import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHall, type RunningHall } from '../main/hall';
import type { WatchdogOptions } from '../main/shell/watchdog';
import { ChromiumShell, findChromium } from '../main/shell/chromium';
import { DEFAULT_RESTART_POLICY, type RestartPolicyOptions } from '../main/shell/backoff';
import { startXorg, xorgAvailable, type XServer } from './xorg';
import { waitUntil } from './wait';
import type { SurfaceStatus } from '../main/host/surfaces';

export const ROOT = resolve(import.meta.dirname, '..');

/** Why the real-window tests cannot run here, or undefined when they can. */
export function missingForRealWindows(): string | undefined {
  if (!findChromium()) return 'system Chromium is missing (npm test installs it: scripts/system-deps.sh test)';
  if (!xorgAvailable()) return 'Xorg with the dummy driver or xrandr is missing (scripts/system-deps.sh test)';
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) return 'the renderer is not built (npm run build)';
  return undefined;
}

export interface HallUnderTest {
  x: XServer;
  hall: RunningHall;
  shell: ChromiumShell;
  dataDir: string;
  /** What the hall logged so far. */
  lines: string[];
  /** The PIN the hall drew for `role` this run, once it is logged (the hall is up before its PINs are hashed and logged). */
  pin(role: 'admin' | 'docent' | 'dm'): Promise<string>;
  health(): Promise<{ surfaces: SurfaceStatus[]; warnings: unknown[] } & Record<string, unknown>>;
  stop(): Promise<void>;
}

/** A whole hall on real monitors: Xorg dummy, the host, one Chromium window per surface. */
export async function startHallOnMonitors(
  opts: { monitors?: number; hallFile?: string; urlExtras?: Record<string, string>; watchdog?: Partial<WatchdogOptions>; browserArgs?: string[]; restartPolicy?: Partial<RestartPolicyOptions> } = {},
): Promise<HallUnderTest> {
  const x = await startXorg(opts.monitors ?? 2);
  const dataDir = mkdtempSync(join(tmpdir(), 'redhall-e2e-'));
  const env = { ...process.env, DISPLAY: x.display };
  const shell = new ChromiumShell(findChromium()!, join(dataDir, 'chromium'), env, {
    ...(opts.browserArgs ? { extraArgs: opts.browserArgs } : {}),
    ...(opts.restartPolicy ? { policy: { ...DEFAULT_RESTART_POLICY, ...opts.restartPolicy } } : {}),
  });
  const lines: string[] = [];
  const hall = await startHall({
    rootDir: ROOT, dataDir, shell, hallFile: opts.hallFile, log: (l) => lines.push(l),
    ...(opts.urlExtras ? { urlExtras: opts.urlExtras } : {}),
    ...(opts.watchdog ? { watchdog: opts.watchdog } : {}),
  });
  const health = async () => (await (await fetch(`http://127.0.0.1:${hall.host.port}/api/health`)).json()) as Awaited<ReturnType<HallUnderTest['health']>>;
  return {
    x,
    hall,
    shell,
    dataDir,
    lines,
    health,
    async pin(role) {
      const line = new RegExp(`auth: ${role} PIN for this run: (\\d{6})`);
      let pin = '';
      await waitUntil(`the ${role} PIN in the hall's log`, () => !!(pin = line.exec(lines.join('\n'))?.[1] ?? ''), 30_000, 50);
      return pin;
    },
    async stop() {
      await hall.stop();
      await x.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
