import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { parseHttpResponse } from '../../core/protocol/http';
import { resolveDataDir, startHall } from '../hall';
import { ChromiumShell } from '../shell/chromium';
import { pickShell } from '../shell/pick';
import { startJoin } from '../join/run';
import { JoinError } from '../join/client';
import { readSecretLine } from './pin';

/** The app root: two levels up from main/cli (source) and from dist/main (built). */
export function appRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../..');
}

/** Registers `redhall start` and `redhall identify`. */
export function registerHallCommands(program: Command): void {
  program
    .command('start')
    .description('启动展厅：主机与每块屏幕上的界面 / start the hall: the host and a surface on every display')
    .option('--shell <shell>', 'electron | chromium (default: Electron when its binary is installed, else system Chromium)')
    .option('--hall <file>', 'hall.yaml: surfaces → displays')
    .option('--data <dir>', 'where the hall writes everything (default REDHALL_DATA or ./.data)')
    .option('--port <port>', 'HTTP port (default from hall.yaml, else a free one)', (v) => Number(v))
    .option('--join <url>', '第二台电脑：只运行界面，连接主电脑的主机 / a second PC: run only the screens, joined to the main PC\'s host at URL')
    .option('--name <pc>', 'with --join: this PC\'s name in the hall (default: its host name)')
    .option('--pair', 'with --join: pair again with a new code even if this PC is already paired')
    .action(async (o: { shell?: string; hall?: string; data?: string; port?: number; join?: string; name?: string; pair?: boolean }) => {
      if (o.shell !== undefined && o.shell !== 'electron' && o.shell !== 'chromium') {
        console.error(`--shell must be electron or chromium, not "${o.shell}"`);
        process.exit(2);
      }
      if (o.join !== undefined) {
        await joinHall({ ...o, join: o.join });
        return;
      }
      const choice = pickShell(o.shell as 'electron' | 'chromium' | undefined);
      if (choice.shell === 'none') {
        console.error(`redhall: cannot start: ${choice.why}`);
        process.exit(1);
      }
      console.log(`redhall: shell ${choice.shell}: ${choice.why}`);
      const dataDir = resolveDataDir(o.data);
      const hallFile = o.hall ? resolve(o.hall) : undefined;
      const root = appRoot();
      if (choice.shell === 'electron') {
        // The host runs inside Electron's main process; hand it the same options.
        const args = [join(root, 'dist', 'main', 'electron.cjs'), `--data=${dataDir}`, ...(hallFile ? [`--hall=${hallFile}`] : []), ...(o.port ? [`--port=${o.port}`] : [])];
        const child = spawn(choice.executable, args, { stdio: 'inherit' });
        child.on('exit', (code) => process.exit(code ?? 1));
        return;
      }
      const shell = new ChromiumShell(choice.executable, join(dataDir, 'chromium'));
      const hall = await startHall({ rootDir: root, dataDir, hallFile, port: o.port, shell });
      console.log(`redhall: health at http://127.0.0.1:${hall.host.port}/api/health`);
      const stop = async () => {
        await hall.stop();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });

  /** `redhall start --join URL`: this PC runs only the shell; its screens belong to the main PC's hall. */
  async function joinHall(o: { shell?: string; hall?: string; data?: string; join: string; name?: string; pair?: boolean }): Promise<void> {
    if (o.shell === 'electron') {
      console.error('redhall: --join runs the screens in system Chromium; the Electron shell cannot join yet / 第二台电脑使用系统 Chromium');
      process.exit(2);
    }
    const choice = pickShell('chromium');
    if (choice.shell === 'none') {
      console.error(`redhall: cannot start: ${choice.why}`);
      process.exit(1);
    }
    const dataDir = resolveDataDir(o.data);
    const shell = new ChromiumShell(choice.executable, join(dataDir, 'chromium'));
    try {
      const joined = await startJoin({
        url: o.join,
        dataDir,
        hallFile: o.hall ? resolve(o.hall) : undefined,
        pc: o.name,
        pair: o.pair,
        shell,
        // Never on the command line: typed on the terminal, or one line on stdin.
        askCode: () => readSecretLine('配对码（主电脑管理后台或 redhall pair 显示）/ pairing code (from the main PC: admin console or redhall pair): '),
        onRefused: () => process.exit(1),
      });
      console.log(`redhall: this PC ("${joined.pc}") runs ${joined.surfaces.length} screen(s) of the hall at ${joined.origin}`);
      const stop = async () => {
        await joined.dispose();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    } catch (err) {
      console.error(`redhall: ${err instanceof JoinError ? err.message : (err as Error).message}`);
      await shell.close().catch(() => undefined);
      process.exit(1);
    }
  }

  program
    .command('identify')
    .description('在每块屏幕上显示界面 id、角色、显示器名、分辨率和网格 / show id, role, display, resolution and a grid on every surface')
    .option('--off', 'hide it again')
    .option('--data <dir>', 'the running hall\'s data folder')
    .action(async (o: { off?: boolean; data?: string }) => {
      const runFile = join(resolveDataDir(o.data), 'run', 'host.json');
      let run: { port?: number; adminToken?: string };
      try {
        run = JSON.parse(readFileSync(runFile, 'utf8')) as typeof run;
      } catch {
        run = {};
      }
      if (!run.port || !run.adminToken) {
        console.error(`没有找到正在运行的展厅（${runFile}）。/ No running hall found (${runFile}). Start one with: redhall start`);
        process.exit(1);
      }
      const res = await fetch(`http://127.0.0.1:${run.port}/api/identify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${run.adminToken}` },
        body: JSON.stringify({ on: !o.off }),
      }).catch((err: Error) => {
        console.error(`无法连接展厅主机 / cannot reach the hall host: ${err.message}`);
        process.exit(1);
      });
      const answer = parseHttpResponse('POST /api/identify', res.status, await res.json().catch(() => undefined));
      if (!answer.ok) {
        console.error(`主机拒绝了请求 / the host refused (HTTP ${res.status}): ${answer.error.message['zh-Hans']} / ${answer.error.message.en}`);
        process.exit(1);
      }
      console.log(o.off ? 'identify off' : 'identify on: every surface shows its id, role, display and a grid');
    });
}
