import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatFinding, type Finding } from '../../core/findings';
import { pickText } from '../../core/text';
import { parseYamlSource } from '../../core/yaml-source';
import { drawForm, findForm, loadQuizBankSource, quizBankJsonSchema, QuizError, scoreAnswers, type QuizAnswer, type QuizBank } from '../../core/quiz/index';
import { quizStatsCsv } from '../../core/quiz/stats';
import { readPackYaml } from '../host/packs/manifest';
import { QuizStatsStore, statsDataDir } from '../host/quiz-stats';
import { CliError } from '../errors';
import { printReport } from './report';

/** The bank files pack.yaml lists under contents.quizzes; throws CliError when there are none. */
function listedBanks(dir: string): string[] {
  const manifest = readPackYaml(dir);
  if (!manifest) throw new CliError(`没有找到 pack.yaml：${dir} 不是内容包文件夹 / no pack.yaml: ${dir} is not a pack folder`, 2);
  if (manifest.source.syntaxFindings.length > 0) throw new CliError(manifest.source.syntaxFindings.map(formatFinding).join('\n'), 1);
  const entries = manifest.listed('quizzes') ?? [];
  if (entries.length === 0)
    throw new CliError(
      `pack.yaml 没有列出题库：请在 contents 下加入 quizzes: [quiz/你的题库.yaml] / pack.yaml lists no quiz bank: add quizzes: [quiz/your-bank.yaml] under contents`,
      1,
    );
  return entries;
}

/**
 * Reads the bank `bankId` of the pack folder `packDir`: pack.yaml → contents.quizzes → each
 * bank file, matched by its `id`. Throws CliError (exit 1) with placed findings when the bank
 * does not load.
 */
export function loadPackQuizBank(packDir: string, bankId: string): QuizBank {
  const dir = resolve(packDir);
  const entries = listedBanks(dir);
  const seen: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry);
    const files = new Map<string, string>();
    if (existsSync(path)) files.set(entry, readFileSync(path, 'utf8'));
    const src = files.get(entry);
    // Look at the id first, so one broken bank does not hide the one asked for.
    const id = src !== undefined ? (parseYamlSource(src, entry).value as { id?: unknown } | undefined)?.id : undefined;
    if (typeof id === 'string') seen.push(id);
    if (id !== bankId) continue;
    const loaded = loadQuizBankSource(files, entry);
    if (!loaded.bank) throw new CliError(loaded.findings.filter((f) => f.severity === 'error').map(formatFinding).join('\n'), 1);
    return loaded.bank;
  }
  throw new CliError(`内容包中没有题库 ${bankId}（已有：${seen.join('、') || '无'}） / the pack has no bank ${bankId} (it has: ${seen.join(', ') || 'none'})`, 1);
}

/** Every finding of every bank pack.yaml lists, as `redhall pack validate` would report them. */
export function checkPackQuizBanks(packDir: string): Finding[] {
  const dir = resolve(packDir);
  const entries = listedBanks(dir);
  const findings: Finding[] = [];
  for (const entry of entries) {
    const path = join(dir, entry);
    const files = new Map<string, string>(existsSync(path) ? [[entry, readFileSync(path, 'utf8')]] : []);
    findings.push(...loadQuizBankSource(files, entry).findings);
  }
  return findings;
}

/** The bank as `redhall quiz export` prints it: every question with its options and their points by dimension. */
export function exportBank(bank: QuizBank) {
  return {
    id: bank.id,
    title: bank.title,
    dimensions: bank.dimensions,
    bands: bank.bands,
    forms: bank.forms,
    questions: bank.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      dimensions: q.dimensions,
      knowledge: q.knowledge,
      ...(q.kind === 'multiple' ? { partial: q.partial } : {}),
      ...(q.kind === 'likert' ? { reverse: q.reverse } : {}),
      prompt: q.prompt,
      options: q.options.map((o) => ({ id: o.id, text: o.text, ...(q.knowledge ? { correct: o.correct } : {}), scores: o.scores })),
      ...(q.explanation !== undefined ? { explanation: q.explanation } : {}),
      ...(q.source !== undefined ? { source: q.source } : {}),
    })),
  };
}

interface ScoreOptions {
  bank: string;
  answers: string;
  form?: string;
  seed?: string;
  json?: boolean;
}

