import { useState } from 'react';
import type { StoryView } from '../../core/story/view';
import type { PlayerAction } from '../../core/protocol/tables';
import { hasRead, nameOf, pageForAct, playerTasks } from '../table/model';
import { ClueCard, Markdown, type Texts } from '../table/ui';
import { Clues, MeCard } from './Pages';

export function Now({ view, tx, play, fresh }: { view: StoryView; tx: Texts; play: (a: PlayerAction) => void; fresh: string | undefined }) {
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
