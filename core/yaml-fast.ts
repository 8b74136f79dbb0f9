// A fast reader for plain YAML: block maps and lists, one-line flow maps and lists of plain
// words, quoted strings on one line, numbers, booleans and nulls (the shapes curators' files and
// packs' generated files mostly are). It gives exactly the value the yaml library's
// `parseDocument(text, { uniqueKeys: true }).toJS()` would, or `undefined` whenever the text
// has anything else (comments after a value, block scalars, anchors, aliases, tags, multi-line
// words, duplicate keys, deep nesting, odd characters, …): the caller then takes the full
// position-keeping parser, which also places every finding. Never throws.

/** Deeper than this, the full parser decides (it reports nesting beyond 64 as a finding). */
const MAX_DEPTH = 48;

const KEY = /^([A-Za-z_][A-Za-z0-9_\-./]*) *:(?: +|$)/;
const KEY_AT = /([A-Za-z_][A-Za-z0-9_\-./]*) *: +/y;
const NOT_A_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;
const INT = /^-?(?:0|[1-9][0-9]{0,14})$/;
const FLOAT = /^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;
// Everything else the core schema would read as a number, null or boolean: left to the library.
const CORE_TYPED = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
// Characters the fast path does not take on: tabs, CR and other controls, BOM, Unicode line
// breaks; and in a line, ' #' (a comment after something, or inside a quoted string: left to
// the library).
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const ODD = /[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]/;

const BAIL = new Error('not plain YAML');

interface Line {
  indent: number;
  text: string;
}

