import { useState } from 'react';
import type { StoryView } from '../../core/story/view';
import type { Locale } from '../../core/text';
import type { DmAction, TablePublic } from '../../core/protocol/tables';
import type { TableLink, TablePageState } from '../table/link';
import { dmExtras } from '../table/model';
import { LocaleSwitch, useLocaleText, useTable, type Texts } from '../table/ui';
import { Banners } from '../table/Banners';
import { QrCode } from '../quiz/QrCode';
import { Lobby } from './Lobby';
import { PhaseControl } from './PhaseControl';
import { DmOnly } from './DmOnly';
import '../table/table.css';
import './dm.css';

export interface DmProps {
  link: TableLink;
  locale: Locale;
  onLocale: (l: Locale) => void;
  /** The table whose DM view this console shows, if any. */
  watching: string | undefined;
  onWatch: (table: string | undefined) => void;
  onPin: (pin: string) => void;
  /** Runs this table as pass-and-play on this screen (the kiosk, with no phones). */
  onPass?: (code: string) => void;
  /** The log download for a table (carries the DM token). */
  /** Downloads a table's log (the DM token goes in a header, never in a URL a browser keeps). */
  exportLog?: (table: string, fileName: string) => void;
}

/**
 * The DM console: PIN, the list of tables and a form to open one, then one table's console:
 * seats and who is connected, the phase and its timer, the decision at hand, and on the right
 * what only the DM sees (secrets, every clue, variables), marked as such on screen.
 */
export function DmConsole(props: DmProps) {
  const s = useTable(props.link);
  const tx = useLocaleText(props.locale);
  let body: React.ReactNode;
  if (!s.dm) body = <PinForm tx={tx} onPin={props.onPin} error={s.error ? tx.bi(s.error.message) : undefined} status={s.status} />;
  else if (props.watching && s.table?.id === props.watching) body = <TableConsole {...props} s={s} tx={tx} table={s.table} />;
  else body = <Lobby {...props} s={s} tx={tx} />;
  return (
    <div className="dm" lang={props.locale} data-testid="dm">
      <div className="dm-band" role="note" data-testid="dm-band">
        {s.view?.dm && dmExtras(s.view).notice ? tx.bi(dmExtras(s.view).notice!) : tx.t('dmOnly')}
      </div>
      {body}
      <Banners link={props.link} s={s} tx={tx} />
      <div className="dm-locale">
        <LocaleSwitch locale={props.locale} onChange={props.onLocale} />
      </div>
    </div>
  );
}

function PinForm({ tx, onPin, error, status }: { tx: Texts; onPin: (pin: string) => void; error: string | undefined; status: TablePageState['status'] }) {
  const [pin, setPin] = useState('');
  return (
    <form
      className="dm-pin"
      data-testid="dm-pin"
      onSubmit={(e) => {
        e.preventDefault();
        if (pin) onPin(pin);
      }}
    >
      <h1>{tx.t('dmTitle')}</h1>
      <label>
        PIN
        <input name="pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} maxLength={64} />
      </label>
      {error && <p className="dm-error" role="alert">{error}</p>}
      <button type="submit" className="dm-primary" disabled={!pin || status !== 'open'}>
        {tx.t(status === 'open' ? 'confirm' : 'connecting')}
      </button>
    </form>
  );
}

function TableConsole({ link, s, tx, table, onWatch, onPass, exportLog }: DmProps & { s: TablePageState; tx: Texts; table: TablePublic }) {
  const view = s.view?.dm ? s.view : undefined;
  const cmd = (action: DmAction) => view && link.send({ type: 'dm.command', table: table.id, version: view.version, action });
  return (
    <div className="dm-console" data-testid="dm-console" data-status={table.status} data-phase={view?.phase.id} data-version={view?.version}>
      <header className="dm-top">
        <button type="button" className="dm-ghost" onClick={() => onWatch(undefined)} data-action="back">
          ← {tx.t('tables')}
        </button>
        <div className="dm-top-title">
          <strong>{tx.text(table.scenario.title)}</strong>
          <small>
            {table.label ? `${table.label} · ` : ''}
            {tx.t('codeLabel')} <b className="dm-code">{table.code}</b>
          </small>
        </div>
        {exportLog && (
          <button type="button" className="dm-ghost" onClick={() => exportLog(table.id, `${table.code}.log`)} data-action="export">
            {tx.t('exportLog')}
          </button>
        )}
      </header>
      <aside className="dm-col dm-left">
        <Seats table={table} view={view} tx={tx} onFree={(player) => link.send({ type: 'dm.seat', table: table.id, player, role: null })} />
        {view && <JoinCard table={table} tx={tx} size={132} onPass={onPass} />}
        <ScreensCard table={table} s={s} tx={tx} link={link} />
      </aside>
      <main className="dm-col dm-center">
        {!view ? <BeforeStart table={table} tx={tx} link={link} onPass={onPass} /> : <PhaseControl view={view} s={s} tx={tx} cmd={cmd} link={link} />}
      </main>
      <aside className="dm-col dm-right dm-secret">
        {view ? (
          <DmOnly view={view} tx={tx} cmd={cmd} />
        ) : (
          <div className="dm-scroll">
            <h3 className="dm-h">{tx.t('background')}</h3>
            <p>{tx.text(table.scenario.background)}</p>
            {table.roles.map((r) => (
              <p key={r.id}>
                <strong className="dm-gold-text">{tx.text(r.name)}</strong> {tx.text(r.intro)}
              </p>
            ))}
          </div>
        )}
      </aside>
    </div>
  );
}

