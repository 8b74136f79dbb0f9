import type { Bilingual } from '../text';

/**
 * Conditions and effects that curators write, e.g. `morale >= 3 && !betrayed`.
 * Untrusted input: a hand-written tokenizer and Pratt parser build a small tree of five node
 * kinds, and a walker evaluates only those. Nothing is ever handed to eval or Function.
 */
export type Value = number | string | boolean;

export type BinaryOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '+' | '-' | '*' | '/';
export type Expr =
  | { kind: 'literal'; value: Value; offset: number }
  | { kind: 'var'; name: string; offset: number }
  | { kind: 'not'; arg: Expr; offset: number }
  | { kind: 'neg'; arg: Expr; offset: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; offset: number };

export interface ExprError {
  /** 0-based offset in the source where the problem starts. */
  offset: number;
  message: Bilingual;
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: ExprError };
export type EvalResult = { ok: true; value: Value } | { ok: false; error: ExprError };

/** Limits that keep a hostile condition cheap: length of the text and depth of nesting. */
export const MAX_EXPRESSION_LENGTH = 1000;
export const MAX_EXPRESSION_DEPTH = 40;

type Token =
  | { t: 'num'; value: number; offset: number }
  | { t: 'str'; value: string; offset: number }
  | { t: 'name'; value: string; offset: number }
  | { t: 'op'; value: string; offset: number }
  | { t: 'end'; offset: number };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '(', ')'];

class ExprFailure extends Error {
  constructor(readonly detail: ExprError) {
    super(detail.message.en);
  }
}

function fail(offset: number, zh: string, en: string): never {
  throw new ExprFailure({ offset, message: { 'zh-Hans': zh, en } });
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+|^[0-9]+/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', value: Number(m[0]), offset: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'name', value: m[0], offset: i });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) fail(start, '字符串缺少结尾的引号', 'The string has no closing quote');
        const d = src[i] as string;
        if (d === c) break;
        if (d === '\\') {
          const e = src[i + 1];
          if (e !== '\\' && e !== '"' && e !== "'") fail(i, '字符串中只能用 \\\\、\\" 和 \\\' 转义', 'Only \\\\, \\" and \\\' escapes are allowed in strings');
          s += e;
          i += 2;
          continue;
        }
        s += d;
        i++;
      }
      i++;
      out.push({ t: 'str', value: s, offset: start });
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) {
      const hint = c === '=' ? '；比较请用 ==' : c === '&' || c === '|' ? '；请用 && 或 ||' : '';
      const hintEn = c === '=' ? '; use == to compare' : c === '&' || c === '|' ? '; use && or ||' : '';
      fail(i, `不认识的字符“${c}”${hint}`, `Unexpected character "${c}"${hintEn}`);
    }
    out.push({ t: 'op', value: op, offset: i });
    i += op.length;
  }
  out.push({ t: 'end', offset: src.length });
  return out;
}

// Binding power of each infix operator (higher binds tighter).
const INFIX: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
};

function describe(tok: Token): string {
  if (tok.t === 'end') return 'end';
  return String(tok.value);
}

/** Parses a condition or value expression; never throws, problems come back with an offset. */
export function parseExpression(src: string): ParseResult {
  if (src.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, error: { offset: 0, message: { 'zh-Hans': `表达式太长（超过 ${MAX_EXPRESSION_LENGTH} 个字符）`, en: `The expression is too long (over ${MAX_EXPRESSION_LENGTH} characters)` } } };
  }
  try {
    const tokens = tokenize(src);
    let pos = 0;
    const peek = () => tokens[pos] as Token;
    const next = () => tokens[pos++] as Token;

    const parse = (minBp: number, depth: number): Expr => {
      if (depth > MAX_EXPRESSION_DEPTH) fail(peek().offset, '表达式嵌套太深', 'The expression is nested too deeply');
      const tok = next();
      let left: Expr;
      if (tok.t === 'num') left = { kind: 'literal', value: tok.value, offset: tok.offset };
      else if (tok.t === 'str') left = { kind: 'literal', value: tok.value, offset: tok.offset };
      else if (tok.t === 'name') {
        if (tok.value === 'true' || tok.value === 'false') left = { kind: 'literal', value: tok.value === 'true', offset: tok.offset };
        else left = { kind: 'var', name: tok.value, offset: tok.offset };
      } else if (tok.t === 'op' && tok.value === '!') left = { kind: 'not', arg: parse(7, depth + 1), offset: tok.offset };
      else if (tok.t === 'op' && tok.value === '-') left = { kind: 'neg', arg: parse(7, depth + 1), offset: tok.offset };
      else if (tok.t === 'op' && tok.value === '(') {
        left = parse(0, depth + 1);
        const close = next();
        if (close.t !== 'op' || close.value !== ')') fail(close.offset, `这里缺少右括号“)”`, `A closing ")" is missing here`);
      } else if (tok.t === 'end') fail(tok.offset, '表达式在这里意外结束', 'The expression ends too early');
      else fail(tok.offset, `这里不能出现“${describe(tok)}”`, `"${describe(tok)}" cannot appear here`);
      for (;;) {
        const op = peek();
        if (op.t === 'end') break;
        if (op.t !== 'op' || !(op.value in INFIX)) {
          if (op.t === 'op' && op.value === ')') break;
          fail(op.offset, `这里需要一个运算符，却遇到“${describe(op)}”`, `An operator is expected here, not "${describe(op)}"`);
        }
        const bp = INFIX[op.value] as number;
        if (bp <= minBp) break;
        next();
        // Comparisons do not chain: `a < b < c` is refused rather than silently mis-read.
        const right = parse(bp, depth + 1);
        left = { kind: 'binary', op: op.value as BinaryOp, left, right, offset: op.offset };
        if (bp === 3 || bp === 4) {
          const after = peek();
          if (after.t === 'op' && INFIX[after.value] === bp) fail(after.offset, '比较运算不能连写，请用 && 连接', 'Comparisons cannot be chained; join them with &&');
        }
      }
      return left;
    };

    const expr = parse(0, 0);
    const rest = peek();
    if (rest.t !== 'end') fail(rest.offset, `多余的“${describe(rest)}”`, `Unexpected "${describe(rest)}"`);
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof ExprFailure) return { ok: false, error: e.detail };
    throw e;
  }
}

