import { describe, expect, it, beforeAll } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QuizStatsStore } from '../host/quiz-stats';
import { redhall as run } from './testing';

// The demo bank in a pack whose pack.yaml lists it (the demo pack.yaml is owned elsewhere).
let pack: string;
beforeAll(() => {
  pack = mkdtempSync(join(tmpdir(), 'rh-quiz-cli-'));
  cpSync('content/demo-hall/quiz', join(pack, 'quiz'), { recursive: true });
  writeFileSync(join(pack, 'pack.yaml'), 'id: t\nversion: 1.0.0\nformatVersion: 1\nminAppVersion: 0.1.0\ntitle: 测试\ncontents:\n  quizzes:\n    - quiz/self-check.yaml\n');
});

const redhall = (...args: string[]) => run(args, { env: { ...process.env, REDHALL_DATA: '' } });
function answersFile(body: unknown): string {
  const f = join(pack, `answers-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify(body));
  return f;
}

describe('redhall quiz', () => {
  it('exports the bank normalised, every option with its points by dimension', () => {
    const r = redhall('quiz', 'export', pack, '--bank', 'party-spirit', '--json');
    expect(r.code).toBe(0);
    const bank = JSON.parse(r.out) as { questions: { id: string; kind: string; options: { id: string; scores: Record<string, number> }[] }[] };
    expect(bank.questions.length).toBeGreaterThanOrEqual(60);
    const reversed = bank.questions.find((q) => q.id === 'ideals-doubt');
    expect(reversed?.options.map((o) => o.scores.ideals)).toEqual([1, 0.75, 0.5, 0.25, 0]);
    const multi = bank.questions.find((q) => q.id === 'conduct-four-winds');
    expect(multi?.options.map((o) => o.scores.conduct)).toEqual([0.25, 0.25, 0.25, 0.25, -0.25]);
  });

  it('scores an answers file by dimension with bands', () => {
    const file = answersFile({ answers: { 'ideals-highest-ideal': 'a', 'ideals-doubt': 2, 'conduct-four-winds': ['a', 'b', 'e'], 'purpose-listen': 5, 'integrity-gifts': 'false' } });
    const r = redhall('quiz', 'score', pack, '--bank', 'party-spirit', '--answers', file, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { dimensions: Record<string, number | null>; overall: number; bands: Record<string, string | null> };
    // ideals: 1 + 0.75 of 2 → 88; conduct: 0.25 of 1 → 25; purpose: 100; integrity: 0.
    expect(out.dimensions).toEqual({ ideals: 88, discipline: null, purpose: 100, commitment: null, conduct: 25, integrity: 0 });
    expect(out.overall).toBe(53);
    expect(out.bands).toMatchObject({ ideals: 'healthy', conduct: 'strengthen', purpose: 'healthy', discipline: null });
  });

  it('scores against the demo pack itself, as curators run it', () => {
    const file = answersFile({ answers: { 'discipline-probation': 'b', 'discipline-age': 'true', 'integrity-small-gifts': 1 } });
    const r = redhall('quiz', 'score', 'content/demo-hall', '--bank', 'party-spirit', '--answers', file, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ dimensions: { discipline: 100, integrity: 100, ideals: null }, overall: 100, bands: { discipline: 'healthy' } });
  });

  it('counts unanswered drawn questions as skips when given a seed', () => {
    const file = answersFile({ answers: {} });
    const r = redhall('quiz', 'score', pack, '--bank', 'party-spirit', '--answers', file, '--seed', '42', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { skipped: number; overall: number };
    expect(out).toMatchObject({ skipped: 12, overall: 0 });
  });

  it('exits 1 with a readable message for a wrong answer, an unknown question or bank', () => {
    const bad = redhall('quiz', 'score', pack, '--bank', 'party-spirit', '--answers', answersFile({ answers: { 'ideals-highest-ideal': 'z' } }), '--json');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/ideals-highest-ideal/);
    const unknown = redhall('quiz', 'score', pack, '--bank', 'party-spirit', '--answers', answersFile({ answers: { nope: 'a' } }));
    expect([unknown.code, unknown.err.includes('nope')]).toEqual([1, true]);
    const noBank = redhall('quiz', 'export', pack, '--bank', 'other', '--json');
    expect(noBank.code).toBe(1);
    expect(noBank.err).toMatch(/party-spirit/);
  });

  it('exits 1 with placed findings when the bank is broken', () => {
    const broken = mkdtempSync(join(tmpdir(), 'rh-quiz-broken-'));
    cpSync(pack, broken, { recursive: true });
    const f = join(broken, 'quiz', 'self-check.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('kind: single', 'kind: essay'));
    const r = redhall('quiz', 'export', broken, '--bank', 'party-spirit', '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^quiz\/self-check\.yaml:\d+:\d+ error quiz\.schema/);
  });

  it('checks every bank of a pack: clean for the demo, placed errors for a broken copy', () => {
    const ok = redhall('quiz', 'check', 'content/demo-hall', '--json');
    expect([ok.code, JSON.parse(ok.out)]).toEqual([0, { ok: true, errors: [] }]);
    const broken = mkdtempSync(join(tmpdir(), 'rh-quiz-check-'));
    cpSync(pack, broken, { recursive: true });
    const f = join(broken, 'quiz', 'self-check.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('perDimension: 4', 'perDimension: 40'));
    const r = redhall('quiz', 'check', broken);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/quiz\/self-check\.yaml:\d+:\d+ error quiz\.form-too-many/);
  });

  it('prints a JSON Schema an editor can use for bank files', () => {
    const r = redhall('quiz', 'schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.out) as { title: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.title).toBe('RedHall quiz bank');
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'title', 'dimensions', 'bands', 'advice', 'forms', 'questions']));
    expect(Object.keys(schema.properties)).toContain('likertLabels');
  });

  it('prints per-day statistics as text and long CSV', () => {
    const data = mkdtempSync(join(tmpdir(), 'rh-quiz-data-'));
    const store = new QuizStatsStore(data);
    store.append({ v: 1, packId: 'demo-hall', bankId: 'party-spirit', formId: 'standard', status: 'started', day: '2026-11-22', answered: 0 });
    store.append({ v: 1, packId: 'demo-hall', bankId: 'party-spirit', formId: 'standard', status: 'completed', day: '2026-11-22', answered: 1, dimensions: { ideals: 75 }, overall: 75, answers: { 'ideals-study': 4 } });
    const csv = redhall('quiz', 'stats', '--csv', '--data', data);
    expect(csv.code).toBe(0);
    expect(csv.out.split('\n')).toEqual(expect.arrayContaining(['day,pack,bank,measure,key,option,value', '2026-11-22,demo-hall,party-spirit,mean,ideals,,75', '2026-11-22,demo-hall,party-spirit,answer,ideals-study,4,1']));
    const text = redhall('quiz', 'stats', '--data', data);
    expect(text.out).toMatch(/2026-11-22 {2}demo-hall\/party-spirit {2}开始 started 1 {2}完成 completed 1/);
  });
});
