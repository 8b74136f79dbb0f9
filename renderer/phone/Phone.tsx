import { useState } from 'react';
import type { StoryView } from '../../core/story/view';
import type { Locale } from '../../core/text';
import type { PlayerAction } from '../../core/protocol/tables';
import type { TableLink, TablePageState } from '../table/link';
import { hasRead, nameOf, newlyFound, pageForAct, playerTasks } from '../table/model';
import { ClueCard, Countdown, LocaleSwitch, Markdown, kindLabel, useLocaleText, useTable } from '../table/ui';
import { looksLikeCode, normaliseCode, type EndingStore } from './seat';
import '../table/table.css';

type Tab = 'now' | 'script' | 'clues' | 'role';
type Texts = ReturnType<typeof useLocaleText>;

/**
 * A player's phone: join by code, pick a role, then only this player's view of the story.
 * Everything it shows comes from the host's `table` pushes; every tap is a `play` command with
 * the version on screen, so a tap on a screen that has moved on is refused, never misapplied.
 */
export function Phone({ link, locale, onLocale, code, onCode, ending }: { link: TableLink; locale: Locale; onLocale: (l: Locale) => void; code: string; onCode: (code: string) => void; ending?: EndingStore }) {
  const s = useTable(link);
  const tx = useLocaleText(locale);
  // The debrief stays: an ending is kept, and shown again once the table is gone.
  const live = s.view?.me && s.view.phase.kind === 'ending' ? s.view : undefined;
  if (live && code) ending?.keep(code, live);
  const kept = !s.view?.me && code ? (ending?.get(code) as StoryView | undefined) : undefined;
  let body: React.ReactNode;
  if (kept?.me && kept.phase?.kind === 'ending' && (!s.table || s.table.status === 'closed' || s.error)) body = <Game link={link} s={{ ...s, view: kept }} view={kept} tx={tx} locale={locale} onLocale={onLocale} />;
  else if (!code || (s.error && !s.seat && (s.error.code === 'not-found' || s.error.code === 'bad-message'))) body = <JoinForm tx={tx} initial={code} onJoin={onCode} error={s.error && !s.seat ? tx.bi(s.error.message) : undefined} />;
  else if (!s.seat || !s.table) body = <div className="ph-center" data-testid="phone-joining">{tx.t(s.status === 'open' ? 'joining' : 'connecting')}</div>;
  else if (s.view?.me) body = <Game link={link} s={s} view={s.view} tx={tx} locale={locale} onLocale={onLocale} />;
  else if (s.table.status === 'ended' || s.table.status === 'closed') body = <div className="ph-center">{tx.t('ended')}</div>;
  else if (!s.seat.role && s.table.pick === 'player') body = <RolePicker s={s} tx={tx} onPick={(role) => link.send({ type: 'claim', role })} />;
  else body = <Lobby s={s} tx={tx} />;
  return (
    <div className="phone" lang={locale} data-testid="phone" data-stage={s.view?.me ? 'game' : s.seat ? 'lobby' : 'join'}>
      {body}
      <Banners link={link} s={s} tx={tx} />
      {!s.view?.me && (
        <div className="ph-locale">
          <LocaleSwitch locale={locale} onChange={onLocale} />
        </div>
      )}
    </div>
  );
}

function JoinForm({ tx, initial, onJoin, error }: { tx: Texts; initial: string; onJoin: (code: string) => void; error: string | undefined }) {
  const [typed, setTyped] = useState(initial);
  const code = normaliseCode(typed);
  return (
    <form
      className="ph-join"
      data-testid="phone-join"
      onSubmit={(e) => {
        e.preventDefault();
        if (looksLikeCode(code)) onJoin(code);
      }}
    >
      <div className="ph-emblem">★</div>
      <h1>{tx.t('appName')}</h1>
      <p>{tx.t('joinHint')}</p>
      <label>
        <span>{tx.t('codeLabel')}</span>
        <input
          name="code"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          inputMode="text"
          maxLength={12}
          placeholder="ABCDE"
        />
      </label>
      {error && <p className="ph-error" role="alert">{error}</p>}
      <button type="submit" className="ph-primary" disabled={!looksLikeCode(code)}>
        {tx.t('join')}
      </button>
    </form>
  );
}

