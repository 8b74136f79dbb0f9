import { useCallback, useEffect, useRef } from 'react';
import { packAssetUrl } from '../../core/pack/url';
import type { CinemaRun } from '../../core/protocol/zones';
import { filmAt } from '../../core/zones/cinema';
import { releaseMediaOnUnmount } from '../common/media';
import { useHost } from '../host/context';
import { useT } from '../i18n';
import { clockTime, useCinemaStatus } from './status';
import { useHostTime } from './useNow';
import { cw } from './words';
import './cinema.css';

/** How far a film may drift from host time before it is put back (s). */
const MAX_DRIFT_S = 0.3;

/**
 * The cinema screen: between films, the programme board (what plays next today); when the
 * host's cinema run names this surface, the film full screen, at the place host time says.
 */
export function CinemaSurface() {
  const { state } = useHost();
  const run = state.cinema;
  const mine = run && state.surface && run.surfaces.includes(state.surface.id) ? run : undefined;
  return mine ? <Screening key={mine.runId} run={mine} /> : <Board />;
}

function Screening({ run }: { run: CinemaRun }) {
  const { state, connection } = useHost();
  const video = useRef<HTMLVideoElement | null>(null);
  const cinema = state.hall?.cinema;
  const packId = state.hall?.packId ?? '';
  const place = useCallback(() => filmAt(run.films, connection.hostNow() - run.startHost, run.loop), [connection, run]);
  const hostNow = useCallback(() => connection.hostNow(), [connection]);
  const now = useHostTime(hostNow, 250);
  const at = filmAt(run.films, now - run.startHost, run.loop);
  const film = at && cinema?.films.find((f) => f.id === run.films[at.index]?.id);

  // Kept on host time: started at its place, put back when it drifts.
  useEffect(() => {
    const timer = window.setInterval(() => {
      const v = video.current;
      const p = place();
      if (!v || !p || connection.hostNow() < run.startHost) return;
      const want = p.offsetMs / 1000;
      if (v.paused) {
        v.currentTime = want;
        void v.play().catch(() => undefined);
      } else if (Math.abs(v.currentTime - want) > MAX_DRIFT_S) v.currentTime = want;
    }, 200);
    return () => window.clearInterval(timer);
  }, [place, connection, run.startHost]);
  const attach = useCallback((el: HTMLVideoElement | null) => {
    video.current = el;
    const release = releaseMediaOnUnmount(el);
    return () => {
      video.current = null;
      release?.();
    };
  }, []);
  if (!film) return <Board />;
  return (
    <div className="cinema-screen" data-testid="cinema-screen" data-film={film.id} data-run={run.runId}>
      <video key={`${at?.index}-${film.id}`} ref={attach} src={packAssetUrl(packId, film.src)} poster={film.poster ? packAssetUrl(packId, film.poster) : undefined} playsInline preload="auto" />
    </div>
  );
}

function Board() {
  const { state, connection } = useHost();
  const { text, locale } = useT();
  const cinema = state.hall?.cinema;
  const status = useCinemaStatus(state.cinema?.runId);
  const hostNow = useCallback(() => connection.hostNow(), [connection]);
  const now = useHostTime(hostNow, 5000);
  if (!cinema || !state.hall) return <div className="center-message">{text({ 'zh-Hans': '暂无影院节目', 'zh-Hant': '暫無影院節目', en: 'No cinema programme loaded' })}</div>;
  const next = status?.today.find((s) => s.startHost > now);
  const nextList = next && cinema.playlists.find((p) => p.id === next.playlistId);
  return (
    <div className="cinema-board" data-testid="cinema-board" lang={locale}>
      <h1>{text(cinema.title)}</h1>
      <p className="cinema-board-next">
        {next ? `${cw(locale, 'next')} ${clockTime(next.startHost)} · ${nextList ? text(nextList.title) : next.playlistId}` : cw(locale, 'noMore')}
      </p>
      <div className="cinema-board-posters">
        {cinema.films.map((f) => (
          <figure key={f.id}>
            {f.poster && <img src={packAssetUrl(state.hall!.packId, f.poster)} alt="" />}
            <figcaption>{text(f.title)}</figcaption>
          </figure>
        ))}
      </div>
      <ol className="cinema-board-today">
        {(status?.today ?? []).map((s) => (
          <li key={s.at} className={s.startHost > now ? 'coming' : 'past'}>
            <b>{s.at}</b> {text(cinema.playlists.find((p) => p.id === s.playlistId)?.title ?? s.playlistId)}
          </li>
        ))}
      </ol>
    </div>
  );
}
