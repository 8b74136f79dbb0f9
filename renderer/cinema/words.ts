import type { Locale } from '../../core/text';

/** The cinema's words (kiosk zone and cinema screen). */
export const CINEMA_WORDS = {
  nowShowing: { 'zh-Hans': '正在放映', 'zh-Hant': '正在放映', en: 'Now showing' },
  nothingNow: { 'zh-Hans': '现在没有放映', 'zh-Hant': '現在沒有放映', en: 'Nothing is showing now' },
  next: { 'zh-Hans': '下一场', 'zh-Hant': '下一場', en: 'Next' },
  noMore: { 'zh-Hans': '今天的场次已全部放完', 'zh-Hant': '今天的場次已全部放完', en: "Today's screenings are over" },
  today: { 'zh-Hans': '今日场次', 'zh-Hant': '今日場次', en: "Today's screenings" },
  programme: { 'zh-Hans': '片单', 'zh-Hant': '片單', en: 'Programme' },
  ended: { 'zh-Hans': '已放映', 'zh-Hant': '已放映', en: 'Shown' },
  on: { 'zh-Hans': '放映中', 'zh-Hant': '放映中', en: 'On now' },
  coming: { 'zh-Hans': '待放映', 'zh-Hant': '待放映', en: 'Coming' },
  loop: { 'zh-Hans': '循环放映', 'zh-Hant': '循環放映', en: 'On a loop' },
  byDocent: { 'zh-Hans': '讲解员点播', 'zh-Hant': '講解員點播', en: 'Started by the docent' },
  filmOf: { 'zh-Hans': '第 {i} / {n} 部', 'zh-Hant': '第 {i} / {n} 部', en: 'Film {i} of {n}' },
  minutes: { 'zh-Hans': '{m} 分 {s} 秒', 'zh-Hant': '{m} 分 {s} 秒', en: '{m} min {s} s' },
  seconds: { 'zh-Hans': '{s} 秒', 'zh-Hant': '{s} 秒', en: '{s} s' },
  left: { 'zh-Hans': '剩余 {t}', 'zh-Hant': '剩餘 {t}', en: '{t} left' },
  where: { 'zh-Hans': '请到红色影院观看', 'zh-Hant': '請到紅色影院觀看', en: 'Watch it in the red cinema' },
} as const satisfies Record<string, Record<Locale, string>>;

export function cw(locale: Locale, key: keyof typeof CINEMA_WORDS, vars: Record<string, string | number> = {}): string {
  return CINEMA_WORDS[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** A length in seconds as minutes and seconds. */
export function duration(locale: Locale, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? cw(locale, 'seconds', { s }) : cw(locale, 'minutes', { m: Math.floor(s / 60), s: s % 60 });
}
