import type { StoryView } from '../../core/story/view';
import type { PlayerAction } from '../../core/protocol/tables';
import { nameOf } from '../table/model';
import { ClueCard, Markdown, type Texts } from '../table/ui';

export function Script({ view, tx }: { view: StoryView; tx: Texts }) {
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

export function Clues({ view, tx, play, fresh }: { view: StoryView; tx: Texts; play: (a: PlayerAction) => void; fresh: string | undefined }) {
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

export function MeCard({ view, tx }: { view: StoryView; tx: Texts }) {
  const seat = view.seats.find((x) => x.player === view.me?.player);
  return (
    <section className="ph-card ph-me">
      <small>{tx.t('youAre')}</small>
      <h2>{tx.text(seat?.name)}</h2>
      <p>{tx.text(seat?.intro)}</p>
    </section>
  );
}

export function RolePage({ view, tx }: { view: StoryView; tx: Texts }) {
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
