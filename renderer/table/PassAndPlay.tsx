import { useState, useSyncExternalStore } from 'react';
import type { Locale } from '../../core/text';
import type { TableLink, TablePageState } from './link';
import { isPrivatePhase, turnQueue } from './model';
import { TableScreen } from './Screen';
import { Phone } from '../phone/Phone';
import { useLocaleText, useTable } from './ui';
import './table.css';
import './pass.css';

/** One seat held by the kiosk in pass-and-play: its role and its own link to the table. */
export interface PassSeat {
  role: string;
  link: TableLink;
}

/** Every seat's state at once, as one external store (the same array while nothing changed). */
class SeatStates {
  private last: TablePageState[] = [];
  constructor(private readonly seats: readonly PassSeat[]) {}
  subscribe = (fn: () => void): (() => void) => {
    const offs = this.seats.map((s) => s.link.subscribe(fn));
    return () => offs.forEach((off) => off());
  };
  get = (): TablePageState[] => {
    const now = this.seats.map((s) => s.link.state);
    if (now.length !== this.last.length || now.some((x, i) => x !== this.last[i])) this.last = now;
    return this.last;
  };
}

function useSeats(seats: readonly PassSeat[]): TablePageState[] {
  const [store] = useState(() => new SeatStates(seats));
  return useSyncExternalStore(store.subscribe, store.get);
}

/**
 * Pass-and-play on the kiosk, for a table without phones: the shared screen, and in a phase
 * where each player needs the screen alone (reading, searching, voting, a choice) a privacy
 * curtain that hands the screen from role to role. Each role is a real seat at the host's table.
 */
export function PassAndPlay({ screen, seats, locale = 'zh-Hans' }: { screen: TableLink; seats: readonly PassSeat[]; locale?: Locale }) {
  const shared = useTable(screen);
  const states = useSeats(seats);
  const tx = useLocaleText(locale);
  const view = shared.view;
  const phase = view ? `${view.phase.id}#${view.decisions.length}` : 'lobby';
  // Turns are counted per phase: a phase change starts a new round.
  const [turns, setTurns] = useState<{ phase: string; had: string[]; open: string | undefined; revealed: boolean }>({ phase, had: [], open: undefined, revealed: false });
  const t = turns.phase === phase ? turns : { phase, had: [], open: undefined, revealed: false };
  const players = seats.map((s, i) => ({ role: s.role, player: states[i]?.seat?.player ?? '', view: states[i]?.view, link: s.link }));
  const queue = turnQueue(players, new Set(t.had));
  const current = t.open ?? queue[0];
  const seat = players.find((p) => p.player === current);
  const name = (role: string) => tx.text(shared.table?.roles.find((r) => r.id === role)?.name) || role;
  const privatePhase = !!view && isPrivatePhase(view.phase.kind) && view.status === 'playing';

  if (!privatePhase || (!seat && queue.length === 0 && !t.open)) {
    return (
      <div className="pass" data-testid="pass" data-mode="screen">
        <TableScreen link={screen} locale={locale} />
        {privatePhase && (
          <div className="pass-done" data-testid="pass-all-done">
            <strong>{tx.t('allDone')}</strong>
            <span>{tx.t('waitingNext')}</span>
            <Chips players={players} had={t.had} name={name} onPick={(p) => setTurns({ ...t, open: p, revealed: false })} />
          </div>
        )}
      </div>
    );
  }
  if (!seat) return null;
  const index = players.findIndex((p) => p.player === seat.player);
  if (!t.revealed) {
    return (
      <div className="pass" data-testid="pass" data-mode="curtain" data-role={seat.role}>
        <button type="button" className="pass-curtain" onClick={() => setTurns({ ...t, open: seat.player, revealed: true })} data-action="reveal">
          <small>{tx.t('turnOf', { n: index + 1, m: players.length })}</small>
          <span className="pass-to">{tx.t('passTo')}</span>
          <strong className="pass-name">{name(seat.role)}</strong>
          <span className="pass-tap">{tx.t('tapReveal', { name: name(seat.role) })}</span>
        </button>
        <Chips players={players} had={t.had} name={name} current={seat.player} onPick={(p) => setTurns({ ...t, open: p, revealed: false })} />
      </div>
    );
  }
  return (
    <div className="pass" data-testid="pass" data-mode="seat" data-role={seat.role}>
      <div className="pass-seat">
        <Phone link={seat.link} locale={locale} onLocale={() => undefined} code={shared.table?.code ?? ''} onCode={() => undefined} />
      </div>
      <button type="button" className="pass-cover" onClick={() => setTurns({ ...t, had: [...t.had, seat.player], open: undefined, revealed: false })} data-action="cover">
        {tx.t('doneCover')}
      </button>
    </div>
  );
}

function Chips({ players, had, name, current, onPick }: { players: Array<{ role: string; player: string }>; had: string[]; name: (role: string) => string; current?: string; onPick: (player: string) => void }) {
  return (
    <nav className="pass-chips">
      {players.map((p) => (
        <button key={p.role} type="button" data-done={had.includes(p.player)} data-current={p.player === current} onClick={() => onPick(p.player)} data-role={p.role}>
          {had.includes(p.player) ? '✓ ' : ''}
          {name(p.role)}
        </button>
      ))}
    </nav>
  );
}
