import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatFinding, type Finding } from '../../core/findings';
import { CliError } from '../errors';
import { printReport } from './report';
import { checkPackDir } from '../host/packs/load';
import { PackStore, PackStoreError, dataDirFrom } from '../host/packs/store';
import type { InstallProgress, OnProgress } from '../host/packs/progress';
import cliProgress from 'cli-progress';

interface Common {
  json?: boolean;
  data?: string;
}

/** Validates a folder or a .rhpack file; findings as in the validator (what `redhall pack validate` and `pack lint` print). */
export async function checkTarget(target: string, lintOnly: boolean, json: boolean | undefined): Promise<Finding[]> {
  const path = resolve(target);
  const st = await stat(path).catch(() => undefined);
  if (!st) throw new CliError(`没有找到 / not found: ${target}`, 2);
  if (st.isDirectory()) {
    const progress = progressReporter(json, false);
    const { findings } = await checkPackDir(path, {}, progress.on);
    progress.stop();
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
      const ok = printReport(await checkTarget(target, false, o.json), o.json);
      process.exitCode = ok ? 0 : 1;
    },
  );

  common(pack.command('build <dir>').description('打包为 .rhpack（含锁文件）/ build a .rhpack with a lock').requiredOption('-o, --out <file>', '输出文件 / output file')).action(
    async (dir: string, o: Common & { out: string }) => {
      const { buildPack } = await import('../host/packs/build');
      const progress = progressReporter(o.json);
      const { findings, lock } = await buildPack(resolve(dir), resolve(o.out), progress.on);
      progress.stop();
      if (!lock) {
        printReport(findings, o.json);
        process.exitCode = 1;
        return;
      }
      if (o.json) process.stdout.write(JSON.stringify({ ok: true, file: resolve(o.out), id: lock.id, version: lock.version, files: lock.files.length, errors: findings }) + '\n');
      else process.stdout.write(`✓ ${lock.id}@${lock.version} → ${o.out} (${lock.files.length} 个文件 / files)\n`);
    },
  );

  common(pack.command('install <source>').description('安装内容包（文件夹或 .rhpack）并启用 / install a pack (folder or .rhpack) and activate it').option('--no-activate', '只安装不启用 / install without activating')).action(
    async (source: string, o: Common & { activate: boolean }) => {
      const { installPack } = await import('../host/packs/install');
      const { PackRefused } = await import('../host/packs/refused');
      const store = await new PackStore(dataDirFrom(o.data)).open();
      const progress = progressReporter(o.json);
      try {
        const r = await installPack(store, resolve(source), { onProgress: progress.on, activate: o.activate });
        progress.stop();
        if (o.json) process.stdout.write(JSON.stringify({ ok: true, id: r.id, version: r.version, activated: r.activated, errors: r.findings }) + '\n');
        else {
          // Installed with warnings: the curator still sees each one, placed.
          for (const f of r.findings) process.stdout.write(formatFinding(f) + '\n');
          process.stdout.write(`✓ 已安装 / installed ${r.id}@${r.version}${r.activated ? '，已启用 / active' : ''}${r.findings.length ? `（${r.findings.length} 条提示 / notes above）` : ''}\n`);
        }
      } catch (e) {
        progress.stop();
        if (e instanceof PackRefused) {
          printReport(e.findings, o.json);
          process.exitCode = 1;
          return;
        }
        throw e;
      }
    },
  );

  common(pack.command('list').description('列出已安装的内容包 / list installed packs')).action(async (o: Common) => {
    const store = new PackStore(dataDirFrom(o.data));
    const packs = await store.list();
    if (o.json) process.stdout.write(JSON.stringify({ ok: true, packs }) + '\n');
    else if (packs.length === 0) process.stdout.write('（没有已安装的内容包 / no packs installed）\n');
    else for (const p of packs) process.stdout.write(`${p.id}  ${p.versions.map((v) => (v === p.active ? `[${v}]` : v)).join('  ')}\n`);
  });

  common(pack.command('activate <ref>').description('启用已安装的版本 / activate an installed version: <id>@<version>')).action(async (ref: string, o: Common) => {
    const m = /^([a-z0-9][a-z0-9-]*)@(\S+)$/.exec(ref);
    if (!m) throw new CliError(`请写成 <id>@<version> / expected <id>@<version>, got "${ref}"`, 2);
    await storeAction(o, (s) => s.activate(m[1]!, m[2]!));
  });

  common(pack.command('rollback <id>').description('回退到上一个启用的版本 / go back to the previously active version')).action(async (id: string, o: Common) => {
    await storeAction(o, (s) => s.rollback(id));
  });

  pack
    .command('schema')
    .description('生成 JSON Schema，供编辑器自动补全 / write the JSON Schemas for editor completion')
    .option('-o, --out <dir>', '输出目录 / output folder', 'schemas')
    .option('--check', '只检查是否最新 / only check they are up to date (exit 1 when stale)')
    .action(async (o: { out: string; check?: boolean }) => {
      const { packJsonSchemas } = await import('../../core/pack/json-schema');
      const { mkdir, readFile, writeFile } = await import('node:fs/promises');
      await mkdir(resolve(o.out), { recursive: true });
      let stale = 0;
      for (const [file, schema] of Object.entries(packJsonSchemas())) {
        const text = JSON.stringify(schema, null, 2) + '\n';
        const path = resolve(o.out, file);
        if (o.check) {
          if ((await readFile(path, 'utf8').catch(() => '')) !== text) {
            stale++;
            process.stdout.write(`stale: ${path}\n`);
          }
        } else await writeFile(path, text);
      }
      process.exitCode = stale ? 1 : 0;
    });

  common(pack.command('lint <target>').description('只检查文字问题 / text lint only')).action(async (target: string, o: Common) => {
    const findings = await checkTarget(target, true, o.json);
    printReport(findings, o.json);
    process.exitCode = findings.some((f) => f.severity === 'error') ? 1 : 0;
  });
}

