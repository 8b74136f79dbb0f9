import { mkdirSync, readFileSync, writeFileSync, existsSync, appendFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_IDLE_SECONDS, parseHallConfig, planSurfaces, type HallConfig, type PlannedSurface } from '../core/hall';
import { formatFinding, type Finding } from '../core/findings';
import type { HallContent, InstallerWarning } from '../core/protocol/messages';
import { Host, hostNow } from './host/server';
import { loadActivePack, type LoadedPack } from './host/packs/load';
import { PackStore } from './host/packs/store';
import { installPack } from './host/packs/install';
import { followActivePacks } from './host/packs/live';
import { packs as packsCapability } from './host/packs/plugin';
import { parseYamlSource } from '../core/yaml-source';
import { hallContentOf } from './host/hall-content';
import { QuizStatsStore } from './host/quiz-stats';
import { quiz } from './host/quiz/plugin';
import { capability } from './host/capability';
import type { Shell, SurfaceFault } from './shell/types';
import { hallTables } from './host/tables';
import { hallShows } from './host/shows/plugin';
import type { ShowRunner } from './host/shows/runner';
import { LaunchCodes, registerLaunchRoute } from './shell/launch-codes';
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

export interface RunningHall {
  host: Host;
  /** Shows on the host clock (main/host/shows). */
  shows: ShowRunner;
  surfaces: PlannedSurface[];
  url: (s: PlannedSurface) => string;
  stop(): Promise<void>;
}

export { resolveDataDir } from './data-dir';

function readHallConfig(file: string | undefined): { config: HallConfig; findings: Finding[]; file: string | undefined } {
  if (!file) return { config: {}, findings: [], file };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return {
      config: {},
      file,
      findings: [{ code: 'hall.unreadable', severity: 'error', file, line: 1, column: 1, message: { 'zh-Hans': `无法读取展厅配置文件：${(err as Error).message}`, en: `Cannot read the hall config: ${(err as Error).message}` } }],
    };
  }
  return { ...parseHallConfig(text, file), file };
}

/** The id a pack folder declares, read cheaply from its pack.yaml (undefined when unreadable). */
function packIdOf(dir: string): string | undefined {
  try {
    const v = parseYamlSource(readFileSync(join(dir, 'pack.yaml'), 'utf8'), 'pack.yaml').value as { id?: unknown } | undefined;
    return typeof v?.id === 'string' ? v.id : undefined;
  } catch {
    return undefined;
  }
}

function toWarning(f: Finding): InstallerWarning {
  return { file: f.file, line: f.line, column: f.column, message: f.message };
}

/**
 * Brings a hall up: config (or defaults, with a visible warning when the config is broken),
 * displays, content, the host, and one window per surface.
 */
