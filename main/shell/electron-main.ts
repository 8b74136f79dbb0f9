import { join } from 'node:path';
import { resolveDataDir, startHall, type RunningHall } from '../hall';
import { ElectronShell, guardWebContents, type ElectronLike, type WebContentsLike } from './electron';

export interface ElectronMainLike extends ElectronLike {
  app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    on(event: string, listener: (...args: never[]) => void): unknown;
    whenReady(): Promise<void>;
    getAppPath(): string;
  };
}

export interface MainArgs {
  dataDir: string | undefined;
  hallFile: string | undefined;
  port: number | undefined;
}

/** Reads --data=DIR, --hall=FILE and --port=N from the command line. */
export function parseMainArgs(argv: readonly string[]): MainArgs {
  const get = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const port = get('port');
  return { dataDir: get('data'), hallFile: get('hall'), port: port ? Number(port) : undefined };
}

/** The hall host listens on this machine only; nothing else may be navigated to. */
export function isLocalHall(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost');
}

/** The Electron main process: one instance, guards on every webContents, then the hall. */
export async function runElectronMain(electron: ElectronMainLike, argv: readonly string[], preloadPath: string): Promise<RunningHall | undefined> {
  const { app } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  // A second launch just exits (the lock refuses it); this instance keeps its windows.
  app.on('second-instance', () => undefined);
  app.on('web-contents-created', ((_e: unknown, wc: WebContentsLike) => guardWebContents(wc, isLocalHall)) as never);
  let stopped = false;
  app.on('window-all-closed', () => {
    if (stopped) app.quit();
  });
  const args = parseMainArgs(argv);
  await app.whenReady();
  const hall = await startHall({
    rootDir: app.getAppPath(),
    dataDir: resolveDataDir(args.dataDir),
    hallFile: args.hallFile,
    port: args.port,
    shell: new ElectronShell(electron, { preloadPath }),
  });
  const stop = hall.stop.bind(hall);
  hall.stop = async () => {
    stopped = true;
    await stop();
    app.quit();
  };
  return hall;
}

// Only inside Electron: unit tests import this file to drive runElectronMain with a fake.
if (process.versions.electron) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const electronModule = require('electron') as ElectronMainLike;
  runElectronMain(electronModule, process.argv, join(__dirname, 'preload.cjs')).catch((err: unknown) => {
    console.error(`RedHall could not start: ${err instanceof Error ? err.message : String(err)}`);
    electronModule.app.quit();
  });
}
