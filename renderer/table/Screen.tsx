import { useEffect, useState } from 'react';
import type { StoryView } from '../../core/story/view';
import type { Locale } from '../../core/text';
import type { TablePublic } from '../../core/protocol/tables';
import type { TableLink } from './link';
import { mediaUrl, nameOf, tallyBars } from './model';
import { Countdown, Markdown, kindLabel, useLocaleText, useTable, type Texts } from './ui';
import { QrCode } from '../quiz/QrCode';
import { releaseMediaOnUnmount } from '../common/media';
import { useSoundCues } from './sound';
import './table.css';
import './screen.css';

/** How long the result of a vote stays over the next phase, ms. */
const RESULT_MS = 15_000;

/**
 * A table's shared screen for a wall or the kiosk: act and phase titles, the running timer,
 * narration with its media, public clues as they are shared, the vote result when it closes,
 * the ending. Only the public projection reaches it (the host attaches it as a screen).
 */
export function TableScreen({ link, locale = 'zh-Hans', compact = false }: { link: TableLink; locale?: Locale; compact?: boolean }) {
  const s = useTable(link);
  const tx = useLocaleText(locale);
  const table = s.table;
  const view = s.view;
  useSoundCues(view, table);
  if (!table) return <div className="scr scr-wait">{tx.t(s.status === 'open' ? 'joining' : 'connecting')}</div>;
  return (
    <div className={`scr ${compact ? 'scr-compact' : ''}`} lang={locale} data-testid="table-screen" data-phase={view?.phase.id ?? 'lobby'} data-kind={view?.phase.kind ?? 'lobby'}>
      <header className="scr-top">
        <div className="scr-titles">
          <small>{tx.text(table.scenario.title)}</small>
          <h1>{view ? tx.text(view.phase.act.title) : tx.text(table.scenario.theme)}</h1>
        </div>
        {view && s.timer && s.timer.phase === view.phase.id && (
          <div className="scr-timer">
            <small>{kindLabel(tx.t, view.phase.kind)}</small>
            <Countdown timer={s.timer} hostNow={() => link.hostNow()} t={tx.t} />
          </div>
        )}
      </header>
      {!view ? <ScreenLobby table={table} tx={tx} /> : <ScreenPhase view={view} table={table} tx={tx} />}
      {view && view.phase.kind !== 'ending' && <ClueStrip view={view} tx={tx} />}
      {view && <VoteResult view={view} tx={tx} />}
    </div>
  );
}

