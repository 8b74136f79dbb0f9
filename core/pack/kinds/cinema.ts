import { formatHint } from '../../findings';
import { z } from 'zod';
import { LocalisedText } from '../../text';
import { AssetPath, Id } from '../fields';
import { defineKind } from './kind';

// Cinema: playlists and a day schedule.

export const Film = z
  .object({
    id: Id,
    title: LocalisedText,
    summary: LocalisedText.optional(),
    src: AssetPath,
    poster: AssetPath.optional(),
    subtitles: AssetPath.optional(),
  })
  .strict();

export const Playlist = z
  .object({ id: Id, title: LocalisedText, films: z.array(Id).min(1), loop: z.boolean().default(false) })
  .strict();

export const Screening = z
  .object({
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, formatHint({ 'zh-Hans': '24 小时制的时刻，如 09:30', en: 'a time of day like 09:30' })),
    playlist: Id,
  })
  .strict();

export const Cinema = z
  .object({
    $schema: z.string().optional(),
    title: LocalisedText,
    films: z.array(Film).min(1),
    playlists: z.array(Playlist).min(1),
    schedule: z.array(Screening).default([]),
  })
  .strict();
export type Cinema = z.infer<typeof Cinema>;

/** Cinema: films, playlists and the day's schedule, checked against the films' real lengths. */
export const cinemaKind = defineKind({
  key: 'cinema',
  many: false,
  schema: Cinema,
  jsonSchema: { file: 'cinema.schema.json', title: 'cinema' },
  localisedKeys: ['title', 'summary'],
  check(cinema, ctx) {
    const films = ctx.unique(cinema.films, ['films'], '影片 / film');
    cinema.films.forEach((film, i) => {
      ctx.asset(['films', i, 'src'], film.src, ['video']);
      ctx.asset(['films', i, 'poster'], film.poster, ['image']);
      ctx.asset(['films', i, 'subtitles'], film.subtitles, ['subtitles']);
    });
    const lists = ctx.unique(cinema.playlists, ['playlists'], '片单 / playlist');
    cinema.playlists.forEach((pl, pi) => pl.films.forEach((id, i) => ctx.resolve(['playlists', pi, 'films', i], id, films, '影片 / film')));
    // A screening must end before the next one starts (films' lengths come from their files).
    const filmSeconds = new Map(cinema.films.map((film) => [film.id, ctx.probe(film.src)?.seconds]));
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    cinema.schedule.forEach((s, i) => {
      const next = cinema.schedule[i + 1];
      const pl = cinema.playlists.find((p) => p.id === s.playlist);
      if (!next || !pl || pl.loop) return;
      const secs = pl.films.map((id) => filmSeconds.get(id));
      if (secs.some((x) => x === undefined)) return;
      const total = secs.reduce((a, b) => a! + b!, 0)!;
      if (minutes(s.at) * 60 + total > minutes(next.at) * 60)
        ctx.error('cinema.overlap', ['schedule', i + 1, 'at'], {
          'zh-Hans': `${s.at} 开始的片单要放 ${Math.ceil(total / 60)} 分钟，${next.at} 这一场开始时还没有放完。`,
          en: `The programme starting at ${s.at} runs ${Math.ceil(total / 60)} minutes and has not finished when the ${next.at} screening starts.`,
        });
    });
    let prev = '';
    cinema.schedule.forEach((s, i) => {
      ctx.resolve(['schedule', i, 'playlist'], s.playlist, lists, '片单 / playlist');
      if (s.at <= prev)
        ctx.error('cinema.schedule-order', ['schedule', i, 'at'], {
          'zh-Hans': `放映时间 ${s.at} 应晚于上一场 ${prev}。请按时间先后排列。`,
          en: `Screening at ${s.at} must come after the previous one at ${prev}. List screenings in time order.`,
        });
      prev = s.at;
    });
  },
  hall: {
    // The kiosk's programme and the cinema surface; the host adds the films' lengths (GET /api/cinema).
    shape: { cinema: Cinema.optional() },
    project: (cinema) => ({ cinema }),
  },
});
