import type { QuizOutcome } from './outcome';

/** What one day of one bank adds up to. */
export interface QuizDayStats {
  day: string;
  packId: string;
  bankId: string;
  started: number;
  completed: number;
  abandoned: number;
  /** Mean score (rounded to 0.1) by dimension over completed reports that scored it. */
  meanByDimension: Record<string, number>;
  /** How often each option (or Likert level) was chosen, by question id; skips not counted. */
  answers: Record<string, Record<string, number>>;
}

/**
 * Folds outcomes into per-day, per-bank statistics, sorted by day, pack and bank. The same
 * outcomes in any order give the same result.
 */
export function foldQuizStats(outcomes: Iterable<QuizOutcome>): QuizDayStats[] {
  const rows = new Map<string, QuizDayStats & { sums: Record<string, [number, number]> }>();
  for (const o of outcomes) {
    const key = `${o.day}\u0000${o.packId}\u0000${o.bankId}`;
    let row = rows.get(key);
    if (!row) {
      row = { day: o.day, packId: o.packId, bankId: o.bankId, started: 0, completed: 0, abandoned: 0, meanByDimension: {}, answers: {}, sums: {} };
      rows.set(key, row);
    }
    row[o.status]++;
    if (o.status !== 'completed') continue;
    for (const [dim, score] of Object.entries(o.dimensions ?? {})) {
      if (score === null) continue;
      const s = (row.sums[dim] ??= [0, 0]);
      s[0] += score;
      s[1] += 1;
    }
    for (const [qid, a] of Object.entries(o.answers ?? {})) {
      const counts = (row.answers[qid] ??= {});
      for (const choice of Array.isArray(a) ? a : [String(a)]) counts[choice] = (counts[choice] ?? 0) + 1;
    }
  }
  return [...rows.values()]
    .sort((a, b) => (a.day + a.packId + a.bankId < b.day + b.packId + b.bankId ? -1 : 1))
    .map(({ sums, ...row }) => ({
      ...row,
      meanByDimension: Object.fromEntries(
        Object.keys(sums)
          .sort()
          .map((d) => [d, Math.round(((sums[d]?.[0] ?? 0) / (sums[d]?.[1] ?? 1)) * 10) / 10]),
      ),
      answers: sortKeys(Object.fromEntries(Object.entries(row.answers).map(([q, c]) => [q, sortKeys(c)]))),
    }));
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k] as T]));
}

/** Stats as CSV in long form (one measure a row), so a spreadsheet can pivot it. */
export function quizStatsCsv(rows: readonly QuizDayStats[]): string {
  const lines = ['day,pack,bank,measure,key,option,value'];
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (const r of rows) {
    const base = `${r.day},${q(r.packId)},${q(r.bankId)}`;
    lines.push(`${base},started,,,${r.started}`, `${base},completed,,,${r.completed}`, `${base},abandoned,,,${r.abandoned}`);
    for (const [d, m] of Object.entries(r.meanByDimension)) lines.push(`${base},mean,${q(d)},,${m}`);
    for (const [qid, counts] of Object.entries(r.answers)) for (const [opt, n] of Object.entries(counts)) lines.push(`${base},answer,${q(qid)},${q(opt)},${n}`);
  }
  return lines.join('\n') + '\n';
}
