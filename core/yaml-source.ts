import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import type { Finding } from './findings';

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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const place = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const syntaxFindings: Finding[] = doc.errors.map((e) => {
    const { line, column } = place(e.pos[0]);
    return {
      code: e.code === 'DUPLICATE_KEY' ? 'yaml.duplicate-key' : 'yaml.syntax',
      severity: 'error',
      file,
      line,
      column,
      message: {
        'zh-Hans': e.code === 'DUPLICATE_KEY' ? `YAML 中有重复的键：${firstLine(e.message)}` : `YAML 语法错误：${firstLine(e.message)}`,
        en: e.code === 'DUPLICATE_KEY' ? `Duplicate key in YAML: ${firstLine(e.message)}` : `YAML syntax error: ${firstLine(e.message)}`,
      },
    };
  });
  const value = doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 });

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

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
