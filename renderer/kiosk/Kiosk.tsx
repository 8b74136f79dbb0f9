import { Suspense, useCallback, useDeferredValue, useEffect, useState } from 'react';
import { LOCALES, type Locale } from '../../core/text';
import type { HallContent } from '../../core/protocol/messages';
import { packAssetUrl } from '../../core/pack/url';
import { useHost } from '../host/context';
import { LOCALE_LABELS, LocaleContext, useT } from '../i18n';
import { IdleCountdown } from '../common/IdleCountdown';
import { ShowButton } from '../show/ShowButton';
import { AccessContext, AccessSwitch, DEFAULT_ACCESS, accessAttributes, type Access } from './access';
import { useMomentumScroll } from './momentum';
import { ZonePage } from './ZonePage';
import { ZONES, ZoneIcon, preloadable, zonesFor, type Zone } from './zones';
import { Attract } from './attract/Attract';
import { attractDueInMs, useLastTouch, useQuietIdle } from './attract/idle';
import { answer } from './answer';
import './kiosk.css';

type Screen = { kind: 'home' } | { kind: 'module'; id: string } | { kind: 'zone'; id: string; at?: string | undefined };

const DEFAULT_LOCALE: Locale = 'zh-Hans';

/**
 * The touch kiosk: the hall's home screen with its modules and zones (./zones.tsx), a page per
 * module, each zone's screen, the language and access switches, and an idle reset.
 */
