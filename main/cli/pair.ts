import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseHttpResponse, type HttpRouteKey } from '../../core/protocol/http';
import { resolveDataDir } from '../data-dir';
import { CliError } from '../errors';

/** The running hall's port and machine token (DATA/run/host.json), as `redhall identify` finds them. */
function runningHall(dataDir: string): { port: number; adminToken: string } {
  const runFile = join(dataDir, 'run', 'host.json');
  let run: { port?: number; adminToken?: string } = {};
  try {
    run = JSON.parse(readFileSync(runFile, 'utf8')) as typeof run;
  } catch {
    // below
  }
  if (!run.port || !run.adminToken) throw new CliError(`没有找到正在运行的展厅（${runFile}）。/ No running hall found (${runFile}). Start one with: redhall start`, 1);
  return { port: run.port, adminToken: run.adminToken };
}

async function call<K extends HttpRouteKey>(dataDir: string, key: K, body?: unknown) {
  const { port, adminToken } = runningHall(dataDir);
  const [method, path] = key.split(' ') as [string, string];
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
  }).catch((err: Error) => {
    throw new CliError(`无法连接展厅主机 / cannot reach the hall host: ${err.message}`, 1);
  });
  const answer = parseHttpResponse(key, res.status, await res.json().catch(() => undefined));
  if (!answer.ok) throw new CliError(`主机拒绝了请求 / the host refused (HTTP ${res.status}): ${answer.error.message['zh-Hans']} / ${answer.error.message.en}`, 1);
  return answer.value;
}

/**
 * `redhall pair` on the main PC: a one-time pairing code for a second PC (`redhall start --join
 * URL` there asks for it), the paired PCs, and revoking one. Talks to the running hall with the
 * run file's token, as `redhall identify` does.
 */
export function registerPairCommands(program: Command): void {
  program
    .command('pair')
    .description('第二台电脑配对：生成一次性配对码、列出或撤销已配对的电脑 / second PCs: a one-time pairing code, the paired PCs, revoke one')
    .option('--data <dir>', "the running hall's data folder")
    .option('--list', 'list the paired PCs')
    .option('--revoke <pc>', 'revoke a PC: its credential stops working and its screens leave the hall')
    .action(async (o: { data?: string; list?: boolean; revoke?: string }) => {
      const dataDir = resolveDataDir(o.data);
      if (o.revoke) {
        const r = await call(dataDir, 'POST /api/pcs/revoke', { pc: o.revoke });
        console.log(`已撤销电脑“${r.pc}” / revoked the PC "${r.pc}" (${r.revokedAt})`);
        return;
      }
      const list = (await call(dataDir, 'GET /api/pcs')) as { pcs: Array<{ pc: string; pairedAt: string; revokedAt: string | null; lastSeen: string | null; address: string | null; surfaces: string[] }>; listen: string; joinUrl: string | null };
      if (o.list) {
        if (list.pcs.length === 0) console.log('还没有配对的电脑 / no PC is paired yet');
        for (const p of list.pcs) {
          const state = p.revokedAt ? `已撤销 revoked ${p.revokedAt}` : p.lastSeen ? `在线 last seen ${p.lastSeen} from ${p.address}` : '本次运行尚未连接 / not seen since the host started';
          console.log(`${p.pc}: ${state}; paired ${p.pairedAt}; surfaces: ${p.surfaces.join(', ') || '-'}`);
        }
        return;
      }
      if (list.listen !== 'lan') console.warn('注意：主机只在本机监听（hall.yaml 中 listen: loopback），其他电脑连不上；请设置 listen: lan 并重启。/ Note: the host listens on this machine only (hall.yaml listen: loopback); other PCs cannot reach it. Set listen: lan and restart.');
      const { code, expiresAt } = (await call(dataDir, 'POST /api/pcs/code', {})) as { code: string; expiresAt: string };
      console.log(`配对码 / pairing code: ${code}`);
      console.log(`在第二台电脑上运行 / on the second PC run: redhall start --join ${list.joinUrl ?? `http://<本机地址 this PC's address>:${runningHall(dataDir).port}`}`);
      console.log(`并在提示时输入配对码（只能用一次，${expiresAt} 前有效）/ and type the code when asked (once only, valid until ${expiresAt})`);
    });
}
