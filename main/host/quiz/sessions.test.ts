import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadQuizBankSource } from '../../../core/quiz/check';
import { replayQuiz } from '../../../core/quiz/session';
import { QuizSessions } from './sessions';

const ENTRY = 'quiz/self-check.yaml';
const bank = loadQuizBankSource(new Map([[ENTRY, readFileSync(`content/demo-hall/${ENTRY}`, 'utf8')]]), ENTRY).bank!;

describe('quiz sessions on the host', () => {
  it('runs a visitor\'s self-check to its end, refuses what the form forbids, and replays from its facts', () => {
    const sessions = new QuizSessions();
    const s0 = sessions.start('kiosk', bank, 'standard', 42);
    expect(s0.status).toBe('answering');
    expect(sessions.command('wall-1', { type: 'next' })).toMatchObject({ ok: false, code: 'quiz.no-session' });
    let session = s0;
    for (const d of s0.questions) {
      const q = bank.questions.find((x) => x.id === d.questionId)!;
      const answer = q.kind === 'likert' ? 4 : q.kind === 'multiple' ? [d.optionOrder[0]!] : d.optionOrder[0]!;
      expect(sessions.command('kiosk', { type: 'answer', questionId: d.questionId, answer }).ok).toBe(true);
      const r = sessions.command('kiosk', { type: 'next' });
      expect(r.ok).toBe(true);
      session = r.session!;
    }
    expect(session).toMatchObject({ status: 'finished', endedBy: 'completed' });
    expect(Object.keys(session.answers)).toHaveLength(s0.questions.length);
    expect(sessions.command('kiosk', { type: 'next' })).toMatchObject({ ok: false, code: 'quiz.finished' });
    expect(replayQuiz(sessions.facts('kiosk'))).toEqual(session);
    sessions.end('kiosk');
    expect(sessions.facts('kiosk')).toEqual([]);
  });
});
