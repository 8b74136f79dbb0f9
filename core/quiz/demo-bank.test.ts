import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadQuizBankSource } from './check';
import { drawForm, scoreAnswers } from './engine';

const ENTRY = 'quiz/self-check.yaml';
const loaded = loadQuizBankSource(new Map([[ENTRY, readFileSync(`content/demo-hall/${ENTRY}`, 'utf8')]]), ENTRY);

describe('the demo bank', () => {
  it('loads with no finding at all', () => {
    expect(loaded.findings).toEqual([]);
    expect(loaded.bank).toBeDefined();
  });

  it('has at least 60 questions over the six dimensions, every kind, some reversed Likert items', () => {
    const bank = loaded.bank!;
    expect(bank.dimensions.map((d) => d.name)).toEqual(
      ['理想信念', '政治纪律和规矩', '宗旨意识', '担当作为', '作风建设', '清正廉洁'].map((n) => expect.objectContaining({ 'zh-Hans': n })),
    );
    expect(bank.questions.length).toBeGreaterThanOrEqual(60);
    for (const d of bank.dimensions) expect(bank.questions.filter((q) => q.dimensions[0] === d.id).length).toBeGreaterThanOrEqual(8);
    expect(new Set(bank.questions.map((q) => q.kind))).toEqual(new Set(['single', 'multiple', 'truefalse', 'likert']));
    expect(bank.questions.filter((q) => q.reverse).length).toBeGreaterThanOrEqual(6);
    expect(bank.bands.map((b) => b.name)).toEqual(['健康', '亚健康', '需加强'].map((n) => expect.objectContaining({ 'zh-Hans': n })));
  });

  it('gives every knowledge question an explanation and a source', () => {
    for (const q of loaded.bank!.questions.filter((x) => x.knowledge)) {
      expect(q.explanation, q.id).toBeDefined();
      expect(q.source, q.id).toBeDefined();
    }
  });

  it('scores 100 everywhere for the best answers to any drawn form', () => {
    const bank = loaded.bank!;
    for (let seed = 0; seed < 20; seed++) {
      const form = drawForm(bank, 'full', seed);
      const best: Record<string, string | string[] | number> = {};
      for (const d of form.questions) {
        const q = bank.questions.find((x) => x.id === d.questionId)!;
        if (q.kind === 'likert') best[q.id] = q.reverse ? 1 : 5;
        else if (q.kind === 'multiple') best[q.id] = q.options.filter((o) => o.correct).map((o) => o.id);
        else best[q.id] = q.options.find((o) => o.correct)!.id;
      }
      const r = scoreAnswers(bank, Object.keys(best), best);
      expect(r.dimensions.map((d) => d.score)).toEqual([100, 100, 100, 100, 100, 100]);
    }
  });
});

describe('zh-Hant', () => {
  it('derives traditional text for every prompt and keeps the rest of the bank', async () => {
    const { deriveBankHant } = await import('./hant');
    const { pickText } = await import('../text');
    const bank = deriveBankHant(loaded.bank!);
    const q = bank.questions.find((x) => x.id === 'discipline-centralism')!;
    expect(pickText(q.prompt, 'zh-Hant')).toBe('黨的根本組織原則是什麼？');
    expect(pickText(q.prompt, 'zh-Hans')).toBe('党的根本组织原则是什么？');
    expect(pickText(bank.dimensions[0]!.name, 'zh-Hant')).toBe('理想信念');
    expect(bank.questions.map((x) => x.options.map((o) => o.scores))).toEqual(loaded.bank!.questions.map((x) => x.options.map((o) => o.scores)));
  });
});
