import { describe, expect, it } from 'vitest';
import { loadQuizBankSource, scoreAnswers } from '../../core/quiz/index';
import { reportSummary } from './summary';

const YAML = `
id: t
title: 测试
dimensions:
  - { id: a, name: { zh-Hans: 理想信念, en: Ideals } }
  - { id: b, name: { zh-Hans: 清正廉洁, en: Integrity } }
  - { id: c, name: { zh-Hans: 作风建设, en: Work style } }
bands:
  - { id: ok, name: { zh-Hans: 健康, en: Healthy }, min: 80 }
  - { id: weak, name: { zh-Hans: 需加强, en: Needs work }, min: 0 }
advice: { a: { ok: 好, weak: 弱 }, b: { ok: 好, weak: 弱 }, c: { ok: 好, weak: 弱 } }
forms: [{ id: f, perDimension: 1 }]
questions:
  - { id: q1, kind: likert, dimension: a, prompt: 甲 }
  - { id: q2, kind: likert, dimension: b, prompt: 乙 }
  - { id: q3, kind: likert, dimension: c, prompt: 丙 }
`;
const bank = loadQuizBankSource(new Map([['t.yaml', YAML]]), 't.yaml').bank!;

describe('the QR summary', () => {
  it('lists the day, overall and every dimension with its band, and no answers', () => {
    const report = scoreAnswers(bank, ['q1', 'q2'], { q1: 5, q2: 2 });
    const text = reportSummary(bank, report, 'zh-Hans', '2026-11-22');
    expect(text.split('\n')).toEqual(['党性体检摘要 2026-11-22', '综合得分 63 需加强', '理想信念 100 健康', '清正廉洁 25 需加强', '作风建设 —']);
    expect(text).not.toContain('q1');
    expect(reportSummary(bank, report, 'en', '2026-11-22').split('\n')[2]).toBe('Ideals 100 Healthy');
  });
});
