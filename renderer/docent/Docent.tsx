import { useCallback, useEffect, useRef, useState } from 'react';
import type { ControlCommand, HallControlState } from '../../core/protocol/control';
import { LOCALES, pickText, type Locale, type LocalisedText } from '../../core/text';
import { docentT, type DocentKey } from './strings';
import { loadState, send, signIn, signOut, type Note } from './remote';
import './docent.css';

const LOCALE_LABELS: Record<Locale, string> = { 'zh-Hans': '简', 'zh-Hant': '繁', en: 'EN' };
const LOCALE_KEY = 'redhall.docent.locale';
const WALL_ROLES = ['wall', 'cave', 'ring', 'hologram'];

function storedLocale(): Locale {
  try {
    const l = window.localStorage.getItem(LOCALE_KEY);
    return (LOCALES as readonly string[]).includes(l ?? '') ? (l as Locale) : 'zh-Hans';
  } catch {
    return 'zh-Hans';
  }
}

type Phase = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'offline'; last?: HallControlState } | { kind: 'state'; state: HallControlState };

/**
 * The docent remote (/docent/): a phone or tablet page behind the docent PIN. It shows the hall
 * (screens, what plays, projectors, opening hours) and sends the control commands of
 * docs/control.md with big buttons; every answer or refusal is said in the chosen language.
 */
