import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { pickText, type Bilingual, type Locale, type LocalisedText } from '../../core/text';
import type { ClueView } from '../../core/story/view';
import { renderMarkdown } from '../common/markdown';
import type { TableLink, TablePageState } from './link';
import { formatClock, timeLeft, type TimerLike } from './model';
import { isTableStringKey, tableT, type TableT } from './strings';

/** The live state of a table link; re-renders on every push. */
export function useTable(link: TableLink): TablePageState {
  return useSyncExternalStore(
    (fn) => link.subscribe(fn),
    () => link.state,
  );
}

/** Re-renders every `ms` while mounted (for running clocks). */
export function useTick(ms: number, on = true): void {
  const [, set] = useState(0);
  useEffect(() => {
    if (!on) return;
    const id = window.setInterval(() => set((n) => n + 1), ms);
    return () => window.clearInterval(id);
  }, [ms, on]);
}

/** Text and interface strings for one locale. */
export function useLocaleText(locale: Locale): { t: TableT; text: (v: LocalisedText | undefined) => string; bi: (b: Bilingual) => string } {
  return useMemo(
    () => ({
      t: tableT(locale),
      text: (v: LocalisedText | undefined) => pickText(v, locale),
      // Host messages are zh-Hans and English; zh-Hant readers get the zh-Hans sentence.
      bi: (b: Bilingual) => (locale === 'en' ? b.en : b['zh-Hans']),
    }),
    [locale],
  );
}

export type Texts = ReturnType<typeof useLocaleText>;

/** Curator markdown (a role's page, a debrief), sanitised by renderer/common/markdown. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div className={`md ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A phase countdown in host time; stands still (and says so) while paused. */
export function Countdown({ timer, hostNow, t, className }: { timer: TimerLike; hostNow: () => number; t: TableT; className?: string }) {
  useTick(250, !timer.paused);
  const left = timeLeft(timer, hostNow());
  const state = timer.paused ? 'paused' : left === 0 ? 'over' : left < 60_000 ? 'low' : 'running';
  return (
    <div className={`countdown ${className ?? ''}`} data-state={state} data-testid="countdown" role="timer" aria-live="off">
      <span className="countdown-digits">{formatClock(left)}</span>
      {state === 'paused' && <span className="countdown-note">{t('paused')}</span>}
      {state === 'over' && <span className="countdown-note">{t('timeUp')}</span>}
    </div>
  );
}

/** One clue as a card; `action` is an optional button (share, give). */
export function ClueCard({ clue, text, note, action, fresh }: { clue: ClueView; text: (v: LocalisedText | undefined) => string; note?: string; action?: React.ReactNode; fresh?: boolean }) {
  return (
    <article className="clue-card" data-clue={clue.id} data-shared={clue.shared} data-fresh={fresh ? 'true' : undefined}>
      <h3>{text(clue.title)}</h3>
      <p>{text(clue.text)}</p>
      {(note || action) && (
        <footer>
          {note && <small>{note}</small>}
          {action}
        </footer>
      )}
    </article>
  );
}

const LABELS: Record<Locale, string> = { 'zh-Hans': '简', 'zh-Hant': '繁', en: 'EN' };

/** The three interface languages as a segmented switch. */
export function LocaleSwitch({ locale, onChange }: { locale: Locale; onChange: (l: Locale) => void }) {
  return (
    <div className="locale-switch" role="group" aria-label="Language / 语言">
      {(Object.keys(LABELS) as Locale[]).map((l) => (
        <button key={l} type="button" className={l === locale ? 'on' : ''} aria-pressed={l === locale} onClick={() => onChange(l)} data-locale={l}>
          {LABELS[l]}
        </button>
      ))}
    </div>
  );
}

/** The phase kind's name in the interface language. */
export function kindLabel(t: TableT, kind: string): string {
  const key = `kind_${kind}`;
  return isTableStringKey(key) ? t(key) : kind;
}

export { tableT };
