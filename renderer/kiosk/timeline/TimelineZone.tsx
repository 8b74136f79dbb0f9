import { useEffect, useMemo, useRef, useState } from 'react';
import type { Locale } from '../../../core/text';
import type { HallContent } from '../../../core/protocol/messages';
import { packAssetUrl } from '../../../core/pack/url';
import { useT } from '../../i18n';
import { renderMarkdown } from '../../common/markdown';
import { releaseMediaOnUnmount } from '../../common/media';
import { attachMomentum, useMomentumScroll } from '../momentum';
import { Picture } from '../Picture';
import { answer } from '../answer';
import { ZonePage } from '../ZonePage';
import type { ZoneProps } from '../zones';
import { decadeLabel, decadeOf, formatSpan } from './dates';
import './timeline.css';

type Timeline = NonNullable<HallContent['timelines']>[number];
type Station = Timeline['stations'][number];

const WORDS = {
  all: { 'zh-Hans': '全部', 'zh-Hant': '全部', en: 'All' },
  themes: { 'zh-Hans': '按主题筛选', 'zh-Hant': '按主題篩選', en: 'Filter by theme' },
  decades: { 'zh-Hans': '年代', 'zh-Hant': '年代', en: 'Decades' },
  stations: { 'zh-Hans': '本年代的站点', 'zh-Hant': '本年代的站點', en: 'Stations of this decade' },
  count: { 'zh-Hans': '{n} 站', 'zh-Hant': '{n} 站', en: '{n} stops' },
  countOne: { 'zh-Hans': '{n} 站', 'zh-Hant': '{n} 站', en: '{n} stop' },
  none: { 'zh-Hans': '这个年代没有此主题的站点', 'zh-Hant': '這個年代沒有此主題的站點', en: 'No stations of this theme in this decade' },
  previous: { 'zh-Hans': '上一站', 'zh-Hant': '上一站', en: 'Previous' },
  next: { 'zh-Hans': '下一站', 'zh-Hant': '下一站', en: 'Next' },
} as const satisfies Record<string, Record<Locale, string>>;

/**
 * The timeline zone: the century as a line of decades; a decade opens its stations; a station
 * shows its date, place, text and media. Themes filter the stations. `at` opens at a station
 * (a module page links here).
 */
export function TimelineZone({ hall, locale, at, onHome }: ZoneProps) {
  const { text } = useT();
  const timelines = hall.timelines ?? [];
  const timeline = timelines.find((t) => t.stations.some((s) => s.id === at)) ?? timelines[0]!;
  const [theme, setTheme] = useState<string | null>(null);
  const colour = useMemo(() => stationColours(timeline), [timeline]);
  const shown = useMemo(() => timeline.stations.filter((s) => theme === null || s.themes?.includes(theme)), [timeline, theme]);
  const decades = useMemo(() => decadesOf(timeline.stations), [timeline]);
  const start = timeline.stations.find((s) => s.id === at) ?? timeline.stations[0]!;
  const [decade, setDecade] = useState(decadeOf(start.date));
  const [stationId, setStationId] = useState<string | undefined>(start.id);

  const inDecade = shown.filter((s) => decadeOf(s.date) === decade);
  const station = inDecade.find((s) => s.id === stationId) ?? inDecade[0];
  const index = station ? shown.indexOf(station) : -1;
  // A tap's own frame shows the pressed button; what it opens is built after it (../answer.ts).
  const go = (s: Station | undefined) => {
    if (!s) return;
    answer(() => {
      setDecade(decadeOf(s.date));
      setStationId(s.id);
    });
  };
  // A theme with no station in the chosen decade moves the line to the theme's first decade.
  const pickTheme = (id: string | null) => {
    answer(() => setTheme(id));
    const matching = timeline.stations.filter((s) => id === null || s.themes?.includes(id));
    if (!matching.some((s) => decadeOf(s.date) === decade) && matching[0]) go(matching[0]);
  };
  const w = (k: keyof typeof WORDS, n?: number) => WORDS[k][locale].replace('{n}', String(n ?? ''));

  return (
    <ZonePage
      zone="timeline"
      title={text(timeline.title)}
      subtitle={timeline.subtitle ? text(timeline.subtitle) : undefined}
      onHome={onHome}
      tools={
        timeline.themes && timeline.themes.length > 0 ? (
          <div className="tl-themes" role="group" aria-label={w('themes')}>
            <button className="k-chip" aria-pressed={theme === null} data-theme="" onClick={() => pickTheme(null)}>
              {w('all')}
            </button>
            {timeline.themes.map((th) => (
              <button key={th.id} className="k-chip" aria-pressed={theme === th.id} data-theme={th.id} onClick={() => pickTheme(th.id)}>
                {text(th.title)}
              </button>
            ))}
          </div>
        ) : undefined
      }
    >
      <div className="tl">
        <nav className="tl-decades" aria-label={w('decades')}>
          {decades.map((d) => {
            const n = shown.filter((s) => decadeOf(s.date) === d).length;
            const first = timeline.stations.find((s) => decadeOf(s.date) === d);
            return (
              <button
                key={d}
                className="tl-decade"
                data-decade={d}
                aria-pressed={d === decade}
                disabled={n === 0}
                style={{ '--era': first ? colour.get(first.id) : undefined } as React.CSSProperties}
                onClick={() =>
                  answer(() => {
                    setDecade(d);
                    setStationId(undefined);
                  })
                }
              >
                <span className="tl-decade-dot" aria-hidden="true" />
                <span className="tl-decade-label">{decadeLabel(d, locale)}</span>
                <span className="tl-decade-count">{w(n === 1 ? 'countOne' : 'count', n)}</span>
              </button>
            );
          })}
        </nav>
        <StationStrip key={`${decade}-${theme ?? ''}`} stations={inDecade} selected={station?.id} colour={colour} locale={locale} label={`${decadeLabel(decade, locale)} · ${w('stations')}`} empty={w('none')} onPick={(s) => answer(() => setStationId(s.id))} />
        {station && (
          <StationCard
            key={station.id}
            packId={hall.packId}
            station={station}
            colour={colour.get(station.id)}
            era={eraOf(timeline, station.id)}
            locale={locale}
            previous={index > 0 ? () => go(shown[index - 1]) : undefined}
            next={index >= 0 && index < shown.length - 1 ? () => go(shown[index + 1]) : undefined}
            words={{ previous: w('previous'), next: w('next') }}
          />
        )}
      </div>
    </ZonePage>
  );
}

