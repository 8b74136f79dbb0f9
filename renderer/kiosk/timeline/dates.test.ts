import { describe, expect, it } from 'vitest';
import { decadeLabel, decadeOf, formatHistoryDate, formatSpan } from './dates';

describe('timeline dates', () => {
  it('writes a date no more precisely than it is known', () => {
    expect(formatHistoryDate('1921-07-23', 'zh-Hans')).toBe('1921年7月23日');
    expect(formatHistoryDate('1927-09', 'zh-Hant')).toBe('1927年9月');
    expect(formatHistoryDate('1984', 'zh-Hans')).toBe('1984年');
    expect(formatHistoryDate('1921-07-23', 'en')).toBe('23 July 1921');
    expect(formatHistoryDate('1948-09', 'en')).toBe('September 1948');
    expect(formatHistoryDate('1984', 'en')).toBe('1984');
  });
  it('writes spans and decades', () => {
    expect(formatSpan('1948-09', '1949-01', 'zh-Hans')).toBe('1948年9月—1949年1月');
    expect(formatSpan('1948-09', '1949-01', 'en')).toBe('September 1948 – January 1949');
    expect(formatSpan('1949-10-01', undefined, 'en')).toBe('1 October 1949');
    expect(decadeOf('1921-07-23')).toBe(1920);
    expect(decadeOf('2001')).toBe(2000);
    expect(decadeLabel(1930, 'en')).toBe('1930s');
    expect(decadeLabel(1930, 'zh-Hant')).toBe('1930年代');
  });
});
