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

/** What a zod issue needs to be placed and worded: a parsed file that can locate a path (a YamlSource) and its value. */
export interface Locatable {
  file: string;
  value?: unknown;
  locate(path: IssuePath): Place;
}

export interface IssueOptions {
  /** Words an issue in a checker's own terms (the kinds a phase or a question may have); undefined for the common wording. */
  explain?: (issue: z.core.$ZodIssue) => Bilingual | undefined;
  /** The schema the file was parsed with: an unknown key gets a "did you mean" from the keys it allows. */
  schema?: z.ZodType;
  /** How a path is named; by default as a curator wrote it (`describePath`). hall.yaml, a technician's file, names dotted paths. */
  where?: (path: IssuePath, root: unknown) => Bilingual;
}

/**
 * One zod issue as one placed finding, worded for a curator: what is wrong, where (the key, the
 * item's id or title, 1-based positions), what to do. A missing field says missing, a wrong type
 * says what was expected and what was written, an unknown field is placed on its key.
 */
export function zodIssueFinding(issue: z.core.$ZodIssue, src: Locatable, code: string, opts: IssueOptions = {}): Finding {
  const path = cleanPath(issue.path);
  let at: IssuePath = path;
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) at = [...path, issue.keys[0]];
  else if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string') at = [...path, issue.discriminator];
  return finding(code, 'error', src.file, src.locate(at), opts.explain?.(issue) ?? zodIssueMessage(issue, src.value, opts.schema, opts.where));
}

/**
 * One cause, one finding: a required key reported missing because it was misspelt (`titel:` for
 * `title:`) is said once, by the unknown key's "did you mean", not a second time as missing.
 */
export function oneCausePerKey(issues: readonly z.core.$ZodIssue[], root: unknown, schema?: z.ZodType): z.core.$ZodIssue[] {
  const explained = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = cleanPath(issue.path);
    const allowed = keysAt(schema, path, root);
    for (const key of issue.keys) {
      const near = closest(key, allowed);
      if (near !== undefined) explained.add(JSON.stringify([...path, near]));
    }
  }
  return issues.filter((issue) => !(isMissing(issue) && explained.has(JSON.stringify(cleanPath(issue.path)))));
}

