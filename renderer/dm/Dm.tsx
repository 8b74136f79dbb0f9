import { useState } from 'react';
import type { StoryView } from '../../core/story/view';
import type { Locale, LocalisedText } from '../../core/text';
import type { DmAction, ScenarioSummary, TablePublic } from '../../core/protocol/tables';
import type { TableLink, TablePageState } from '../table/link';
import { dmExtras, nameOf, tallyBars } from '../table/model';
import { ClueCard, Countdown, LocaleSwitch, kindLabel, useLocaleText, useTable } from '../table/ui';
import { Banners } from '../phone/Phone';
import { QrCode } from '../quiz/QrCode';
import { rolesForSize } from './open';
import '../table/table.css';
import './dm.css';

type Texts = ReturnType<typeof useLocaleText>;

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
  logUrl?: (table: string) => string;
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

function Lobby({ link, s, tx, onWatch }: DmProps & { s: TablePageState; tx: Texts }) {
  const scenarios = s.dm?.scenarios ?? [];
  const [picked, setPicked] = useState(0);
  const sc = scenarios[picked];
  return (
    <div className="dm-lobby" data-testid="dm-lobby">
      <section className="dm-panel dm-tables">
        <h2>{tx.t('tables')}</h2>
        {(s.tables ?? []).length === 0 && <p className="dm-muted">{tx.t('noTables')}</p>}
        <ul>
          {(s.tables ?? []).map((t) => (
            <li key={t.id}>
              <button type="button" className="dm-table-row" onClick={() => onWatch(t.id)} data-table={t.id}>
                <b className="dm-code">{t.code}</b>
                <span>
                  <strong>
                    {tx.text(t.scenario.title)}
                    {t.label && <small> · {t.label}</small>}
                  </strong>
                  <small>
                    {tx.t(`status_${t.status}`)} · {t.phase ? `${kindLabel(tx.t, t.phase.kind)} ${tx.text(t.phase.title)}` : ''} · {tx.t('seats')} {t.seated}/{t.size} · {tx.t('online')} {t.connected}
                  </small>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="dm-panel dm-open">
        <h2>{tx.t('openTable')}</h2>
        <div className="dm-scenarios">
          {scenarios.map((x, i) => (
            <button key={`${x.pack}/${x.id}`} type="button" className={`dm-scenario ${i === picked ? 'on' : ''}`} onClick={() => setPicked(i)} data-scenario={x.id}>
              <strong>{tx.text(x.title)}</strong>
              <small>{tx.text(x.theme)}</small>
              <small>
                {tx.t('playersRange', { a: x.players.min, b: x.players.max })} · {tx.t('minutes', { a: x.minutes.min, b: x.minutes.max })}
              </small>
            </button>
          ))}
        </div>
        {sc && <OpenForm key={`${sc.pack}/${sc.id}`} sc={sc} tx={tx} onOpen={(roles, pick) => link.send({ type: 'dm.open', scenario: { pack: sc.pack, scenario: sc.id }, roles, pick })} />}
      </section>
    </div>
  );
}

function OpenForm({ sc, tx, onOpen }: { sc: ScenarioSummary; tx: Texts; onOpen: (roles: string[], pick: 'player' | 'dm') => void }) {
  const max = Math.min(sc.players.max, sc.roles.length);
  const [size, setSize] = useState(max);
  const [pick, setPick] = useState<'player' | 'dm'>('player');
  const roles = rolesForSize(sc, size);
  return (
    <div className="dm-open-form">
      <div className="dm-field">
        <span>{tx.t('tableSize')}</span>
        <div className="dm-seg">
          {Array.from({ length: max - sc.players.min + 1 }, (_, i) => sc.players.min + i).map((n) => (
            <button key={n} type="button" className={n === size ? 'on' : ''} onClick={() => setSize(n)} data-size={n}>
              {n}
            </button>
          ))}
        </div>
      </div>
      <p className="dm-roles-line">{roles.map((r) => tx.text(sc.roles.find((x) => x.id === r)?.name)).join('、')}</p>
      <div className="dm-field">
        <span>{tx.t('seating')}</span>
        <div className="dm-seg">
          <button type="button" className={pick === 'player' ? 'on' : ''} onClick={() => setPick('player')} data-pick="player">
            {tx.t('seatingPick')}
          </button>
          <button type="button" className={pick === 'dm' ? 'on' : ''} onClick={() => setPick('dm')} data-pick="dm">
            {tx.t('seatingAssign')}
          </button>
        </div>
      </div>
      <button type="button" className="dm-primary" onClick={() => onOpen(roles, pick)} data-action="open-table">
        {tx.t('create')}
      </button>
    </div>
  );
}

function TableConsole({ link, s, tx, table, onWatch, onPass, logUrl }: DmProps & { s: TablePageState; tx: Texts; table: TablePublic }) {
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
        {logUrl && (
          <a className="dm-ghost" href={logUrl(table.id)} download={`${table.code}.log`} data-action="export">
            {tx.t('exportLog')}
          </a>
        )}
      </header>
      <aside className="dm-col dm-left">
        <Seats table={table} view={view} tx={tx} onFree={(player) => link.send({ type: 'dm.seat', table: table.id, player, role: null })} />
        {view && <JoinCard table={table} tx={tx} size={132} onPass={onPass} />}
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

function optionText(view: StoryView, id: string): LocalisedText {
  return view.phase.options?.find((o) => o.id === id)?.text ?? id;
}

function PhaseControl({ view, s, tx, cmd, link }: { view: StoryView; s: TablePageState; tx: Texts; cmd: (a: DmAction) => void; link: TableLink }) {
  const phase = view.phase;
  const timer = s.timer && s.timer.phase === phase.id ? s.timer : undefined;
  const canAdvance = view.status === 'playing' && phase.kind !== 'vote' && phase.kind !== 'choice' && phase.kind !== 'ending';
  const ballots = view.dm?.ballots ?? {};
  const tally: Record<string, number> = {};
  for (const o of Object.values(ballots)) tally[o] = (tally[o] ?? 0) + 1;
  return (
    <section className="dm-panel dm-phase" data-testid="dm-phase" data-kind={phase.kind}>
      <small className="dm-act">{tx.text(phase.act.title)}</small>
      <h1>
        <span className="ph-kind">{kindLabel(tx.t, phase.kind)}</span>
        {tx.text(phase.title ?? phase.question ?? phase.prompt) || phase.id}
      </h1>
      {phase.prompt && phase.title && <p className="dm-prompt">{tx.text(phase.prompt)}</p>}
      {phase.question && phase.title && <p className="dm-question">{tx.text(phase.question)}</p>}
      {phase.kind === 'narrate' && <p className="dm-narration">{tx.text(phase.text)}</p>}
      {timer && (
        <div className="dm-timer">
          <Countdown timer={timer} hostNow={() => link.hostNow()} t={tx.t} className="dm-countdown" />
          <div className="dm-timer-buttons">
            <button type="button" className="dm-btn" onClick={() => cmd({ type: timer.paused ? 'resume' : 'pause' })} data-action={timer.paused ? 'resume' : 'pause'}>
              {tx.t(timer.paused ? 'resume' : 'pause')}
            </button>
            <button type="button" className="dm-btn" onClick={() => cmd({ type: 'extend', seconds: 60 })} data-action="extend">
              {tx.t('extend', { n: 1 })}
            </button>
            <button type="button" className="dm-btn" onClick={() => cmd({ type: 'extend', seconds: 300 })}>
              {tx.t('extend', { n: 5 })}
            </button>
          </div>
        </div>
      )}
      {phase.kind === 'search' && phase.locations && (
        <ul className="dm-locations">
          {phase.locations.map((l) => (
            <li key={l.id}>
              {tx.text(l.name)} <small>{tx.t('remaining', { n: l.remaining })}</small>
            </li>
          ))}
        </ul>
      )}
      {phase.kind === 'vote' && phase.options && (
        <div className="dm-vote" data-testid="dm-vote">
          <small className="dm-muted">
            {tx.t('ballots')} · {tx.t('votedCount', { n: phase.voted?.length ?? 0, m: phase.voters?.length ?? 0 })}
          </small>
          {tallyBars(phase.options, tally).map((b) => (
            <div key={b.id} className="dm-bar" data-option={b.id}>
              <span>{tx.text(b.text)}</span>
              <i style={{ width: `${Math.round(b.share * 100)}%` }} />
              <b>{b.count}</b>
              <small>
                {Object.entries(ballots)
                  .filter(([, o]) => o === b.id)
                  .map(([p]) => tx.text(nameOf(view, p)) || p)
                  .join('、')}
              </small>
            </div>
          ))}
          {phase.tie && phase.tie.length > 0 ? (
            <div className="dm-row">
              <span>{tx.t('breakTie')}</span>
              {phase.tie.map((o) => (
                <button key={o} type="button" className="dm-btn dm-gold" onClick={() => cmd({ type: 'break-tie', option: o })} data-action="break-tie" data-option={o}>
                  {tx.text(optionText(view, o))}
                </button>
              ))}
            </div>
          ) : (
            <button type="button" className="dm-primary" onClick={() => cmd({ type: 'close-vote' })} disabled={view.status !== 'playing'} data-action="close-vote">
              {tx.t('closeVote')}
            </button>
          )}
        </div>
      )}
      {phase.kind === 'choice' && phase.options && (
        <div className="dm-choice" data-testid="dm-choice">
          <small className="dm-muted">{phase.decidedBy === 'dm' ? tx.t('dmDecides') : tx.t('choiceWait', { name: tx.text(nameOf(view, phase.decidedBy ?? '')) })}</small>
          <div className="dm-row">
            {phase.options.map((o) => (
              <button key={o.id} type="button" className="dm-btn dm-gold" onClick={() => cmd({ type: 'choose', option: o.id })} data-action="choose" data-option={o.id}>
                {phase.decidedBy === 'dm' ? '' : `${tx.t('decideFor')}：`}
                {tx.text(o.text)}
              </button>
            ))}
          </div>
        </div>
      )}
      {phase.kind === 'ending' && (
        <div className="dm-ending">
          <p className="dm-narration">{tx.text(phase.text)}</p>
        </div>
      )}
      {canAdvance && (
        <button type="button" className="dm-primary dm-advance" onClick={() => cmd({ type: 'advance' })} data-action="advance">
          {tx.t('advance')} →
        </button>
      )}
    </section>
  );
}

type DmTab = 'clues' | 'roles' | 'log';

function DmOnly({ view, tx, cmd }: { view: StoryView; tx: Texts; cmd: (a: DmAction) => void }) {
  const [tab, setTab] = useState<DmTab>('clues');
  const ex = dmExtras(view);
  const [give, setGive] = useState<{ clue: string; player: string }>({ clue: '', player: '' });
  const [confirmEnd, setConfirmEnd] = useState(false);
  const dm = view.dm!;
  return (
    <>
      <nav className="dm-tabs">
        {(['clues', 'roles', 'log'] as DmTab[]).map((k) => (
          <button key={k} type="button" className={k === tab ? 'on' : ''} onClick={() => setTab(k)} data-tab={k}>
            {tx.t(k === 'clues' ? 'allClues' : k === 'roles' ? 'rolesSecrets' : 'history')}
          </button>
        ))}
      </nav>
      <div className="dm-scroll">
        {tab === 'clues' && (
          <>
            {ex.unfound.length > 0 && (
              <div className="dm-give">
                <select value={give.clue} onChange={(e) => setGive({ ...give, clue: e.target.value })} aria-label={tx.t('giveClue')}>
                  <option value="">{tx.t('giveClue')}…</option>
                  {ex.unfound.map((c) => (
                    <option key={c.id} value={c.id}>
                      {tx.text(c.title)}
                    </option>
                  ))}
                </select>
                <select value={give.player} onChange={(e) => setGive({ ...give, player: e.target.value })} aria-label={tx.t('giveTo')}>
                  <option value="">{tx.t('publicClues')}</option>
                  {view.seats.map((x) => (
                    <option key={x.player} value={x.player}>
                      {tx.text(x.name)}
                    </option>
                  ))}
                </select>
                <button type="button" className="dm-btn dm-gold" disabled={!give.clue} onClick={() => cmd({ type: 'give-clue', clue: give.clue, ...(give.player ? { player: give.player } : {}) })} data-action="give-clue">
                  {tx.t('giveClue')}
                </button>
              </div>
            )}
            {dm.clues.length === 0 && <p className="dm-muted">{tx.t('noClues')}</p>}
            {[...dm.clues].reverse().map((c) => (
              <ClueCard key={c.id} clue={c} text={tx.text} note={`${c.shared ? tx.t('shared') : tx.t('notShared')} · ${tx.t('foundBy', { name: tx.text(nameOf(view, c.foundBy)) || tx.t('theHost') })}`} />
            ))}
          </>
        )}
        {tab === 'roles' &&
          dm.roles.map((r) => {
            const seat = view.seats.find((x) => x.role === r.id);
            return (
              <article key={r.id} className="dm-role">
                <h3>
                  {tx.text(seat?.name) || r.id} {seat && ex.readBy(seat.player) && <em>{tx.t('read')}</em>}
                </h3>
                <ul>
                  {r.secrets.map((x, i) => (
                    <li key={i} className="dm-secret-line">
                      {tx.text(x)}
                    </li>
                  ))}
                  {r.goals.map((x, i) => (
                    <li key={`g${i}`}>{tx.text(x)}</li>
                  ))}
                </ul>
              </article>
            );
          })}
        {tab === 'log' && (
          <>
            <h3 className="dm-h">{tx.t('vars')}</h3>
            <dl className="dm-vars">
              {Object.entries(dm.vars).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{JSON.stringify(v)}</dd>
                </div>
              ))}
            </dl>
            <h3 className="dm-h">{tx.t('history')}</h3>
            <ol className="dm-decisions">
              {view.decisions.map((d, i) => (
                <li key={i}>
                  {d.phase}: <b>{d.option}</b> <small>({d.how})</small>
                </li>
              ))}
            </ol>
            <div className="dm-danger">
              <button type="button" className="dm-btn" onClick={() => cmd({ type: 'undo' })} disabled={view.status === 'ended' && !ex.undo} data-action="undo">
                ↶ {tx.t('undo')}
                {ex.undo ? ` · ${ex.undo.type}` : ''}
              </button>
              <small className="dm-muted">{tx.t('undoHint')}</small>
              <button
                type="button"
                className={`dm-btn ${confirmEnd ? 'dm-red' : ''}`}
                disabled={view.status !== 'playing'}
                onClick={() => {
                  if (!confirmEnd) setConfirmEnd(true);
                  else {
                    setConfirmEnd(false);
                    cmd({ type: 'end' });
                  }
                }}
                data-action="end"
              >
                {confirmEnd ? `${tx.t('confirm')}：${tx.t('endEarly')}` : tx.t('endEarly')}
              </button>
            </div>
          </>
        )}
      </div>
    </>
  );
}
