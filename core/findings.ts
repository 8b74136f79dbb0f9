import type { z } from 'zod';
import type { Bilingual } from './text';

export type Severity = 'error' | 'warning' | 'info';

/** One thing a checker found in a curator's file, placed at a line and column (1-based). */
export interface Finding {
  code: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  message: Bilingual;
}

/** The JSON every checking command prints with --json. */
export interface FindingReport {
  ok: boolean;
  errors: Finding[];
}

/** Builds a report: ok when no finding is an error. */
export function report(findings: Finding[]): FindingReport {
  return { ok: !findings.some((f) => f.severity === 'error'), errors: findings };
}

/** Formats a finding for a terminal: `file:line:column severity code  中文 / English`. */
export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code}  ${f.message['zh-Hans']} / ${f.message.en}`;
}

/** A place in a curator's file, 1-based. */
export interface Place {
  line: number;
  column: number;
}

/** Builds one finding: the single shape every checker (pack, quiz, story, hall, install) reports in. */
export function finding(code: string, severity: Severity, file: string, at: Place, message: Bilingual): Finding {
  return { code, severity, file, line: at.line, column: at.column, message };
}

/** An error that belongs to a whole file (line 1, column 1): archives, locks, folders. */
export function fileError(code: string, file: string, message: Bilingual): Finding {
  return finding(code, 'error', file, { line: 1, column: 1 }, message);
}

type IssuePath = ReadonlyArray<string | number>;

/** What a zod issue needs to be placed: a parsed file that can locate a path (a YamlSource). */
export interface Locatable {
  file: string;
  locate(path: IssuePath): Place;
}

/**
 * One zod issue as one placed finding, worded for a curator: a missing field says missing, a wrong
 * type says what was expected, an unknown field is placed on its key. `explain` lets a checker
 * word an issue in its own terms (the kinds a phase or a question may have).
 */
export function zodIssueFinding(issue: z.core.$ZodIssue, src: Locatable, code: string, explain?: (issue: z.core.$ZodIssue, where: string) => Bilingual | undefined): Finding {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const where = path.length ? path.join('.') : '(top)';
  let at: IssuePath = path;
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) at = [...path, issue.keys[0]];
  else if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string') at = [...path, issue.discriminator];
  return finding(code, 'error', src.file, src.locate(at), explain?.(issue, where) ?? issueMessage(issue, path, where));
}

/** A zod issue worded for a curator (for checkers that place findings themselves); `root` is the parsed file. */
export function zodIssueMessage(issue: z.core.$ZodIssue, _root?: unknown): Bilingual {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  return issueMessage(issue, path, path.length ? path.join('.') : '(top)');
}

function issueMessage(issue: z.core.$ZodIssue, path: IssuePath, where: string): Bilingual {
  const key = String(path[path.length - 1] ?? where);
  if (isMissing(issue)) return { 'zh-Hans': `缺少必填项“${key}”（位置：${where}）。`, en: `Missing required field ${key} (at ${where}).` };
  switch (issue.code) {
    case 'invalid_type':
      return { 'zh-Hans': `“${where}”的类型不对：应为 ${issue.expected}。`, en: `"${where}" has the wrong type: expected ${issue.expected}.` };
    case 'unrecognized_keys':
      return {
        'zh-Hans': `不认识的字段：${issue.keys.join('、')}（在“${where}”中）。请检查拼写或删除。`,
        en: `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} in "${where}". Check the spelling or remove it.`,
      };
    case 'invalid_value':
      return {
        'zh-Hans': `“${where}”的值不在可选范围内：${issue.values.map(String).join('、')}。`,
        en: `"${where}" must be one of: ${issue.values.map(String).join(', ')}.`,
      };
    case 'too_small':
      return { 'zh-Hans': `“${where}”太少或太小（至少 ${String(issue.minimum)}）。`, en: `"${where}" is too small or too short (minimum ${String(issue.minimum)}).` };
    case 'too_big':
      return { 'zh-Hans': `“${where}”太多或太大（最多 ${String(issue.maximum)}）。`, en: `"${where}" is too big or too long (maximum ${String(issue.maximum)}).` };
    case 'invalid_union':
      if (issue.errors.some((branch) => branch.some((i) => i.path[0] === 'zh-Hans')))
        return {
          'zh-Hans': `“${where}”应为一段文字，或含 zh-Hans（必填）、zh-Hant、en 的多语言文字。`,
          en: `"${where}" must be text, or a map with zh-Hans (required), zh-Hant and en.`,
        };
      return { 'zh-Hans': `“${where}”的写法不对：${issue.message}。`, en: `"${where}" is not valid: ${issue.message}.` };
    default:
      return { 'zh-Hans': `“${where}”不符合要求：${issue.message}。`, en: `"${where}" is not valid: ${issue.message}.` };
  }
}

/**
 * A missing field shows up as invalid_type "received undefined", or, for a union such as
 * LocalisedText, as invalid_union whose every branch says so.
 */
function isMissing(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'invalid_type') return /received undefined/.test(issue.message);
  if (issue.code === 'invalid_union' && issue.errors.length > 0)
    return issue.errors.every((branch) => branch.length > 0 && branch.every((i) => i.path.length === 0 && isMissing(i)));
  return false;
}