/** A zod issue worded for a curator (for checkers that place findings themselves); `root` is the parsed file. */
export function zodIssueMessage(issue: z.core.$ZodIssue, root?: unknown, schema?: z.ZodType, name = describePath): Bilingual {
  const path = cleanPath(issue.path);
  const where = name(path, root);
  const key = String(path[path.length - 1] ?? '');
  const got = valueAt(root, path);
  if (isMissing(issue)) {
    const parent = name(path.slice(0, -1), root);
    return {
      'zh-Hans': `缺少必填项“${key}”${path.length > 1 ? `（在 ${parent['zh-Hans']} 中）` : ''}。请补上。`,
      en: `Missing required field ${key}${path.length > 1 ? ` (in ${parent.en})` : ''}. Add it.`,
    };
  }
  switch (issue.code) {
    case 'invalid_type': {
      const want = TYPE_WORDS[issue.expected] ?? { 'zh-Hans': issue.expected, en: issue.expected };
      const quote = issue.expected === 'string' && (typeof got === 'number' || typeof got === 'boolean');
      return {
        'zh-Hans': `${where['zh-Hans']} 的类型不对：应为${want['zh-Hans']}，这里写的是${valueWords(got)['zh-Hans']}。${quote ? `请加上引号，写成 "${String(got)}"。` : ''}`,
        en: `${where.en} has the wrong type: expected ${want.en}, but it is ${valueWords(got).en}.${quote ? ` Put it in quotes: "${String(got)}".` : ''}`,
      };
    }
    case 'unrecognized_keys': {
      const unknown = issue.keys[0] ?? '';
      const near = closest(unknown, keysAt(schema, path, root));
      const inside = path.length ? { 'zh-Hans': `（在 ${where['zh-Hans']} 中）`, en: ` in ${where.en}` } : { 'zh-Hans': '', en: '' };
      const more = issue.keys.length > 1 ? { 'zh-Hans': `另有 ${issue.keys.slice(1).map((k) => `“${k}”`).join('、')} 也不认识。`, en: ` Also unknown: ${issue.keys.slice(1).join(', ')}.` } : { 'zh-Hans': '', en: '' };
      return {
        'zh-Hans': `不认识的字段“${unknown}”${inside['zh-Hans']}。${near ? `是不是想写“${near}”？` : '请检查拼写，或删去它。'}${more['zh-Hans']}`,
        en: `Unknown field "${unknown}"${inside.en}. ${near ? `Did you mean "${near}"?` : 'Check the spelling or remove it.'}${more.en}`,
      };
    }
    case 'invalid_value':
      return {
        'zh-Hans': `${where['zh-Hans']} 只能是 ${issue.values.map((v) => `“${String(v)}”`).join('、')} 之一，这里写的是${valueWords(got)['zh-Hans']}。`,
        en: `${where.en} must be one of ${issue.values.map((v) => `"${String(v)}"`).join(', ')}, but it is ${valueWords(got).en}.`,
      };
    case 'too_small':
    case 'too_big': {
      const n = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const small = issue.code === 'too_small';
      const words: Bilingual =
        issue.origin === 'string' ? (small ? { 'zh-Hans': `至少要有 ${n} 个字`, en: `at least ${n} characters` } : { 'zh-Hans': `最多 ${n} 个字`, en: `at most ${n} characters` })
        : issue.origin === 'array' || issue.origin === 'set' ? (small ? { 'zh-Hans': `至少要有 ${n} 项`, en: `at least ${n} items` } : { 'zh-Hans': `最多 ${n} 项`, en: `at most ${n} items` })
        : small ? { 'zh-Hans': `不能小于 ${n}`, en: `at least ${n}` } : { 'zh-Hans': `不能大于 ${n}`, en: `at most ${n}` };
      const gotWords = issue.origin === 'number' || issue.origin === 'int' ? valueWords(got) : undefined;
      return {
        'zh-Hans': `${where['zh-Hans']} ${words['zh-Hans']}${gotWords ? `，这里写的是${gotWords['zh-Hans']}` : ''}。`,
        en: `${where.en} must be ${words.en}${gotWords ? `, but it is ${gotWords.en}` : ''}.`,
      };
    }
    case 'invalid_format': {
      const hint = readHint(issue.message);
      return {
        'zh-Hans': `${where['zh-Hans']} 的写法不对${hint ? `：应为${hint['zh-Hans']}` : ''}，这里写的是${valueWords(got)['zh-Hans']}。`,
        en: `${where.en} is not written right${hint ? `: it should be ${hint.en}` : ''}; it is ${valueWords(got).en}.`,
      };
    }
    case 'invalid_union':
      if (issue.errors.some((branch) => branch.some((i) => i.path[0] === 'zh-Hans')))
        return {
          'zh-Hans': `${where['zh-Hans']} 应为一段文字，或含 zh-Hans（必填）、zh-Hant、en 的多语言文字。`,
          en: `${where.en} must be text, or a map with zh-Hans (required), zh-Hant and en.`,
        };
      return { 'zh-Hans': `${where['zh-Hans']} 的写法不符合任何一种允许的形式。请对照示例内容包修改。`, en: `${where.en} fits none of the allowed forms: ${issue.message}. Compare it with the demo pack.` };
    default: {
      const hint = readHint(issue.message);
      return hint
        ? { 'zh-Hans': `${where['zh-Hans']}：${hint['zh-Hans']}。`, en: `${where.en}: ${hint.en}.` }
        : { 'zh-Hans': `${where['zh-Hans']} 的写法不符合要求。请对照示例内容包修改。`, en: `${where.en} is not valid: ${issue.message}.` };
    }
  }
}

/**
 * A schema's own message in both languages: `.regex(re, formatHint({...}))` lets the finding
 * say what the curator should write in zh-Hans and en (zod carries one string).
 */
export function formatHint(hint: Bilingual): string {
  return `${hint['zh-Hans']}${HINT_MARK}${hint.en}`;
}

const HINT_MARK = '\u241E';

function readHint(message: string): Bilingual | undefined {
  const at = message.indexOf(HINT_MARK);
  return at < 0 ? undefined : { 'zh-Hans': message.slice(0, at), en: message.slice(at + HINT_MARK.length) };
}

function cleanPath(path: ReadonlyArray<PropertyKey>): (string | number)[] {
  return path.filter((k): k is string | number => typeof k !== 'symbol');
}

