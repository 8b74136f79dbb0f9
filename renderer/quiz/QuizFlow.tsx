import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { pickText, type Locale, type LocalisedText } from '../../core/text';
import {
  applyQuizEvent,
  drawForm,
  findForm,
  outcomeOf,
  questionById,
  questionPoints,
  scoreSession,
  startSession,
  type QuizAnswer,
  type QuizBank,
  type QuizEvent,
  type QuizForm,
  type QuizOutcome,
  type QuizQuestion,
  type QuizReport,
  type QuizSession,
} from '../../core/quiz/index';
import { IdleCountdown } from '../common/IdleCountdown';
import { RadarChart } from './RadarChart';
import { QrCode } from './QrCode';
import { quizText, type QuizStringKey } from './strings';
import { reportSummary } from './summary';
import './quiz.css';

export interface QuizFlowProps {
  bank: QuizBank;
  packId: string;
  locale: Locale;
  /** Seeds the draw; a restart derives the next seed from it. */
  seed: number | string;
  formId?: string;
  /** Seconds without a touch before the countdown ends and everything is cleared. */
  idleSeconds: number;
  /** The last seconds of that wait, shown as a countdown (default 10). */
  warnSeconds?: number;
  /** Anonymous outcomes for the host's statistics: started, completed, abandoned. */
  onOutcome: (outcome: QuizOutcome) => void;
  /** The visitor leaves the self-check (or the kiosk was left alone). */
  onExit: () => void;
  /** The hall's local day, YYYY-MM-DD (default: this machine's calendar). */
  today?: () => string;
}

type Flow =
  | { screen: 'start' }
  | { screen: 'question'; session: QuizSession; deadline: number | null }
  | { screen: 'report'; session: QuizSession; report: QuizReport; day: string };

const LETTERS = 'ABCDEFGH';

function localDay(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The bank with zh-Hant derived where the curator wrote none, while the screen is in zh-Hant.
 * OpenCC's dictionaries come in their own chunk, fetched the first time a visitor picks zh-Hant;
 * until then (a moment) the texts show as written.
 */
function useHantBank(bank: QuizBank, locale: Locale): QuizBank | undefined {
  const [derived, setDerived] = useState<{ from: QuizBank; bank: QuizBank }>();
  const wanted = locale === 'zh-Hant' && derived?.from !== bank;
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void import('../../core/quiz/hant').then((m) => {
      if (live) setDerived({ from: bank, bank: m.deriveBankHant(bank) });
    });
    return () => {
      live = false;
    };
  }, [bank, wanted]);
  return locale === 'zh-Hant' && derived?.from === bank ? derived.bank : undefined;
}

/**
 * The kiosk's party-spirit self-check: start, one question a screen, an explanation after each
 * knowledge question, a report with a radar chart, bands, advice and a QR summary, restart.
 * Left alone, it counts down visibly, clears answers and report, and exits.
 */
