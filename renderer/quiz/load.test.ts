import { describe, expect, it } from 'vitest';
import { fetchQuizBank } from './load';

const BANK = `id: b
title: 测试
dimensions: [{ id: a, name: 甲 }]
bands: [{ id: ok, name: 好, min: 0 }]
advice: { a: { ok: 好 } }
forms: [{ id: f, perDimension: 1 }]
questions:
  - { id: q1, kind: likert, dimension: a, prompt: 我 }
`;

function host(files: Record<string, string>) {
  const asked: string[] = [];
  const fetcher = async (url: string) => {
    asked.push(url);
    const body = files[url];
    return { ok: body !== undefined, status: body !== undefined ? 200 : 404, text: async () => body ?? '' };
  };
  return { asked, fetcher };
}

describe('fetchQuizBank', () => {
  it('reads pack.yaml, then the bank it lists, and checks it', async () => {
    const h = host({ '/api/quiz-bank/demo-hall/pack.yaml': 'contents:\n  quizzes: [quiz/b.yaml]\n', '/api/quiz-bank/demo-hall/quiz/b.yaml': BANK });
    const r = await fetchQuizBank('demo-hall', undefined, h.fetcher);
    expect(r.ok && r.bank.questions.map((q) => q.id)).toEqual(['q1']);
    expect(h.asked).toEqual(['/api/quiz-bank/demo-hall/pack.yaml', '/api/quiz-bank/demo-hall/quiz/b.yaml']);
  });

  it('says why in both languages when the bank is missing or broken', async () => {
    const none = await fetchQuizBank('p', undefined, host({ '/api/quiz-bank/p/pack.yaml': 'contents: {}\n' }).fetcher);
    expect(none).toMatchObject({ ok: false, message: { en: 'The pack has no quiz bank.' } });
    const gone = await fetchQuizBank('p', undefined, host({ '/api/quiz-bank/p/pack.yaml': 'contents:\n  quizzes: [q.yaml]\n' }).fetcher);
    expect(gone.ok).toBe(false);
    expect(!gone.ok && gone.message.en).toMatch(/q\.yaml: HTTP 404/);
    const broken = await fetchQuizBank('p', undefined, host({ '/api/quiz-bank/p/pack.yaml': 'contents:\n  quizzes: [q.yaml]\n', '/api/quiz-bank/p/q.yaml': BANK.replace('kind: likert', 'kind: essay') }).fetcher);
    expect(!broken.ok && broken.message['zh-Hans']).toMatch(/^题库有错误：q\.yaml:8:/);
    const other = await fetchQuizBank('p', 'zz', host({ '/api/quiz-bank/p/pack.yaml': 'contents:\n  quizzes: [q.yaml]\n', '/api/quiz-bank/p/q.yaml': BANK }).fetcher);
    expect(!other.ok && other.message.en).toBe('The pack has no bank zz.');
  });
});