export function Kiosk() {
  const { state, connection } = useHost();
  const [screen, setScreen] = useState<Screen>({ kind: 'home' });
  const [locale, setLocale] = useState<Locale>(DEFAULT_LOCALE);
  const [access, setAccess] = useState<Access>(DEFAULT_ACCESS);
  // Changing the key remounts everything below: nothing of the last visitor survives a reset.
  const [visit, setVisit] = useState(0);
  // After the idle reset (and on a home screen left alone) the pack's attract loop plays until touched.
  const [attract, setAttract] = useState(false);

  const reset = useCallback(() => {
    setScreen({ kind: 'home' });
    setLocale(DEFAULT_LOCALE);
    setAccess(DEFAULT_ACCESS);
    setVisit((v) => v + 1);
  }, []);
  const hall = state.hall;
  // The pack's attract.yaml says how long the kiosk stays untouched before its loop plays.
  const attractSeconds = hall?.attract?.idleSeconds ?? state.idleSeconds;
  // While the docent's group oath is over this kiosk nobody walked away: the idle wait holds, and
  // the oath coming and going counts as a touch (the quiet wait starts again after it).
  const groupOath = !!state.oath && !!state.surface && state.oath.surfaces.includes(state.surface.id);
  const lastTouch = useLastTouch(groupOath);
  // Walked away: the visit is cleared, and the attract loop plays if the pack's idleSeconds have
  // passed since the last touch (else the quiet home screen waits out the rest). A visitor's own
  // exit goes home.
  const idle = () => {
    reset();
    if (attractDueInMs(lastTouch.current, performance.now(), attractSeconds) === 0) setAttract(true);
  };
  const wake = useCallback(() => setAttract(false), []);
  // A tap that changes the screen answers in its own frame (the tile or button shown pressed); the
  // next screen is built after it (./answer.ts).
  const go = useCallback((s: Screen) => answer(() => setScreen(s)), []);
  const home = useCallback(() => go({ kind: 'home' }), [go]);
  const open = useCallback((id: string, at?: string) => go({ kind: 'zone', id, at }), [go]);

  const zone = screen.kind === 'zone' && hall ? zonesFor(hall).find((z) => z.id === screen.id) : undefined;
  const module = screen.kind === 'module' ? hall?.modules.find((m) => m.id === screen.id) : undefined;
  // A tap that opens a screen is answered in two steps: first the frame of the next screen (its
  // header, title and way back: cheap, painted at once), then, in a render React may interrupt,
  // the screen's content. The deferred copy of `screen` lags behind while the content renders.
  const settling = useDeferredValue(screen) !== screen;
  useIdlePreload(hall);
  const screenName = screen.kind === 'module' ? `module:${screen.id}` : screen.kind === 'zone' ? screen.id : screen.kind;
  useEffect(() => {
    if (state.status === 'connected') connection.send({ type: 'surface.state', screen: screenName, locale });
  }, [connection, screenName, locale, state.status]);

  const changed = locale !== DEFAULT_LOCALE || access.largeText || access.highContrast;
  const looping = attract && !!hall?.attract;
  useQuietIdle(attractSeconds, !!hall?.attract && !looping && !groupOath && screen.kind === 'home' && !changed, lastTouch, () => setAttract(true));
  return (
    <LocaleContext.Provider value={locale}>
      <AccessContext.Provider value={access}>
        {/* Outside the visit's key: the ground stays (and stays drawn) from visitor to visitor. */}
        <div className="kiosk-ground" aria-hidden="true" />
        <div className="kiosk" key={visit} data-screen={screenName} lang={locale} {...accessAttributes(access)}>
          {!hall ? (
            <Waiting />
          ) : zone ? (
            settling ? (
              <ZoneShell zone={zone} locale={locale} onHome={home} />
            ) : (
              <Suspense fallback={<ZoneShell zone={zone} locale={locale} onHome={home} />}>
                <zone.screen hall={hall} locale={locale} idleSeconds={state.idleSeconds} at={screen.kind === 'zone' ? screen.at : undefined} onHome={home} open={open} onExit={reset} />
              </Suspense>
            )
          ) : module ? (
            <ModulePage packId={hall.packId} module={module} stations={stationIds(hall)} onBack={home} onStation={(id) => open('timeline', id)} shell={settling} />
          ) : (
            <Home hall={hall} onModule={(id) => go({ kind: 'module', id })} onZone={open} />
          )}
          {/* A zone with its own frame (the self-check) has its own language choice and countdown. */}
          {!zone?.ownFrame && (
            <>
              <AccessSwitch access={access} locale={locale} onChange={setAccess} />
              <LocaleBar locale={locale} onChange={setLocale} />
              <KioskIdle idleSeconds={state.idleSeconds} active={!looping && !groupOath && (screen.kind !== 'home' || changed)} onIdle={idle} />
            </>
          )}
          {looping && hall?.attract && <Attract loop={hall.attract} packId={hall.packId} onWake={wake} />}
        </div>
      </AccessContext.Provider>
    </LocaleContext.Provider>
  );
}

/**
 * The frame of a zone while its content renders (or its chunk arrives): the zone's header with
 * its title and the way home, the body still empty. A zone with its own frame gets a blank page.
 */
function ZoneShell({ zone, locale, onHome }: { zone: Zone; locale: Locale; onHome: () => void }) {
  if (zone.ownFrame) return <div className="zone-loading" aria-busy="true" />;
  return (
    <ZonePage zone={zone.id} title={zone.title[locale]} onHome={onHome}>
      <div className="zone-loading" aria-busy="true" />
    </ZonePage>
  );
}

/** Pictures fetched and decoded ahead, kept for the kiosk's life (a fixed few: map bases, the attract loop's). */
const decoded = new Map<string, HTMLImageElement>();

/**
 * Once the kiosk is idle after start (and after a pack change), every zone's chunk is fetched and
 * parsed, and the large pictures a first tap would wait for are fetched and decoded, so no tap
 * waits on the network, a parse or a decode.
 */
