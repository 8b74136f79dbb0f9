import type { TablePageState } from '../table/link';
import type { Texts } from '../table/ui';
import { useState } from 'react';
import { looksLikeCode, normaliseCode } from './seat';

export function JoinForm({ tx, initial, onJoin, error }: { tx: Texts; initial: string; onJoin: (code: string) => void; error: string | undefined }) {
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

export function RolePicker({ s, tx, onPick }: { s: TablePageState; tx: Texts; onPick: (role: string) => void }) {
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

export function Lobby({ s, tx }: { s: TablePageState; tx: Texts }) {
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
