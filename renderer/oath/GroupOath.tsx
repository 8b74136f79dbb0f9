import { useCallback, useEffect, useRef } from 'react';
import { packAssetUrl } from '../../core/pack/url';
import { pickText } from '../../core/text';
import type { OathRun } from '../../core/protocol/zones';
import { releaseMediaOnUnmount } from '../common/media';
import { useHost } from '../host/context';
import { OathLines } from './OathLines';
import { useOathPosition } from './clock';

/** How far the recording may drift from host time before it is put back (s). */
const MAX_DRIFT_S = 0.25;

/**
 * The group oath over a surface the docent named: every such surface lights each line at the
 * same host time (the run's start, converted with this surface's clock offset). The one surface
 * named for sound plays the recording from the same clock, and is put back when it drifts.
 */
export function GroupOath({ run }: { run: OathRun }) {
  const { state, connection } = useHost();
  const oath = state.hall?.oath;
  const audio = useRef<HTMLAudioElement | null>(null);
  const elapsed = useCallback(() => (connection.hostNow() - run.startHost) / 1000, [connection, run.startHost]);
  const { position, now } = useOathPosition(oath?.lines, elapsed, run.seconds);
  const sound = run.audio !== null && run.audio === state.surface?.id && !!oath?.audio;

  // Sound: started at the run's time, then kept on the host clock.
  useEffect(() => {
    if (!sound) return;
    const timer = window.setInterval(() => {
      const a = audio.current;
      const t = elapsed();
      if (!a || t < 0 || t > run.seconds) return;
      if (a.paused) {
        a.currentTime = t;
        void a.play().catch(() => undefined);
      } else if (Math.abs(a.currentTime - t) > MAX_DRIFT_S) a.currentTime = t;
    }, 100);
    return () => window.clearInterval(timer);
  }, [sound, elapsed, run.seconds]);
  const attach = useCallback((el: HTMLAudioElement | null) => {
    audio.current = el;
    const release = releaseMediaOnUnmount(el);
    return () => {
      audio.current = null;
      release?.();
    };
  }, []);

  if (!oath || !state.hall) return null;
  const packId = state.hall.packId;
  return (
    <div className="group-oath" data-testid="group-oath" data-run={run.runId} data-line={position.line} data-done={position.done} lang="zh-Hans">
      <div>
        {oath.flag && <img className="group-oath-flag" src={packAssetUrl(packId, oath.flag)} alt="" />}
        {Number.isFinite(now) && now < 0 && <div className="group-oath-count" aria-live="polite">{Math.ceil(-now)}</div>}
      </div>
      <div>
        <h1>{pickText(oath.title, 'zh-Hans')}</h1>
        <OathLines oath={oath} position={position} locale="zh-Hans" />
        {position.done && oath.signature && <p className="group-oath-sign">{pickText(oath.signature, 'zh-Hans')}</p>}
      </div>
      {sound && oath.audio && <audio ref={attach} src={packAssetUrl(packId, oath.audio)} preload="auto" />}
    </div>
  );
}
