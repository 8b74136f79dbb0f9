import { hostname } from 'node:os';
import { join } from 'node:path';
import { planSurfaces, type PlannedSurface } from '../../core/hall';
import { assembleOwned, DisposableStore, toDisposable, type Disposable } from '../../core/lifecycle';
import type { JoinEvent, JoinSurface } from '../../core/protocol/join';
import { PcName } from '../../core/protocol/join';
import { AppendFile } from '../disk/append';
import { planHall } from '../hall/plan';
import { FAULT_SCREEN } from '../host/pages/plugin';
import type { AsyncSurfaceUrl, Shell, ShellEvents } from '../shell/types';
import { watchSurfaces, type WatchdogOptions, type WatchedHall } from '../shell/watchdog';
import { callMain, JoinError, mainOrigin, readJoinCredential, saveJoinCredential, type JoinCredential } from './client';

export interface JoinOptions {
  /** The main host, as typed after --join. */
  url: string;
  dataDir: string;
  /** This PC's own hall.yaml (its surfaces on its monitors); without one every monitor is a wall. */
  hallFile?: string | undefined;
  /** This PC's name in the hall (default: its host name). */
  pc?: string | undefined;
  /** A shell whose windows may wait for their address (the Chromium shell). */
  shell: Shell & { open(surfaces: readonly PlannedSurface[], urlFor: AsyncSurfaceUrl, events: ShellEvents): Promise<void> };
  /** Asked only when the PC is not paired yet (or `pair` is set): the one-time pairing code. */
  askCode: () => Promise<string>;
  /** Pair again even if a credential is saved. */
  pair?: boolean;
  /** How often the PC reports to the main host (ms). */
  syncMs?: number;
  watchdog?: Partial<WatchdogOptions>;
  /** Told when the main host says this PC may no longer join (revoked): the run has stopped. */
  onRefused?: (err: JoinError) => void;
  log?: (line: string) => void;
}

export interface JoinedPc extends Disposable {
  pc: string;
  origin: string;
  surfaces: PlannedSurface[];
  dispose(): Promise<void>;
}

/** A PC name from a host name: lower case, other characters to hyphens. */
export function pcNameFrom(name: string): string {
  const n = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32);
  return PcName.safeParse(n).success ? n : 'pc-2';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A second PC of the hall: only the shell runs here. Its surfaces (from this PC's hall.yaml, or
 * one wall per monitor named `<pc>-wall-<n>`) are placed on its own monitors, report to the main
 * host at `url`, and show what the main host serves. Paired once with a one-time code, which is
 * traded for a credential kept in DATA/settings/join.json; the shell's windows get one-time
 * launch codes from the main host, as the host's own windows do. This PC's watchdog restarts
 * its windows, judging them by what the main host sees of them.
 */
export function startJoin(opts: JoinOptions): Promise<JoinedPc> {
  return assembleOwned((lifetime) => assemble(opts, lifetime));
}

