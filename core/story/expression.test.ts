import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseExpression, evaluate, evaluateSource, variablesOf, holds, MAX_EXPRESSION_DEPTH } from './expression';

const ev = (src: string, vars: Record<string, number | string | boolean> = {}) => {
  const r = evaluateSource(src, vars);
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
};

describe('condition evaluator', () => {
  it('follows precedence and parentheses', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('(1 + 2) * 3')).toBe(9);
    expect(ev('10 - 4 - 3')).toBe(3);
    expect(ev('8 / 4 / 2')).toBe(1);
    expect(ev('-2 * -3')).toBe(6);
    expect(ev('1 < 2 && 3 >= 3 || false')).toBe(true);
    expect(ev('!(1 == 1) || 2 != 2')).toBe(false);
    expect(ev('"a" + \'b\' == "ab"')).toBe(true);
  });
  it('reads variables and short-circuits', () => {
    expect(ev('morale >= 3 && !betrayed', { morale: 3, betrayed: false })).toBe(true);
    expect(ev('route == "boat"', { route: 'boat' })).toBe(true);
    expect(ev('false && missing')).toBe(false);
    expect(variablesOf((parseExpression('a + b * a > c') as { ok: true; expr: never }).expr)).toEqual(['a', 'b', 'c']);
  });
  it('reports parse errors at an offset', () => {
    const cases: Array<[string, number]> = [
      ['a = 1', 2],
      ['a & b', 2],
      ['(a', 2],
      ['a +', 3],
      ['1 2', 2],
      ['"open', 0],
      ['a < b < c', 6],
      ['a $ b', 2],
      [')', 0],
    ];
    for (const [src, offset] of cases) {
      const r = parseExpression(src);
      expect(r.ok, src).toBe(false);
      if (!r.ok) {
        expect(r.error.offset, src).toBe(offset);
        expect(r.error.message['zh-Hans'].length).toBeGreaterThan(0);
      }
    }
  });
  it('refuses type errors, unknown variables and division by zero without throwing', () => {
    for (const src of ['1 + "a"', '!3', '-"x"', '1 && true', 'nope', '1 / 0', '"a" < "b"']) {
      const r = evaluateSource(src, {});
      expect(r.ok, src).toBe(false);
    }
    expect(holds('x', { x: 1 })).toBe(false);
    expect(holds(undefined, {})).toBe(true);
  });
  it('has no path to JavaScript: prototype names are ordinary unknown variables', () => {
    for (const src of ['constructor', '__proto__', 'toString', 'this', 'globalThis']) {
      expect(evaluateSource(src, {}).ok, src).toBe(false);
    }
    expect(parseExpression('a.b').ok).toBe(false);
    expect(parseExpression('f(1)').ok).toBe(false);
    expect(parseExpression('a[0]').ok).toBe(false);
  });
  it('refuses deep nesting and long input instead of overflowing the stack', () => {
    expect(parseExpression('('.repeat(MAX_EXPRESSION_DEPTH + 5) + '1' + ')'.repeat(MAX_EXPRESSION_DEPTH + 5)).ok).toBe(false);
    expect(parseExpression('!'.repeat(10_000) + 'true').ok).toBe(false);
    expect(parseExpression('1+'.repeat(600) + '1').ok).toBe(false);
  });
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (src) => {
        const p = parseExpression(src);
        if (p.ok) evaluate(p.expr, { a: 1, b: true, c: 'x' });
      }),
      { numRuns: 2000 },
    );
  });
});