/** Reads an answers file: `{"answers": {...}, "questions"?: [...]}`. */
function readAnswers(file: string): { answers: Record<string, QuizAnswer | null>; questions?: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (e) {
    throw new CliError(`无法读取答案文件 ${file}：${(e as Error).message} / cannot read the answers file ${file}: ${(e as Error).message}`, 1);
  }
  const o = raw as { answers?: unknown; questions?: unknown };
  if (typeof o !== 'object' || o === null || typeof o.answers !== 'object' || o.answers === null || Array.isArray(o.answers))
    throw new CliError(`${file}：应为 {"answers": {"题目编号": 选项}} / ${file}: expected {"answers": {"<questionId>": <answer>}}`, 1);
  const questions = Array.isArray(o.questions) ? o.questions.filter((q): q is string => typeof q === 'string') : undefined;
  return { answers: o.answers as Record<string, QuizAnswer | null>, ...(questions ? { questions } : {}) };
}

function scoreCommand(packDir: string, o: ScoreOptions) {
  const bank = loadPackQuizBank(packDir, o.bank);
  const { answers, questions } = readAnswers(o.answers);
  // Which questions were put to the visitor: a drawn form (--seed), the file's list, or every
  // question the file answers (null = shown but skipped).
  let ids: string[];
  let skipped: 'zero' | 'exclude' = 'zero';
  if (o.seed !== undefined) {
    ids = drawForm(bank, o.form, o.seed).questions.map((q) => q.questionId);
    skipped = findForm(bank, o.form).skipped;
  } else {
    ids = questions ?? Object.keys(answers);
    if (o.form !== undefined) skipped = findForm(bank, o.form).skipped;
  }
  const known = new Set(bank.questions.map((q) => q.id));
  const unknown = Object.keys(answers).filter((id) => !known.has(id));
  if (unknown.length > 0) throw new CliError(`题库 ${bank.id} 中没有这些题目：${unknown.join('、')} / bank ${bank.id} has no questions ${unknown.join(', ')}`, 1);
  const outside = Object.keys(answers).filter((id) => !ids.includes(id));
  if (outside.length > 0) throw new CliError(`这些题目不在本次抽到的题中：${outside.join('、')} / these questions are not in the drawn form: ${outside.join(', ')}`, 1);
  const report = scoreAnswers(bank, ids, answers, skipped);
  const out = {
    bank: bank.id,
    dimensions: Object.fromEntries(report.dimensions.map((d) => [d.id, d.score])),
    overall: report.overall,
    bands: Object.fromEntries(report.dimensions.map((d) => [d.id, d.band])),
    overallBand: report.overallBand,
    answered: report.answered,
    skipped: report.skipped,
    detail: report.dimensions,
  };
  if (o.json) {
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return;
  }
  const bandName = (id: string | null) => (id === null ? '—' : pickText(bank.bands.find((b) => b.id === id)?.name, 'zh-Hans'));
  for (const d of report.dimensions) {
    const name = pickText(bank.dimensions.find((x) => x.id === d.id)?.name, 'zh-Hans');
    process.stdout.write(`${name.padEnd(10, '　')} ${d.score === null ? '  —' : String(d.score).padStart(3)}  ${bandName(d.band)}\n`);
  }
  process.stdout.write(`总体 / overall  ${report.overall ?? '—'}  ${bandName(report.overallBand)}  (${report.answered} 答 / answered, ${report.skipped} 跳过 / skipped)\n`);
}

