import { useState } from 'react';
import type { ScenarioSummary } from '../../core/protocol/tables';
import type { TableLink, TablePageState } from '../table/link';
import { kindLabel, type Texts } from '../table/ui';
import { rolesForSize } from './open';

/** The console's start page: the open tables (tap one to run it) and a form to open another. */
export function Lobby({ link, s, tx, onWatch }: { link: TableLink; s: TablePageState; tx: Texts; onWatch: (table: string | undefined) => void }) {
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
