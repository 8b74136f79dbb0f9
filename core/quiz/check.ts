import type { z } from 'zod';
import { oneCausePerKey, zodIssueFinding, type Finding, type Severity } from '../findings';
import { parseYamlSource, type Path, type YamlSource } from '../yaml-source';
import { normaliseBank, questionDimensions, QuizBankSource, type QuizBank } from './bank';

/** A bank read from a pack: the normalised bank when it has no errors, and every finding. */
export interface LoadedQuizBank {
  bank: QuizBank | undefined;
  findings: Finding[];
}

/**
 * Parses and checks one bank file (schema, then references and scoring sense), placing every
 * finding at its line and column. Never throws.
 */
export function loadQuizBankSource(files: ReadonlyMap<string, string>, entry: string): LoadedQuizBank {
  const text = files.get(entry);
  if (text === undefined) {
    return {
      bank: undefined,
      findings: [
        {
          code: 'quiz.file-missing',
          severity: 'error',
          file: entry,
          line: 1,
          column: 1,
          message: {
            'zh-Hans': `pack.yaml 列出的题库文件 ${entry} 不存在，请检查路径（相对于内容包根目录）。`,
            en: `The quiz bank ${entry} listed in pack.yaml does not exist; check the path (relative to the pack root).`,
          },
        },
      ],
    };
  }
  const src = parseYamlSource(text, entry);
  if (src.syntaxFindings.length > 0) return { bank: undefined, findings: capSyntax(src.syntaxFindings) };
  const parsed = QuizBankSource.safeParse(src.value);
  if (!parsed.success) return { bank: undefined, findings: oneCausePerKey(parsed.error.issues, src.value, QuizBankSource).map((i) => schemaFinding(src, i)) };
  const findings = checkReferences(src, parsed.data);
  if (findings.some((f) => f.severity === 'error')) return { bank: undefined, findings };
  return { bank: normaliseBank(parsed.data), findings };
}

// One broken quote can make the parser report hundreds of follow-on errors; the first few
// say where to look.
const MAX_SYNTAX_FINDINGS = 10;
function capSyntax(findings: Finding[]): Finding[] {
  if (findings.length <= MAX_SYNTAX_FINDINGS) return findings;
  const rest = findings.length - MAX_SYNTAX_FINDINGS;
  const last = findings[MAX_SYNTAX_FINDINGS - 1]!;
  return [
    ...findings.slice(0, MAX_SYNTAX_FINDINGS),
    {
      ...last,
      code: 'yaml.syntax-more',
      message: {
        'zh-Hans': `此后还有 ${rest} 处语法错误，多半由上面第一处引起；改正后重新校验。`,
        en: `${rest} more syntax errors follow, most likely caused by the first one above; fix it and check again.`,
      },
    },
  ];
}

// The kinds a question may have, in the bank's own words; every other issue is worded by core/findings.
function schemaFinding(src: YamlSource, issue: z.core.$ZodIssue): Finding {
  return zodIssueFinding(issue, src, 'quiz.schema', {
    schema: QuizBankSource,
    explain: (i) =>
      i.code === 'invalid_union' && 'discriminator' in i && i.discriminator === 'kind'
        ? { 'zh-Hans': '题型 kind 必须是 single（单选）、multiple（多选）、truefalse（判断）或 likert（自评量表）之一。', en: 'kind must be one of single, multiple, truefalse or likert.' }
        : undefined,
  });
}