function ScreenLobby({ table, tx }: { table: TablePublic; tx: Texts }) {
  return (
    <main className="scr-lobby" data-testid="screen-lobby">
      <div className="scr-lobby-text">
        <h2>{tx.text(table.scenario.title)}</h2>
        <p className="scr-lead">{tx.text(table.scenario.background)}</p>
        <ul className="scr-roles">
          {table.roles.map((r) => (
            <li key={r.id} data-taken={r.player !== null}>
              <strong>{tx.text(r.name)}</strong>
              <span>{r.player !== null ? '✓' : ''}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="scr-join">
        <QrCode text={table.joinUrl} size={380} label={tx.t('scanToJoin')} />
        <p>{tx.t('scanToJoin')}</p>
        <small>{tx.t('orCode')}</small>
        <b className="scr-code">{table.code}</b>
      </div>
    </main>
  );
}

function ScreenPhase({ view, table, tx }: { view: StoryView; table: TablePublic; tx: Texts }) {
  const phase = view.phase;
  // A flat screen shows the phase's flat pictures; a 360° one only when there is nothing else
  // (the ring draws it all round the room).
  const pictures = (phase.media ?? []).filter((m) => m.kind === 'image' || m.kind === 'video');
  const flat = pictures.some((m) => m.projection !== '360') ? pictures.filter((m) => m.projection !== '360') : pictures;
  const images = flat.filter((m) => m.kind === 'image');
  const videos = flat.filter((m) => m.kind === 'video');
  const heading = phase.title ? tx.text(phase.title) : kindLabel(tx.t, phase.kind);
  switch (phase.kind) {
    case 'narrate':
      return (
        <main className={`scr-main scr-narrate ${images.length + videos.length > 0 ? 'with-media' : ''}`}>
          <div className="scr-text">
            <h2>{heading}</h2>
            <p className="scr-narration">{tx.text(phase.text)}</p>
          </div>
          {(images.length > 0 || videos.length > 0) && (
            <figure className="scr-media">
              {videos.map((m) => (
                <video key={m.src} ref={releaseMediaOnUnmount} src={mediaUrl(table, m.src)} autoPlay playsInline loop={m.loop ?? false} />
              ))}
              {images.map((m) => (
                <img key={m.src} src={mediaUrl(table, m.src)} alt={tx.text(m.caption)} onError={(e) => e.currentTarget.classList.add('scr-missing')} />
              ))}
              {[...videos, ...images][0]?.caption && <figcaption>{tx.text([...videos, ...images][0]?.caption)}</figcaption>}
            </figure>
          )}
        </main>
      );
    case 'read':
    case 'introduce':
    case 'discuss':
      return (
        <main className="scr-main scr-prompted">
          <h2>{heading}</h2>
          {phase.prompt && <p className="scr-prompt">{tx.text(phase.prompt)}</p>}
          {phase.kind === 'introduce' && (
            <ul className="scr-cast">
              {view.seats.map((x) => (
                <li key={x.player}>
                  <strong>{tx.text(x.name)}</strong>
                  <span>{tx.text(x.intro)}</span>
                </li>
              ))}
            </ul>
          )}
        </main>
      );
    case 'search':
      return (
        <main className="scr-main scr-prompted">
          <h2>{heading}</h2>
          <ul className="scr-places">
            {phase.locations?.map((l) => (
              <li key={l.id} data-empty={l.remaining === 0}>
                <strong>{tx.text(l.name)}</strong>
                <span>{l.remaining > 0 ? tx.t('remaining', { n: l.remaining }) : tx.t('searchedOut')}</span>
              </li>
            ))}
          </ul>
        </main>
      );
    case 'vote':
      return (
        <main className="scr-main scr-prompted" data-testid="screen-vote">
          <h2>{tx.text(phase.question)}</h2>
          <ol className="scr-options">
            {phase.options?.map((o) => (
              <li key={o.id}>{tx.text(o.text)}</li>
            ))}
          </ol>
          <p className="scr-progress">
            {phase.tie && phase.tie.length > 0 ? tx.t('tieWait') : tx.t('votedCount', { n: phase.voted?.length ?? 0, m: phase.voters?.length ?? 0 })}
          </p>
          <div className="scr-voters">
            {(phase.voters ?? []).map((p) => (
              <span key={p} data-voted={(phase.voted ?? []).includes(p)}>
                {tx.text(nameOf(view, p))}
              </span>
            ))}
          </div>
        </main>
      );
    case 'choice': {
      const who = phase.decidedBy === 'dm' ? tx.t('theHost') : tx.text(nameOf(view, phase.decidedBy ?? ''));
      return (
        <main className="scr-main scr-prompted">
          <h2>{tx.text(phase.question)}</h2>
          <p className="scr-prompt">{tx.t('choiceWait', { name: who })}</p>
        </main>
      );
    }
    case 'ending':
      return (
        <main className="scr-main scr-ending" data-testid="screen-ending">
          <div className="scr-text">
            <small>{tx.t('ending')}</small>
            <h2>{heading}</h2>
            <p className="scr-narration">{tx.text(phase.text)}</p>
          </div>
          {phase.debrief && (
            <aside className="scr-debrief">
              <h3>{tx.t('debrief')}</h3>
              <Markdown source={phase.debrief} />
            </aside>
          )}
        </main>
      );
    default:
      return <main className="scr-main" />;
  }
}

function ClueStrip({ view, tx }: { view: StoryView; tx: Texts }) {
  const shared = view.clues.filter((c) => c.shared);
  if (shared.length === 0) return null;
  const latest = [...shared].reverse().slice(0, 4);
  return (
    <footer className="scr-clues" data-testid="screen-clues">
      <h3>
        {tx.t('publicClues')} <small>{shared.length}</small>
      </h3>
      <div className="scr-clue-row">
        {latest.map((c, i) => (
          <article key={c.id} className="scr-clue" data-clue={c.id} data-latest={i === 0}>
            <strong>{tx.text(c.title)}</strong>
            <p>{tx.text(c.text)}</p>
          </article>
        ))}
      </div>
    </footer>
  );
}

/** The result of the vote just decided, over whatever comes next, for a while. */
function VoteResult({ view, tx }: { view: StoryView; tx: Texts }) {
  const count = view.decisions.length;
  const [seen, setSeen] = useState({ count, show: false });
  // The decided phase has moved on by the time its result arrives: keep each vote's options while it is open.
  const [options, setOptions] = useState<Record<string, NonNullable<StoryView['phase']['options']>>>({});
  if (view.phase.options && !options[view.phase.id]) setOptions({ ...options, [view.phase.id]: view.phase.options });
  if (count !== seen.count) setSeen({ count, show: count > seen.count });
  useEffect(() => {
    if (!seen.show) return;
    const id = window.setTimeout(() => setSeen((x) => ({ ...x, show: false })), RESULT_MS);
    return () => window.clearTimeout(id);
  }, [seen.show, seen.count]);
  const d = view.decisions[view.decisions.length - 1];
  const opts = d ? options[d.phase] : undefined;
  if (!seen.show || !d?.tally || !opts) return null;
  return (
    <div className="scr-result" data-testid="screen-result" onClick={() => setSeen((x) => ({ ...x, show: false }))}>
      <div className="scr-result-card">
        <small>{tx.t('voteResult')}</small>
        {tallyBars(opts, d.tally).map((b) => (
          <div key={b.id} className="scr-result-bar" data-win={b.id === d.option}>
            <span>{tx.text(b.text)}</span>
            <i style={{ width: `${Math.max(2, Math.round(b.share * 100))}%` }} />
            <b>{b.count}</b>
          </div>
        ))}
      </div>
    </div>
  );
}