function Seats({ table, view, tx, onFree }: { table: TablePublic; view: StoryView | undefined; tx: Texts; onFree: (player: string) => void }) {
  const ex = view ? dmExtras(view) : undefined;
  const ballots = view?.dm?.ballots ?? {};
  const points = view?.dm?.actionPoints ?? {};
  return (
    <section className="dm-panel" data-testid="dm-seats">
      <h2>
        {tx.t('seats')} <small>{table.seats.filter((x) => x.connected).length}/{table.roles.length} {tx.t('online')}</small>
      </h2>
      <ul className="dm-seats">
        {table.roles.map((r) => {
          const seat = table.seats.find((x) => x.player === r.player);
          const connected = !!seat?.connected;
          return (
            <li key={r.id} className="dm-seat" data-role={r.id} data-connected={connected} data-empty={!r.player}>
              <i className="dm-dot" title={connected ? tx.t('online') : tx.t('offline')} />
              <span className="dm-seat-name">
                <strong>{tx.text(r.name)}</strong>
                <small>{r.player ? `${r.player} · ${connected ? tx.t('online') : tx.t('offline')}` : tx.t('empty')}</small>
              </span>
              <span className="dm-chips">
                {r.player && ex?.readBy(r.player) && <em>{tx.t('read')}</em>}
                {r.player && ballots[r.player] !== undefined && <em>{tx.t('voted')}</em>}
                {r.player && points[r.player] !== undefined && view?.phase.kind === 'search' && <em>AP {points[r.player]}</em>}
              </span>
              {r.player && (
                <button type="button" className="dm-mini" onClick={() => onFree(r.player as string)} title={tx.t('reseatHint')} data-action="reseat">
                  {tx.t('reseat')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The hall's screens the table's shared screen is on: a tap puts it there or takes it off. */
function ScreensCard({ table, s, tx, link }: { table: TablePublic; s: TablePageState; tx: Texts; link: TableLink }) {
  const screens = s.dm?.screens ?? [];
  if (screens.length === 0) return null;
  const on = s.tables?.find((t) => t.id === table.id)?.screens ?? [];
  const set = (ids: string[]) => link.send({ type: 'dm.show', table: table.id, surfaces: ids });
  return (
    <section className="dm-panel dm-screens" data-testid="dm-screens">
      <h2>{tx.t('screens')}</h2>
      <p className="dm-muted">{tx.t('screensHint')}</p>
      <div className="dm-screen-list">
        {screens.map((x) => {
          const shown = on.includes(x.id);
          return (
            <button key={x.id} type="button" className={`dm-screen ${shown ? 'on' : ''}`} aria-pressed={shown} data-surface={x.id} onClick={() => set(shown ? on.filter((id) => id !== x.id) : [...on, x.id])}>
              <b>{x.id}</b>
              <small>{tx.t(shown ? 'screenOn' : 'screenOff')}</small>
            </button>
          );
        })}
      </div>
    </section>
  );
}

function JoinCard({ table, tx, size, onPass }: { table: TablePublic; tx: Texts; size: number; onPass: DmProps['onPass'] }) {
  return (
    <div className="dm-join" data-testid="dm-join">
      <QrCode text={table.joinUrl} size={size} label={tx.t('joinCode')} />
      <div>
        <small>{tx.t('joinCode')}</small>
        <b className="dm-code dm-code-big">{table.code}</b>
        {onPass && (
          <button type="button" className="dm-link" onClick={() => onPass(table.code)} data-action="pass-and-play">
            {tx.t('seatingKiosk')}
          </button>
        )}
      </div>
    </div>
  );
}

function BeforeStart({ table, tx, link, onPass }: { table: TablePublic; tx: Texts; link: TableLink; onPass: DmProps['onPass'] }) {
  const unseated = table.seats.filter((x) => !x.role);
  return (
    <section className="dm-panel dm-phase" data-testid="dm-before-start">
      <small className="dm-act">{tx.text(table.scenario.theme)}</small>
      <h1>{tx.t('dmLobby')}</h1>
      <p className="dm-muted">
        {tx.t(table.pick === 'player' ? 'seatingPick' : 'seatingAssign')} · {tx.t('seatedCount', { n: table.roles.filter((r) => r.player !== null).length, m: table.roles.length })}
      </p>
      <div className="dm-join-big">
        <JoinCard table={table} tx={tx} size={260} onPass={onPass} />
        <small className="dm-url">{table.joinUrl}</small>
      </div>
      {unseated.length > 0 && (
        <div className="dm-unseated">
          {unseated.map((p) => (
            <div key={p.player} className="dm-assign">
              <span>{p.player}</span>
              {table.roles
                .filter((r) => !r.player)
                .map((r) => (
                  <button key={r.id} type="button" className="dm-mini" onClick={() => link.send({ type: 'dm.seat', table: table.id, player: p.player, role: r.id })}>
                    {tx.text(r.name)}
                  </button>
                ))}
            </div>
          ))}
        </div>
      )}
      <button type="button" className="dm-primary" onClick={() => link.send({ type: 'dm.start', table: table.id })} data-action="start">
        {tx.t('start')}
      </button>
    </section>
  );
}