export async function startHall(opts: HallOptions): Promise<RunningHall> {
  mkdirSync(join(opts.dataDir, 'logs'), { recursive: true });
  const logFile = join(opts.dataDir, 'logs', 'hall.log');
  const log = (line: string) => {
    const stamped = `${new Date().toISOString()} ${line}`;
    (opts.log ?? console.log)(line);
    try {
      appendFileSync(logFile, stamped + '\n');
    } catch {
      // a full disk must not stop the screens
    }
  };

  const { config, findings: configFindings } = readHallConfig(opts.hallFile);
  for (const f of configFindings) log(`hall config: ${formatFinding(f)}`);
  if (configFindings.some((f) => f.severity === 'error')) log('hall config is broken: starting on defaults (first display kiosk, others walls)');

  const { displays, source } = await opts.shell.displays();
  log(`displays (${source}): ${displays.map((d) => `${d.index}:${d.name} ${d.width}x${d.height}+${d.x}+${d.y}`).join(', ')}`);
  const plan = planSurfaces(config, displays, opts.hallFile);
  for (const f of plan.findings) log(`hall config: ${formatFinding(f)}`);
  let surfaces = plan.surfaces;
  if (surfaces.length === 0) {
    log('no surface could be placed: falling back to defaults');
    surfaces = planSurfaces({}, displays).surfaces;
  }

  // Packs live in the store under the data folder. On a fresh machine the bundled (or
  // configured) pack folders are installed into it like any curator's pack, so they are
  // validated, served and rolled back the same way.
  const store = await new PackStore(opts.dataDir).open();
  const sourceDirs = config.packs?.map((p) => resolve(p)) ?? [join(opts.rootDir, 'content', 'demo-hall')];
  const contentFindings: Finding[] = [];
  const unloadable = (where: string, err: unknown): Finding => ({
    code: 'pack.unloadable', severity: 'error', file: where, line: 1, column: 1,
    message: { 'zh-Hans': `内容包无法加载：${(err as Error).message}`, en: `Content pack could not be loaded: ${(err as Error).message}` },
  });
  for (const dir of sourceDirs) {
    try {
      const id = packIdOf(dir);
      if (id && (await store.active(id))) continue;
      const r = await installPack(store, dir);
      log(`pack ${r.id}@${r.version} installed from ${dir}`);
    } catch (err) {
      const f = unloadable(dir, err);
      contentFindings.push(f);
      log(formatFinding(f));
    }
  }
  const packs = new Map<string, LoadedPack>();
  for (const listing of await store.list()) {
    try {
      const pack = await loadActivePack(store, listing.id);
      if (pack) packs.set(pack.manifest.id, pack);
    } catch (err) {
      const f = unloadable(listing.id, err);
      contentFindings.push(f);
      log(formatFinding(f));
    }
  }
  const hallPack = () => [...packs.values()].find((p) => p.exhibits) ?? [...packs.values()][0];
  let content: HallContent | undefined = hallPack() && hallContentOf(hallPack()!);
  const loadedPacks = () => [...packs.values()].map((p) => ({ id: p.manifest.id, dir: p.dir }));
  for (const p of packs.values()) log(`pack ${p.manifest.id}@${p.manifest.version} active`);

  let port = 0;
  const tables = hallTables({
    dataDir: opts.dataDir,
    packs: () => [...packs.values()].map((p) => ({ id: p.manifest.id, version: p.manifest.version, dir: p.dir })),
    listen: config.listen ?? 'loopback',
    port: () => port,
    dmPin: config.tables?.dmPin,
    now: hostNow,
    log,
  });
  const shows = hallShows(
    {
      surfaces,
      shows: () => [...packs.values()].flatMap((p) => p.content.shows.map((show) => ({ packId: p.manifest.id, show }))),
      clock: hostNow,
      send: (id, m) => host.sendTo(id, m),
      rtt: (id) => host.registry.get(id)?.clockRttMs ?? null,
      log,
    },
    { requesters: ['kiosk', 'docent', 'dm', 'admin'], roleOf: (id) => surfaces.find((s) => s.id === id)?.role },
  );
  const launchCodes = new LaunchCodes();
  const host: Host = new Host({
    port: opts.port ?? config.port ?? 0,
    listen: config.listen ?? 'loopback',
    rendererDir: join(opts.rootDir, 'dist', 'renderer'),
    surfaces,
    warnings: [...configFindings, ...plan.findings, ...contentFindings].map(toWarning),
    idleSeconds: config.idleSeconds ?? DEFAULT_IDLE_SECONDS,
    content: () => content,
    capabilities: [
      capability('launch', async (app) => registerLaunchRoute(app, launchCodes, () => host.surfaceToken), {}),
      packsCapability({ store }),
      quiz({ banks: loadedPacks, stats: new QuizStatsStore(opts.dataDir) }),
      tables.capability,
      shows.capability,
    ],
    log,
  });
  // A newly activated pack (admin page, CLI in another process) reaches the screens without a restart.
  const unfollow = followActivePacks(
    store,
    (pack) => {
      packs.set(pack.manifest.id, pack);
      const shown = hallPack();
      content = shown && hallContentOf(shown);
      host.contentChanged();
      log(`pack ${pack.manifest.id}@${pack.manifest.version} activated: surfaces updated`);
    },
    (err, ev) => log(`pack ${ev.id}@${ev.version} could not be loaded; the previous version stays live: ${(err as Error).message}`),
  );
  store.watch();
  port = await host.start();
  log(`host listening on ${config.listen === 'lan' ? '0.0.0.0' : '127.0.0.1'}:${port}`);

  // The CLI finds the running hall here (identify); readable by this user only.
  const runDir = join(opts.dataDir, 'run');
  mkdirSync(runDir, { recursive: true });
  const runFile = join(runDir, 'host.json');
  writeFileSync(`${runFile}.tmp`, JSON.stringify({ pid: process.pid, port, adminToken: host.adminToken, shell: opts.shell.name }), { mode: 0o600 });
  renameSync(`${runFile}.tmp`, runFile);

  // No token in the URL (a browser's command line is readable by every local user): a one-time code.
  const url = (s: PlannedSurface, fault?: SurfaceFault) => {
    const q = new URLSearchParams({ surface: s.id, code: launchCodes.issue(s.id), ...(fault ? { retryAt: String(fault.retryAt) } : {}), ...(opts.urlExtras ?? {}) });
    return `http://127.0.0.1:${port}/#/${fault ? 'fault' : s.role}?${q}`;
  };
  await opts.shell.open(surfaces, url, {
    restarted: (id) => host.registry.noteRestart(id),
    note: (id, text) => host.registry.update(id, { shell: text }),
    fault: (id, f) => host.registry.update(id, { fault: f && { since: new Date(f.since).toISOString(), reason: f.reason, recentFailures: f.recentFailures, retryAt: new Date(f.retryAt).toISOString() } }),
    log,
  });
  const unwatch = watchSurfaces(host, opts.shell, log, opts.watchdog);
  log(`${opts.shell.name} shell: ${surfaces.map((s) => `${s.id} (${s.role}) on ${s.displayName}`).join(', ')}`);

  return {
    host,
    shows: shows.runner,
    surfaces,
    url,
    async stop() {
      unwatch();
      unfollow();
      store.close();
      await opts.shell.close();
      await host.close();
      if (existsSync(runFile)) writeFileSync(runFile, '{}');
    },
  };
}
