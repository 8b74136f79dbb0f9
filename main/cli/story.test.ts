import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO as repo, redhall as run } from './testing';

const redhall = (...args: string[]) => run(args);

let tmp: string;
let demo: string;
let broken: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'redhall-story-'));
  // The demo pack as it will be once pack.yaml lists the scenario.
  demo = join(tmp, 'demo');
  cpSync(join(repo, 'content/demo-hall'), demo, { recursive: true });
  const manifest = readFileSync(join(demo, 'pack.yaml'), 'utf8');
  if (!manifest.includes('scenarios/south-bank/scenario.yaml')) {
    writeFileSync(join(demo, 'pack.yaml'), manifest.replace(/^contents:\n/m, 'contents:\n  scenarios: [scenarios/south-bank/scenario.yaml]\n'));
  }
  broken = join(tmp, 'broken');
  cpSync(join(repo, 'core/story/fixtures'), join(broken, 'fx'), { recursive: true });
  writeFileSync(join(broken, 'pack.yaml'), 'id: broken\ncontents:\n  scenarios:\n    - fx/broken/scenario.yaml\n    - fx/walk/scenario.yaml\n    - fx/basic/scenario.yaml\n');
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('redhall story', () => {
  it('check: the demo scenario reports nothing and exits 0', () => {
    const r = redhall('story', 'check', demo);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('south-bank');
    expect(r.out).toContain('0 个错误 errors, 0 个警告 warnings');
    const j = redhall('story', 'check', demo, '--json');
    const rep = JSON.parse(j.out) as { ok: boolean; errors: unknown[]; scenarios: Array<{ id: string; estimateMinutes: { min: number; max: number }; reachableEndings: string[] }> };
    expect(rep.ok).toBe(true);
    expect(rep.errors).toEqual([]);
    expect(rep.scenarios[0]?.reachableEndings).toHaveLength(3);
    expect(rep.scenarios[0]?.estimateMinutes.min).toBeGreaterThanOrEqual(30);
    expect(rep.scenarios[0]?.estimateMinutes.max).toBeLessThanOrEqual(60);
  });

  it('check: errors are placed with file, line and column in both languages, and exit 1', () => {
    const r = redhall('story', 'check', broken);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/fx\/broken\/scenario\.yaml:36:30 error story\.expression {2}表达式无法解析.* \/ The expression does not parse/);
    expect(r.out).toContain('fx/walk/scenario.yaml:41:9 error story.dead-end');
    const only = redhall('story', 'check', broken, '--scenario', 'basic', '--json');
    expect(only.code).toBe(0);
    expect(JSON.parse(only.out)).toMatchObject({ ok: true, errors: [] });
    const missing = redhall('story', 'check', broken, '--scenario', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope');
  });

  it('simulate: the same seed gives the same output and every demo run ends', () => {
    const a = redhall('story', 'simulate', demo, '--scenario', 'south-bank', '--runs', '60', '--seed', '9', '--json');
    const b = redhall('story', 'simulate', demo, '--scenario', 'south-bank', '--runs', '60', '--seed', '9', '--json');
    expect(a.code, a.err).toBe(0);
    expect(a.out).toBe(b.out);
    const rep = JSON.parse(a.out) as { runs: number; endings: Record<string, number>; stuck: unknown[] };
    expect(Object.values(rep.endings).reduce((x, y) => x + y, 0)).toBe(60);
    expect(rep.stuck).toEqual([]);
    const text = redhall('story', 'simulate', demo, '--runs', '20', '--seed', 'abc');
    expect(text.out).toContain('结局 ending end-dawn');
  });

  it('simulate reports a stuck run with its events and exits 1', () => {
    const dir = join(tmp, 'stuck');
    cpSync(join(repo, 'core/story/fixtures/walk'), join(dir, 'walk'), { recursive: true });
    writeFileSync(join(dir, 'pack.yaml'), 'id: stuck\ncontents:\n  scenarios: [walk/scenario.yaml]\n');
    const r = redhall('story', 'simulate', dir, '--runs', '30', '--seed', '2');
    expect(r.code).toBe(1);
    // The check's errors are shown first, then the runs that got stuck at the dead end, with their events.
    expect(r.err).toContain('story.dead-end');
    expect(r.out).toMatch(/卡在环节 stuck at phase "tail"/);
    expect(r.out).toContain('{"type":"voted"');
  });

  it('simulate exits 1 when a condition fails to evaluate, even if every run ends', () => {
    const dir = join(tmp, 'runtime');
    cpSync(join(repo, 'core/story/fixtures/walk'), join(dir, 'walk'), { recursive: true });
    const yaml = join(dir, 'walk', 'scenario.yaml');
    // No dead end left: only the condition "mode > 1" (text against a number) is wrong.
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('- { id: tail, kind: discuss, seconds: 60 }', '- { id: tail, kind: ending, text: 尾声, debrief: d.md }'));
    writeFileSync(join(dir, 'pack.yaml'), 'id: runtime\ncontents:\n  scenarios: [walk/scenario.yaml]\n');
    const r = redhall('story', 'simulate', dir, '--runs', '20', '--seed', '2');
    expect(r.err).toContain('story.expression-runtime');
    expect(r.out).toContain('卡住的局 stuck runs: 0');
    expect(r.code).toBe(1);
  });

  // Through tsx from the sources, as `npm run redhall` runs it (the others use the bundled CLI).
  it('schema: prints the JSON Schema of scenario.yaml', () => {
    const s = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', 'story', 'schema'], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    const r = { code: s.status, out: s.stdout, err: s.stderr };
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { required: string[] }).required).toContain('acts');
  });

  it('graph: writes an SVG of the scenario', () => {
    const out = join(tmp, 'g.svg');
    const r = redhall('story', 'graph', demo, '--scenario', 'south-bank', '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(out)).toBe(true);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('河对岸的灯火');
    expect(svg).toContain('<title>end-shadow</title>');
  });
});
