import type { Locale } from '../../../core/text';

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A HistoryDate (1921, 1921-07, 1921-07-23) as a reader of the locale writes it, no more precise than it is. */
export function formatHistoryDate(date: string, locale: Locale): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (locale === 'en') {
    if (m === undefined) return String(y);
    const month = EN_MONTHS[m - 1]!;
    return d === undefined ? `${month} ${y}` : `${d} ${month} ${y}`;
  }
  return `${y}年${m === undefined ? '' : `${m}月`}${d === undefined ? '' : `${d}日`}`;
}

/** A station's date, or its span when it lasted (“1934年10月—1936年10月”). */
export function formatSpan(date: string, until: string | undefined, locale: Locale): string {
  if (until === undefined || until === date) return formatHistoryDate(date, locale);
  return `${formatHistoryDate(date, locale)}${locale === 'en' ? ' – ' : '—'}${formatHistoryDate(until, locale)}`;
}

/** The decade a date falls in (1921 → 1920). */
export function decadeOf(date: string): number {
  return Math.floor(Number(date.slice(0, 4)) / 10) * 10;
}

/** A decade's label: 1920年代 / the 1920s. */
export function decadeLabel(decade: number, locale: Locale): string {
  return locale === 'en' ? `${decade}s` : `${decade}年代`;
}
