import { useEffect, useState } from 'react';
import type { AdminStats } from '../../core/protocol/admin';
import { pickText, type LocalisedText } from '../../core/text';
import { call } from './api';
import { useT, type Key } from './strings';

interface Datum {
  label: string;
  value: number;
}

/** A horizontal bar chart in plain SVG: one bar per datum, its value at the end. */
export function BarChart({ data, unit = '', max }: { data: Datum[]; unit?: string; max?: number }) {
  const { t } = useT();
  if (data.length === 0) return <p className="ad-muted">{t('noData')}</p>;
  const top = max ?? Math.max(1, ...data.map((d) => d.value));
  const row = 34;
  const labelW = 190;
  const width = 640;
  const barW = width - labelW - 70;
  return (
    <svg className="ad-chart" viewBox={`0 0 ${width} ${data.length * row + 8}`} role="img" aria-label={data.map((d) => `${d.label} ${d.value}${unit}`).join(', ')}>
      {data.map((d, i) => {
        const w = Math.max(2, (d.value / top) * barW);
        const y = i * row + 4;
        return (
          <g key={d.label} transform={`translate(0 ${y})`}>
            <text x={labelW - 10} y={row / 2} textAnchor="end" dominantBaseline="middle" className="ad-chart-label">
              {d.label.length > 16 ? `${d.label.slice(0, 15)}…` : d.label}
            </text>
            <rect x={labelW} y={5} width={w} height={row - 12} rx={4} className="ad-chart-bar" />
            <text x={labelW + w + 8} y={row / 2} dominantBaseline="middle" className="ad-chart-value">
              {Number.isInteger(d.value) ? d.value : d.value.toFixed(1)}
              {unit}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Columns per day (the last 14 days that have data). */
export function DayChart({ data }: { data: Datum[] }) {
  const { t } = useT();
  if (data.length === 0) return <p className="ad-muted">{t('noData')}</p>;
  const days = data.slice(-14);
  const top = Math.max(1, ...days.map((d) => d.value));
  const width = 640;
  const height = 220;
  // Columns no wider than 90 units, centred: one day of data is a column, not a wall.
  const col = Math.min(90, (width - 20) / days.length);
  const left = (width - col * days.length) / 2;
  return (
    <svg className="ad-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={days.map((d) => `${d.label} ${d.value}`).join(', ')}>
      <line x1={10} x2={width - 10} y1={height - 34} y2={height - 34} className="ad-chart-axis" />
      {days.map((d, i) => {
        const h = Math.max(2, (d.value / top) * (height - 70));
        const x = left + i * col + col * 0.15;
        return (
          <g key={d.label}>
            <rect x={x} y={height - 34 - h} width={col * 0.7} height={h} rx={4} className="ad-chart-bar" />
            <text x={x + col * 0.35} y={height - 40 - h} textAnchor="middle" className="ad-chart-value">
              {d.value}
            </text>
            <text x={x + col * 0.35} y={height - 14} textAnchor="middle" className="ad-chart-label">
              {d.label.slice(5)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function sumBy<T>(rows: T[], key: (r: T) => string, value: (r: T) => number): Datum[] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + value(r));
  return [...m].map(([label, v]) => ({ label, value: v }));
}

/** Means by dimension over every completed self-check, each day weighted by its completions. */
function dimensionMeans(quiz: AdminStats['quiz'], name: (id: string) => string = (id) => id): Datum[] {
  const m = new Map<string, [number, number]>();
  for (const r of quiz)
    for (const [d, mean] of Object.entries(r.meanByDimension)) {
      const s = m.get(d) ?? [0, 0];
      s[0] += mean * r.completed;
      s[1] += r.completed;
      m.set(d, s);
    }
  return [...m].filter(([, [, n]]) => n > 0).map(([id, [sum, n]]) => ({ label: name(id), value: Math.round((sum / n) * 10) / 10 }));
}

/**
 * The names of the self-check dimensions the statistics mention, from their banks (fetched as
 * the kiosk fetches them; the loader is its own chunk). A bank that cannot be read leaves its ids.
 */
function useDimensionNames(quiz: AdminStats['quiz'] | undefined): Map<string, LocalisedText> {
  const [names, setNames] = useState(new Map<string, LocalisedText>());
  const banks = [...new Set((quiz ?? []).map((r) => `${r.packId}\u0000${r.bankId}`))].sort().join('\u0001');
  useEffect(() => {
    if (!banks) return;
    let live = true;
    void (async () => {
      const { fetchQuizBank } = await import('../quiz/load');
      const out = new Map<string, LocalisedText>();
      for (const key of banks.split('\u0001')) {
        const [packId, bankId] = key.split('\u0000') as [string, string];
        const r = await fetchQuizBank(packId, bankId);
        if (r.ok) for (const d of r.bank.dimensions) if (!out.has(d.id)) out.set(d.id, d.name);
      }
      if (live) setNames(out);
    })();
    return () => {
      live = false;
    };
  }, [banks]);
  return names;
}

export function Stats() {
  const { t, say, locale } = useT();
  const [stats, setStats] = useState<AdminStats | undefined>();
  const dimensionNames = useDimensionNames(stats?.quiz);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    void call('GET /api/admin/stats').then((r) => (r.ok ? setStats(r.value) : setError(say(r.error.message))));
  }, [say]);
  if (error) return <div className="ad-banner ad-banner-bad">{error}</div>;
  if (!stats) return null;
  const panel = (title: Key, csv: string, chart: React.ReactNode) => (
    <section className="ad-card ad-stat" data-stat={csv}>
      <header className="ad-stat-head">
        <h3>{t(title)}</h3>
        <a className="ad-btn" href={`/api/admin/stats/${csv}.csv`} download>
          ⤓ {t('csv')}
        </a>
      </header>
      {chart}
    </section>
  );
  return (
    <div className="ad-stats" data-testid="stats">
      {stats.skipped > 0 && <div className="ad-banner">{t('skipped', { n: stats.skipped })}</div>}
      <div className="ad-stats-grid">
        {panel('statsQuiz', 'quiz', <DayChart data={sumBy(stats.quiz, (r) => r.day, (r) => r.completed).sort((a, b) => a.label.localeCompare(b.label))} />)}
        {panel('statsDims', 'quiz', <BarChart data={dimensionMeans(stats.quiz, (id) => (dimensionNames.has(id) ? pickText(dimensionNames.get(id), locale) : id))} />)}
        {panel('statsVisits', 'visits', <BarChart data={sumBy(stats.visits, (r) => r.module, (r) => r.visits).sort((a, b) => b.value - a.value)} />)}
        {panel('statsVisitsDays', 'visits', <DayChart data={sumBy(stats.visits, (r) => r.day, (r) => r.visits).sort((a, b) => a.label.localeCompare(b.label))} />)}
        {panel('statsEndings', 'endings', <BarChart data={sumBy(stats.endings, (r) => `${r.scenario} · ${r.ending}`, (r) => r.games).sort((a, b) => b.value - a.value)} unit={` ${t('games')}`} />)}
      </div>
    </div>
  );
}