const cache = new Map<string, ParseResult>();
/** parseExpression, remembered: scenarios evaluate the same few texts many times. */
export function parseCached(src: string): ParseResult {
  let r = cache.get(src);
  if (!r) {
    r = parseExpression(src);
    if (cache.size > 5000) cache.clear();
    cache.set(src, r);
  }
  return r;
}

/** Names of the variables an expression reads, each once, in order of appearance. */
export function variablesOf(expr: Expr): string[] {
  const out: string[] = [];
  const walk = (e: Expr) => {
    if (e.kind === 'var') {
      if (!out.includes(e.name)) out.push(e.name);
    } else if (e.kind === 'not' || e.kind === 'neg') walk(e.arg);
    else if (e.kind === 'binary') {
      walk(e.left);
      walk(e.right);
    }
  };
  walk(expr);
  return out;
}

function typeName(v: Value): string {
  return typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : 'boolean';
}

/** Evaluates a parsed expression over variables; type errors come back, they never throw. */
export function evaluate(expr: Expr, vars: Readonly<Record<string, Value>>): EvalResult {
  try {
    return { ok: true, value: walk(expr, vars) };
  } catch (e) {
    if (e instanceof ExprFailure) return { ok: false, error: e.detail };
    throw e;
  }
}

function walk(e: Expr, vars: Readonly<Record<string, Value>>): Value {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'var': {
      if (!Object.prototype.hasOwnProperty.call(vars, e.name)) fail(e.offset, `变量“${e.name}”没有定义`, `Variable "${e.name}" is not defined`);
      return vars[e.name] as Value;
    }
    case 'not': {
      const v = walk(e.arg, vars);
      if (typeof v !== 'boolean') fail(e.offset, `“!”只能用于真假值，这里是 ${typeName(v)}`, `"!" needs a boolean, got ${typeName(v)}`);
      return !v;
    }
    case 'neg': {
      const v = walk(e.arg, vars);
      if (typeof v !== 'number') fail(e.offset, `负号只能用于数字，这里是 ${typeName(v)}`, `"-" needs a number, got ${typeName(v)}`);
      return -v;
    }
    case 'binary': {
      if (e.op === '&&' || e.op === '||') {
        const l = walk(e.left, vars);
        if (typeof l !== 'boolean') fail(e.offset, `“${e.op}”两边都要是真假值`, `"${e.op}" needs booleans on both sides`);
        if (e.op === '&&' && !l) return false;
        if (e.op === '||' && l) return true;
        const r = walk(e.right, vars);
        if (typeof r !== 'boolean') fail(e.offset, `“${e.op}”两边都要是真假值`, `"${e.op}" needs booleans on both sides`);
        return r;
      }
      const l = walk(e.left, vars);
      const r = walk(e.right, vars);
      if (typeof l !== typeof r) fail(e.offset, `“${e.op}”两边类型不同（${typeName(l)} 与 ${typeName(r)}）`, `"${e.op}" compares different types (${typeName(l)} and ${typeName(r)})`);
      if (e.op === '==') return l === r;
      if (e.op === '!=') return l !== r;
      if (e.op === '+' && typeof l === 'string') return l + (r as string);
      if (typeof l !== 'number' || typeof r !== 'number') {
        fail(e.offset, `“${e.op}”只能用于数字`, `"${e.op}" works on numbers only`);
      }
      switch (e.op) {
        case '<':
          return l < r;
        case '<=':
          return l <= r;
        case '>':
          return l > r;
        case '>=':
          return l >= r;
        case '+':
          return finite(l + r, e.offset);
        case '-':
          return finite(l - r, e.offset);
        case '*':
          return finite(l * r, e.offset);
        case '/':
          if (r === 0) fail(e.offset, '除数为零', 'Division by zero');
          return finite(l / r, e.offset);
      }
    }
  }
}

function finite(n: number, offset: number): number {
  if (!Number.isFinite(n)) fail(offset, '计算结果超出范围', 'The result is out of range');
  return n;
}

/** Parses and evaluates in one step (for the engine); a parse or type error is returned. */
export function evaluateSource(src: string, vars: Readonly<Record<string, Value>>): EvalResult {
  const p = parseCached(src);
  if (!p.ok) return p;
  return evaluate(p.expr, vars);
}

/** True only when the condition evaluates to the boolean true; errors count as false. */
export function holds(src: string | undefined, vars: Readonly<Record<string, Value>>): boolean {
  if (src === undefined) return true;
  const r = evaluateSource(src, vars);
  return r.ok && r.value === true;
}