/** The document's value, or undefined when the text is not plain YAML as described above. */
export function fastYaml(text: string): unknown {
  if (ODD.test(text)) return undefined;
  const lines: Line[] = [];
  let start = 0;
  let first = true;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const raw = nl === -1 ? text.slice(start) : text.slice(start, nl);
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    let end = raw.length;
    while (end > indent && raw.charCodeAt(end - 1) === 32) end--;
    if (end > indent) {
      const t = raw.slice(indent, end);
      const c = t.charCodeAt(0);
      if (c === 35 /* # */) {
        // a whole-line comment
      } else if (first && indent === 0 && t === '---') {
        // the document start
      } else {
        if (indent === 0 && (c === 37 /* % */ || t.startsWith('---') || t.startsWith('...'))) return undefined;
        if (t.includes(' #')) return undefined;
        lines.push({ indent, text: t });
      }
      first = false;
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  if (lines.length === 0) return undefined;
  const first0 = lines[0] as Line;
  if (!isSeqItem(first0.text) && !KEY.test(first0.text)) return undefined;
  const p = new Reader(lines);
  try {
    const value = p.block(first0.indent, 1);
    return p.i === lines.length ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Keys the core schema reads as strings (checked once each: files repeat their keys). */
const goodKeys = new Set<string>();
function stringKey(key: string): string {
  if (goodKeys.has(key)) return key;
  if (NOT_A_STRING_KEY.test(key) || CORE_TYPED.test(key)) throw BAIL;
  if (goodKeys.size < 10_000) goodKeys.add(key);
  return key;
}

function isSeqItem(t: string): boolean {
  return t.charCodeAt(0) === 45 /* - */ && (t.length === 1 || t.charCodeAt(1) === 32);
}

class Reader {
  i = 0;
  constructor(private readonly lines: Line[]) {}

  /** The block node starting at the current line, which has indent `indent`. */
  block(indent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw BAIL;
    const l = this.lines[this.i] as Line;
    return isSeqItem(l.text) ? this.seq(indent, depth) : this.map(indent, depth);
  }

  /** After a value on one line: the next line must not be deeper (a continuation). */
  private noDeeper(indent: number): void {
    const n = this.lines[this.i];
    if (n && n.indent > indent) throw BAIL;
  }

  /** The value below a `key:` or `-` with nothing after it, at indent `indent`. */
  private below(indent: number, depth: number, seqSameIndent: boolean): unknown {
    const n = this.lines[this.i];
    if (!n) return null;
    if (n.indent > indent) return this.block(n.indent, depth + 1);
    if (seqSameIndent && n.indent === indent && isSeqItem(n.text)) return this.seq(indent, depth + 1);
    return null;
  }

  private map(indent: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      const l = this.lines[this.i];
      if (!l || l.indent < indent) return out;
      if (l.indent > indent) throw BAIL;
      if (isSeqItem(l.text)) return out; // a list at this indent belongs to the parent
      const m = KEY.exec(l.text);
      if (!m) throw BAIL;
      const key = stringKey(m[1] as string);
      if (Object.prototype.hasOwnProperty.call(out, key)) throw BAIL;
      const rest = l.text.slice(m[0].length);
      this.i++;
      if (rest === '') out[key] = this.below(indent, depth, true);
      else {
        out[key] = inline(rest, depth + 1);
        this.noDeeper(indent);
      }
    }
  }

  private seq(indent: number, depth: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const l = this.lines[this.i];
      if (!l || l.indent < indent) return out;
      if (l.indent > indent) throw BAIL;
      if (!isSeqItem(l.text)) return out;
      if (l.text.length === 1) {
        this.i++;
        out.push(this.below(indent, depth, false));
        continue;
      }
      let k = 1;
      while (l.text.charCodeAt(k) === 32) k++;
      const rest = l.text.slice(k);
      if (isSeqItem(rest) || KEY.test(rest)) {
        // A compact list or map in the item: the same line, read again at its own column.
        const col = indent + k;
        this.lines[this.i] = { indent: col, text: rest };
        out.push(this.block(col, depth + 1));
      } else {
        this.i++;
        out.push(inline(rest, depth + 1));
        this.noDeeper(indent);
      }
    }
  }
}

/** A value written on one line after `key: ` or `- `. */
function inline(t: string, depth: number): unknown {
  const c = t.charCodeAt(0);
  if (c === 123 /* { */ || c === 91 /* [ */) {
    const r = flow(t, 0, depth);
    if (r.end !== t.length) throw BAIL;
    return r.value;
  }
  if (c === 34 /* " */ || c === 39 /* ' */) {
    const r = quoted(t, 0);
    if (r.end !== t.length) throw BAIL;
    return r.value;
  }
  return plain(t, false);
}

const BLOCK_START_BAD = new Set('?:,[]{}#&*!|>\'"%@`'.split('').map((s) => s.charCodeAt(0)));

function plain(t: string, inFlow: boolean): unknown {
  const c = t.charCodeAt(0);
  if (BLOCK_START_BAD.has(c)) throw BAIL;
  if (c === 45 /* - */ && (t.length === 1 || t.charCodeAt(1) === 32)) throw BAIL;
  if (t.endsWith(':') || t.includes(': ')) throw BAIL;
  if (inFlow && /[:[\]{},]/.test(t)) throw BAIL;
  if (INT.test(t)) return parseInt(t, 10);
  if (FLOAT.test(t)) return parseFloat(t);
  if (t === 'null') return null;
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (CORE_TYPED.test(t)) throw BAIL;
  return t;
}

/** A quoted string starting at t[at], on this line; no escapes in double quotes. */
function quoted(t: string, at: number): { value: string; end: number } {
  const q = t.charCodeAt(at);
  if (q === 34) {
    const close = t.indexOf('"', at + 1);
    if (close === -1) throw BAIL;
    const s = t.slice(at + 1, close);
    if (s.includes('\\')) throw BAIL;
    return { value: s, end: close + 1 };
  }
  let s = '';
  let k = at + 1;
  for (;;) {
    const close = t.indexOf("'", k);
    if (close === -1) throw BAIL;
    s += t.slice(k, close);
    if (t.charCodeAt(close + 1) === 39) {
      s += "'";
      k = close + 2;
    } else return { value: s, end: close + 1 };
  }
}

const skip = (t: string, k: number): number => {
  while (t.charCodeAt(k) === 32) k++;
  return k;
};

/** A flow map or list on one line, of plain words, quoted strings and flow maps and lists. */
function flow(t: string, at: number, depth: number): { value: unknown; end: number } {
  if (depth > MAX_DEPTH) throw BAIL;
  const isMap = t.charCodeAt(at) === 123;
  const close = isMap ? 125 : 93;
  const out: unknown[] | Record<string, unknown> = isMap ? {} : [];
  let k = skip(t, at + 1);
  if (t.charCodeAt(k) === close) return { value: out, end: k + 1 };
  for (;;) {
    if (isMap) {
      KEY_AT.lastIndex = k;
      const m = KEY_AT.exec(t);
      if (!m) throw BAIL;
      const key = stringKey(m[1] as string);
      if (Object.prototype.hasOwnProperty.call(out, key)) throw BAIL;
      k += m[0].length;
      const r = flowValue(t, k, depth);
      (out as Record<string, unknown>)[key] = r.value;
      k = r.end;
    } else {
      const r = flowValue(t, k, depth);
      (out as unknown[]).push(r.value);
      k = r.end;
    }
    const c = t.charCodeAt(k);
    if (c === close) return { value: out, end: k + 1 };
    if (c !== 44 /* , */) throw BAIL;
    k = skip(t, k + 1);
    if (t.charCodeAt(k) === close) throw BAIL; // a trailing comma: left to the library
  }
}

/** One value inside a flow collection; returns the index after it and any spaces. */
function flowValue(t: string, k: number, depth: number): { value: unknown; end: number } {
  const c = t.charCodeAt(k);
  if (c === 34 || c === 39) {
    const r = quoted(t, k);
    return { value: r.value, end: skip(t, r.end) };
  }
  if (c === 123 || c === 91) {
    const r = flow(t, k, depth + 1);
    return { value: r.value, end: skip(t, r.end) };
  }
  let e = k;
  for (;;) {
    const d = t.charCodeAt(e);
    if (Number.isNaN(d) || d === 44 || d === 125 || d === 93) break;
    e++;
  }
  let v = e;
  while (v > k && t.charCodeAt(v - 1) === 32) v--;
  if (v === k) throw BAIL;
  return { value: plain(t.slice(k, v), true), end: e };
}
