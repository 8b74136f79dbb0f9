import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatFinding, report, type Finding } from '../../core/findings';
import { checkPackDir } from '../host/packs/load';

/** Exit codes: 0 valid, 1 invalid, 2 usage. */
class UsageError extends Error {
  exitCode = 2;
}

interface Common {
  json?: boolean;
  data?: string;
}

function printFindings(findings: Finding[], json: boolean | undefined): boolean {
  const r = report(findings);
  if (json) process.stdout.write(JSON.stringify(r) + '\n');
  else {
    for (const f of findings) process.stdout.write(formatFinding(f) + '\n');
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    process.stdout.write(r.ok ? `✓ 有效 / valid (${warnings} 警告 / warnings)\n` : `✗ 无效 / invalid: ${errors} 错误 / errors, ${warnings} 警告 / warnings\n`);
  }
  return r.ok;
}

/** Validates a folder or a .rhpack file; findings as in the validator. */
async function checkTarget(target: string, lintOnly: boolean): Promise<Finding[]> {
  const path = resolve(target);
  const st = await stat(path).catch(() => undefined);
  if (!st) throw new UsageError(`没有找到 / not found: ${target}`);
  if (st.isDirectory()) {
    const { findings } = await checkPackDir(path);
    return lintOnly ? findings.filter((f) => f.code.startsWith('lint.')) : findings;
  }
  const { checkPackFile } = await import('../host/packs/install');
  const findings = await checkPackFile(path);
  return lintOnly ? findings.filter((f) => f.code.startsWith('lint.')) : findings;
}

/** Registers `redhall pack …`. */
export function registerPackCommands(program: Command): void {
  const pack = program.command('pack').description('内容包：校验、打包、安装、切换 / content packs: validate, build, install, switch');
  const common = (c: Command) => c.option('--json', '输出 JSON / print JSON').option('--data <dir>', '数据目录 / data folder (REDHALL_DATA, default .data)');

  common(pack.command('validate <target>').description('校验内容包文件夹或 .rhpack / validate a pack folder or .rhpack file')).action(
    async (target: string, o: Common) => {
      const ok = printFindings(await checkTarget(target, false), o.json);
      process.exitCode = ok ? 0 : 1;
    },
  );

  common(pack.command('lint <target>').description('只检查文字问题 / text lint only')).action(async (target: string, o: Common) => {
    const findings = await checkTarget(target, true);
    printFindings(findings, o.json);
    process.exitCode = findings.some((f) => f.severity === 'error') ? 1 : 0;
  });
}
