import { LineCounter, parseDocument, isAlias, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import type { Finding } from './findings';
import { fastYaml } from './yaml-fast';

export type Path = ReadonlyArray<string | number>;

/** A YAML file parsed with its positions, so any finding can point at a line and column. */
export interface YamlSource {
  file: string;
  value: unknown;
  /** Syntax errors (code yaml.syntax), already placed. */
  syntaxFindings: Finding[];
  /** Line and column (1-based) of the node at `path`, or of its nearest existing ancestor. */
  locate(path: Path): { line: number; column: number };
}

/** Parses YAML text; never throws, syntax problems come back as findings. */
export function parseYamlSource(text: string, file: string): YamlSource {
  // Plain YAML (most files) is read by the fast reader, which gives the same value and has no
  // findings to place; the position-keeping parser runs only when a position is asked for.
  const fast = fastYaml(text);
  if (fast !== undefined) {
    let full: YamlSource | undefined;
    return { file, value: fast, syntaxFindings: [], locate: (path) => (full ??= fullYamlSource(text, file)).locate(path) };
  }
  return fullYamlSource(text, file);
}

/** The yaml library's parse, keeping every node's position. */
function fullYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const place = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  // One cause, one finding: the parser often reports a broken line several times, and a tab
  // throws every later line of its block out of line.
  const seenLines = new Set<number>();
  let tab = false;
  const syntaxFindings: Finding[] = doc.errors.flatMap((e): Finding[] => {
    const { line, column } = place(e.pos[0]);
    if (seenLines.has(line) || (tab && e.code === 'BAD_INDENT')) return [];
    seenLines.add(line);
    tab ||= e.code === 'TAB_AS_INDENT';
    const zh = YAML_WORDS[e.code] ?? 'YAML 写法有误。请对照上下几行检查这一行的缩进、冒号和引号。';
    return [{
      code: e.code === 'DUPLICATE_KEY' ? 'yaml.duplicate-key' : 'yaml.syntax',
      severity: 'error',
      file,
      line,
      column,
      message: {
        'zh-Hans': e.code === 'DUPLICATE_KEY' ? `同一层里有两个相同的键。${zh}` : zh,
        en: e.code === 'DUPLICATE_KEY' ? `Duplicate key in YAML: ${firstLine(e.message)}` : `YAML syntax error: ${firstLine(e.message)}`,
      },
    }];
  });
  let value: unknown;
  if (doc.errors.length === 0) {
    // Nothing a curator or a client writes may exhaust the reader: nesting beyond any real
    // content, or aliases that multiply (a "billion laughs"), become a placed finding.
    const shape = measure(doc.contents);
    if (shape.tooDeep) syntaxFindings.push(tooDeepFinding(file, place(shape.tooDeep)));
    else {
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (e) {
        syntaxFindings.push(aliasFinding(file, place(shape.firstAlias ?? 0), e));
      }
    }
  }

  function locate(path: Path) {
    let node: unknown = doc.contents;
    let best: unknown = node;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(key));
        if (!pair) break;
        // A missing value points at its key.
        best = pair.value ?? pair.key;
        node = pair.value;
        if (!node) break;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key];
        if (!item) break;
        best = item;
        node = item;
      } else break;
    }
    const range = (best as Node | null | undefined)?.range;
    return range ? place(range[0]) : { line: 1, column: 1 };
  }
  return { file, value, syntaxFindings, locate };
}

/** Deeper than any real content (a pack's deepest file nests about 8 levels). */
export const MAX_YAML_DEPTH = 64;
/** Aliases expanded in one file, at most (the yaml library's guard against alias bombs). */
export const MAX_ALIAS_COUNT = 100;

/** Walks the parsed tree without recursion: the first node too deep, and the first alias. */
function measure(root: unknown): { tooDeep: number | undefined; firstAlias: number | undefined } {
  let firstAlias: number | undefined;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    const start = (node as Node).range?.[0] ?? 0;
    if (isAlias(node)) {
      if (firstAlias === undefined || start < firstAlias) firstAlias = start;
      continue;
    }
    if (isMap(node) || isSeq(node)) {
      if (depth > MAX_YAML_DEPTH) return { tooDeep: start, firstAlias };
      for (const it of node.items) {
        if (isPair(it)) {
          stack.push([it.key, depth + 1]);
          stack.push([it.value, depth + 1]);
        } else stack.push([it, depth + 1]);
      }
    }
  }
  return { tooDeep: undefined, firstAlias };
}

function tooDeepFinding(file: string, at: { line: number; column: number }): Finding {
  return {
    code: 'yaml.too-deep', severity: 'error', file, ...at,
    message: {
      'zh-Hans': `这里嵌套超过 ${MAX_YAML_DEPTH} 层，远超任何展厅内容所需，文件未被读取。请检查缩进或括号是否写错。`,
      en: `Nested more than ${MAX_YAML_DEPTH} levels deep here, far beyond any hall content; the file was not read. Check the indentation or brackets.`,
    },
  };
}

function aliasFinding(file: string, at: { line: number; column: number }, e: unknown): Finding {
  const bomb = e instanceof Error && /alias/i.test(e.message);
  return {
    code: bomb ? 'yaml.alias-bomb' : 'yaml.unreadable', severity: 'error', file, ...at,
    message: bomb
      ? {
        'zh-Hans': `从这里开始的别名（*名称）展开后超过 ${MAX_ALIAS_COUNT} 次，会把文件放大到无法读取，文件未被读取。请直接写出内容，少用别名。`,
        en: `The aliases (*name) starting here expand more than ${MAX_ALIAS_COUNT} times, which would blow the file up beyond reading; the file was not read. Write the content out instead of aliasing it.`,
      }
      : {
        'zh-Hans': '这个文件无法读取。请检查其中的别名（*名称）与锚点（&名称）。',
        en: `This file cannot be read: ${e instanceof Error ? firstLine(e.message) : String(e)}. Check its aliases (*name) and anchors (&name).`,
      },
  };
}

// The parser's messages in a curator's words (what is wrong, what to do); its English is kept for en.
const YAML_WORDS: Partial<Record<string, string>> = {
  TAB_AS_INDENT: '这一行用 Tab 键缩进了。YAML 只能用空格缩进：请把 Tab 换成空格。',
  BAD_INDENT: '这一行的缩进与同一层的其他行不对齐。请用相同数量的空格开头。',
  MISSING_CHAR: '引号或括号没有配对。请补上结尾的引号或括号。',
  BLOCK_AS_IMPLICIT_KEY: '“键: 值”的写法有误：冒号后要有空格；长文字请加引号，或用 | 写成多行。',
  MULTILINE_IMPLICIT_KEY: '“键: 值”的写法有误：冒号后要有空格；长文字请加引号，或用 | 写成多行。',
  UNEXPECTED_TOKEN: '这里有多余或放错位置的符号。请检查这一行。',
  BAD_SCALAR_START: '这段文字以 YAML 的特殊符号开头（如 @、`、%、*）。请给整段文字加上引号。',
  BAD_DQ_ESCAPE: '双引号里的反斜杠“\\”写法有误。请写成两个反斜杠，或改用单引号。',
  DUPLICATE_KEY: '请删去或合并其中一个。',
};

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
