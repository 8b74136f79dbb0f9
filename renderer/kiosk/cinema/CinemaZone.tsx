import { useCallback } from 'react';
import type { Cinema } from '../../../core/pack/kinds/cinema';
import { packAssetUrl } from '../../../core/pack/url';
import type { CinemaRun, CinemaStatus } from '../../../core/protocol/zones';
import type { Locale } from '../../../core/text';
import { filmAt } from '../../../core/zones/cinema';
import { clockTime, useCinemaStatus } from '../../cinema/status';
import { useHostTime } from '../../cinema/useNow';
import { cw, duration } from '../../cinema/words';
import { useHost } from '../../host/context';
import { useT } from '../../i18n';
import { useMomentumScroll } from '../momentum';
import { ZonePage } from '../ZonePage';
import type { ZoneProps } from '../zones';
import './cinema.css';

/** The red cinema on the kiosk: what plays now, today's screenings, and the programme. */
export function CinemaZone({ hall, locale, onHome }: ZoneProps) {
  const { text } = useT();
  const { state, connection } = useHost();
  const cinema = hall.cinema;
  const run = state.cinema;
  const status = useCinemaStatus(run?.runId);
  const hostNow = useCallback(() => connection.hostNow(), [connection]);
  const now = useHostTime(hostNow);
  const scroll = useMomentumScroll<HTMLDivElement>('y');
  if (!cinema) return null;
  return (
    <ZonePage zone="cinema" title={text(cinema.title)} onHome={onHome}>
      <div className="cinema-zone k-scroll" ref={scroll} tabIndex={0} role="region" aria-label={text(cinema.title)}>
        <NowShowing packId={hall.packId} cinema={cinema} run={run} status={status} now={now} locale={locale} />
        <section className="cinema-today" aria-label={cw(locale, 'today')}>
          <h2>{cw(locale, 'today')}</h2>
          <ol>
            {(status?.today ?? []).map((s) => {
              const pl = cinema.playlists.find((p) => p.id === s.playlistId);
              const live = run && typeof run.by === 'object' && run.by.schedule === s.at;
              // On only while its run plays: a screening the docent replaced or stopped is not.
              const state = live ? 'on' : s.startHost > now ? 'coming' : 'ended';
              return (
                <li key={s.at} className={`cinema-slot ${state}`} data-at={s.at} data-state={state}>
                  <span className="cinema-slot-at">{s.at}</span>
                  <span className="cinema-slot-title">{pl ? text(pl.title) : s.playlistId}</span>
                  <span className="cinema-slot-state">{cw(locale, state === 'on' ? 'on' : state === 'coming' ? 'coming' : 'ended')}</span>
                </li>
              );
            })}
          </ol>
        </section>
        <section className="cinema-programme" aria-label={cw(locale, 'programme')}>
          <h2>{cw(locale, 'programme')}</h2>
          <div className="cinema-films">
            {cinema.films.map((f) => (
              <article key={f.id} className="cinema-film" data-film={f.id}>
                {f.poster && <img src={packAssetUrl(hall.packId, f.poster)} alt="" />}
                <div>
                  <h3>{text(f.title)}</h3>
                  {status?.films[f.id] ? <p className="cinema-film-length">{duration(locale, status.films[f.id]!)}</p> : null}
                  {f.summary && <p>{text(f.summary)}</p>}
                </div>
              </article>
            ))}
          </div>
        </section>
      </div>
    </ZonePage>
  );
}

function NowShowing({ packId, cinema, run, status, now, locale }: { packId: string; cinema: Cinema; run: CinemaRun | undefined; status: CinemaStatus | undefined; now: number; locale: Locale }) {
  const { text } = useT();
  const at = run ? filmAt(run.films, now - run.startHost, run.loop) : undefined;
  const film = run && at ? cinema.films.find((f) => f.id === run.films[at.index]?.id) : undefined;
  const next = status?.today.find((s) => s.startHost > now);
  const nextList = next && cinema.playlists.find((p) => p.id === next.playlistId);
  return (
    <section className="cinema-now" data-testid="cinema-now" data-film={film?.id ?? ''}>
      {run && at && film ? (
        <>
          {film.poster && <img className="cinema-now-poster" src={packAssetUrl(packId, film.poster)} alt="" />}
          <div className="cinema-now-text">
            <p className="cinema-now-label">{cw(locale, 'nowShowing')}</p>
            <h2>{text(film.title)}</h2>
            <p>
              {cw(locale, 'filmOf', { i: at.index + 1, n: run.films.length })} · {cw(locale, 'left', { t: duration(locale, run.films[at.index]!.seconds - at.offsetMs / 1000) })}
              {run.loop ? ` · ${cw(locale, 'loop')}` : ''}
              {run.by === 'docent' ? ` · ${cw(locale, 'byDocent')}` : ''}
            </p>
            <div className="cinema-progress" aria-hidden="true">
              <span style={{ width: `${Math.min(100, (at.offsetMs / 10 / run.films[at.index]!.seconds)).toFixed(1)}%` }} />
            </div>
            <p className="cinema-now-where">{cw(locale, 'where')}</p>
          </div>
        </>
      ) : (
        <div className="cinema-now-text">
          <p className="cinema-now-label">{cw(locale, 'nothingNow')}</p>
          {next ? (
            <h2>
              {cw(locale, 'next')} {clockTime(next.startHost)} · {nextList ? text(nextList.title) : next.playlistId}
            </h2>
          ) : (
            <h2>{cw(locale, 'noMore')}</h2>
          )}
        </div>
      )}
    </section>
  );
}
