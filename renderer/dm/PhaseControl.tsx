import type { StoryView } from '../../core/story/view';
import type { LocalisedText } from '../../core/text';
import type { DmAction } from '../../core/protocol/tables';
import type { TableLink, TablePageState } from '../table/link';
import { nameOf, tallyBars } from '../table/model';
import { Countdown, kindLabel, type Texts } from '../table/ui';

function optionText(view: StoryView, id: string): LocalisedText {
  return view.phase.options?.find((o) => o.id === id)?.text ?? id;
}

export function PhaseControl({ view, s, tx, cmd, link }: { view: StoryView; s: TablePageState; tx: Texts; cmd: (a: DmAction) => void; link: TableLink }) {
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
