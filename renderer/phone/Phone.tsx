import { useState } from 'react';
import type { StoryView } from '../../core/story/view';
import type { Locale } from '../../core/text';
import type { PlayerAction } from '../../core/protocol/tables';
import type { TableLink, TablePageState } from '../table/link';
import { newlyFound } from '../table/model';
import { Countdown, LocaleSwitch, kindLabel, useLocaleText, useTable, type Texts } from '../table/ui';
import { Banners } from '../table/Banners';
import type { EndingStore } from './seat';
import { JoinForm, Lobby, RolePicker } from './Join';
import { Now } from './Now';
import { Clues, RolePage, Script } from './Pages';
import { StuckHelp } from './Stuck';
import '../table/table.css';

type Tab = 'now' | 'script' | 'clues' | 'role';

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
      <StuckHelp s={s} tx={tx} code={code} />
      {!s.view?.me && (
        <div className="ph-locale">
          <LocaleSwitch locale={locale} onChange={onLocale} />
        </div>
      )}
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