const TYPE_WORDS: Record<string, Bilingual> = {
  string: { 'zh-Hans': '文字', en: 'text' },
  number: { 'zh-Hans': '数字', en: 'a number' },
  int: { 'zh-Hans': '整数', en: 'a whole number' },
  boolean: { 'zh-Hans': 'true 或 false', en: 'true or false' },
  array: { 'zh-Hans': '列表（每项以“- ”开头）', en: 'a list (each item starting with "- ")' },
  object: { 'zh-Hans': '一组“键: 值”', en: 'a map of "key: value" lines' },
  null: { 'zh-Hans': '空', en: 'empty' },
};

function valueWords(v: unknown): Bilingual {
  if (v === undefined || v === null) return { 'zh-Hans': '空值', en: 'empty' };
  if (typeof v === 'string') return { 'zh-Hans': `文字“${short(v)}”`, en: `the text "${short(v)}"` };
  if (typeof v === 'number') return { 'zh-Hans': `数字 ${v}`, en: `the number ${v}` };
  if (typeof v === 'boolean') return { 'zh-Hans': String(v), en: String(v) };
  if (Array.isArray(v)) return { 'zh-Hans': `一个 ${v.length} 项的列表`, en: `a list of ${v.length}` };
  return { 'zh-Hans': '一组“键: 值”', en: 'a map' };
}

function short(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}

const LOCALE_WORDS: Record<string, Bilingual> = {
  'zh-Hans': { 'zh-Hans': '简体', en: 'Simplified Chinese' },
  'zh-Hant': { 'zh-Hans': '繁体', en: 'Traditional Chinese' },
  en: { 'zh-Hans': '英文', en: 'English' },
};

/**
 * A path as the curator wrote it: keys as written, list items by 1-based position and their id or
 * title (`stations › 第 2 项（founding）› date`); the whole file is 「文件开头」/ "the top of the file".
 */
export function describePath(path: IssuePath, root: unknown): Bilingual {
  if (path.length === 0) return { 'zh-Hans': '文件最外层', en: 'the top of the file' };
  const zh: string[] = [];
  const en: string[] = [];
  let v = root;
  for (const k of path) {
    v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
    if (typeof k === 'number') {
      const label = itemLabel(v);
      zh.push(`第 ${k + 1} 项${label ? `（${label}）` : ''}`);
      en.push(`item ${k + 1}${label ? ` (${label})` : ''}`);
    } else if (LOCALE_WORDS[k] && zh.length > 0) {
      zh.push(`${LOCALE_WORDS[k]['zh-Hans']}`);
      en.push(LOCALE_WORDS[k].en);
    } else {
      zh.push(k);
      en.push(k);
    }
  }
  return { 'zh-Hans': `“${zh.join(' › ')}”`, en: `"${en.join(' › ')}"` };
}

function itemLabel(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.id === 'string') return short(o.id);
  const t = o.title;
  if (typeof t === 'string') return short(t);
  if (t !== null && typeof t === 'object' && typeof (t as Record<string, unknown>)['zh-Hans'] === 'string') return short((t as Record<string, string>)['zh-Hans']!);
  return undefined;
}

function valueAt(root: unknown, path: IssuePath): unknown {
  let v = root;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
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

// zod 4 keeps a schema's structure on `_zod.def`; the public types do not expose it, so this
// reads it through a narrow structural type.
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas a value may be matched against, wrappers (optional, default, pipe) and unions opened. */
function open(s: z.ZodType): z.ZodType[] {
  const d = defOf(s);
  if (d.innerType) return open(d.innerType);
  if (d.type === 'pipe' && d.in) return open(d.in);
  if (d.type === 'union' && d.options) return d.options.flatMap(open);
  return [s];
}

/** Keys the schema allows in the map at `path` (every union branch's), for "did you mean". */
function keysAt(schema: z.ZodType | undefined, path: IssuePath, root: unknown): string[] {
  if (!schema) return [];
  let nodes = open(schema);
  for (const k of path) {
    nodes = nodes.flatMap((n) => {
      const d = defOf(n);
      if (typeof k === 'number') return d.element ? open(d.element) : [];
      if (d.shape?.[k]) return open(d.shape[k]);
      return d.valueType ? open(d.valueType) : [];
    });
  }
  const here = valueAt(root, path);
  const written = here !== null && typeof here === 'object' ? Object.keys(here) : [];
  return [...new Set(nodes.flatMap((n) => Object.keys(defOf(n).shape ?? {})))].filter((k) => !written.includes(k));
}

/** The allowed key nearest to what was written: same letters in another case, or at most two edits away. */
function closest(word: string, keys: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of keys) {
    const d = k.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.min(2, Math.floor(word.length / 2)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
