import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QuizStatsStore, statsDataDir } from './quiz-stats';
import type { QuizOutcome } from '../../core/quiz/outcome';

const started = (day: string): QuizOutcome => ({ v: 1, packId: 'demo-hall', bankId: 'party-spirit', formId: 'standard', status: 'started', day, answered: 0 });
const completed = (day: string, a: number): QuizOutcome => ({
  v: 1,
  packId: 'demo-hall',
  bankId: 'party-spirit',
  formId: 'standard',
  status: 'completed',
  day,
  answered: 2,
  dimensions: { ideals: a, discipline: null },
  overall: a,
  answers: { 'ideals-study': 4, 'discipline-six': ['a', 'b'] },
});

describe('QuizStatsStore', () => {
  it('appends one JSON line per outcome to the month file and folds them per day', () => {
    const store = new QuizStatsStore(mkdtempSync(join(tmpdir(), 'rh-stats-')));
    store.append(started('2026-11-22'));
    store.append(completed('2026-11-22', 80));
    store.append(completed('2026-11-22', 60));
    store.append(started('2026-12-01'));
    const nov = readFileSync(join(store.dir, 'quiz-2026-11.jsonl'), 'utf8').split('\n');
    expect(nov).toHaveLength(4); // three lines and the final newline
    expect(JSON.parse(nov[1] ?? '')).toEqual(completed('2026-11-22', 80));
    const { rows, warnings } = store.fold();
    expect(warnings).toEqual([]);
    expect(rows.map((r) => [r.day, r.started, r.completed])).toEqual([
      ['2026-11-22', 1, 2],
      ['2026-12-01', 1, 0],
    ]);
    expect(rows[0]?.meanByDimension).toEqual({ ideals: 70 });
    expect(rows[0]?.answers['discipline-six']).toEqual({ a: 2, b: 2 });
  });

  it('refuses an outcome with personal data before writing anything', () => {
    const store = new QuizStatsStore(mkdtempSync(join(tmpdir(), 'rh-stats-')));
    expect(() => store.append({ ...started('2026-11-22'), name: '李四' })).toThrow();
    expect(store.readAll().outcomes).toEqual([]);
  });

  it('skips a torn last line with a warning, and the next append starts on a fresh line', () => {
    const store = new QuizStatsStore(mkdtempSync(join(tmpdir(), 'rh-stats-')));
    store.append(completed('2026-11-22', 90));
    const file = join(store.dir, 'quiz-2026-11.jsonl');
    // What a power cut in the middle of a write leaves behind.
    appendFileSync(file, JSON.stringify(completed('2026-11-22', 10)).slice(0, 40));
    let read = store.readAll();
    expect(read.outcomes).toHaveLength(1);
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings[0]?.line).toBe(2);
    expect(read.warnings[0]?.message.en).toMatch(/incomplete/);
    store.append(started('2026-11-22'));
    read = store.readAll();
    expect(read.outcomes.map((o) => o.status)).toEqual(['completed', 'started']);
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings[0]?.message.en).toMatch(/not a valid/);
  });

  it('ignores other files and copes with no data at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rh-stats-'));
    expect(new QuizStatsStore(dir).fold().rows).toEqual([]);
    mkdirSync(join(dir, 'stats'));
    writeFileSync(join(dir, 'stats', 'notes.txt'), 'hello');
    expect(new QuizStatsStore(dir).fold()).toEqual({ rows: [], warnings: [] });
  });

  it('takes the data folder from the flag, then REDHALL_DATA, then .data', () => {
    expect(statsDataDir('/x', { REDHALL_DATA: '/y' })).toBe('/x');
    expect(statsDataDir(undefined, { REDHALL_DATA: '/y' })).toBe('/y');
    expect(statsDataDir(undefined, {})).toBe(join(process.cwd(), '.data'));
  });

  it('keeps every acknowledged outcome when the writer is killed mid-stream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rh-stats-kill-'));
    // A writer that appends as fast as it can and reports each append once it has returned.
    const script = `
      import { QuizStatsStore } from './main/host/quiz-stats.ts';
      const store = new QuizStatsStore(${JSON.stringify(dir)});
      for (let i = 0; ; i++) {
        store.append({ v: 1, packId: 'demo-hall', bankId: 'b', formId: 'f', status: 'started', day: '2026-11-22', answered: i % 400 });
        process.stdout.write('ok\\n');
      }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acknowledged = 0;
    await new Promise<void>((done) => {
      child.stdout.on('data', (chunk: Buffer) => {
        acknowledged += chunk.toString().split('\n').filter((l) => l === 'ok').length;
        if (acknowledged >= 300 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => done());
    });
    const { outcomes, warnings } = new QuizStatsStore(dir).readAll();
    expect(acknowledged).toBeGreaterThanOrEqual(300);
    expect(outcomes.length).toBeGreaterThanOrEqual(acknowledged);
    expect(warnings.length).toBeLessThanOrEqual(1);
  });
});
