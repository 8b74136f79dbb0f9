import { describe, expect, it } from 'vitest';
import type { HoursConfig } from '../hall';
import { HoursConfig as HoursSchema } from '../hall';
import { hoursEventsBetween, hoursOfDay, isOpenAt, nextChange } from './hours';

const CN = 480;
/** UTC ms of a Beijing local time. */
const bj = (iso: string) => Date.parse(`${iso}+08:00`);
const hours: HoursConfig = { open: '09:00', close: '17:30', days: ['tue', 'wed', 'thu', 'fri', 'sat', 'sun'], closed: ['2026-11-26'], shows: [{ at: '10:00', show: 'welcome' }, { at: '15:00', show: 'finale', days: ['sat'] }] };

describe('opening hours', () => {
  it('is open between open and close on open days only', () => {
    expect(isOpenAt(hours, bj('2026-11-24T08:59:59'), CN)).toBe(false); // Tuesday
    expect(isOpenAt(hours, bj('2026-11-24T09:00:00'), CN)).toBe(true);
    expect(isOpenAt(hours, bj('2026-11-24T17:29:59'), CN)).toBe(true);
    expect(isOpenAt(hours, bj('2026-11-24T17:30:00'), CN)).toBe(false);
    expect(isOpenAt(hours, bj('2026-11-23T12:00:00'), CN)).toBe(false); // Monday: closed
    expect(isOpenAt(hours, bj('2026-11-26T12:00:00'), CN)).toBe(false); // a closed date
  });

  it('lists opening, shows and closing of a day in order, in the hall’s zone', () => {
    const ev = hoursEventsBetween(hours, bj('2026-11-28T00:00:00'), bj('2026-11-28T23:59:59'), CN); // Saturday
    expect(ev.map((e) => [e.kind, new Date(e.at).toISOString()])).toEqual([
      ['open', '2026-11-28T01:00:00.000Z'],
      ['show', '2026-11-28T02:00:00.000Z'],
      ['show', '2026-11-28T07:00:00.000Z'],
      ['close', '2026-11-28T09:30:00.000Z'],
    ]);
    // The same wall-clock hours elsewhere (UTC) fall at other instants.
    expect(hoursEventsBetween(hours, Date.parse('2026-11-24T00:00:00Z'), Date.parse('2026-11-24T23:59:59Z'), 0)[0]).toEqual({ kind: 'open', at: Date.parse('2026-11-24T09:00:00Z') });
  });

  it('counts an event once across consecutive windows (from excluded, to included)', () => {
    const t = bj('2026-11-24T09:00:00');
    expect(hoursEventsBetween(hours, t - 1000, t, CN).map((e) => e.kind)).toEqual(['open']);
    expect(hoursEventsBetween(hours, t, t + 1000, CN)).toEqual([]);
  });

  it('gives a day’s hours and its shows (the admin console’s “today”), or null on a closed day', () => {
    expect(hoursOfDay(hours, bj('2026-11-28T20:00:00'), CN)).toEqual({ open: '09:00', close: '17:30', shows: [{ at: '10:00', show: 'welcome' }, { at: '15:00', show: 'finale' }] }); // Saturday
    expect(hoursOfDay(hours, bj('2026-11-24T07:00:00'), CN)?.shows).toEqual([{ at: '10:00', show: 'welcome' }]); // Tuesday
    expect(hoursOfDay(hours, bj('2026-11-23T12:00:00'), CN)).toBeNull(); // Monday
    expect(hoursOfDay(hours, bj('2026-11-26T12:00:00'), CN)).toBeNull(); // a closed date
    // Just after local midnight is the next local day, though still the day before in UTC.
    expect(hoursOfDay(hours, bj('2026-11-24T00:30:00'), CN)).not.toBeNull();
  });

  it('finds the next change over a closed Monday', () => {
    expect(nextChange(hours, bj('2026-11-22T18:00:00'), CN)).toEqual({ kind: 'open', at: bj('2026-11-24T09:00:00') });
  });

  it('refuses closing before opening in hall.yaml', () => {
    expect(HoursSchema.safeParse({ open: '18:00', close: '09:00' }).success).toBe(false);
    expect(HoursSchema.safeParse({ open: '9:00', close: '17:00' }).success).toBe(false);
  });
});
