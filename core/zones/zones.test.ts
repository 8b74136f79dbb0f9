import { describe, expect, it } from 'vitest';
import { Cinema } from '../pack/kinds/cinema';
import { Reading } from '../pack/kinds/reading';
import { filmAt, minutesOf, nowAndNext, placeSchedule } from './cinema';
import { oathPosition, oathSeconds } from './oath';
import { planStages, readableOf, turnPage } from './reading';

const lines = [
  { text: 'a', start: 0, end: 2.8 },
  { text: 'b', start: 3, end: 5.8 },
  { text: 'c', start: 6, end: 8.8 },
];

describe('the oath', () => {
  it('lights the line being read, keeps the last one lit between lines, and ends after the last', () => {
    expect(oathPosition(lines, -0.5)).toEqual({ line: -1, speaking: false, done: false });
    expect(oathPosition(lines, 0)).toEqual({ line: 0, speaking: true, done: false });
    expect(oathPosition(lines, 2.9)).toEqual({ line: 0, speaking: false, done: false });
    expect(oathPosition(lines, 3.1)).toEqual({ line: 1, speaking: true, done: false });
    expect(oathPosition(lines, 8.8)).toEqual({ line: 2, speaking: false, done: true });
    expect(oathPosition(lines, 9, 12).done).toBe(false);
  });

  it('lasts as long as its recording, or its last line when the recording is shorter or unknown', () => {
    expect(oathSeconds({ lines })).toBe(8.8);
    expect(oathSeconds({ lines }, 36)).toBe(36);
    expect(oathSeconds({ lines }, 4)).toBe(8.8);
  });
});

const cinema = Cinema.parse({
  title: 'c',
  films: [{ id: 'a', title: 'A', src: 'a.mp4' }, { id: 'b', title: 'B', src: 'b.mp4' }],
  playlists: [{ id: 'both', title: 'AB', films: ['a', 'b'] }, { id: 'noon', title: 'N', films: ['b'], loop: true }],
  schedule: [{ at: '09:30', playlist: 'both' }, { at: '12:00', playlist: 'noon' }, { at: '14:00', playlist: 'both' }],
});
const MID = 1_000_000_000_000;

describe('the cinema schedule', () => {
  it('places the day on the clock: a programme ends when its films end, a loop at the next screening', () => {
    const day = placeSchedule(cinema, { a: 8, b: 10 }, MID);
    expect(minutesOf('09:30')).toBe(570);
    expect(day.map((s) => [s.at, s.startMs - MID, s.endMs === null ? null : s.endMs - MID])).toEqual([
      ['09:30', 570 * 60_000, 570 * 60_000 + 18_000],
      ['12:00', 720 * 60_000, 840 * 60_000],
      ['14:00', 840 * 60_000, 840 * 60_000 + 18_000],
    ]);
  });

  it('says what is on now and what comes next', () => {
    const day = placeSchedule(cinema, { a: 8, b: 10 }, MID);
    const t = (min: number) => MID + min * 60_000;
    expect(nowAndNext(day, t(500))).toMatchObject({ now: undefined, next: { at: '09:30' } });
    expect(nowAndNext(day, t(570) + 5000)).toMatchObject({ now: { at: '09:30' }, next: { at: '12:00' } });
    expect(nowAndNext(day, t(600))).toMatchObject({ now: undefined, next: { at: '12:00' } });
    expect(nowAndNext(day, t(780))).toMatchObject({ now: { at: '12:00' }, next: { at: '14:00' } });
    expect(nowAndNext(day, t(900))).toEqual({ now: undefined, next: undefined });
  });

  it('finds the film and the place in it at any moment of a run', () => {
    const films = [{ seconds: 8 }, { seconds: 10 }];
    expect(filmAt(films, -100, false)).toEqual({ index: 0, offsetMs: 0 });
    expect(filmAt(films, 0, false)).toEqual({ index: 0, offsetMs: 0 });
    expect(filmAt(films, 9000, false)).toEqual({ index: 1, offsetMs: 1000 });
    expect(filmAt(films, 18_000, false)).toBeUndefined();
    expect(filmAt(films, 19_000, true)).toEqual({ index: 0, offsetMs: 1000 });
  });
});

const reading = Reading.parse({
  title: 'r',
  articles: [{ id: 'boat', title: 'B', body: 'x' }],
  books: [{ id: 'primer', title: 'P', chapters: [{ id: 'one', title: '1', body: 'a' }, { id: 'two', title: '2', body: 'b' }] }],
  plans: [{ id: 'p', title: 'P', days: 10, entries: [{ day: 1, read: 'boat' }, { day: 4, read: 'primer/two' }] }],
});

describe('the reading bar', () => {
  it('opens an article or a chapter by its key, and nothing for a key that names nothing', () => {
    expect(readableOf(reading, 'boat')).toMatchObject({ kind: 'article', article: { id: 'boat' } });
    expect(readableOf(reading, 'primer/two')).toMatchObject({ kind: 'chapter', index: 1, book: { id: 'primer' } });
    expect(readableOf(reading, 'primer/three')).toBeUndefined();
    expect(readableOf(reading, 'primer')).toBeUndefined();
  });

  it('lays a plan out in stages of days', () => {
    expect(planStages(reading.plans[0]!).map((s) => [s.from, s.to, s.read])).toEqual([[1, 3, 'boat'], [4, 10, 'primer/two']]);
  });

  it('turns pages within the article', () => {
    expect(turnPage(0, -1, 3)).toBe(0);
    expect(turnPage(1, 1, 3)).toBe(2);
    expect(turnPage(2, 1, 3)).toBe(2);
    expect(turnPage(0, 1, 0)).toBe(0);
  });
});
