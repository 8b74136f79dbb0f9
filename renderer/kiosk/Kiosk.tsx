import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { LOCALES, type Locale } from '../../core/text';
import type { HallContent } from '../../core/protocol/messages';
import { packAssetUrl } from '../../core/pack/url';
import { useHost } from '../host/context';
import { LOCALE_LABELS, LocaleContext, useT } from '../i18n';
import { renderMarkdown } from '../common/markdown';
import { releaseMediaOnUnmount } from '../common/media';
import { IdleCountdown } from '../common/IdleCountdown';
import './kiosk.css';

// The self-check is fetched when a visitor opens it, not with the kiosk's home screen.
const KioskQuiz = lazy(() => import('../quiz/KioskQuiz').then((m) => ({ default: m.KioskQuiz })));
import { ShowButton } from '../show/ShowButton';

type Screen = { kind: 'home' } | { kind: 'module'; id: string } | { kind: 'quiz' };

const DEFAULT_LOCALE: Locale = 'zh-Hans';

/** The touch kiosk: the hall's home screen, a page per module, and an idle reset. */
export function Kiosk() {
  const { state, connection } = useHost();
  const [screen, setScreen] = useState<Screen>({ kind: 'home' });
  const [locale, setLocale] = useState<Locale>(DEFAULT_LOCALE);
  // Changing the key remounts everything below: nothing of the last visitor survives a reset.
  const [visit, setVisit] = useState(0);

  const reset = useCallback(() => {
    setScreen({ kind: 'home' });
    setLocale(DEFAULT_LOCALE);
    setVisit((v) => v + 1);
  }, []);

  const screenName = screen.kind === 'module' ? `module:${screen.id}` : screen.kind;
  useEffect(() => {
    if (state.status === 'connected') connection.send({ type: 'surface.state', screen: screenName, locale });
  }, [connection, screenName, locale, state.status]);

  const hall = state.hall;
  const module = screen.kind === 'module' ? hall?.modules.find((m) => m.id === screen.id) : undefined;
  return (
    <LocaleContext.Provider value={locale}>
      <div className="kiosk" key={visit} data-screen={screenName} lang={locale}>
        {!hall ? (
          <Waiting />
        ) : screen.kind === 'quiz' ? (
          <Suspense fallback={<div aria-busy="true" />}>
            <KioskQuiz packId={hall.packId} locale={locale} idleSeconds={state.idleSeconds} onOutcome={(outcome) => connection.send({ type: 'quiz.outcome', outcome })} onExit={reset} />
          </Suspense>
        ) : module ? (
          <ModulePage packId={hall.packId} module={module} onBack={() => setScreen({ kind: 'home' })} />
        ) : (
          <Home hall={hall} onOpen={(id) => setScreen({ kind: 'module', id })} onQuiz={() => setScreen({ kind: 'quiz' })} />
        )}
        {/* The self-check's own buttons sit where the bar is; its language is picked before it starts. */}
        {screen.kind !== 'quiz' && <LocaleBar locale={locale} onChange={setLocale} />}
        {/* The self-check runs its own countdown, which also clears its answers and report. */}
        <KioskIdle idleSeconds={state.idleSeconds} active={screen.kind === 'module' || (screen.kind === 'home' && locale !== DEFAULT_LOCALE)} onIdle={reset} />
      </div>
    </LocaleContext.Provider>
  );
}

/** A kiosk left alone resets itself: a visible countdown, then the visit is cleared. */
function KioskIdle(props: { idleSeconds: number; active: boolean; onIdle: () => void }) {
  const { t } = useT();
  return <IdleCountdown {...props} title={t('idleTitle')} body={(n) => t('idleBody', { n })} continueLabel={t('idleContinue')} testId="idle-countdown" />;
}

function Waiting() {
  const { t } = useT();
  return <div className="center-message">{t('noContent')}</div>;
}

function Home({ hall, onOpen, onQuiz }: { hall: HallContent; onOpen: (id: string) => void; onQuiz: () => void }) {
  const { t, text } = useT();
  return (
    <main className="kiosk-home">
      <header className="hall-header">
        <div className="hall-emblem" aria-hidden="true">★</div>
        <h1 className="hall-title">{text(hall.title)}</h1>
        {hall.slogan && <p className="hall-slogan">{text(hall.slogan)}</p>}
      </header>
      <nav className="module-grid" aria-label={t('home')}>
        {hall.modules.map((m, i) => (
          <button key={m.id} className="module-tile" data-module={m.id} onClick={() => onOpen(m.id)}>
            <span className="module-index">{String(i + 1).padStart(2, '0')}</span>
            <span className="module-title">{text(m.title)}</span>
            {m.subtitle && <span className="module-subtitle">{text(m.subtitle)}</span>}
          </button>
        ))}
      </nav>
      <button className="big-button kiosk-quiz-entry" data-action="open-quiz" onClick={onQuiz}>
        {text({ 'zh-Hans': '党性体检', 'zh-Hant': '黨性體檢', en: 'Party-spirit self-check' })}
      </button>
      <ShowButton hall={hall} />
      <p className="kiosk-hint">{t('touchToBegin')}</p>
    </main>
  );
}

function ModulePage({ packId, module, onBack }: { packId: string; module: HallContent['modules'][number]; onBack: () => void }) {
  const { t, text } = useT();
  return (
    <main className="module-page" data-module={module.id}>
      <header className="module-header">
        <button className="back-button" onClick={onBack} aria-label={t('back')}>
          ‹ {t('back')}
        </button>
        <div>
          <h1>{text(module.title)}</h1>
          {module.subtitle && <p className="module-header-sub">{text(module.subtitle)}</p>}
        </div>
      </header>
      {module.summary && <p className="module-summary">{text(module.summary)}</p>}
      <section className="item-list" aria-label={t('items')}>
        {module.items.map((item) => (
          <article key={item.id} className={`item item-${item.kind}`} data-item={item.id}>
            <h2>{text(item.title)}</h2>
            {item.kind === 'image' && item.src && <img src={packAssetUrl(packId, item.src)} alt={text(item.caption ?? item.title)} />}
            {item.kind === 'audio' && item.src && <audio ref={releaseMediaOnUnmount} src={packAssetUrl(packId, item.src)} controls preload="none" />}
            {item.kind === 'video' && item.src && <video ref={releaseMediaOnUnmount} src={packAssetUrl(packId, item.src)} controls preload="metadata" playsInline />}
            {item.body && <div className="item-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(text(item.body)) }} />}
            {item.caption && item.kind !== 'image' && <p className="item-caption">{text(item.caption)}</p>}
          </article>
        ))}
      </section>
    </main>
  );
}

function LocaleBar({ locale, onChange }: { locale: Locale; onChange: (l: Locale) => void }) {
  return (
    <div className="locale-bar" role="group" aria-label="Language / 语言">
      {LOCALES.map((l) => (
        <button key={l} className={l === locale ? 'locale active' : 'locale'} aria-pressed={l === locale} onClick={() => onChange(l)}>
          {LOCALE_LABELS[l]}
        </button>
      ))}
    </div>
  );
}