function useIdlePreload(hall: HallContent | undefined): void {
  useEffect(() => {
    if (!hall) return;
    const run = () => {
      for (const z of zonesFor(hall)) void z.screen.preload().catch(() => undefined);
      void ModuleItemsScreen.preload().catch(() => undefined);
      const pictures = [...(hall.maps ?? []).map((m) => m.base.src), ...(hall.attract?.slides ?? []).flatMap((s) => (s.kind === 'image' && s.src ? [s.src] : []))];
      for (const src of pictures) {
        const url = packAssetUrl(hall.packId, src);
        if (decoded.has(url)) continue;
        const img = new Image();
        img.src = url;
        decoded.set(url, img);
        void img.decode().catch(() => decoded.delete(url));
      }
    };
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(run, { timeout: 3000 });
      return () => window.cancelIdleCallback(id);
    }
    const t = window.setTimeout(run, 1000);
    return () => window.clearTimeout(t);
  }, [hall]);
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

function Home({ hall, onModule, onZone }: { hall: HallContent; onModule: (id: string) => void; onZone: (id: string) => void }) {
  const { t, text } = useT();
  const zones = zonesFor(hall, ZONES);
  return (
    <main className="kiosk-home" data-zones={zones.length}>
      <header className="hall-header">
        <div className="hall-emblem" aria-hidden="true">★</div>
        <h1 className="hall-title">{text(hall.title)}</h1>
        {hall.slogan && <p className="hall-slogan">{text(hall.slogan)}</p>}
      </header>
      <nav className="module-grid" aria-label={t('home')} data-count={hall.modules.length}>
        {hall.modules.map((m, i) => (
          <button key={m.id} className="module-tile" data-module={m.id} onClick={() => onModule(m.id)}>
            <span className="module-index">{String(i + 1).padStart(2, '0')}</span>
            <span className="module-title">{text(m.title)}</span>
            {m.subtitle && <span className="module-subtitle">{text(m.subtitle)}</span>}
          </button>
        ))}
      </nav>
      {zones.length > 0 && (
        <nav className="zone-grid" aria-label={t('zones')} data-count={zones.length}>
          {zones.map((z) => (
            <ZoneTile key={z.id} zone={z} onOpen={() => onZone(z.id)} />
          ))}
        </nav>
      )}
      <ShowButton hall={hall} />
      <p className="kiosk-hint">{t('touchToBegin')}</p>
    </main>
  );
}

function ZoneTile({ zone, onOpen }: { zone: Zone; onOpen: () => void }) {
  const { locale } = useT();
  return (
    <button className="zone-tile" data-zone={zone.id} data-action={`open-${zone.id}`} onClick={onOpen}>
      <ZoneIcon zone={zone} />
      <span className="zone-title">{zone.title[locale]}</span>
    </button>
  );
}

/** Every station of the hall's timelines (a module item links to one only when it is there). */
function stationIds(hall: HallContent): ReadonlySet<string> {
  return new Set((hall.timelines ?? []).flatMap((t) => t.stations.map((s) => s.id)));
}

const ModuleItemsScreen = preloadable(() => import('./ModuleItems').then((m) => m.ModuleItems));

/** A module's page; as a `shell` (while its content renders after the tap) only its header. */
function ModulePage({ packId, module, stations, onBack, onStation, shell = false }: { packId: string; module: HallContent['modules'][number]; stations: ReadonlySet<string>; onBack: () => void; onStation: (id: string) => void; shell?: boolean }) {
  const { t, text } = useT();
  const scroll = useMomentumScroll<HTMLElement>('y');
  return (
    <main className="module-page k-scroll" data-module={module.id} ref={scroll}>
      <header className="module-header">
        <button className="back-button" onClick={onBack} aria-label={t('back')}>
          ‹ {t('back')}
        </button>
        <div>
          <h1>{text(module.title)}</h1>
          {module.subtitle && <p className="module-header-sub">{text(module.subtitle)}</p>}
        </div>
      </header>
      {!shell && module.summary && <p className="module-summary">{text(module.summary)}</p>}
      {!shell && (
        <Suspense fallback={null}>
          <ModuleItemsScreen packId={packId} module={module} stations={stations} onStation={onStation} />
        </Suspense>
      )}
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
