import { describe, expect, it } from 'vitest';
import { report, formatFinding, type Finding } from './findings';
import { parseYamlSource } from './yaml-source';

describe('findings and YAML positions', () => {
  it('places a nested key at its line and column', () => {
    const src = parseYamlSource('a: 1\nb:\n  c:\n    - x\n    - y\n', 'f.yaml');
    expect(src.syntaxFindings).toEqual([]);
    expect(src.locate(['b', 'c', 1])).toEqual({ line: 5, column: 7 });
    // A path that does not exist points at its nearest ancestor.
    expect(src.locate(['b', 'missing'])).toEqual({ line: 3, column: 3 });
  });
  it('reports syntax errors and duplicate keys as placed findings', () => {
    const dup = parseYamlSource('a: 1\na: 2\n', 'd.yaml');
    expect(dup.syntaxFindings[0]).toMatchObject({ code: 'yaml.duplicate-key', file: 'd.yaml', line: 2 });
    expect(dup.value).toBeUndefined();
    const bad = parseYamlSource('a: [1, 2\n', 'b.yaml');
    expect(bad.syntaxFindings[0]?.code).toBe('yaml.syntax');
  });
  it('is ok only without errors', () => {
    const w: Finding = { code: 'x', severity: 'warning', file: 'f', line: 1, column: 1, message: { 'zh-Hans': '警告', en: 'warn' } };
    expect(report([w]).ok).toBe(true);
    expect(report([{ ...w, severity: 'error' }]).ok).toBe(false);
    expect(formatFinding(w)).toBe('f:1:1 warning x  警告 / warn');
  });
});
