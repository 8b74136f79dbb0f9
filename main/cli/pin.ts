import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { PIN_PATTERN, PIN_ROLES, PinBook, pinFilePath, type PinRole } from '../host/auth/pins';
import { resolveDataDir } from '../data-dir';
import { CliError } from '../errors';

/** Reads one line from stdin; on a terminal the typed digits are not echoed. */
export async function readSecretLine(prompt: string): Promise<string> {
  const tty = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
  if (tty) {
    // Hide what is typed: write the prompt once, then swallow echoes.
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stdout.write(prompt);
    out._writeToOutput = () => {};
  }
  const line = await new Promise<string>((resolve) => {
    rl.once('line', resolve);
    rl.once('close', () => resolve(''));
  });
  rl.close();
  if (tty) process.stdout.write('\n');
  return line.trim();
}

function roleOf(v: string): PinRole {
  if ((PIN_ROLES as readonly string[]).includes(v)) return v as PinRole;
  throw new CliError(`角色须为 ${PIN_ROLES.join(' | ')}，不是“${v}” / the role is one of ${PIN_ROLES.join(' | ')}, not "${v}"`, 2);
}

/**
 * `redhall pin set|clear|status`: the admin, docent and DM PINs, stored as scrypt hashes in
 * DATA/settings/pins.json. The PIN is read from the terminal (twice, not echoed) or from stdin,
 * never from the command line (which every local user can read).
 */
export function registerPinCommands(program: Command): void {
  const pin = program.command('pin').description('管理员、讲解员、主持人 PIN（哈希保存）/ the admin, docent and DM PINs (stored hashed)');

  pin
    .command('set <role>')
    .description('设置 PIN（admin | docent | dm），从终端或标准输入读取 / set a PIN (admin | docent | dm), read from the terminal or stdin')
    .option('--data <dir>', "the hall's data folder (default REDHALL_DATA or ./.data)")
    .action(async (r: string, o: { data?: string }) => {
      const role = roleOf(r);
      const first = await readSecretLine(`新的 ${role} PIN（4 到 12 位数字）/ new ${role} PIN (4 to 12 digits): `);
      if (!PIN_PATTERN.test(first)) throw new CliError('PIN 须为 4 到 12 位数字 / a PIN is 4 to 12 digits', 1);
      if (process.stdin.isTTY) {
        const again = await readSecretLine('再输入一次 / once more: ');
        if (again !== first) throw new CliError('两次输入的 PIN 不一样，未保存 / the two PINs differ; nothing saved', 1);
      }
      const file = pinFilePath(resolveDataDir(o.data));
      await new PinBook(file).set(role, first);
      console.log(`${role} PIN 已保存（哈希）/ ${role} PIN saved (hashed): ${file}. 正在运行的展厅立即生效 / a running hall uses it at once.`);
    });

  pin
    .command('clear <role>')
    .description('删除保存的 PIN（之后每次启动随机生成并写入日志）/ remove a stored PIN (then one is drawn and logged at each start)')
    .option('--data <dir>', "the hall's data folder")
    .action((r: string, o: { data?: string }) => {
      const role = roleOf(r);
      new PinBook(pinFilePath(resolveDataDir(o.data))).clear(role);
      console.log(`${role} PIN 已删除 / ${role} PIN removed`);
    });

  pin
    .command('status')
    .description('哪些角色有保存的 PIN / which roles have a stored PIN')
    .option('--data <dir>', "the hall's data folder")
    .action((o: { data?: string }) => {
      const book = new PinBook(pinFilePath(resolveDataDir(o.data)));
      for (const role of PIN_ROLES) console.log(`${role}: ${book.isStored(role) ? '已设置 / set' : '未设置（每次启动随机生成）/ not set (drawn at each start)'}`);
    });
}
