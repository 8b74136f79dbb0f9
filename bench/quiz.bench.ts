// The self-check's costs: loading and checking the demo bank, drawing a form, scoring it, and
// the host appending (fsync per line) and folding statistics.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { drawForm, loadQuizBankSource, outcomeOf, scoreSession, startSession, applyQuizEvent, type QuizBank } from '../core/quiz/index';
import { QuizStatsStore } from '../main/host/quiz-stats';
import type { Bench } from './types';

const ENTRY = 'quiz/self-check.yaml';

function perOp(n: number, body: (i: number) => void): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) body(i);
  return (performance.now() - t0) / n;
}

function completedSession(bank: QuizBank, seed: number) {
  let s = startSession(drawForm(bank, 'full', seed));
  for (const d of s.questions) {
    const q = bank.questions.find((x) => x.id === d.questionId)!;
    const answer = q.kind === 'likert' ? 4 : q.kind === 'multiple' ? [d.optionOrder[0]!] : d.optionOrder[0]!;
    s = applyQuizEvent(bank, s, { type: 'answer', questionId: q.id, answer });
    s = applyQuizEvent(bank, s, { type: 'next' });
  }
  return s;
}

export const run: Bench = async () => {
  const text = readFileSync(join('content/demo-hall', ENTRY), 'utf8');
  const files = new Map([[ENTRY, text]]);
  const load = perOp(20, () => loadQuizBankSource(files, ENTRY));
  const bank = loadQuizBankSource(files, ENTRY).bank!;
  const draw = perOp(2000, (i) => drawForm(bank, 'full', i));
  const session = completedSession(bank, 1);
  const score = perOp(2000, () => scoreSession(bank, session));

  const dir = mkdtempSync(join(tmpdir(), 'rh-quiz-bench-'));
  const store = new QuizStatsStore(dir);
  const outcomes = Array.from({ length: 200 }, (_, i) => outcomeOf(bank, completedSession(bank, i), 'demo-hall', `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`, 'completed'));
  const append = perOp(outcomes.length, (i) => store.append(outcomes[i]));
  // Fold a month of a busy kiosk: 200 completed outcomes repeated to 10,000 lines.
  for (let k = 0; k < 49; k++) for (const o of outcomes) store.append(o);
  const t0 = performance.now();
  const { rows } = store.fold();
  const fold = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  if (rows.length !== 28) throw new Error(`expected 28 days, got ${rows.length}`);

  return [
    { name: 'quiz: load + check the demo bank (72 questions)', value: load, unit: 'ms', target: '< 50 ms' },
    { name: 'quiz: draw a 24-question form', value: draw * 1000, unit: 'µs', target: '< 1000 µs' },
    { name: 'quiz: score a 24-question session', value: score * 1000, unit: 'µs', target: '< 1000 µs' },
    { name: 'quiz stats: append one outcome (fsync)', value: append, unit: 'ms', target: '< 20 ms' },
    { name: 'quiz stats: read + fold 10,000 outcomes', value: fold, unit: 'ms', target: '< 1000 ms' },
  ];
};
