import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { parseHttpResponse } from '../../core/protocol/http';
import { resolveDataDir, startHall } from '../hall';
import { ChromiumShell } from '../shell/chromium';
import { pickShell } from '../shell/pick';

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
    .action(async (o: { shell?: string; hall?: string; data?: string; port?: number }) => {
      if (o.shell !== undefined && o.shell !== 'electron' && o.shell !== 'chromium') {
        console.error(`--shell must be electron or chromium, not "${o.shell}"`);
        process.exit(2);
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
