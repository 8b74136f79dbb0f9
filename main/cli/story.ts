import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { formatFinding, report, type Finding } from '../../core/findings';
import { pickText } from '../../core/text';
import { checkScenario, scenarioJsonSchema, scenarioSvg, simulate, type ScenarioCheck } from '../../core/story';
import { readPackTexts } from '../story/pack-folder';
import { CliError } from '../errors';
import { printReport } from './report';

async function loadChecks(pack: string, scenarioId: string | undefined): Promise<{ checks: ScenarioCheck[]; packFindings: Finding[] }> {
  let texts;
  try {
    texts = await readPackTexts(pack);
  } catch (e) {
    throw new CliError(`无法读取内容包文件夹 ${pack} / Cannot read pack folder ${pack}: ${e instanceof Error ? e.message : String(e)}`, 1);
  }
  const t = texts;
  let checks = t.scenarios.map((entry) => checkScenario(t.files, entry, { assetPaths: t.paths }));
  if (scenarioId !== undefined) {
    checks = checks.filter((c) => idOf(c, texts.files) === scenarioId);
    if (checks.length === 0) {
      const known = texts.scenarios.map((e) => idOf(checkScenario(texts.files, e), texts.files) ?? e).join(', ') || '—';
      throw new CliError(`内容包中没有 id 为“${scenarioId}”的剧本（已有：${known}） / No scenario with id "${scenarioId}" in this pack (there are: ${known})`, 1);
    }
  }
  return { checks, packFindings: texts.findings };
}

/** The scenario id, even when it did not compile (read straight from the YAML's `id:` line). */
function idOf(c: ScenarioCheck, files: ReadonlyMap<string, string>): string | undefined {
  if (c.scenario) return c.scenario.id;
  return /^id:\s*["']?([a-z0-9-]+)/m.exec(files.get(c.entry) ?? '')?.[1];
}

async function oneScenario(pack: string, scenarioId: string | undefined): Promise<ScenarioCheck & { scenario: NonNullable<ScenarioCheck['scenario']> }> {
  const { checks, packFindings } = await loadChecks(pack, scenarioId);
  if (checks.length === 0) throw new CliError('pack.yaml 的 contents.scenarios 中没有剧本 / pack.yaml lists no scenarios under contents.scenarios', 1);
  if (checks.length > 1) throw new CliError(`内容包中有 ${checks.length} 个剧本，请用 --scenario ID 指定一个 / The pack has ${checks.length} scenarios; pick one with --scenario ID`, 2);
  const c = checks[0] as ScenarioCheck;
  const errors = [...packFindings, ...c.findings].filter((f) => f.severity === 'error');
  for (const f of errors) console.error(formatFinding(f));
  // A scenario that compiled can still be played (that is how a dead end shows up as stuck runs).
  if (!c.scenario) throw new CliError('剧本无法载入，请先运行 story check 修正 / The scenario cannot be loaded; fix it with story check first', 1);
  return c as ScenarioCheck & { scenario: NonNullable<ScenarioCheck['scenario']> };
}

function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new CliError(`${name} 必须是 1 到 1000000 的整数 / ${name} must be an integer from 1 to 1000000`, 2);
    return n;
  };
}

