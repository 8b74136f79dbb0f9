import { useEffect, useMemo, useRef, useState } from 'react';
import type { HallContent } from '../../core/protocol/messages';
import { packAssetUrl } from '../../core/pack/url';
import { placeStations, trainAt } from '../../core/surface/metro';
import { pickText, type LocalisedText } from '../../core/text';
import { useHost } from '../host/context';
import { useT } from '../i18n';
import { renderMarkdown } from '../common/markdown';
import { ShowLayer } from '../show/ShowLayer';
import './metro.css';

/**
 * The metro timeline wall: the pack's century as a red subway line, stations placed by date,
 * trains running the line on the host clock (every metro wall shows them at the same place).
 * A station opens when a visitor touches it, when the kiosk asks (`timeline.open` on the
 * socket) or when the docent's desk sends the wall there (`wall.focus`, control's `wall.goto`):
 * a train runs to it and the wall tells the event with its date, place, text and media.
 */

type Timeline = NonNullable<HallContent['timelines']>[number];
type Station = Timeline['stations'][number];

const W = 1920;
const LINE_Y = 600;
const X0 = 110;
const X1 = 1810;
const CLOSE = { 'zh-Hans': '返回线路', 'zh-Hant': '返回線路', en: 'Back to the line' };
const HINT = { 'zh-Hans': '触摸任意一站，听它讲述那段历史', 'zh-Hant': '觸摸任意一站，聽它講述那段歷史', en: 'Touch a station to hear its story' };
const OPEN_SECONDS = 60;