function RolePicker({ s, tx, onPick }: { s: TablePageState; tx: Texts; onPick: (role: string) => void }) {
  const table = s.table!;
  return (
    <div className="ph-scroll ph-pick" data-testid="phone-pick">
      <header className="ph-lobby-head">
        <small>{tx.text(table.scenario.title)}</small>
        <h1>{tx.t('pickRole')}</h1>
        <p>{tx.t('pickRoleHint')}</p>
      </header>
      <ul className="ph-roles">
        {table.roles.map((r) => (
          <li key={r.id}>
            <button type="button" className="ph-role" disabled={r.player !== null} onClick={() => onPick(r.id)} data-role={r.id}>
              <strong>{tx.text(r.name)}</strong>
              <span>{tx.text(r.intro)}</span>
              {r.player !== null && <em>{tx.t('taken')}</em>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Lobby({ s, tx }: { s: TablePageState; tx: Texts }) {
  const table = s.table!;
  const role = table.roles.find((r) => r.id === s.seat?.role);
  return (
    <div className="ph-scroll ph-lobby" data-testid="phone-lobby">
      <header className="ph-lobby-head">
        <small>{tx.text(table.scenario.title)}</small>
        <h1>{role ? tx.t('waitStart') : tx.t('waitSeat')}</h1>
      </header>
      {role && (
        <section className="ph-card ph-me">
          <small>{tx.t('youAre')}</small>
          <h2>{tx.text(role.name)}</h2>
          <p>{tx.text(role.intro)}</p>
        </section>
      )}
      <section className="ph-card">
        <p className="ph-theme">{tx.text(table.scenario.theme)}</p>
        <p>{tx.text(table.scenario.background)}</p>
      </section>
    </div>
  );
}

function Game({ link, s, view, tx, locale, onLocale }: { link: TableLink; s: TablePageState; view: StoryView; tx: Texts; locale: Locale; onLocale: (l: Locale) => void }) {
  // A new phase brings the player back to what matters now: the tab is remembered per phase.
  const [picked, setPicked] = useState<{ tab: Tab; phase: string }>({ tab: 'now', phase: view.phase.id });
  const tab = picked.phase === view.phase.id ? picked.tab : 'now';
  const setTab = (t: Tab) => setPicked({ tab: t, phase: view.phase.id });
  // The clue a search just turned up, worked out when a new view arrives (state set during render, React's pattern for derived state).
  const [seen, setSeen] = useState<{ view: StoryView; fresh: string | undefined }>({ view, fresh: undefined });
  if (seen.view !== view) setSeen({ view, fresh: newlyFound(seen.view, view)?.id ?? seen.fresh });
  const fresh = seen.fresh;
  const play = (action: PlayerAction) => link.send({ type: 'play', version: view.version, action });
  const me = view.me!;
  const myClues = view.clues.filter((c) => c.foundBy === me.player && !c.shared).length;
  return (
    <>
      <header className="ph-top">
        <div className="ph-top-text">
          <small>{tx.text(view.phase.act.title)}</small>
          <strong>
            <span className="ph-kind">{kindLabel(tx.t, view.phase.kind)}</span>
            {view.phase.title ? tx.text(view.phase.title) : ''}
          </strong>
        </div>
        {s.timer && s.timer.phase === view.phase.id && <Countdown timer={s.timer} hostNow={() => link.hostNow()} t={tx.t} className="ph-timer" />}
      </header>
      <main className="ph-scroll ph-main" data-tab={tab} data-phase={view.phase.id} data-kind={view.phase.kind} data-version={view.version}>
        {tab === 'now' && <Now view={view} tx={tx} play={play} fresh={fresh} />}
        {tab === 'script' && <Script view={view} tx={tx} />}
        {tab === 'clues' && <Clues view={view} tx={tx} play={play} fresh={fresh} />}
        {tab === 'role' && (
          <>
            <RolePage view={view} tx={tx} />
            <div className="ph-role-locale">
              <LocaleSwitch locale={locale} onChange={onLocale} />
            </div>
          </>
        )}
      </main>
      <nav className="ph-tabs">
        {(['now', 'script', 'clues', 'role'] as Tab[]).map((k) => (
          <button key={k} type="button" className={k === tab ? 'on' : ''} aria-pressed={k === tab} onClick={() => setTab(k)} data-tab={k}>
            {tx.t(k === 'now' ? 'tabNow' : k === 'script' ? 'tabScript' : k === 'clues' ? 'tabClues' : 'tabRole')}
            {k === 'clues' && myClues > 0 && <i className="ph-badge">{myClues}</i>}
          </button>
        ))}
      </nav>
    </>
  );
}

function Now({ view, tx, play, fresh }: { view: StoryView; tx: Texts; play: (a: PlayerAction) => void; fresh: string | undefined }) {
  const phase = view.phase;
  const tasks = playerTasks(view);
  const [acked, setAcked] = useState<string | undefined>(undefined);
  const isAcked = acked === phase.id || hasRead(view);
  switch (phase.kind) {
    case 'narrate':
      return (
        <section className="ph-section">
          <p className="ph-hint">{tx.t('narrateHint')}</p>
          <div className="ph-narration">{tx.text(phase.text)}</div>
        </section>
      );
    case 'read': {
      const page = pageForAct(view);
      return (
        <section className="ph-section" data-testid="phone-read">
          {phase.prompt && <p className="ph-hint">{tx.text(phase.prompt)}</p>}
          <p className="ph-private">{tx.t('secretHint')}</p>
          {page ? <Markdown source={page} className="ph-page" /> : <p>{tx.t('noPage')}</p>}
          <button
            type="button"
            className="ph-primary"
            disabled={isAcked || view.status !== 'playing'}
            onClick={() => {
              setAcked(phase.id);
              play({ type: 'ack' });
            }}
            data-action="ack"
          >
            {isAcked ? `✓ ${tx.t('readAcked')}` : tx.t('readAck')}
          </button>
        </section>
      );
    }
    case 'introduce':
    case 'discuss':
      return (
        <section className="ph-section">
          {phase.prompt && <p className="ph-prompt">{tx.text(phase.prompt)}</p>}
          {phase.kind === 'introduce' ? <MeCard view={view} tx={tx} /> : <Clues view={view} tx={tx} play={play} fresh={fresh} />}
        </section>
      );
    case 'search':
      return (
        <section className="ph-section" data-testid="phone-search">
          <div className="ph-points" aria-label={tx.t('actionPoints')}>
            <span>{tx.t('actionPoints')}</span>
            <span className="ph-dots">
              {Array.from({ length: Math.max(tasks.search?.points ?? 0, 0) }, (_, i) => (
                <i key={i} />
              ))}
            </span>
            <b>{tasks.search?.points ?? 0}</b>
          </div>
          <p className="ph-hint">{(tasks.search?.points ?? 0) > 0 ? tx.t('searchHint') : tx.t('noPoints')}</p>
          <div className="ph-spots">
            {tasks.search?.spots.map((l) => (
              <button key={l.id} type="button" className="ph-spot" disabled={!l.enabled} onClick={() => play({ type: 'search', location: l.id })} data-location={l.id}>
                <strong>{tx.text(l.name)}</strong>
                <small>{l.remaining > 0 ? tx.t('remaining', { n: l.remaining }) : tx.t('searchedOut')}</small>
              </button>
            ))}
          </div>
          <FoundSheet view={view} tx={tx} play={play} fresh={fresh} />
        </section>
      );
    case 'vote': {
      const v = tasks.vote;
      return (
        <section className="ph-section" data-testid="phone-vote">
          <h2 className="ph-question">{tx.text(phase.question)}</h2>
          <p className="ph-hint">
            {v?.tie ? tx.t('tieWait') : v?.canVote ? tx.t('voteHint') : tx.t('notVoter')} · {tx.t('votedCount', { n: v?.voted ?? 0, m: v?.voters ?? 0 })}
          </p>
          <div className="ph-options" role="radiogroup" aria-label={tx.text(phase.question)}>
            {v?.options.map((o) => (
              <button key={o.id} type="button" role="radio" aria-checked={v.ballot === o.id} className={`ph-option ${v.ballot === o.id ? 'on' : ''}`} disabled={!v.canVote} onClick={() => v.ballot !== o.id && play({ type: 'vote', option: o.id })} data-option={o.id}>
                <span className="ph-radio" />
                {tx.text(o.text)}
              </button>
            ))}
          </div>
        </section>
      );
    }
    case 'choice': {
      const c = tasks.choice;
      const who = c?.decidedBy === 'dm' ? tx.t('theHost') : tx.text(nameOf(view, c?.decidedBy ?? ''));
      return (
        <section className="ph-section" data-testid="phone-choice">
          <h2 className="ph-question">{tx.text(phase.question)}</h2>
          <p className="ph-hint">{c?.mine ? tx.t('choiceYours') : tx.t('choiceWait', { name: who })}</p>
          {c?.mine && (
            <div className="ph-options">
              {c.options.map((o) => (
                <button key={o.id} type="button" className="ph-option" onClick={() => play({ type: 'choose', option: o.id })} data-option={o.id}>
                  {tx.text(o.text)}
                </button>
              ))}
            </div>
          )}
        </section>
      );
    }
    case 'ending':
      return (
        <section className="ph-section ph-ending" data-testid="phone-ending">
          <small>{tx.t('ending')}</small>
          <h2>{tx.text(phase.title)}</h2>
          <p className="ph-narration">{tx.text(phase.text)}</p>
          {phase.debrief && (
            <>
              <h2 className="ph-debrief-title">{tx.t('debrief')}</h2>
              <Markdown source={phase.debrief} className="ph-page" />
            </>
          )}
        </section>
      );
    default:
      return null;
  }
}

/** The clue a search just turned up, held at the bottom until the player shares or closes it. */
function FoundSheet({ view, tx, play, fresh }: { view: StoryView; tx: Texts; play: (a: PlayerAction) => void; fresh: string | undefined }) {
  const [closed, setClosed] = useState<string | undefined>(undefined);
  const clue = view.clues.find((c) => c.id === fresh);
  if (!clue || closed === clue.id) return null;
  return (
    <div className="ph-found" data-testid="phone-found">
      <small>{tx.t('found')}</small>
      <ClueCard
        clue={clue}
        text={tx.text}
        fresh
        note={clue.shared ? tx.t('shared') : tx.t('privateClue')}
        action={
          <span className="ph-found-actions">
            {!clue.shared && (
              <button type="button" className="ph-secondary" onClick={() => play({ type: 'share', clue: clue.id })} data-action="share">
                {tx.t('share')}
              </button>
            )}
            <button type="button" className="ph-secondary" onClick={() => setClosed(clue.id)}>
              {tx.t('dismiss')}
            </button>
          </span>
        }
      />
    </div>
  );
}

function Script({ view, tx }: { view: StoryView; tx: Texts }) {
  const pages = [...(view.me?.pages ?? [])].reverse();
  return (
    <section className="ph-section" data-testid="phone-script">
      <p className="ph-private">{tx.t('secretHint')}</p>
      {pages.length === 0 && <p>{tx.t('noPage')}</p>}
      {pages.map((p) => (
        <Markdown key={p.act} source={p.text} className="ph-page" />
      ))}
    </section>
  );
}

function Clues({ view, tx, play, fresh }: { view: StoryView; tx: Texts; play: (a: PlayerAction) => void; fresh: string | undefined }) {
  const me = view.me!;
  const mine = view.clues.filter((c) => c.foundBy === me.player && !c.shared);
  const shared = view.clues.filter((c) => c.shared);
  return (
    <section className="ph-section" data-testid="phone-clues">
      <h2 className="ph-h">{tx.t('myClues')}</h2>
      {mine.length === 0 && <p className="ph-muted">{tx.t('noClues')}</p>}
      {mine.map((c) => (
        <ClueCard
          key={c.id}
          clue={c}
          text={tx.text}
          fresh={c.id === fresh}
          note={tx.t('privateClue')}
          action={
            <button type="button" className="ph-secondary" onClick={() => play({ type: 'share', clue: c.id })} data-action="share" disabled={view.status !== 'playing'}>
              {tx.t('share')}
            </button>
          }
        />
      ))}
      <h2 className="ph-h">{tx.t('publicClues')}</h2>
      {shared.length === 0 && <p className="ph-muted">{tx.t('noClues')}</p>}
      {[...shared].reverse().map((c) => (
        <ClueCard key={c.id} clue={c} text={tx.text} fresh={c.id === fresh} note={tx.t('foundBy', { name: tx.text(nameOf(view, c.foundBy)) || tx.t('theHost') })} />
      ))}
    </section>
  );
}

function MeCard({ view, tx }: { view: StoryView; tx: Texts }) {
  const seat = view.seats.find((x) => x.player === view.me?.player);
  return (
    <section className="ph-card ph-me">
      <small>{tx.t('youAre')}</small>
      <h2>{tx.text(seat?.name)}</h2>
      <p>{tx.text(seat?.intro)}</p>
    </section>
  );
}

function RolePage({ view, tx }: { view: StoryView; tx: Texts }) {
  const me = view.me!;
  return (
    <section className="ph-section" data-testid="phone-role">
      <MeCard view={view} tx={tx} />
      <h2 className="ph-h">{tx.t('goals')}</h2>
      <ul className="ph-list">
        {me.goals.map((g, i) => (
          <li key={i}>{tx.text(g)}</li>
        ))}
      </ul>
      <h2 className="ph-h">{tx.t('secrets')}</h2>
      <ul className="ph-list ph-secrets">
        {me.secrets.map((g, i) => (
          <li key={i}>{tx.text(g)}</li>
        ))}
      </ul>
    </section>
  );
}

/** Connection and refusal notices, over everything else. */
export function Banners({ link, s, tx }: { link: TableLink; s: TablePageState; tx: Texts }) {
  return (
    <>
      {s.status !== 'open' && (
        <div className="ph-banner ph-banner-net" role="status" data-testid="phone-offline">
          {tx.t(s.status === 'connecting' ? 'connecting' : 'reconnecting')}
        </div>
      )}
      {s.refused && (
        <div className="ph-banner ph-banner-refused" role="alert" data-testid="refused" data-code={s.refused.code}>
          <span>{s.refused.code === 'stale' ? tx.t('refusedStale') : tx.bi(s.refused.reason)}</span>
          <button type="button" onClick={() => link.dismiss()}>
            {tx.t('dismiss')}
          </button>
        </div>
      )}
      {s.error && s.seat && (
        <div className="ph-banner ph-banner-refused" role="alert" data-testid="table-error" data-code={s.error.code}>
          <span>{tx.bi(s.error.message)}</span>
          <button type="button" onClick={() => link.dismiss()}>
            {tx.t('dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