export function QuizFlow(props: QuizFlowProps) {
  const { packId, locale, seed, formId, idleSeconds, warnSeconds = 10, onOutcome, onExit, today = localDay } = props;
  const bank = useHantBank(props.bank, locale) ?? props.bank;
  // The visitor picks a form on the start screen unless the kiosk fixed one.
  const offered = formId !== undefined ? [findForm(bank, formId)] : bank.forms;
  const [lastForm, setLastForm] = useState(offered[0]!.id);
  const [flow, setFlow] = useState<Flow>({ screen: 'start' });
  const [round, setRound] = useState(0);
  const t = (key: QuizStringKey, vars?: Record<string, string | number>) => quizText(locale, key, vars);
  const text = (v: LocalisedText | undefined) => pickText(v, locale);

  const emit = (session: QuizSession, status: QuizOutcome['status']) => onOutcome(outcomeOf(bank, session, packId, today(), status));

  const begin = (chosen: string = lastForm) => {
    const form = findForm(bank, chosen);
    setLastForm(form.id);
    const session = startSession(drawForm(bank, form.id, round === 0 ? seed : `${seed}:${round}`));
    setRound((r) => r + 1);
    emit(session, 'started');
    setFlow({ screen: 'question', session, deadline: form.timeLimitSeconds ? deadlineIn(form.timeLimitSeconds) : null });
  };

  const dispatch = (event: QuizEvent) => {
    if (flow.screen !== 'question') return;
    const session = applyQuizEvent(bank, flow.session, event);
    if (session.status === 'finished') {
      emit(session, 'completed');
      setFlow({ screen: 'report', session, report: scoreSession(bank, session), day: today() });
    } else setFlow({ ...flow, session });
  };

  // Leaving mid-way (exit button or idle) reports an abandoned check; everything is dropped.
  const clearAndExit = () => {
    if (flow.screen === 'question') emit(flow.session, 'abandoned');
    setFlow({ screen: 'start' });
    onExit();
  };
  const onTimeUp = useEffectEvent(() => dispatch({ type: 'timeout' }));

  const deadline = flow.screen === 'question' ? flow.deadline : null;
  const [timeLeft, setTimeLeft] = useState<number | null>(null);
  useEffect(() => {
    if (deadline === null) return;
    const tick = () => {
      const left = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
      setTimeLeft(left);
      if (left === 0) onTimeUp();
    };
    tick();
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [deadline]);

  return (
    <div className="quiz" lang={locale} data-screen={flow.screen}>
      {flow.screen === 'start' && <StartScreen bank={bank} forms={offered} t={t} text={text} onStart={begin} onExit={clearAndExit} />}
      {flow.screen === 'question' && (
        <QuestionScreen
          bank={bank}
          session={flow.session}
          allowBack={findForm(bank, flow.session.formId).allowBack}
          allowSkip={findForm(bank, flow.session.formId).allowSkip}
          timeLeft={deadline !== null ? timeLeft : null}
          t={t}
          text={text}
          dispatch={dispatch}
          onExit={clearAndExit}
        />
      )}
      {flow.screen === 'report' && (
        <ReportScreen bank={bank} report={flow.report} timedOut={flow.session.endedBy === 'timeout'} day={flow.day} locale={locale} t={t} text={text} onRestart={() => begin()} onExit={clearAndExit} />
      )}
      <IdleCountdown idleSeconds={idleSeconds} warnSeconds={warnSeconds} onIdle={clearAndExit} title={t('idleTitle')} body={(n) => t('idleBody', { n })} continueLabel={t('idleContinue')} testId="quiz-idle-countdown" />
    </div>
  );
}

// Called from the start button's handler, never during render.
function deadlineIn(seconds: number): number {
  return performance.now() + seconds * 1000;
}

function drawCount(perDimension: Record<string, number>): number {
  return Object.values(perDimension).reduce((a, b) => a + b, 0);
}

type T = (key: QuizStringKey, vars?: Record<string, string | number>) => string;
type Text = (v: LocalisedText | undefined) => string;

function StartScreen(props: { bank: QuizBank; forms: QuizForm[]; t: T; text: Text; onStart: (formId: string) => void; onExit: () => void }) {
  const { bank, forms, t, text } = props;
  const info = (f: QuizForm) => {
    const n = drawCount(f.perDimension);
    return [t('formInfo', { n, m: Math.max(1, Math.round(n * 0.4)) }), f.timeLimitSeconds !== undefined ? t('timeLimit', { m: Math.round(f.timeLimitSeconds / 60) }) : ''].filter(Boolean).join(' · ');
  };
  const [main, ...others] = forms;
  if (!main) return null;
  return (
    <main className="quiz-start">
      <div className="quiz-emblem" aria-hidden="true">
        ★
      </div>
      <h1 className="quiz-title">{text(bank.title)}</h1>
      {bank.intro && <p className="quiz-intro">{text(bank.intro)}</p>}
      <ul className="quiz-dimension-chips" aria-label={text(bank.title)}>
        {bank.dimensions.map((d) => (
          <li key={d.id}>{text(d.name)}</li>
        ))}
      </ul>
      <p className="quiz-form-info">
        {main.title && <span>{text(main.title)} · </span>}
        {info(main)}
      </p>
      <div className="quiz-actions">
        <button className="quiz-button quiz-button-primary quiz-button-large" onClick={() => props.onStart(main.id)} data-action="start" data-form={main.id}>
          {t('start')}
        </button>
        {others.map((f) => (
          <button key={f.id} className="quiz-button quiz-button-quiet quiz-button-form" onClick={() => props.onStart(f.id)} data-action="start-form" data-form={f.id}>
            <span>{text(f.title) || f.id}</span>
            <small>{info(f)}</small>
          </button>
        ))}
        <button className="quiz-button quiz-button-quiet" onClick={props.onExit} data-action="exit">
          {t('exit')}
        </button>
      </div>
      <p className="quiz-anonymous">{t('anonymous')}</p>
    </main>
  );
}

function QuestionScreen(props: {
  bank: QuizBank;
  session: QuizSession;
  allowBack: boolean;
  allowSkip: boolean;
  timeLeft: number | null;
  t: T;
  text: Text;
  dispatch: (e: QuizEvent) => void;
  onExit: () => void;
}) {
  const { bank, session, t, text, dispatch } = props;
  const drawn = session.questions[session.index];
  if (!drawn) return null;
  const q = questionById(bank, drawn.questionId);
  const answer = session.answers[q.id];
  const revealed = session.locked.includes(q.id);
  const total = session.questions.length;
  const isLast = session.index === total - 1;
  const dimension = bank.dimensions.find((d) => d.id === q.dimensions[0]);
  const options = drawn.optionOrder.map((id) => q.options.find((o) => o.id === id)).filter((o) => o !== undefined);

  const choose = (optionId: string) => {
    if (revealed) return;
    let next: QuizAnswer | null;
    if (q.kind === 'likert') next = Number(optionId);
    else if (q.kind === 'multiple') {
      const current = Array.isArray(answer) ? answer : [];
      next = current.includes(optionId) ? current.filter((x) => x !== optionId) : [...current, optionId];
    } else next = optionId;
    dispatch({ type: 'answer', questionId: q.id, answer: next });
  };
  const picked = (optionId: string) =>
    answer === undefined ? false : Array.isArray(answer) ? answer.includes(optionId) : String(answer) === optionId;

  const needsConfirm = q.knowledge && !revealed && answer !== undefined;
  return (
    <main className={revealed ? 'quiz-question quiz-revealed' : 'quiz-question'} data-question={q.id} data-kind={q.kind} data-index={session.index}>
      <header className="quiz-topbar">
        <div className="quiz-progress-text">{t('progress', { i: session.index + 1, n: total })}</div>
        <div
          className="quiz-progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={session.index + 1}
          aria-label={t('progress', { i: session.index + 1, n: total })}
        >
          <div className="quiz-progress-fill" style={{ width: `${((session.index + 1) / total) * 100}%` }} />
        </div>
        {props.timeLeft !== null && (
          <div className="quiz-timer" role="timer">
            {t('timeLeft', { t: `${Math.floor(props.timeLeft / 60)}:${String(props.timeLeft % 60).padStart(2, '0')}` })}
          </div>
        )}
        <button className="quiz-button quiz-button-quiet quiz-button-small" onClick={props.onExit} data-action="exit">
          {t('exit')}
        </button>
      </header>

      <section className="quiz-body">
        <div className="quiz-tags">
          {dimension && <span className="quiz-tag">{text(dimension.name)}</span>}
          <span className="quiz-tag quiz-tag-kind">{t(q.kind)}</span>
        </div>
        <h2 className="quiz-prompt">{text(q.prompt)}</h2>

        <div className={`quiz-options quiz-options-${q.kind}`} role="group" aria-label={t(q.kind)}>
          {options.map((o, i) => {
            const on = picked(o.id);
            const state = revealed ? (o.correct ? 'right' : on ? 'wrong' : 'plain') : on ? 'picked' : 'plain';
            return (
              <button
                key={o.id}
                className={`quiz-option quiz-option-${state}`}
                aria-pressed={on}
                disabled={revealed}
                data-option={o.id}
                onClick={() => choose(o.id)}
              >
                {(q.kind === 'single' || q.kind === 'multiple') && <span className="quiz-option-mark">{q.kind === 'multiple' ? (on ? '☑' : '☐') : LETTERS[i]}</span>}
                {q.kind === 'likert' && <span className="quiz-option-mark">{o.id}</span>}
                {q.kind === 'truefalse' && <span className="quiz-option-mark" aria-hidden="true">{o.id === 'true' ? '✓' : '✗'}</span>}
                <span className="quiz-option-text">{text(o.text)}</span>
              </button>
            );
          })}
        </div>

        {revealed && <Explanation q={q} answer={answer} t={t} text={text} options={options} />}
      </section>

      <footer className="quiz-nav">
        {props.allowBack && session.index > 0 ? (
          <button className="quiz-button quiz-button-quiet" onClick={() => dispatch({ type: 'back' })} data-action="back">
            ‹ {t('previous')}
          </button>
        ) : (
          <span />
        )}
        {needsConfirm ? (
          <button className="quiz-button quiz-button-primary" onClick={() => dispatch({ type: 'confirm', questionId: q.id })} data-action="confirm">
            {t('confirm')}
          </button>
        ) : answer === undefined ? (
          props.allowSkip ? (
            <button className="quiz-button quiz-button-quiet" onClick={() => dispatch({ type: 'next' })} data-action="skip">
              {t('skip')} ›
            </button>
          ) : (
            <span />
          )
        ) : (
          <button className="quiz-button quiz-button-primary" onClick={() => dispatch({ type: 'next' })} data-action="next">
            {isLast ? t('finish') : `${t('next')} ›`}
          </button>
        )}
      </footer>
    </main>
  );
}

function Explanation(props: { q: QuizQuestion; answer: QuizAnswer | undefined; options: QuizQuestion['options']; t: T; text: Text }) {
  const { q, answer, t, text } = props;
  const ref = useRef<HTMLElement>(null);
  // Long explanations on small screens: bring the whole panel into view when it appears.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const dim = q.dimensions[0] ?? '';
  const { earned, max } = questionPoints(q, dim, answer);
  const verdict = earned >= max ? 'right' : earned > 0 ? 'partly' : 'wrong';
  const right = props.options
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => o.correct)
    .map(({ o, i }) => (q.kind === 'truefalse' ? text(o.text) : LETTERS[i]))
    .join(q.kind === 'multiple' ? '、' : '');
  return (
    <aside ref={ref} className={`quiz-explanation quiz-explanation-${verdict}`} data-verdict={verdict} aria-live="polite">
      <h3>
        {verdict === 'right' ? '✓ ' : verdict === 'partly' ? '◐ ' : '✗ '}
        {t(verdict)}
        <span className="quiz-answer-is">{t('answerIs', { a: right })}</span>
      </h3>
      {q.explanation && <p>{text(q.explanation)}</p>}
      {q.source && <p className="quiz-source">{t('source', { s: text(q.source) })}</p>}
    </aside>
  );
}