export function Metro() {
  const { state, connection } = useHost();
  const { locale, text } = useT();
  const timeline = state.hall?.timelines?.[0];
  const [openId, setOpenId] = useState<string | null>(null);
  const [showActive, setShowActive] = useState(false);
  const trains = useRef<(SVGGElement | null)[]>([]);

  const placed = useMemo(() => (timeline ? placeStations(timeline.stations) : []), [timeline]);
  const lineColour = useMemo(() => {
    const m = new Map<string, string>();
    for (const l of timeline?.lines ?? []) for (const id of l.stations) if (!m.has(id)) m.set(id, l.color);
    return m;
  }, [timeline]);
  const x = (t: number) => X0 + t * (X1 - X0);
  const station = timeline?.stations.find((s) => s.id === openId);

  // The kiosk and the docent's desk open stations through the host.
  useEffect(
    () =>
      connection.listen((m) => {
        const msg = m as { type: string; focus?: { kind: string; id: string } | null };
        if (msg.type !== 'wall.focus') return;
        if (msg.focus === null) setOpenId(null);
        else if (msg.focus?.kind === 'station') setOpenId(msg.focus.id);
      }),
    [connection],
  );
  useEffect(() => {
    if (state.status !== 'connected' || showActive) return;
    connection.send({ type: 'surface.state', screen: openId && station ? `metro:station:${openId}` : 'metro:line', locale });
    if (!openId) return;
    const t = window.setTimeout(() => setOpenId(null), OPEN_SECONDS * 1000);
    return () => window.clearTimeout(t);
  }, [connection, state.status, showActive, openId, station, locale]);

  // Trains on the host clock; the one nearest an opened station waits there.
  useEffect(() => {
    let raf = 0;
    const openT = placed.find((p) => p.id === openId)?.t;
    const tick = () => {
      raf = requestAnimationFrame(tick);
      const now = connection.hostNow();
      trains.current.forEach((g, k) => {
        if (!g) return;
        const { t, dir } = k === 0 && openT !== undefined ? { t: openT, dir: 1 as const } : trainAt(now, k, trains.current.length);
        g.setAttribute('transform', `translate(${x(t).toFixed(1)} ${LINE_Y}) scale(${dir} 1)`);
      });
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [connection, placed, openId]);

  if (!timeline) return <div className="metro metro-empty" data-testid="metro">{state.hall ? pickText(HINT, locale) : ''}</div>;
  const firstYear = timeline.stations[0]?.date.slice(0, 4);
  const lastYear = timeline.stations.at(-1)?.date.slice(0, 4);
  return (
    <div className="metro" data-testid="metro" data-open={openId ?? ''}>
      <header className="metro-head">
        <h1>{text(timeline.title)}</h1>
        {timeline.subtitle && <p>{text(timeline.subtitle)}</p>}
      </header>
      <svg className="metro-line" viewBox={`0 0 ${W} 1080`} preserveAspectRatio="xMidYMid meet" role="img" aria-label={text(timeline.title)}>
        {/* Eras as coloured bands under the red line. */}
        {(timeline.lines ?? []).map((l) => {
          const ts = placed.filter((p) => l.stations.includes(p.id)).map((p) => p.t);
          if (ts.length === 0) return null;
          const a = x(Math.min(...ts));
          const b = x(Math.max(...ts));
          return (
            <g key={l.id}>
              <rect x={a - 14} y={LINE_Y + 26} width={b - a + 28} height={8} rx={4} fill={l.color} opacity={0.9} />
              <text x={(a + b) / 2} y={LINE_Y + 70} className="metro-era" textAnchor="middle">{text(l.title)}</text>
            </g>
          );
        })}
        <rect x={X0 - 40} y={LINE_Y - 11} width={X1 - X0 + 80} height={22} rx={11} fill="#c8102e" />
        <text x={X0 - 50} y={LINE_Y + 10} className="metro-year" textAnchor="end">{firstYear}</text>
        <text x={X1 + 50} y={LINE_Y + 10} className="metro-year">{lastYear}</text>
        {placed.map((p) => {
          const s = timeline.stations.find((x2) => x2.id === p.id)!;
          const cx = x(p.t);
          const up = p.tier % 2 === 0;
          const far = p.tier >= 2;
          const ly = up ? LINE_Y - (far ? 190 : 70) : LINE_Y + (far ? 250 : 130);
          const open = p.id === openId;
          return (
            <g key={p.id} className={`metro-station${open ? ' is-open' : ''}`} data-station={p.id} onClick={() => setOpenId(p.id)}>
              <line x1={cx} y1={LINE_Y} x2={cx} y2={ly + (up ? 14 : -34)} stroke="#f4c66b" strokeWidth={1.5} opacity={0.5} />
              <circle cx={cx} cy={LINE_Y} r={s.interchange ? 17 : 12} fill="#fdf6e3" stroke={lineColour.get(p.id) ?? '#c8102e'} strokeWidth={s.interchange ? 8 : 6} />
              <text x={cx} y={ly - 18} className="metro-date" textAnchor="middle">{s.date.slice(0, 4)}</text>
              <text x={cx} y={ly + 6} className="metro-name" textAnchor="middle">{shortTitle(text(s.title))}</text>
              {/* A generous invisible target: a finger, not a mouse. */}
              <rect x={cx - 22} y={Math.min(ly - 50, LINE_Y - 30)} width={44} height={Math.abs(ly - LINE_Y) + 90} fill="transparent" />
            </g>
          );
        })}
        {[0, 1, 2].map((k) => (
          <g key={k} ref={(el) => { trains.current[k] = el; }} className="metro-train">
            <rect x={-34} y={-13} width={68} height={26} rx={11} fill="#fdf6e3" stroke="#8b0f15" strokeWidth={3} />
            <rect x={18} y={-8} width={10} height={10} rx={2} fill="#8b0f15" />
            <rect x={-24} y={-8} width={12} height={9} fill="#c8102e" />
            <rect x={-8} y={-8} width={12} height={9} fill="#c8102e" />
          </g>
        ))}
      </svg>
      {!station && <p className="metro-hint">{pickText(HINT, locale)}</p>}
      {station && <StationStory packId={state.hall!.packId} station={station} onClose={() => setOpenId(null)} closeLabel={pickText(CLOSE, locale)} text={text} />}
      <ShowLayer onActive={setShowActive} />
    </div>
  );
}

/** A station's title short enough for the line (the full title is in its story). */
function shortTitle(t: string): string {
  return t.length > 8 ? `${t.slice(0, 7)}…` : t;
}

function StationStory({ packId, station, onClose, closeLabel, text }: { packId: string; station: Station; onClose: () => void; closeLabel: string; text: (v: LocalisedText | undefined) => string }) {
  const media = station.media?.find((m) => m.kind === 'image' || m.kind === 'video');
  const html = useMemo(() => renderMarkdown(text(station.text)), [station, text]);
  return (
    <article className="metro-story" data-story={station.id}>
      <div className="metro-story-media">
        {media?.kind === 'image' && <img src={packAssetUrl(packId, media.src)} alt="" />}
        {media?.kind === 'video' && <video src={packAssetUrl(packId, media.src)} autoPlay muted loop playsInline />}
        {!media && <div className="metro-story-date-big">{station.date.slice(0, 4)}</div>}
        {media?.caption && <p className="metro-caption">{text(media.caption)}</p>}
      </div>
      <div className="metro-story-body">
        <p className="metro-story-kicker">{station.date}{station.until ? ` — ${station.until}` : ''}{station.place ? ` · ${text(station.place)}` : ''}</p>
        <h2>{text(station.title)}</h2>
        <div className="metro-story-text" dangerouslySetInnerHTML={{ __html: html }} />
        <button className="metro-close" onClick={onClose}>{closeLabel}</button>
      </div>
    </article>
  );
}
