import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_IDLE_SECONDS, type PlannedSurface } from '../core/hall';
import type { Finding } from '../core/findings';
import { DisposableStore, toDisposable, type Disposable } from '../core/lifecycle';
import type { InstallerWarning } from '../core/protocol/messages';
import { capability } from './host/capability';
import { packs as packsCapability } from './host/packs/plugin';
import { QuizStatsStore } from './host/quiz-stats';
import { quiz } from './host/quiz/plugin';
import { Host, hostNow } from './host/server';
import { hallTables } from './host/tables';
import { hallShows } from './host/shows/plugin';
import type { ShowRunner } from './host/shows/runner';
import { HallPacks } from './hall/packs';
import { planHall } from './hall/plan';
import { writeRunFile } from './hall/run-file';
import { LaunchCodes, registerLaunchRoute } from './shell/launch-codes';
import type { Shell, SurfaceFault } from './shell/types';
import { watchSurfaces, type WatchdogOptions } from './shell/watchdog';

export interface HallOptions {
  /** The app's root: where dist/renderer and content/ live. */
  rootDir: string;
  dataDir: string;
  hallFile?: string | undefined;
  port?: number | undefined;
  shell: Shell;
  /** Query parameters added to every surface URL (tests use clockSkew). */
  urlExtras?: Record<string, string>;
  /** Tests shorten the surface watchdog's timeouts. */
  watchdog?: Partial<WatchdogOptions>;
  log?: (line: string) => void;
}

/** A running hall. Everything it started (host, sockets, watchers, timers, windows) ends with one dispose(). */
export interface RunningHall extends Disposable {
  host: Host;
  /** Shows on the host clock (main/host/shows). */
  shows: ShowRunner;
  surfaces: PlannedSurface[];
  url: (s: PlannedSurface) => string;
  dispose(): Promise<void>;
  /** The same as dispose(). */
  stop(): Promise<void>;
}

export { resolveDataDir } from './data-dir';

function toWarning(f: Finding): InstallerWarning {
  return { file: f.file, line: f.line, column: f.column, message: f.message };
}

/** The hall's log: to the caller's sink (console by default) and to logs/hall.log, stamped. */
function hallLog(dataDir: string, sink: (line: string) => void = console.log): (line: string) => void {
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const file = join(dataDir, 'logs', 'hall.log');
  return (line) => {
    sink(line);
    try {
      appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
    } catch {
      // a full disk must not stop the screens
    }
  };
}

/**
 * Brings a hall up: config and displays, content, the host with its capabilities, and one
 * window per surface. Each part is registered in the hall's lifetime where it starts, so a
 * start that fails halfway leaves nothing behind, and stopping is one dispose().
 */
export async function startHall(opts: HallOptions): Promise<RunningHall> {
  const lifetime = new DisposableStore();
  try {
    return await assemble(opts, lifetime);
  } catch (err) {
    await lifetime.dispose().catch(() => undefined);
    throw err;
  }
}

async function assemble(opts: HallOptions, lifetime: DisposableStore): Promise<RunningHall> {
  const log = hallLog(opts.dataDir, opts.log);
  const { config, surfaces, findings } = await planHall(opts.shell, opts.hallFile, log);
  const packs = lifetime.add(await HallPacks.open(opts.dataDir, HallPacks.sources(config, opts.rootDir), log));

  let port = 0;
  const listen = config.listen ?? 'loopback';
  const tables = hallTables({ dataDir: opts.dataDir, packs: () => packs.list(), listen, port: () => port, dmPin: config.tables?.dmPin, now: hostNow, log });
  const shows = hallShows(
    {
      surfaces,
      shows: () => [...packs.packs.values()].flatMap((p) => p.content.shows.map((show) => ({ packId: p.manifest.id, show }))),
      clock: hostNow,
      send: (id, m) => host.sendTo(id, m),
      rtt: (id) => host.registry.get(id)?.clockRttMs ?? null,
      log,
    },
    {
      requesters: ['kiosk', 'docent', 'dm', 'admin'],
      roleOf: (id) => surfaces.find((s) => s.id === id)?.role,
      // hall.yaml `shows: { attract: <show id> }`: the walls loop it from the start.
      attract: config.shows?.attract ? { showId: config.shows.attract } : undefined,
    },
  );
  const launchCodes = new LaunchCodes();
  const host: Host = lifetime.add(
    new Host({
      port: opts.port ?? config.port ?? 0,
      listen,
      rendererDir: join(opts.rootDir, 'dist', 'renderer'),
      surfaces,
      warnings: [...findings, ...packs.findings].map(toWarning),
      idleSeconds: config.idleSeconds ?? DEFAULT_IDLE_SECONDS,
      content: () => packs.content(),
      capabilities: [
        capability('launch', async (app) => registerLaunchRoute(app, launchCodes, () => host.surfaceToken), {}),
        packsCapability({ store: packs.store }),
        quiz({ banks: () => packs.list(), stats: new QuizStatsStore(opts.dataDir) }),
        tables.capability,
        shows.capability,
      ],
      log,
    }),
  );
  lifetime.add(packs.follow(() => host.contentChanged()));
  port = await host.start();
  log(`host listening on ${listen === 'lan' ? '0.0.0.0' : '127.0.0.1'}:${port}`);
  lifetime.add(writeRunFile(opts.dataDir, { pid: process.pid, port, adminToken: host.adminToken, shell: opts.shell.name }));

  // No token in the URL (a browser's command line is readable by every local user): a one-time code.
  const url = (s: PlannedSurface, fault?: SurfaceFault) => {
    const q = new URLSearchParams({ surface: s.id, code: launchCodes.issue(s.id), ...(fault ? { retryAt: String(fault.retryAt) } : {}), ...(opts.urlExtras ?? {}) });
    return `http://127.0.0.1:${port}/#/${fault ? 'fault' : s.role}?${q}`;
  };
  lifetime.defer(() => opts.shell.close());
  await opts.shell.open(surfaces, url, {
    restarted: (id) => host.registry.noteRestart(id),
    note: (id, text) => host.registry.update(id, { shell: text }),
    fault: (id, f) => host.registry.update(id, { fault: f && { since: new Date(f.since).toISOString(), reason: f.reason, recentFailures: f.recentFailures, retryAt: new Date(f.retryAt).toISOString() } }),
    log,
  });
  lifetime.add(toDisposable(watchSurfaces(host, opts.shell, log, opts.watchdog)));
  log(`${opts.shell.name} shell: ${surfaces.map((s) => `${s.id} (${s.role}) on ${s.displayName}`).join(', ')}`);

  const dispose = () => lifetime.dispose();
  return { host, shows: shows.runner, surfaces, url, dispose, stop: dispose };
}
