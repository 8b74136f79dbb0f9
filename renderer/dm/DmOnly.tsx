import { useState } from 'react';
import type { StoryView } from '../../core/story/view';
import type { DmAction } from '../../core/protocol/tables';
import { dmExtras, nameOf } from '../table/model';
import { ClueCard, type Texts } from '../table/ui';

type DmTab = 'clues' | 'roles' | 'log';

export function DmOnly({ view, tx, cmd }: { view: StoryView; tx: Texts; cmd: (a: DmAction) => void }) {
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