/** Registers `redhall quiz …`. */
export function registerQuizCommands(program: Command): void {
  const quiz = program.command('quiz').description('党性体检：题库导出、计分、统计 / party-spirit self-check: export banks, score answers, statistics');

  quiz
    .command('check <pack>')
    .description('校验内容包中的每个题库 / check every quiz bank of a pack')
    .option('--json', '输出 JSON / print JSON')
    .action((pack: string, o: { json?: boolean }) =>
      run(() => {
        const findings = checkPackQuizBanks(pack);
        const ok = printReport(findings, o.json, { valid: '题库有效 / banks valid', invalid: '题库无效 / banks invalid' });
        process.exitCode = ok ? 0 : 1;
      }),
    );

  quiz
    .command('export <pack>')
    .description('输出规范化的题库（题目、选项及各维度得分）/ print a bank normalised: questions, options and their points by dimension')
    .requiredOption('--bank <id>', '题库编号 / bank id')
    .option('--json', '输出 JSON / print JSON')
    .action((pack: string, o: { bank: string; json?: boolean }) =>
      run(() => {
        const bank = loadPackQuizBank(pack, o.bank);
        const out = exportBank(bank);
        if (o.json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
        else {
          for (const q of out.questions)
            process.stdout.write(`${q.id}  [${q.kind}] ${q.dimensions.join('+')}  ${pickText(q.prompt, 'zh-Hans')}\n` + q.options.map((op) => `    ${op.id}  ${JSON.stringify(op.scores)}  ${pickText(op.text, 'zh-Hans')}\n`).join(''));
          process.stdout.write(`${out.questions.length} 题 / questions\n`);
        }
      }),
    );

  quiz
    .command('score <pack>')
    .description('为答案文件计分 / score an answers file: {"answers": {"<questionId>": "<optionId>" | ["<optionId>", …] | 1..5}}')
    .requiredOption('--bank <id>', '题库编号 / bank id')
    .requiredOption('--answers <file>', '答案 JSON 文件 / answers JSON file')
    .option('--form <id>', '表单编号（决定跳题计分规则）/ form id (its skip rule applies)')
    .option('--seed <seed>', '按种子抽题，未答的题算跳过 / draw the form with this seed; unanswered questions count as skipped')
    .option('--json', '输出 JSON / print JSON')
    .action((pack: string, o: ScoreOptions) => run(() => scoreCommand(pack, o)));

  quiz
    .command('schema')
    .description('输出题库文件的 JSON Schema（供编辑器补全）/ print the JSON Schema of a bank file, for editors')
    .action(() => run(() => process.stdout.write(JSON.stringify(quizBankJsonSchema(), null, 2) + '\n')));

  quiz
    .command('draw <pack>')
    .description('按种子抽一套题 / draw a form with a seed')
    .requiredOption('--bank <id>', '题库编号 / bank id')
    .requiredOption('--seed <seed>', '种子 / seed')
    .option('--form <id>', '表单编号 / form id (default: the first)')
    .action((pack: string, o: { bank: string; seed: string; form?: string }) =>
      run(() => {
        const bank = loadPackQuizBank(pack, o.bank);
        process.stdout.write(JSON.stringify(drawForm(bank, o.form, o.seed), null, 2) + '\n');
      }),
    );

  quiz
    .command('stats')
    .description('按天汇总匿名体检统计 / anonymous self-check statistics per day')
    .option('--csv', '输出 CSV（长表：每行一个量）/ print CSV, one measure a row')
    .option('--json', '输出 JSON / print JSON')
    .option('--data <dir>', '数据目录 / data folder (REDHALL_DATA, default .data)')
    .action((o: { csv?: boolean; json?: boolean; data?: string }) =>
      run(() => {
        const store = new QuizStatsStore(statsDataDir(o.data));
        const { rows, warnings } = store.fold();
        for (const w of warnings) process.stderr.write(`${w.file}:${w.line} warning quiz.stats-line-skipped  ${w.message['zh-Hans']} / ${w.message.en}\n`);
        if (o.csv) process.stdout.write(quizStatsCsv(rows));
        else if (o.json) process.stdout.write(JSON.stringify({ days: rows, warnings: warnings.length }, null, 2) + '\n');
        else {
          if (rows.length === 0) process.stdout.write(`还没有体检记录 / no self-check records yet (${store.dir})\n`);
          for (const r of rows) {
            process.stdout.write(`${r.day}  ${r.packId}/${r.bankId}  开始 started ${r.started}  完成 completed ${r.completed}  中途离开 abandoned ${r.abandoned}\n`);
            const means = Object.entries(r.meanByDimension).map(([d, m]) => `${d} ${m}`);
            if (means.length > 0) process.stdout.write(`    平均分 / mean: ${means.join('  ')}\n`);
            for (const [qid, counts] of Object.entries(r.answers))
              process.stdout.write(`    ${qid}: ${Object.entries(counts).map(([k, n]) => `${k}×${n}`).join(' ')}\n`);
          }
        }
      }),
    );
}

function run(body: () => void): void {
  try {
    body();
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(e.message + '\n');
      process.exitCode = e.exitCode;
      return;
    }
    if (e instanceof QuizError) {
      process.stderr.write(e.message + '\n');
      process.exitCode = 1;
      return;
    }
    throw e;
  }
}