async function assemble(opts: JoinOptions, lifetime: DisposableStore): Promise<JoinedPc> {
  const file = new AppendFile(join(opts.dataDir, 'logs', 'join.log'), { sync: false });
  lifetime.defer(() => file.close());
  const log = (line: string) => {
    (opts.log ?? console.log)(line);
    file.append(`${new Date().toISOString()} ${line}`).catch(() => undefined);
  };
  const origin = mainOrigin(opts.url);
  let saved = opts.pair ? undefined : readJoinCredential(opts.dataDir);
  const pc = saved?.pc ?? pcNameFrom(opts.pc ?? hostname());
  if (opts.pc !== undefined && !PcName.safeParse(opts.pc).success) throw new JoinError(400, { error: 'bad-name', message: { 'zh-Hans': `电脑名“${opts.pc}”只能用小写字母、数字和连字符。`, en: `The PC name "${opts.pc}" may use lower-case letters, digits and hyphens only.` } });

  // This PC's surfaces on its own monitors.
  let surfaces: PlannedSurface[];
  if (opts.hallFile) {
    surfaces = (await planHall(opts.shell, opts.hallFile, log)).surfaces;
  } else {
    const { displays, source } = await opts.shell.displays();
    log(`displays (${source}): ${displays.map((d) => `${d.index}:${d.name} ${d.width}x${d.height}+${d.x}+${d.y}`).join(', ')}`);
    surfaces = planSurfaces({ surfaces: displays.map((d, i) => ({ id: `${pc}-wall-${i + 1}`, role: 'wall' as const, display: d.index })) }, displays).surfaces;
  }
  const report: JoinSurface[] = surfaces.map((s) => ({ ...s }));

  // Paired once: a code for a credential, kept in the data folder.
  if (!saved) {
    const code = (await opts.askCode()).trim();
    if (!code) throw new JoinError(400, { error: 'no-code', message: { 'zh-Hans': '没有输入配对码：请在主电脑的管理后台或用 redhall pair 生成一个。', en: 'No pairing code was given: make one in the main PC’s admin console or with redhall pair.' } });
    const answer = await callMain(origin, 'POST /api/join/pair', { code, pc });
    saved = { url: origin, pc: answer.pc, credential: answer.credential } satisfies JoinCredential;
    saveJoinCredential(opts.dataDir, saved);
    log(`paired with the hall at ${origin} as "${pc}" / 已与 ${origin} 的展厅配对，本机名为“${pc}”`);
  }
  const credential = saved.credential;

  // What the main host sees of this PC's surfaces (the watchdog's eyes) and what the shell did (sent at the next sync).
  let states = new Map<string, { id: string; connected: boolean; since: string; heartbeatAt: string | null; fault: boolean }>();
  let events: JoinEvent[] = [];
  const sync = async () => {
    const sending = events;
    events = [];
    try {
      const answer = await callMain(origin, 'POST /api/join/sync', { surfaces: report, events: sending }, credential);
      states = new Map(answer.surfaces.map((s) => [s.id, s]));
    } catch (err) {
      // Not lost: told again next time (bounded, the oldest dropped).
      events = [...sending, ...events].slice(-150);
      throw err;
    }
  };
  // The first report registers the surfaces; the main host may still be starting.
  for (let delay = 1000; ; delay = Math.min(delay * 2, 15_000)) {
    try {
      await sync();
      break;
    } catch (err) {
      if (!(err instanceof JoinError) || err.final) throw err;
      log(`${err.message}; trying again in ${delay / 1000} s`);
      await sleep(delay);
    }
  }
  log(`joined the hall at ${origin} as "${pc}": ${surfaces.map((s) => `${s.id} (${s.role}) on ${s.displayName}`).join(', ')}`);

  let stopped = false;
  lifetime.defer(() => {
    stopped = true;
  });
  const refused = (err: JoinError) => {
    if (stopped) return;
    log(`the main PC refused this PC: ${err.message}; closing its windows`);
    void lifetime.dispose().then(() => opts.onRefused?.(err));
  };
  let failures = 0;
  const timer = setInterval(() => {
    sync().then(
      () => {
        if (failures > 0) log(`the main PC answers again after ${failures} failed report(s)`);
        failures = 0;
      },
      (err: unknown) => {
        if (err instanceof JoinError && err.final) return refused(err);
        if (failures++ % 15 === 0) log(`report to the main PC failed: ${(err as Error).message}`);
      },
    );
  }, opts.syncMs ?? 2000);
  lifetime.defer(() => clearInterval(timer));

  // Each window start asks the main host for a one-time launch code (no token on a command line).
  const urlFor = async (s: PlannedSurface, fault?: { retryAt: number }): Promise<string> => {
    if (fault) return `${origin}${FAULT_SCREEN}?${new URLSearchParams({ surface: s.id, retryAt: String(fault.retryAt) })}`;
    for (let delay = 2000; ; delay = Math.min(delay * 2, 30_000)) {
      try {
        const { code } = await callMain(origin, 'POST /api/join/launch', { surfaceId: s.id }, credential);
        return `${origin}/#/${s.role}?${new URLSearchParams({ surface: s.id, code })}`;
      } catch (err) {
        if (stopped) throw err;
        if (err instanceof JoinError && err.final) {
          refused(err);
          throw err;
        }
        log(`[${s.id}] no launch code yet (${(err as Error).message}); trying again in ${delay / 1000} s`);
        await sleep(delay);
      }
    }
  };
  lifetime.defer(() => opts.shell.close());
  await opts.shell.open(surfaces, urlFor, {
    restarted: (surface) => events.push({ kind: 'restarted', surface }),
    note: (surface, text) => events.push({ kind: 'note', surface, text: text === null ? null : text.slice(0, 500) }),
    fault: (surface, f) => events.push({ kind: 'fault', surface, fault: f && { since: new Date(f.since).toISOString(), reason: f.reason.slice(0, 500), recentFailures: f.recentFailures, retryAt: new Date(f.retryAt).toISOString() } }),
    log,
  });

  const watched: WatchedHall = {
    registry: {
      list: () => surfaces.map((s) => states.get(s.id) ?? { id: s.id, connected: false, since: new Date(0).toISOString(), heartbeatAt: null, fault: false }),
      noteWatchdog: (surface, action, reason) => {
        log(`[${surface}] watchdog: ${action}: ${reason}`);
        events.push({ kind: 'watchdog', surface, action, reason: reason.slice(0, 500) });
      },
    },
    // A reload is asked over the page's socket, which is on the main host: the watchdog event above carries it.
    sendTo: () => 1,
  };
  lifetime.add(toDisposable(watchSurfaces(watched, opts.shell, () => undefined, opts.watchdog)));

  const dispose = () => lifetime.dispose();
  return { pc, origin, surfaces, dispose };
}