async function storeAction(o: Common, act: (s: PackStore) => Promise<{ id: string; version: string; previous: string | undefined }>): Promise<void> {
  const store = await new PackStore(dataDirFrom(o.data)).open();
  try {
    const ev = await act(store);
    if (o.json) process.stdout.write(JSON.stringify({ ok: true, ...ev }) + '\n');
    else process.stdout.write(`✓ ${ev.id}@${ev.version} 已启用 / active${ev.previous ? `（之前 / was ${ev.previous}）` : ''}\n`);
  } catch (e) {
    if (!(e instanceof PackStoreError)) throw e;
    if (o.json) process.stdout.write(JSON.stringify({ ok: false, errors: [{ code: e.code, severity: 'error', file: '', line: 0, column: 0, message: e.bilingual }] }) + '\n');
    else process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  }
}

const PHASE_ZH: Record<InstallProgress['phase'], string> = {
  extract: '解压', copy: '复制', read: '读取', verify: '校验', validate: '检查', activate: '启用', hash: '计算校验值', write: '写入',
};

/** A bar on a terminal; otherwise (for install and build) one line per step on stderr (`progress <phase> <done>/<total>`), for scripts, the admin page and tests. */
function progressReporter(json: boolean | undefined, linesWhenPiped = true): { on: OnProgress; stop: () => void } {
  if (process.stderr.isTTY && !json) {
    const bar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic);
    let phase = '';
    return {
      on: (p) => {
        if (p.phase !== phase) {
          if (phase) bar.stop();
          phase = p.phase;
          bar.start(p.total, p.done, { phase: `${PHASE_ZH[p.phase]} / ${p.phase}` });
        } else bar.update(p.done);
      },
      stop: () => phase && bar.stop(),
    };
  }
  if (!linesWhenPiped) return { on: () => undefined, stop: () => undefined };
  let last = '';
  return {
    on: (p) => {
      const step = p.total > 100 ? Math.floor((p.done / p.total) * 100) : p.done;
      const key = `${p.phase}:${step}`;
      if (key === last) return;
      last = key;
      process.stderr.write(`progress ${p.phase} ${p.done}/${p.total}\n`);
    },
    stop: () => undefined,
  };
}
