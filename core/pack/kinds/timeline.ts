import { formatHint } from '../../findings';
import { z } from 'zod';
import { LocalisedText } from '../../text';
import { HistoryDate, Id, Markdown, Media } from '../fields';
import { defineKind } from './kind';

// Timelines: a metro line of dated stations.

export const Station = z
  .object({
    id: Id,
    date: HistoryDate,
    /** A later date for events that span time (a congress over weeks, a march over a year). */
    until: HistoryDate.optional(),
    title: LocalisedText,
    text: Markdown,
    place: LocalisedText.optional(),
    /** Interchange stations are drawn larger on the metro line. */
    interchange: z.boolean().optional(),
    media: z.array(Media).optional(),
    /** Themes of the timeline this station belongs to (the kiosk filters by them). */
    themes: z.array(Id).optional(),
  })
  .strict();
export type Station = z.infer<typeof Station>;

export const TimelineLine = z
  .object({
    id: Id,
    title: LocalisedText,
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, formatHint({ 'zh-Hans': '# 加六位十六进制的颜色，如 #c8102e', en: 'a colour like #c8102e' })),
    /** Stations of this line by id, in order. */
    stations: z.array(Id).min(1),
  })
  .strict();

export const Timeline = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    title: LocalisedText,
    subtitle: LocalisedText.optional(),
    style: z.enum(['metro', 'list']).default('metro'),
    stations: z.array(Station).min(1),
    /** Metro lines (eras) grouping the stations; each station on at least one line. */
    lines: z.array(TimelineLine).optional(),
    /** Themes a visitor can filter the stations by (party building, science, ...). */
    themes: z.array(z.object({ id: Id, title: LocalisedText }).strict()).optional(),
  })
  .strict();
export type Timeline = z.infer<typeof Timeline>;

/** Timelines: dated stations on metro lines (eras). */
export const timelineKind = defineKind({
  key: 'timelines',
  many: true,
  schema: Timeline,
  jsonSchema: { file: 'timeline.schema.json', title: 'timeline' },
  localisedKeys: ['title', 'subtitle', 'text', 'place', 'caption'],
  idAcrossFiles: '时间线 / timeline',
  check(t, ctx) {
    const ids = ctx.unique(t.stations, ['stations'], '站点 / station', new Map());
    let prev: string | undefined;
    t.stations.forEach((s, i) => {
      ctx.media(['stations', i, 'media'], s.media);
      if (!validDate(s.date))
        ctx.error('timeline.bad-date', ['stations', i, 'date'], { 'zh-Hans': `“${s.date}”不是有效的日期。`, en: `"${s.date}" is not a real date.` });
      if (s.until !== undefined && (!validDate(s.until) || dateKey(s.until, true) < dateKey(s.date, false)))
        ctx.error('timeline.bad-range', ['stations', i, 'until'], {
          'zh-Hans': `结束日期 ${s.until} 早于开始日期 ${s.date}，或不是有效日期。`,
          en: `End date ${s.until} is before the start date ${s.date}, or is not a real date.`,
        });
      if (prev !== undefined && dateKey(s.date, false) < dateKey(prev, false))
        ctx.error('timeline.order', ['stations', i, 'date'], {
          'zh-Hans': `站点按时间排列：${s.date} 排在 ${prev} 之后，顺序不对。`,
          en: `Stations run in time order: ${s.date} comes after ${prev}, which is out of order.`,
        });
      prev = s.date;
    });
    const themes = ctx.unique(t.themes ?? [], ['themes'], '主题 / theme');
    t.stations.forEach((s, i) => s.themes?.forEach((th, ti) => ctx.resolve(['stations', i, 'themes', ti], th, themes, '主题 / theme')));
    const onLine = new Set<string>();
    ctx.unique(t.lines ?? [], ['lines'], '线路 / line');
    t.lines?.forEach((l, li) =>
      l.stations.forEach((sid, si) => {
        onLine.add(sid);
        ctx.resolve(['lines', li, 'stations', si], sid, ids, '站点 / station');
      }),
    );
    if (t.lines)
      t.stations.forEach((s, i) => {
        if (!onLine.has(s.id))
          ctx.error('timeline.off-line', ['stations', i, 'id'], {
            'zh-Hans': `站点“${s.id}”不在任何线路上。请把它加入一条线路。`,
            en: `Station "${s.id}" is on no line. Add it to a line.`,
          });
      });
  },
  hall: {
    // The kiosk's timeline zone draws the whole line: every station with its text and media.
    shape: { timelines: z.array(Timeline.omit({ $schema: true })).optional() },
    project: (timelines) => ({ timelines: timelines.map(({ $schema: _, ...t }) => t) }),
  },
});

function validDate(d: string): boolean {
  const [y, m, day] = d.split('-').map(Number);
  if (m === undefined || day === undefined) return true;
  const days = [31, y! % 4 === 0 && (y! % 100 !== 0 || y! % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return day <= days;
}

/** A sortable key: a partial date sorts at its start (or end, for `until`). */
function dateKey(d: string, end: boolean): string {
  const [y, m, day] = d.split('-');
  return `${y}-${m ?? (end ? '12' : '01')}-${day ?? (end ? '31' : '01')}`;
}