function checkReferences(src: YamlSource, bank: QuizBankSource): Finding[] {
  const out: Finding[] = [];
  const add = (severity: Severity, code: string, path: Path, zh: string, en: string) =>
    out.push({ code, severity, file: src.file, ...src.locate(path), message: { 'zh-Hans': zh, en } });

  const dimIds = new Set<string>();
  bank.dimensions.forEach((d, i) => {
    if (dimIds.has(d.id)) add('error', 'quiz.duplicate-id', ['dimensions', i, 'id'], `维度编号 ${d.id} 重复。`, `Dimension id ${d.id} is used twice.`);
    dimIds.add(d.id);
  });

  const bandIds = new Set<string>();
  bank.bands.forEach((b, i) => {
    if (bandIds.has(b.id)) add('error', 'quiz.duplicate-id', ['bands', i, 'id'], `等级编号 ${b.id} 重复。`, `Band id ${b.id} is used twice.`);
    bandIds.add(b.id);
  });
  if (!bank.bands.some((b) => b.min === 0))
    add('error', 'quiz.band-floor', ['bands'], '必须有一个等级的 min 为 0，否则低分没有等级可归。', 'One band must have min: 0, or low scores fall in no band.');
  const mins = bank.bands.map((b) => b.min);
  bank.bands.forEach((b, i) => {
    if (mins.indexOf(b.min) !== i) add('error', 'quiz.band-duplicate-min', ['bands', i, 'min'], `等级 ${b.id} 的 min 与前面的等级相同。`, `Band ${b.id} has the same min as an earlier band.`);
  });

  // Advice: every dimension × band, and nothing that refers to unknown ids.
  for (const [dim, byBand] of Object.entries(bank.advice)) {
    if (!dimIds.has(dim)) add('error', 'quiz.unknown-dimension', ['advice', dim], `建议中的维度 ${dim} 未在 dimensions 中定义。`, `Advice names dimension ${dim}, which dimensions does not define.`);
    for (const band of Object.keys(byBand))
      if (!bandIds.has(band)) add('error', 'quiz.unknown-band', ['advice', dim, band], `建议中的等级 ${band} 未在 bands 中定义。`, `Advice names band ${band}, which bands does not define.`);
  }
  for (const d of dimIds)
    for (const b of bandIds)
      if (bank.advice[d]?.[b] === undefined)
        add('warning', 'quiz.advice-missing', bank.advice[d] ? ['advice', d] : ['advice'], `维度 ${d} 在等级 ${b} 下没有建议，报告中将不显示建议。`, `Dimension ${d} has no advice for band ${b}; the report will show none.`);

  const qIds = new Set<string>();
  const pool = new Map<string, number>();
  bank.questions.forEach((q, i) => {
    const at = (...rest: (string | number)[]): Path => ['questions', i, ...rest];
    if (qIds.has(q.id)) add('error', 'quiz.duplicate-id', at('id'), `题目编号 ${q.id} 重复。`, `Question id ${q.id} is used twice.`);
    qIds.add(q.id);
    if (q.dimension !== undefined && q.dimensions !== undefined)
      add('error', 'quiz.dimension-twice', at('dimensions'), `题目 ${q.id} 同时写了 dimension 和 dimensions，只保留一个。`, `Question ${q.id} has both dimension and dimensions; keep one.`);
    const dims = questionDimensions(q);
    if (dims.length === 0)
      add('error', 'quiz.no-dimension', at('id'), `题目 ${q.id} 没有指定维度（dimension）。`, `Question ${q.id} names no dimension (dimension).`);
    dims.forEach((d, j) => {
      if (!dimIds.has(d))
        add('error', 'quiz.unknown-dimension', q.dimensions ? at('dimensions', j) : at('dimension'), `题目 ${q.id} 的维度 ${d} 未在 dimensions 中定义。`, `Question ${q.id} names dimension ${d}, which dimensions does not define.`);
    });
    if (dims[0] !== undefined) pool.set(dims[0], (pool.get(dims[0]) ?? 0) + 1);

    if (q.kind === 'single' || q.kind === 'multiple') {
      const optIds = new Set<string>();
      q.options.forEach((o, j) => {
        if (optIds.has(o.id)) add('error', 'quiz.duplicate-id', at('options', j, 'id'), `题目 ${q.id} 的选项编号 ${o.id} 重复。`, `Question ${q.id} uses option id ${o.id} twice.`);
        optIds.add(o.id);
        for (const d of Object.keys(o.scores ?? {}))
          if (!dims.includes(d))
            add('error', 'quiz.score-dimension', at('options', j, 'scores', d), `选项 ${o.id} 给维度 ${d} 计分，但题目 ${q.id} 不属于该维度；请把它加入题目的 dimensions。`, `Option ${o.id} scores dimension ${d}, which question ${q.id} does not list; add it to the question's dimensions.`);
      });
      const correct = q.options.filter((o) => o.correct === true).length;
      const anyScores = q.options.some((o) => o.scores !== undefined);
      if (correct === 0 && !anyScores)
        add('error', 'quiz.no-scoring', at('options'), `题目 ${q.id} 没有正确选项（correct: true），也没有 scores，无法计分。`, `Question ${q.id} has no correct option (correct: true) and no scores, so it cannot be scored.`);
      if (q.kind === 'single' && correct > 1)
        add('error', 'quiz.single-many-correct', at('options'), `单选题 ${q.id} 有 ${correct} 个正确选项；改为 multiple 或只保留一个。`, `Single-choice question ${q.id} has ${correct} correct options; make it multiple or keep one.`);
      if (q.kind === 'multiple' && correct > 0 && correct === q.options.length && q.partial !== false)
        add('warning', 'quiz.multiple-all-correct', at('options'), `多选题 ${q.id} 的选项全部正确，全选即得满分。`, `Every option of multiple-choice question ${q.id} is correct: picking all gives full marks.`);
      const positive = q.options.some((o) => o.correct === true || Object.values(o.scores ?? {}).some((v) => v > 0));
      if (!positive && (correct > 0 || anyScores))
        add('error', 'quiz.no-points', at('options'), `题目 ${q.id} 没有任何选项得分，无法计分。`, `No option of question ${q.id} gives any points, so it cannot be scored.`);
    }
    const knowledge = q.kind === 'truefalse' || ((q.kind === 'single' || q.kind === 'multiple') && q.options.some((o) => o.correct === true));
    if (knowledge && q.explanation === undefined)
      add('warning', 'quiz.explanation-missing', at('id'), `知识题 ${q.id} 没有解析（explanation），答题后无内容可显示。`, `Knowledge question ${q.id} has no explanation to show after it is answered.`);
    if (knowledge && q.source === undefined)
      add('warning', 'quiz.source-missing', at('id'), `知识题 ${q.id} 没有注明出处（source）。`, `Knowledge question ${q.id} does not cite its source.`);
  });

  const formIds = new Set<string>();
  bank.forms.forEach((f, i) => {
    if (formIds.has(f.id)) add('error', 'quiz.duplicate-id', ['forms', i, 'id'], `表单编号 ${f.id} 重复。`, `Form id ${f.id} is used twice.`);
    formIds.add(f.id);
    const wants: [string, number, Path][] =
      typeof f.perDimension === 'number'
        ? [...dimIds].map((d) => [d, f.perDimension as number, ['forms', i, 'perDimension']])
        : Object.entries(f.perDimension).map(([d, n]) => [d, n, ['forms', i, 'perDimension', d]]);
    for (const [d, n, path] of wants) {
      if (!dimIds.has(d)) {
        add('error', 'quiz.unknown-dimension', path, `表单 ${f.id} 的维度 ${d} 未在 dimensions 中定义。`, `Form ${f.id} names dimension ${d}, which dimensions does not define.`);
        continue;
      }
      const have = pool.get(d) ?? 0;
      if (n > have)
        add('error', 'quiz.form-too-many', path, `表单 ${f.id} 要从维度 ${d} 抽 ${n} 题，但题库里该维度只有 ${have} 题。`, `Form ${f.id} draws ${n} questions from dimension ${d}, but the bank has only ${have}.`);
    }
  });
  return out;
}
