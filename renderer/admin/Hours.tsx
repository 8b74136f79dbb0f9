import { useEffect, useState } from 'react';
import type { HallControlState } from '../../core/protocol/control';
import { call } from './api';
import { useT } from './strings';

const hhmm = (iso: string) => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** hall.yaml `hours`, read-only: today's opening hours and timed shows, open now or not, and the next change. */
export function Hours() {
  const { t, locale } = useT();
  const [hours, setHours] = useState<HallControlState['hours'] | 'loading'>('loading');
  useEffect(() => {
    let live = true;
    const load = async () => {
      const r = await call('GET /api/control');
      if (live && r.ok) setHours(r.value.hours);
    };
    void load();
    const timer = window.setInterval(() => void load(), 30_000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);
  if (hours === 'loading') return null;
  if (hours === null) {
    return (
      <section className="ad-card ad-hours" data-testid="hours">
        <h3>{t('hoursTitle')}</h3>
        <p className="ad-muted">{t('hoursNone')}</p>
      </section>
    );
  }
  const next = hours.next;
  const nextDay = next ? new Date(next.at).toDateString() !== new Date().toDateString() : false;
  return (
    <section className="ad-card ad-hours" data-testid="hours">
      <h3>{t('hoursTitle')}</h3>
      <div className="ad-hours-row">
        <span className={`ad-pill${hours.open ? ' ad-pill-live' : ''}`}>{hours.open ? t('hoursOpenNow') : t('hoursClosedNow')}</span>
        <span>
          {t('hoursToday')}
          {hours.today ? <strong className="ad-hours-time">{` ${hours.today.open} – ${hours.today.close}`}</strong> : ` ${t('hoursClosedToday')}`}
        </span>
        {next && (
          <span>
            {t('hoursNext')} {nextDay ? `${new Date(next.at).toLocaleDateString(locale === 'en' ? 'en-GB' : locale === 'zh-Hant' ? 'zh-TW' : 'zh-CN', { month: 'numeric', day: 'numeric', weekday: 'short' })} ` : ''}
            <strong className="ad-hours-time">{hhmm(next.at)}</strong> {next.what === 'open' ? t('hoursOpens') : t('hoursCloses')}
          </span>
        )}
        {hours.today && hours.today.shows.length > 0 && (
          <span>
            {t('hoursShows')} {hours.today.shows.map((s) => `${s.at} ${s.show}`).join(' · ')}
          </span>
        )}
      </div>
      <p className="ad-muted">{t('hoursReadOnly')}</p>
    </section>
  );
}