function ReportScreen(props: { bank: QuizBank; report: QuizReport; timedOut: boolean; day: string; locale: Locale; t: T; text: Text; onRestart: () => void; onExit: () => void }) {
  const { bank, report, t, text } = props;
  const bandName = (id: string | null) => (id === null ? '' : text(bank.bands.find((b) => b.id === id)?.name));
  const bandRank = (id: string | null) => (id === null ? -1 : bank.bands.findIndex((b) => b.id === id));
  const axes = report.dimensions.map((d) => ({ id: d.id, label: text(bank.dimensions.find((x) => x.id === d.id)?.name), value: d.score }));
  const description = axes.map((a) => `${a.label} ${a.value ?? t('notCovered')}`).join('；');
  const summary = reportSummary(bank, report, props.locale, props.day);
  return (
    <main className="quiz-report" data-overall={report.overall ?? ''}>
      <header className="quiz-report-header">
        <h1>{t('reportTitle')}</h1>
        <div className="quiz-overall" data-band={report.overallBand ?? ''}>
          <span className="quiz-overall-label">{t('overall')}</span>
          <span className="quiz-overall-score">{report.overall ?? '—'}</span>
          <span className={`quiz-band quiz-band-${bandRank(report.overallBand)}`}>{bandName(report.overallBand)}</span>
        </div>
        {props.timedOut && <p className="quiz-timeup">{t('timeUp')}</p>}
      </header>
      <div className="quiz-report-body">
        <section className="quiz-report-chart">
          <RadarChart axes={axes} title={`${text(bank.title)} · ${t('radarLabel')}`} description={description} />
          <div className="quiz-qr-box">
            <QrCode text={summary} size={168} label={t('qrHint')} />
            <p>{t('qrHint')}</p>
          </div>
        </section>
        <section className="quiz-report-list">
          {report.dimensions.map((d) => (
            <article key={d.id} className="quiz-dimension" data-dimension={d.id} data-score={d.score ?? ''} data-band={d.band ?? ''}>
              <header>
                <h2>{text(bank.dimensions.find((x) => x.id === d.id)?.name)}</h2>
                <span className="quiz-dimension-score">{d.score ?? '—'}</span>
                {d.band !== null ? <span className={`quiz-band quiz-band-${bandRank(d.band)}`}>{bandName(d.band)}</span> : <span className="quiz-band">{t('notCovered')}</span>}
              </header>
              <div className="quiz-bar" aria-hidden="true">
                <div className={`quiz-bar-fill quiz-band-${bandRank(d.band)}`} style={{ width: `${d.score ?? 0}%` }} />
              </div>
              {d.advice && <p className="quiz-advice">{text(d.advice)}</p>}
            </article>
          ))}
        </section>
      </div>
      <footer className="quiz-nav quiz-report-nav">
        <button className="quiz-button quiz-button-quiet" onClick={props.onExit} data-action="exit">
          {t('exit')}
        </button>
        <button className="quiz-button quiz-button-primary" onClick={props.onRestart} data-action="restart">
          {t('restart')}
        </button>
      </footer>
    </main>
  );
}
