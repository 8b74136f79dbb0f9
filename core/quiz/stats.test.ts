import { describe, expect, it } from 'vitest';
import { foldQuizStats, quizStatsCsv } from './stats';
import type { QuizOutcome } from './outcome';

const base = { v: 1 as const, packId: 'demo-hall', bankId: 'b', formId: 'f' };
const outcomes: QuizOutcome[] = [
  { ...base, status: 'started', day: '2026-11-22', answered: 0 },
  { ...base, status: 'started', day: '2026-11-22', answered: 0 },
  { ...base, status: 'started', day: '2026-11-21', answered: 0 },
  { ...base, status: 'abandoned', day: '2026-11-22', answered: 2 },
  { ...base, status: 'completed', day: '2026-11-22', answered: 3, dimensions: { a: 80, b: null }, overall: 80, answers: { q1: 'x', q2: ['m', 'n'], q3: 4 } },
  { ...base, status: 'completed', day: '2026-11-21', answered: 3, dimensions: { a: 55, b: 70 }, overall: 63, answers: { q1: 'y' } },
  { ...base, status: 'completed', day: '2026-11-22', answered: 3, dimensions: { a: 65, b: 40 }, overall: 53, answers: { q1: 'x', q2: ['m'], q3: 4 } },
];

describe('foldQuizStats', () => {
  it('counts per day, averages each dimension over the reports that scored it, and tallies answers', () => {
    const rows = foldQuizStats(outcomes);
    expect(rows.map((r) => [r.day, r.started, r.completed, r.abandoned])).toEqual([
      ['2026-11-21', 1, 1, 0],
      ['2026-11-22', 2, 2, 1],
    ]);
    expect(rows[1]?.meanByDimension).toEqual({ a: 72.5, b: 40 });
    expect(rows[1]?.answers).toEqual({ q1: { x: 2 }, q2: { m: 2, n: 1 }, q3: { '4': 2 } });
  });

  it('gives the same result in any order', () => {
    expect(foldQuizStats([...outcomes].reverse())).toEqual(foldQuizStats(outcomes));
  });

  it('writes long-form CSV, one measure a row', () => {
    const csv = quizStatsCsv(foldQuizStats(outcomes)).split('\n');
    expect(csv[0]).toBe('day,pack,bank,measure,key,option,value');
    expect(csv).toContain('2026-11-22,demo-hall,b,completed,,,2');
    expect(csv).toContain('2026-11-22,demo-hall,b,mean,a,,72.5');
    expect(csv).toContain('2026-11-22,demo-hall,b,answer,q2,n,1');
  });
});
