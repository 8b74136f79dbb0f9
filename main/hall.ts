import { join } from 'node:path';
import { DEFAULT_IDLE_SECONDS, herePointFindings, type PlannedSurface } from '../core/hall';
import { formatFinding, type Finding } from '../core/findings';
import { assembleOwned, DisposableStore, toDisposable, type Disposable } from '../core/lifecycle';
import type { InstallerWarning } from '../core/protocol/messages';
import { HallAuth } from './host/auth/hall-auth';
import { PinBook, pinFilePath } from './host/auth/pins';
import { admin } from './host/admin/plugin';
import { capability } from './host/capability';
import { AppendFile } from './disk/append';
import { DiskHealth } from './disk/health';
import { packs as packsCapability } from './host/packs/plugin';
import { QuizStatsStore } from './host/quiz-stats';
import { quiz } from './host/quiz/plugin';
import { Host, hostNow } from './host/server';
import { FAULT_SCREEN } from './host/pages/plugin';
import { hallTables } from './host/tables';
import { hallShows } from './host/shows/plugin';
import { hallControl } from './host/control/plugin';
import { controlZones } from './host/control/zones';
import type { ControlDesk } from './host/control/desk';
import type { ShowRunner } from './host/shows/runner';
import { hallOath } from './host/oath/plugin';
import type { OathRunner } from './host/oath/runner';
import { hallCinema } from './host/cinema/plugin';
import { localMidnight, type CinemaRunner } from './host/cinema/runner';
import { reading } from './host/reading/plugin';
import { join as joinCapability } from './host/join/plugin';
import { PcBook, pcFilePath } from './host/join/pcs';
import { SecondPcs } from './host/join/remote';
import { lanAddress } from './host/tables/lan';
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
  /** The control desk (main/host/control): the docent remote's, HTTP's and OSC's commands. */
  control: ControlDesk;
  /** The group oath on chosen surfaces (main/host/oath): the docent remote and control API call start/stop. */
  oath: OathRunner;
  /** The cinema's films on the cinema surfaces (main/host/cinema): the schedule, and start/stop on the docent's word. */
  cinema: CinemaRunner;
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

/**
 * The hall's log: to the caller's sink (console by default) and to logs/hall.log, stamped, written
 * off the event loop in batches. A line the disk refuses is counted in /api/health (disk), once
 * said in the log sink; a full disk never stops the screens.
 */
function hallLog(dataDir: string, disk: DiskHealth, lifetime: DisposableStore, sink: (line: string) => void = console.log): (line: string) => void {
  const file = new AppendFile(join(dataDir, 'logs', 'hall.log'), {
    sync: false,
    onFailure: (e, lines) => disk.report(e, { 'zh-Hans': `${lines} 行运行日志没有写入（展厅照常运行）`, en: `${lines} line(s) of the hall log were not written (the hall runs on)` }, lines),
  });
  disk.pendingFrom(() => file.pending);
  // Disposed last (added first): what the hall says while stopping still reaches the file.
  lifetime.defer(() => file.close());
  return (line) => {
    sink(line);
    file.append(`${new Date().toISOString()} ${line}`).catch(() => undefined);
  };
}

/**
 * Brings a hall up: config and displays, content, the host with its capabilities, and one
 * window per surface. Each part is registered in the hall's lifetime where it starts, so a
 * start that fails halfway leaves nothing behind, and stopping is one dispose().
 */
export function startHall(opts: HallOptions): Promise<RunningHall> {
  return assembleOwned((lifetime) => assemble(opts, lifetime));
}

