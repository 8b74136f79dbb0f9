// A stand-alone page for the self-check: the e2e test and screenshots drive it in Chromium.
// Query: ?seed=…&idle=seconds&warn=seconds&locale=zh-Hans|zh-Hant|en&form=…
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import '@fontsource-variable/noto-sans-sc';
import '@fontsource-variable/noto-serif-sc';
import bankYaml from '../../../content/demo-hall/quiz/self-check.yaml?raw';
import { loadQuizBankSource, type QuizOutcome } from '../../../core/quiz/index';
import { LOCALES, type Locale } from '../../../core/text';
import { QuizFlow } from '../QuizFlow';

const ENTRY = 'quiz/self-check.yaml';
const loaded = loadQuizBankSource(new Map([[ENTRY, bankYaml]]), ENTRY);
const q = new URLSearchParams(window.location.search);
const locale = (LOCALES as readonly string[]).includes(q.get('locale') ?? '') ? (q.get('locale') as Locale) : 'zh-Hans';
const outcomes: QuizOutcome[] = [];
(window as unknown as { quizHarness: unknown }).quizHarness = { outcomes, findings: loaded.findings };

function Harness() {
  const [open, setOpen] = useState(q.get('open') !== '0');
  const [visit, setVisit] = useState(0);
  if (!loaded.bank) return <pre style={{ color: '#fff' }}>{JSON.stringify(loaded.findings, null, 2)}</pre>;
  if (!open)
    return (
      <div data-testid="harness-home" style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center', background: '#5c0a0e' }}>
        <button data-action="open-quiz" style={{ fontSize: 40, minHeight: 100, padding: '0 60px', borderRadius: 999 }} onClick={() => { setVisit((v) => v + 1); setOpen(true); }}>
          党性体检
        </button>
      </div>
    );
  return (
    <QuizFlow
      key={visit}
      bank={loaded.bank}
      packId="demo-hall"
      locale={locale}
      seed={q.get('seed') ?? 'harness'}
      {...(q.get('form') ? { formId: q.get('form') as string } : {})}
      idleSeconds={Number(q.get('idle') ?? 90)}
      warnSeconds={Number(q.get('warn') ?? 10)}
      today={() => '2026-11-22'}
      onOutcome={(o) => outcomes.push(o)}
      onExit={() => setOpen(false)}
    />
  );
}

createRoot(document.getElementById('root')!).render(<Harness />);