function StationStrip(props: { stations: Station[]; selected: string | undefined; colour: Map<string, string>; locale: Locale; label: string; empty: string; onPick: (s: Station) => void }) {
  const { text } = useT();
  const strip = useRef<HTMLDivElement>(null);
  // Sideways on a line; downwards as the column of a landscape kiosk with large text.
  useEffect(() => (strip.current ? attachMomentum(strip.current, 'both') : undefined), []);
  // The chosen station is brought into view (a deep link may land late in a long decade).
  useEffect(() => {
    strip.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [props.selected]);
  return (
    <div
      className="tl-strip k-scroll"
      role="group"
      aria-label={props.label}
      ref={strip}
    >
      {props.stations.length === 0 && <p className="tl-empty">{props.empty}</p>}
      {props.stations.map((s) => (
        <button
          key={s.id}
          className={s.interchange ? 'tl-station tl-interchange' : 'tl-station'}
          data-station={s.id}
          aria-current={s.id === props.selected}
          style={{ '--era': props.colour.get(s.id) } as React.CSSProperties}
          onClick={() => props.onPick(s)}
        >
          <span className="tl-station-date">{formatSpan(s.date, undefined, props.locale)}</span>
          <span className="tl-station-dot" aria-hidden="true" />
          <span className="tl-station-title">{text(s.title)}</span>
        </button>
      ))}
    </div>
  );
}

function StationCard(props: {
  packId: string;
  station: Station;
  colour: string | undefined;
  era: Timeline['lines'] extends (infer L)[] | undefined ? L | undefined : never;
  locale: Locale;
  previous: (() => void) | undefined;
  next: (() => void) | undefined;
  words: { previous: string; next: string };
}) {
  const { text } = useT();
  const { station: s } = props;
  const scroll = useMomentumScroll<HTMLElement>('y');
  const media = s.media ?? [];
  return (
    <article className={media.length ? 'tl-card tl-card-media' : 'tl-card'} data-station-card={s.id} style={{ '--era': props.colour } as React.CSSProperties}>
      <div className="tl-card-text">
        <div className="tl-card-top">
          <p className="tl-card-date">
            {formatSpan(s.date, s.until, props.locale)}
            {props.era && <span className="tl-card-era">{text(props.era.title)}</span>}
          </p>
          <div className="tl-card-nav">
            <button className="k-chip" data-action="previous-station" disabled={!props.previous} onClick={props.previous}>
              ‹ {props.words.previous}
            </button>
            <button className="k-chip" data-action="next-station" disabled={!props.next} onClick={props.next}>
              {props.words.next} ›
            </button>
          </div>
        </div>
        <div className="tl-card-scroll k-scroll" ref={scroll} tabIndex={0}>
        <h2>{text(s.title)}</h2>
        {s.place && (
          <p className="tl-card-place">
            <svg className="tl-pin" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
              <path d="M12 2a7 7 0 0 0-7 7c0 5 7 13 7 13s7-8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z" />
            </svg>
            {text(s.place)}
          </p>
        )}
        <div className="tl-card-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(text(s.text)) }} />
        </div>
      </div>
      {media.length > 0 && (
        <div className="tl-card-media-list">
          {media.map((m, i) =>
            m.kind === 'image' ? (
              <Picture key={i} src={packAssetUrl(props.packId, m.src)} alt={m.caption ? text(m.caption) : text(s.title)} caption={m.caption ? text(m.caption) : undefined} />
            ) : m.kind === 'video' ? (
              <figure key={i} className="k-video">
                <video ref={releaseMediaOnUnmount} src={packAssetUrl(props.packId, m.src)} controls preload="metadata" playsInline aria-label={m.caption ? text(m.caption) : text(s.title)} />
                {m.caption && <figcaption>{text(m.caption)}</figcaption>}
              </figure>
            ) : m.kind === 'audio' ? (
              <figure key={i} className="k-audio">
                <audio ref={releaseMediaOnUnmount} src={packAssetUrl(props.packId, m.src)} controls preload="none" aria-label={m.caption ? text(m.caption) : text(s.title)} />
                {m.caption && <figcaption>{text(m.caption)}</figcaption>}
              </figure>
            ) : null,
          )}
        </div>
      )}
    </article>
  );
}

/** Every decade from the first station's to the last's, gaps included: the century is one line. */
function decadesOf(stations: readonly Station[]): number[] {
  const first = decadeOf(stations[0]!.date);
  const last = decadeOf(stations[stations.length - 1]!.date);
  const out: number[] = [];
  for (let d = first; d <= last; d += 10) out.push(d);
  return out;
}

/** Each station's colour: its era's (line's), or the hall red. */
function stationColours(t: Timeline): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of t.lines ?? []) for (const id of line.stations) if (!out.has(id)) out.set(id, line.color);
  for (const s of t.stations) if (!out.has(s.id)) out.set(s.id, '#c8102e');
  return out;
}

function eraOf(t: Timeline, stationId: string) {
  return t.lines?.find((l) => l.stations.includes(stationId));
}