async function assemble(opts: HallOptions, lifetime: DisposableStore): Promise<RunningHall> {
  // Where every writer of the hall reports a write the disk refused (shown in /api/health).
  let diskLog: (line: string) => void = () => {};
  const disk = new DiskHealth((l) => diskLog(l));
  const log = hallLog(opts.dataDir, disk, lifetime, opts.log);
  diskLog = log;
  const { config, surfaces, findings: planFindings, locate } = await planHall(opts.shell, opts.hallFile, log);
  const packs = lifetime.add(await HallPacks.open(opts.dataDir, HallPacks.sources(config, opts.rootDir), log));
  // A kiosk's "you are here" names a point of the shown pack's maps (checked against the pack the hall starts with).
  const hereFindings = herePointFindings(config, packs.content()?.maps ?? [], locate, opts.hallFile ?? 'hall.yaml');
  for (const f of hereFindings) log(`hall config: ${formatFinding(f)}`);
  const findings = [...planFindings, ...hereFindings];

  let port = 0;
  const listen = config.listen ?? 'loopback';
  // One auth for every door (admin console, docent remote, DM console): PIN hashes in
  // DATA/settings/pins.json (`redhall pin set`), one gate against guessing, sessions.
  const auth = new HallAuth({ pins: new PinBook(pinFilePath(opts.dataDir)), now: Date.now, log });
  // Hashed while the rest of the hall starts (a PIN check waits for it; nobody can know a drawn PIN before it is logged).
  auth.fallbacks({ dm: config.tables?.dmPin }, log).catch((err: unknown) => log(`auth: the fallback PINs could not be set: ${(err as Error).message}`));
  if (config.tables?.dmPin && !auth.pins.isStored('dm')) log('auth: the DM PIN is written in plain text in hall.yaml; `redhall pin set dm` keeps it hashed instead / hall.yaml 中的主持人 PIN 是明文，建议改用 redhall pin set dm');
  const tables = hallTables({ dataDir: opts.dataDir, packs: () => packs.list(), listen, port: () => port, checkPin: (pin, address) => auth.checkPin('dm', pin, address), now: hostNow, log });
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
      // The kiosk opens a station on the metro wall(s) through the control desk's wall.goto.
      openStation: async (stationId, surface, who) => {
        const targets = surface ? [surface] : surfaces.filter((s) => s.role === 'metro').map((s) => s.id);
        if (targets.length === 0) return { 'zh-Hans': '这个展厅没有地铁时间线墙（hall.yaml 中 role: metro）。', en: 'This hall has no metro timeline wall (role: metro in hall.yaml).' };
        for (const t of targets) {
          const r = await control.desk.run(stationId === null ? { command: 'wall.goto', surface: t, target: 'home' } : { command: 'wall.goto', surface: t, target: 'station', id: stationId }, `surface:${who}`);
          if (!r.ok) return { 'zh-Hans': r.message['zh-Hans'], en: r.message.en };
        }
        return undefined;
      },
    },
  );
  // The oath and the cinema come from the pack the surfaces show.
  const shownPack = () => {
    const id = packs.content()?.packId;
    return id === undefined ? undefined : packs.packs.get(id);
  };
  const oath = hallOath({
    surfaces,
    oath: () => {
      const p = shownPack();
      const o = p?.content.oath;
      return p && o ? { packId: p.manifest.id, oath: o, recordingSeconds: o.audio ? p.assets[o.audio]?.seconds : undefined } : undefined;
    },
    clock: hostNow,
    broadcast: (m) => host.broadcast(m),
    send: (id, m) => host.sendTo(id, m),
    rtt: (id) => host.registry.get(id)?.clockRttMs ?? null,
    log,
  });
  const cinema = hallCinema({
    surfaces,
    cinema: () => {
      const p = shownPack();
      const c = p?.content.cinema;
      return p && c ? { packId: p.manifest.id, cinema: c, filmSeconds: Object.fromEntries(c.films.map((f) => [f.id, p.assets[f.src]?.seconds ?? 0])) } : undefined;
    },
    clock: hostNow,
    midnight: localMidnight,
    broadcast: (m) => host.broadcast(m),
    send: (id, m) => host.sendTo(id, m),
    rtt: (id) => host.registry.get(id)?.clockRttMs ?? null,
    log,
  });
  const phoneAddress = listen === 'lan' ? (lanAddress() ?? '127.0.0.1') : '127.0.0.1';
  const control = hallControl({
    config,
    shows: shows.runner,
    surfaces: () => host.registry.list(),
    send: (id, m) => host.sendTo(id, m),
    catalog: {
      modules: () => [...packs.packs.values()].flatMap((p) => p.content.exhibits?.modules ?? []),
      stations: () => [...packs.packs.values()].flatMap((p) => p.content.timelines ?? []).flatMap((t) => t.stations.map((st) => ({ id: st.id, date: st.date, title: st.title, text: st.text }))),
    },
    zones: () => controlZones(shownPack(), oath.runner, cinema.runner),
    clock: hostNow,
    log,
  });
  const launchCodes = new LaunchCodes();
  // Second PCs (`redhall start --join`): their surfaces join `surfaces` and the registry once they report.
  const pcBook = new PcBook(pcFilePath(opts.dataDir));
  const secondPcs = new SecondPcs({
    book: pcBook,
    surfaces,
    registry: () => host.registry,
    sendTo: (id, m) => host.sendTo(id, m),
    disconnect: (id) => host.live.disconnect(id),
    issueLaunchCode: (id) => launchCodes.issue(id),
    trust: (address, on) => host.guard.trust(address, on),
    log,
  });
  const quizStats = new QuizStatsStore(opts.dataDir, disk);
  const host: Host = lifetime.add(
    new Host({
      port: opts.port ?? config.port ?? 0,
      listen,
      ...(config.hostNames ? { hostNames: config.hostNames } : {}),
      rendererDir: join(opts.rootDir, 'dist', 'renderer'),
      sharedDir: join(opts.rootDir, 'assets'),
      surfaces,
      warnings: [...findings, ...packs.findings].map(toWarning),
      idleSeconds: config.idleSeconds ?? DEFAULT_IDLE_SECONDS,
      content: () => packs.content(),
      disk,
      capabilities: [
        capability('launch', async (app) => registerLaunchRoute(app, launchCodes, (id) => secondPcs.tokenFor(id) ?? host.surfaceToken), {}),
        joinCapability({ book: pcBook, pcs: secondPcs, listen, joinUrl: () => (listen === 'lan' ? `http://${lanAddress() ?? '127.0.0.1'}:${port}` : null) }),
        packsCapability({ store: packs.store }),
        quiz({ banks: () => packs.list(), stats: quizStats }),
        admin({ store: packs.store, dataDir: opts.dataDir, quizStats, content: () => packs.content(), capture: opts.shell.capture ? (id) => opts.shell.capture!(id) : undefined }),
        tables.capability,
        shows.capability,
        oath.capability,
        cinema.capability,
        reading({ phoneOrigin: () => `http://${phoneAddress}:${port}` }),
        control.capability,
      ],
      log,
      auth,
      surfaceTokenFor: (id) => secondPcs.tokenFor(id),
    }),
  );
  lifetime.add(packs.follow(() => host.contentChanged()));
  port = await host.start();
  log(`host listening on ${listen === 'lan' ? '0.0.0.0' : '127.0.0.1'}:${port}`);
  lifetime.add(writeRunFile(opts.dataDir, { pid: process.pid, port, adminToken: host.adminToken, shell: opts.shell.name }));

  // No token in the URL (a browser's command line is readable by every local user): a one-time code.
  // A surface resting after repeated failures shows the shared fault screen, a plain page that
  // needs nothing of the renderer bundle (which may be what failed) and holds no code.
  const url = (s: PlannedSurface, fault?: SurfaceFault) => {
    if (fault) return `http://127.0.0.1:${port}${FAULT_SCREEN}?${new URLSearchParams({ surface: s.id, retryAt: String(fault.retryAt) })}`;
    const q = new URLSearchParams({ surface: s.id, code: launchCodes.issue(s.id), ...(opts.urlExtras ?? {}) });
    return `http://127.0.0.1:${port}/#/${s.role}?${q}`;
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
  return { host, shows: shows.runner, oath: oath.runner, cinema: cinema.runner, control: control.desk, surfaces, url, dispose, stop: dispose };
}
