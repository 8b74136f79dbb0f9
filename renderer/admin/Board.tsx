import { useEffect, useState } from 'react';
import type { Health, SurfaceStatus } from '../../core/protocol/http';
import { call } from './api';
import { Hours } from './Hours';
import { Pcs } from './Pcs';
import { useT } from './strings';

/** Every surface of the hall: online or not, what it shows, restarts, clock offset, faults, and a thumbnail of its monitor. */
export function Board() {
  const { t, say } = useT();
  const [health, setHealth] = useState<Health | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [tick, setTick] = useState(0);
  const [loadedAt, setLoadedAt] = useState(0);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const r = await call('GET /api/health');
      if (!live) return;
      if (r.ok) {
        setHealth(r.value);
        setLoadedAt(Date.now());
        setError(undefined);
      } else setError(say(r.error.message));
    };
    void load();
    const a = window.setInterval(() => void load(), 2000);
    const b = window.setInterval(() => setTick((n) => n + 1), 5000);
    return () => {
      live = false;
      window.clearInterval(a);
      window.clearInterval(b);
    };
  }, [say]);
  return (
    <div>
      {error && <div className="ad-banner ad-banner-bad">{error}</div>}
      <div className="ad-board-top">
        <Hours />
        <Pcs />
      </div>
      <p className="ad-muted">{t('thumbNote')}</p>
      <div className="ad-board" data-testid="board">
        {health?.surfaces.map((s) => <SurfaceCard key={s.id} s={s} tick={tick} now={loadedAt} />)}
      </div>
    </div>
  );
}

function SurfaceCard({ s, tick, now }: { s: SurfaceStatus; tick: number; now: number }) {
  const { t } = useT();
  // The tick whose picture failed: the next tick tries again.
  const [brokenAt, setBrokenAt] = useState(-1);
  const broken = brokenAt === tick;
  const ago = s.heartbeatAt ? Math.max(0, Math.round((now - Date.parse(s.heartbeatAt)) / 1000)) : undefined;
  return (
    <article className={`ad-card ad-surface${s.connected ? '' : ' ad-surface-off'}${s.fault ? ' ad-surface-fault' : ''}`} data-surface={s.id}>
      <div className="ad-thumb" style={{ aspectRatio: `${s.bounds.width} / ${s.bounds.height}` }}>
        {broken ? (
          <span className="ad-muted">{t('noThumb')}</span>
        ) : (
          <img src={`/api/admin/surfaces/${encodeURIComponent(s.id)}/thumbnail?t=${tick}`} alt={`${s.id}`} onError={() => setBrokenAt(tick)} />
        )}
      </div>
      <header className="ad-surface-head">
        <h3>
          <span className={`ad-dot ${s.connected ? 'on' : 'off'}`} aria-hidden="true" /> {s.id}
        </h3>
        <span className="ad-surface-pills">
          <span className={`ad-pill${s.pc ? ' ad-pill-pc' : ''}`} data-pc={s.pc ?? ''}>{s.pc ? t('onPc', { pc: s.pc }) : t('mainPc')}</span>
          <span className="ad-pill">{s.role}</span>
        </span>
      </header>
      <dl className="ad-facts">
        <dt>{s.connected ? t('connected') : t('offline')}</dt>
        <dd>
          {s.displayName} · {s.bounds.width}×{s.bounds.height}
        </dd>
        <dt>{t('screen')}</dt>
        <dd className="ad-mono">{s.screen ?? '—'}</dd>
        <dt>{t('restarts')}</dt>
        <dd>{s.restarts}</dd>
        <dt>{t('clock')}</dt>
        <dd>{s.clockOffsetMs === null ? '—' : `${s.clockOffsetMs >= 0 ? '+' : ''}${s.clockOffsetMs.toFixed(1)} ms (RTT ${s.clockRttMs?.toFixed(1) ?? '—'} ms)`}</dd>
        <dt>{t('heartbeat')}</dt>
        <dd>{ago === undefined ? '—' : t('secondsAgo', { n: ago })}</dd>
        <dt>{t('watchdog')}</dt>
        <dd>
          ↻ {s.watchdog.reloads} · ⟲ {s.watchdog.restarts}
          {s.watchdog.last ? ` · ${s.watchdog.last}` : ''}
        </dd>
        {s.fault && (
          <>
            <dt className="ad-bad">{t('fault')}</dt>
            <dd className="ad-bad">{s.fault.reason}</dd>
          </>
        )}
        {s.shell && (
          <>
            <dt />
            <dd className="ad-muted">{s.shell}</dd>
          </>
        )}
      </dl>
    </article>
  );
}