/** Registers `redhall story check|simulate|graph`. */
export function registerStoryCommands(program: Command): void {
  const story = program.command('story').description('剧本杀剧本工具 / script-kill scenario tools');

  story
    .command('check')
    .description('检查内容包中的剧本 / check the scenarios of a pack')
    .argument('<pack>', '内容包文件夹 / pack folder')
    .option('--scenario <id>', '只检查这个剧本 / check only this scenario')
    .option('--json', '输出 JSON / print JSON')
    .action(async (pack: string, opts: { scenario?: string; json?: boolean }) => {
      const { checks, packFindings } = await loadChecks(pack, opts.scenario);
      const findings = [...packFindings, ...checks.flatMap((c) => c.findings)];
      const rep = report(findings);
      if (opts.json) {
        const scenarios = checks.map((c) => ({
          entry: c.entry,
          id: c.scenario?.id,
          ...(c.analysis
            ? {
                estimateMinutes: c.analysis.estimate,
                reachableEndings: c.analysis.reachableEndings,
                reachablePhases: c.analysis.reachablePhases.length,
                reachableClues: c.analysis.reachableClues.length,
                states: c.analysis.states,
                complete: c.analysis.complete,
              }
            : {}),
        }));
        console.log(JSON.stringify({ ...rep, scenarios }, null, 2));
      } else {
        // Each scenario's own line first, then every finding and the verdict through the one report printer.
        if (checks.length === 0) console.log('pack.yaml 的 contents.scenarios 中没有剧本 / pack.yaml lists no scenarios under contents.scenarios');
        for (const c of checks) {
          const e = c.findings.filter((f) => f.severity === 'error').length;
          const w = c.findings.filter((f) => f.severity === 'warning').length;
          console.log(`${e === 0 ? '✓' : '✗'} ${c.entry}${c.scenario ? ` (${c.scenario.id}《${pickText(c.scenario.title, 'zh-Hans')}》)` : ''}: ${e} 个错误 errors, ${w} 个警告 warnings`);
          if (c.analysis) {
            const total = c.scenario?.acts.flatMap((a) => a.phases).filter((p) => p.kind === 'ending').length ?? 0;
            console.log(
              `  预计时长 estimated ${Math.round(c.analysis.estimate.min)}–${Math.round(c.analysis.estimate.max)} 分钟 min · 可达结局 endings reachable ${c.analysis.reachableEndings.length}/${total} · 可找到线索 clues reachable ${c.analysis.reachableClues.length}/${c.scenario?.clues.length ?? 0} · 状态 states ${c.analysis.states}`,
            );
          }
        }
        printReport(findings, false, { valid: '剧本有效 / scenarios valid', invalid: '剧本无效 / scenarios invalid' });
      }
      if (!rep.ok) process.exitCode = 1;
    });

  story
    .command('simulate')
    .description('随机模拟合法的游戏过程 / play random legal games')
    .argument('<pack>', '内容包文件夹 / pack folder')
    .option('--scenario <id>', '剧本 id / scenario id')
    .option('--runs <n>', '模拟局数 / number of runs', positiveInt('--runs'), 200)
    .option('--seed <seed>', '随机种子 / random seed', '1')
    .option('--json', '输出 JSON / print JSON')
    .action(async (pack: string, opts: { scenario?: string; runs: number; seed: string; json?: boolean }) => {
      const c = await oneScenario(pack, opts.scenario);
      const rep = simulate(c.scenario, { runs: opts.runs, seed: /^\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed });
      if (opts.json) console.log(JSON.stringify(rep, null, 2));
      else {
        console.log(`《${pickText(c.scenario.title, 'zh-Hans')}》 ${rep.runs} 局 runs, seed ${rep.seed}`);
        for (const [ending, n] of Object.entries(rep.endings)) {
          console.log(`  结局 ending ${ending.padEnd(24)} ${String(n).padStart(6)}  ${((100 * n) / Math.max(1, rep.runs)).toFixed(1)}%`);
        }
        const ph = rep.phasesPerRun;
        console.log(`  每局环节数 phases per run: min ${ph.min}, mean ${ph.mean}, max ${ph.max}`);
        console.log(`  每局事件数 events per run: min ${rep.eventsPerRun.min}, mean ${rep.eventsPerRun.mean}, max ${rep.eventsPerRun.max}`);
        console.log(`  卡住的局 stuck runs: ${rep.stuck.length}`);
        for (const s of rep.stuck) {
          console.log(`  ✗ run ${s.run} (seed ${s.seed}) 卡在环节 stuck at phase "${s.phase}" (${s.reason}); seats ${JSON.stringify(s.seats)}`);
          if (s.eventsOmitted > 0) console.log(`    …（省略 ${s.eventsOmitted} 个事件，可用 seed ${s.seed} 重放 / ${s.eventsOmitted} events left out; replay with seed ${s.seed}）`);
          for (const e of s.events) console.log(`    ${JSON.stringify(e)}`);
        }
      }
      // Conditions that fail to evaluate are errors of the check printed above: the simulation proved nothing clean.
      if (rep.stuck.length > 0 || c.findings.some((f) => f.severity === 'error')) process.exitCode = 1;
    });

  story
    .command('schema')
    .description('输出 scenario.yaml 的 JSON Schema（供编辑器提示）/ print the JSON Schema of scenario.yaml for editors')
    .option('-o, --output <file>', '写入文件 / write to a file')
    .action(async (opts: { output?: string }) => {
      const text = JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
      if (opts.output) await writeFile(opts.output, text);
      else process.stdout.write(text);
    });

  story
    .command('graph')
    .description('把剧本流程导出为 SVG / export the scenario graph as SVG')
    .argument('<pack>', '内容包文件夹 / pack folder')
    .option('--scenario <id>', '剧本 id / scenario id')
    .requiredOption('-o, --output <file>', '输出的 SVG 文件 / SVG file to write')
    .option('--locale <locale>', 'zh-Hans 或 en / zh-Hans or en', 'zh-Hans')
    .action(async (pack: string, opts: { scenario?: string; output: string; locale: string }) => {
      const c = await oneScenario(pack, opts.scenario);
      const locale = opts.locale === 'en' ? 'en' : 'zh-Hans';
      await writeFile(opts.output, scenarioSvg(c.scenario, { locale, ...(c.analysis ? { reachable: c.analysis.reachablePhases } : {}) }));
      console.log(`已写出 wrote ${opts.output}`);
    });
}