export function Docent() {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [note, setNote] = useState<Note | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const t = docentT(locale);
  const text = (v: LocalisedText) => pickText(v, locale);
  const setLocale = (l: Locale) => {
    setLocaleState(l);
    try {
      window.localStorage.setItem(LOCALE_KEY, l);
    } catch {
      // a private tab keeps the choice for this visit only
    }
  };

  const refresh = useCallback(async () => {
    const r = await loadState();
    setPhase((prev) => (r.kind === 'state' ? r : r.kind === 'signed-out' ? { kind: 'signed-out' } : { kind: 'offline', ...(prev.kind === 'state' ? { last: prev.state } : prev.kind === 'offline' && prev.last ? { last: prev.last } : {}) }));
    if (r.kind === 'signed-out' && r.why) setNote(r.why);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => {
    // Polled: a docent walks in and out of Wi-Fi, and two seconds is fresh enough for a tour.
    const first = window.setTimeout(() => void refresh(), 0);
    const timer = window.setInterval(() => void refresh(), 2000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [refresh]);

  const run = async (command: ControlCommand, key: string) => {
    setBusy(key);
    const r = await send(command);
    setBusy(undefined);
    setNote(r.note);
    if (r.state) setPhase({ kind: 'state', state: r.state });
    if (r.signedOut) setPhase({ kind: 'signed-out' });
  };

  const header = (
    <header className="docent-bar">
      <h1>{t('title')}</h1>
      <div className="docent-locales" role="group" aria-label="语言 / Language">
        {LOCALES.map((l) => (
          <button key={l} type="button" aria-pressed={l === locale} onClick={() => setLocale(l)} lang={l}>
            {LOCALE_LABELS[l]}
          </button>
        ))}
      </div>
    </header>
  );

  if (phase.kind === 'loading') return <main className="docent" data-phase="loading">{header}</main>;
  if (phase.kind === 'signed-out')
    return (
      <main className="docent" data-phase="signed-out">
        {header}
        <PinPad t={t} note={note} locale={locale} onSubmit={async (pin) => {
          const refused = await signIn(pin);
          setNote(refused);
          if (!refused) await refresh();
        }} />
      </main>
    );

  const state = phase.kind === 'state' ? phase.state : phase.last;
  return (
    <main className="docent" data-phase={phase.kind} aria-busy={busy ? 'true' : 'false'}>
      {header}
      {phase.kind === 'offline' && <p className="docent-offline" role="alert">{t('offline')}</p>}
      {note && (
        <p className="docent-note" data-ok={note.ok} role="status" data-testid="docent-note">
          {note.text[locale]}
        </p>
      )}
      {state && <Board state={state} locale={locale} t={t} text={text} busy={busy} run={run} />}
      <footer className="docent-foot">
        <button type="button" className="docent-link" onClick={async () => {
          await signOut();
          setNote(undefined);
          setPhase({ kind: 'signed-out' });
        }}>{t('signOut')}</button>
      </footer>
    </main>
  );
}

type T = ReturnType<typeof docentT>;
type Run = (command: ControlCommand, key: string) => Promise<void>;

function Btn({ k, busy, run, command, className, children, disabled }: { k: string; busy: string | undefined; run: Run; command: ControlCommand; className?: string; children: React.ReactNode; disabled?: boolean }) {
  return (
    <button type="button" className={`docent-btn ${className ?? ''}`} data-command={k} disabled={disabled || busy !== undefined} aria-busy={busy === k} onClick={() => void run(command, k)}>
      {children}
    </button>
  );
}

function time(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return d.toLocaleString(locale === 'en' ? 'en-GB' : locale === 'zh-Hant' ? 'zh-TW' : 'zh-CN', { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

function Board({ state, locale, t, text, busy, run }: { state: HallControlState; locale: Locale; t: T; text: (v: LocalisedText) => string; busy: string | undefined; run: Run }) {
  const walls = state.surfaces.filter((s) => WALL_ROLES.includes(s.role));
  const allBlack = state.surfaces.length > 0 && state.surfaces.every((s) => s.blackout);
  return (
    <div className="docent-board">
      <section className="docent-card docent-hall" aria-labelledby="dh-hall">
        <h2 id="dh-hall">{t('hall')}</h2>
        <ul className="docent-chips">
          <li data-on={!!state.show}>{state.show ? `${t('playing')}：${text(state.show.title)}` : t('idle')}</li>
          {state.hours && <li data-on={state.hours.open}>{state.hours.open ? t('open') : t('closed')}{state.hours.next ? ` · ${t(state.hours.next.what === 'open' ? 'nextOpen' : 'nextClose')} ${time(state.hours.next.at, locale)}` : ''}</li>}
          {state.asleep && <li data-warn>{t('asleep')}</li>}
          {state.muted && <li data-warn>{t('muted')}</li>}
          {allBlack && <li data-warn>{t('isBlack')}</li>}
        </ul>
        <div className="docent-row docent-row-3">
          <Btn k="screens.blackout" busy={busy} run={run} command={{ command: 'screens.blackout' }} className="docent-dark">{t('blackoutAll')}</Btn>
          {state.muted ? (
            <Btn k="sound.resume" busy={busy} run={run} command={{ command: 'sound.resume' }}>{t('soundOn')}</Btn>
          ) : (
            <Btn k="sound.pause" busy={busy} run={run} command={{ command: 'sound.pause' }}>{t('soundOff')}</Btn>
          )}
          <Btn k="hall.restore" busy={busy} run={run} command={{ command: 'hall.restore' }} className="docent-gold">{t('restore')}</Btn>
        </div>
      </section>

      <section className="docent-card" aria-labelledby="dh-shows">
        <h2 id="dh-shows">{t('shows')}</h2>
        {state.shows.length === 0 && <p className="docent-muted">{t('noShows')}</p>}
        <ul className="docent-list">
          {state.shows.map((s) => {
            const on = state.show?.showId === s.id && state.show.packId === s.packId;
            return (
              <li key={`${s.packId}/${s.id}`} data-on={on}>
                <span className="docent-item">
                  <strong>{text(s.title)}</strong>
                  <small>{Math.round(s.seconds)} s</small>
                </span>
                <Btn k={`show.start:${s.id}`} busy={busy} run={run} command={{ command: 'show.start', show: s.id, pack: s.packId }} className={on ? '' : 'docent-gold'}>{t('start')}</Btn>
              </li>
            );
          })}
        </ul>
        {state.show && <Btn k="show.stop" busy={busy} run={run} command={{ command: 'show.stop' }} className="docent-wide">{t('stopShow')}</Btn>}
      </section>

      {walls.length > 0 && (
        <section className="docent-card" aria-labelledby="dh-walls">
          <h2 id="dh-walls">{t('walls')}</h2>
          {walls.map((w) => (
            <WallCard key={w.id} wall={w} state={state} t={t} text={text} busy={busy} run={run} />
          ))}
        </section>
      )}

      <section className="docent-card" aria-labelledby="dh-zones">
        <h2 id="dh-zones">{t('ceremonies')}</h2>
        <div className="docent-row">
          <Btn k="oath.start" busy={busy} run={run} command={{ command: 'oath.start' }} disabled={!state.available.oath} className="docent-gold">{t('oathStart')}</Btn>
          <Btn k="oath.stop" busy={busy} run={run} command={{ command: 'oath.stop' }} disabled={!state.available.oath}>{t('oathStop')}</Btn>
        </div>
        {!state.available.oath && <p className="docent-muted">{t('noOath')}</p>}
        {state.available.cinema ? (
          <ul className="docent-list">
            {state.films.map((f) => (
              <li key={f.id}>
                <span className="docent-item"><strong>{text(f.title)}</strong></span>
                <Btn k={`cinema.play:${f.id}`} busy={busy} run={run} command={{ command: 'cinema.play', film: f.id }}>{t('play')}</Btn>
              </li>
            ))}
          </ul>
        ) : (
          <p className="docent-muted">{t('noCinema')}</p>
        )}
      </section>

      {state.projectors.length > 0 && (
        <section className="docent-card" aria-labelledby="dh-proj">
          <h2 id="dh-proj">{t('projectors')}</h2>
          <ul className="docent-list">
            {state.projectors.map((p) => (
              <li key={p.id} data-fault={!!p.fault}>
                <span className="docent-item">
                  <strong>{p.name}</strong>
                  <small>
                    {t(`power_${p.power}` as DocentKey)}
                    {p.input ? ` · ${p.input}` : ''}
                    {p.lampHours !== null ? ` · ${t('lamp', { n: p.lampHours })}` : ''}
                  </small>
                  {p.fault && <small className="docent-fault">{p.fault[locale]}</small>}
                </span>
                <span className="docent-pair">
                  <Btn k={`projector.on:${p.id}`} busy={busy} run={run} command={{ command: 'projector.power', projector: p.id, on: true }}>{t('powerOn')}</Btn>
                  <Btn k={`projector.off:${p.id}`} busy={busy} run={run} command={{ command: 'projector.power', projector: p.id, on: false }} className="docent-dark">{t('powerOff')}</Btn>
                </span>
              </li>
            ))}
          </ul>
          <Btn k="projector.status" busy={busy} run={run} command={{ command: 'projector.status' }} className="docent-wide">{t('refresh')}</Btn>
        </section>
      )}
    </div>
  );
}

function WallCard({ wall, state, t, text, busy, run }: { wall: HallControlState['surfaces'][number]; state: HallControlState; t: T; text: (v: LocalisedText) => string; busy: string | undefined; run: Run }) {
  const [open, setOpen] = useState(false);
  const focus = wall.screen?.startsWith('wall:module:') || wall.screen?.startsWith('wall:station:') ? wall.screen.split(':').slice(1) : undefined;
  const focusTitle = focus && (focus[0] === 'module' ? state.modules.find((m) => m.id === focus[1])?.title : state.stations.find((s) => s.id === focus[1])?.title);
  return (
    <div className="docent-wall" data-surface={wall.id} data-black={wall.blackout}>
      <div className="docent-wall-head">
        <span className="docent-item">
          <strong>{wall.id}</strong>
          <small>
            {wall.connected ? t('connected') : t('disconnected')}
            {wall.blackout ? ` · ${t('isBlack')}` : ''}
            {focusTitle ? ` · ${text(focusTitle)}` : ''}
          </small>
        </span>
        <button type="button" className="docent-btn docent-small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '▲' : '▼'}
        </button>
      </div>
      <div className="docent-row">
        <Btn k={`blackout:${wall.id}`} busy={busy} run={run} command={{ command: 'screens.blackout', surface: wall.id }} className="docent-dark">{t('blackout')}</Btn>
        <Btn k={`home:${wall.id}`} busy={busy} run={run} command={{ command: 'wall.goto', surface: wall.id, target: 'home' }}>{t('home')}</Btn>
      </div>
      {open && (
        <div className="docent-targets">
          {state.modules.length > 0 && <h3>{t('modules')}</h3>}
          <div className="docent-chipset">
            {state.modules.map((m) => (
              <Btn key={m.id} k={`goto:${wall.id}:module:${m.id}`} busy={busy} run={run} command={{ command: 'wall.goto', surface: wall.id, target: 'module', id: m.id }} className="docent-chip">{text(m.title)}</Btn>
            ))}
          </div>
          {state.stations.length > 0 && <h3>{t('stations')}</h3>}
          <div className="docent-chipset">
            {state.stations.map((s) => (
              <Btn key={s.id} k={`goto:${wall.id}:station:${s.id}`} busy={busy} run={run} command={{ command: 'wall.goto', surface: wall.id, target: 'station', id: s.id }} className="docent-chip">
                <small>{s.date}</small> {text(s.title)}
              </Btn>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}

function PinPad({ t, note, locale, onSubmit }: { t: T; note: Note | undefined; locale: Locale; onSubmit: (pin: string) => Promise<void> }) {
  const [pin, setPin] = useState('');
  const [sending, setSending] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const submit = async () => {
    if (pin.length < 4 || sending) return;
    setSending(true);
    await onSubmit(pin);
    setSending(false);
    setPin('');
  };
  return (
    <form className="docent-pin" onSubmit={(e) => {
      e.preventDefault();
      void submit();
    }}>
      <label htmlFor="docent-pin-input">{t('pinPrompt')}</label>
      <input
        id="docent-pin-input"
        ref={input}
        className="docent-pin-input"
        inputMode="numeric"
        autoComplete="off"
        type="password"
        maxLength={12}
        value={pin}
        onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 12))}
      />
      {note && !note.ok && <p className="docent-note" data-ok="false" role="alert" data-testid="docent-note">{note.text[locale]}</p>}
      <div className="docent-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button key={d} type="button" className="docent-key" onClick={() => setPin((p) => (p + d).slice(0, 12))}>{d}</button>
        ))}
        <button type="button" className="docent-key docent-key-word" onClick={() => setPin('')}>{t('clear')}</button>
        <button type="button" className="docent-key" onClick={() => setPin((p) => (p + '0').slice(0, 12))}>0</button>
        <button type="submit" className="docent-key docent-key-go" disabled={pin.length < 4 || sending}>{t('signIn')}</button>
      </div>
    </form>
  );
}
