/**
 * Where a character of a YAML scalar's value sits in the source: quoted strings with escapes
 * ("a \"b\""), single-quoted strings (''), literal and folded blocks (| and >) and plain scalars
 * that run over several lines. Every character on the way is checked against the value; when
 * the two stop agreeing the answer is undefined, so a caller falls back to the scalar's start
 * instead of pointing somewhere wrong.
 */

const ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 4, u: 6, U: 10 };

/** Line and column (1-based) of character `index` of `value`, the scalar that starts at `at` in `text`. */
export function placeInValue(text: string, at: { line: number; column: number }, value: string, index: number): { line: number; column: number } | undefined {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  let l = at.line - 1;
  let c = at.column - 1;
  const head = lines[l]?.[c];
  if (head === undefined) return undefined;
  let i = 0;
  if (head === '|' || head === '>') {
    // A block: its lines follow, indented; a line break is "\n" (literal) or a space (folded).
    l++;
    while (l < lines.length && lines[l]!.trim() === '') l++;
    const indent = (lines[l] ?? '').length - (lines[l] ?? '').trimStart().length;
    for (; l < lines.length; l++) {
      const line = lines[l]!;
      if (line.trim() !== '' && line.length - line.trimStart().length < indent) return undefined;
      for (c = indent; c < line.length; c++, i++) {
        if (i === index) return { line: l + 1, column: c + 1 };
        if (line[c] !== value[i]) return undefined;
      }
      if (i === index) return undefined;
      if (value[i] === '\n' || value[i] === ' ') i++;
    }
    return undefined;
  }
  const quote = head === '"' || head === "'" ? head : undefined;
  if (quote) c++;
  for (;;) {
    const line = lines[l];
    if (line === undefined) return undefined;
    if (c >= line.length) {
      // A line break inside a flow scalar folds to one space (or "\n" per blank line).
      l++;
      c = 0;
      while (l < lines.length && lines[l]!.trim() === '') {
        if (value[i] === '\n') i++;
        l++;
      }
      if (value[i] === ' ') i++;
      c = (lines[l] ?? '').length - (lines[l] ?? '').trimStart().length;
      continue;
    }
    if (i === index) return { line: l + 1, column: c + 1 };
    if (i >= value.length) return undefined;
    const ch = line[c]!;
    if (quote === '"' && ch === '\\') {
      if (c + 1 >= line.length) {
        // An escaped line break joins the lines with nothing between them.
        l++;
        c = (lines[l] ?? '').length - (lines[l] ?? '').trimStart().length;
        continue;
      }
      c += ESCAPE_LENGTH[line[c + 1]!] ?? 2;
      i++;
      continue;
    }
    if (quote === "'" && ch === "'" && line[c + 1] === "'") {
      if (value[i] !== "'") return undefined;
      c += 2;
      i++;
      continue;
    }
    if (ch === quote) return undefined;
    if (ch === value[i]) {
      c++;
      i++;
      continue;
    }
    // Spaces before a folded line break are not part of the value.
    if ((ch === ' ' || ch === '\t') && line.slice(c).trim() === '') {
      c = line.length;
      continue;
    }
    return undefined;
  }
}
