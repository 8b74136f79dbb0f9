import type { Locale } from '../../../core/text';

/** The reading bar's words (kiosk and phone reader). */
export const READING = {
  articles: { 'zh-Hans': '文章', 'zh-Hant': '文章', en: 'Articles' },
  books: { 'zh-Hans': '书籍', 'zh-Hant': '書籍', en: 'Books' },
  plans: { 'zh-Hans': '读书计划', 'zh-Hant': '讀書計劃', en: 'Reading plan' },
  shelf: { 'zh-Hans': '书架', 'zh-Hant': '書架', en: 'Shelf' },
  toShelf: { 'zh-Hans': '回到书架', 'zh-Hant': '回到書架', en: 'Back to the shelf' },
  prev: { 'zh-Hans': '上一页', 'zh-Hant': '上一頁', en: 'Previous page' },
  next: { 'zh-Hans': '下一页', 'zh-Hant': '下一頁', en: 'Next page' },
  page: { 'zh-Hans': '第 {n} / {of} 页', 'zh-Hant': '第 {n} / {of} 頁', en: 'Page {n} of {of}' },
  smaller: { 'zh-Hans': '字号减小', 'zh-Hant': '字號減小', en: 'Smaller text' },
  larger: { 'zh-Hans': '字号增大', 'zh-Hant': '字號增大', en: 'Larger text' },
  fontSize: { 'zh-Hans': '字号', 'zh-Hant': '字號', en: 'Text size' },
  phone: { 'zh-Hans': '在手机上继续读', 'zh-Hant': '在手機上繼續讀', en: 'Continue on your phone' },
  phoneHint: { 'zh-Hans': '用手机扫码，连上展厅无线网络即可继续阅读本篇。', 'zh-Hant': '用手機掃碼，連上展廳無線網絡即可繼續閱讀本篇。', en: "Scan with your phone on the hall's Wi-Fi to keep reading this piece." },
  close: { 'zh-Hans': '关闭', 'zh-Hant': '關閉', en: 'Close' },
  chapters: { 'zh-Hans': '{n} 章', 'zh-Hant': '{n} 章', en: '{n} chapters' },
  days: { 'zh-Hans': '第 {from}—{to} 天', 'zh-Hant': '第 {from}—{to} 天', en: 'Days {from}–{to}' },
  day: { 'zh-Hans': '第 {from} 天', 'zh-Hant': '第 {from} 天', en: 'Day {from}' },
  planLength: { 'zh-Hans': '共 {n} 天 · {k} 篇', 'zh-Hant': '共 {n} 天 · {k} 篇', en: '{n} days · {k} readings' },
  read: { 'zh-Hans': '阅读', 'zh-Hant': '閱讀', en: 'Read' },
  swipeHint: { 'zh-Hans': '左右滑动或轻触两侧翻页', 'zh-Hant': '左右滑動或輕觸兩側翻頁', en: 'Swipe, or tap either side, to turn the page' },
  nextChapter: { 'zh-Hans': '下一章', 'zh-Hant': '下一章', en: 'Next chapter' },
  prevChapter: { 'zh-Hans': '上一章', 'zh-Hant': '上一章', en: 'Previous chapter' },
  notFound: { 'zh-Hans': '没有找到这篇文章，它可能已从展厅内容中移除。', 'zh-Hant': '沒有找到這篇文章，它可能已從展廳內容中移除。', en: 'This piece was not found; it may have been removed from the hall.' },
  loading: { 'zh-Hans': '正在载入…', 'zh-Hant': '正在載入…', en: 'Loading…' },
  offline: { 'zh-Hans': '连不上展厅主机，请确认手机连的是展厅的无线网络。', 'zh-Hant': '連不上展廳主機，請確認手機連的是展廳的無線網絡。', en: "Cannot reach the hall's host; check that your phone is on the hall's Wi-Fi." },
} as const satisfies Record<string, Record<Locale, string>>;

/** One of the reading bar's phrases in a locale, with `{name}` filled in. */
export function rt(locale: Locale, key: keyof typeof READING, vars: Record<string, string | number> = {}): string {
  return READING[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** A history date as a visitor reads it: 1921-07-23 → 1921年7月23日 / 23 July 1921. */
export function historyDate(date: string | undefined, locale: Locale): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  if (locale === 'en') {
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    return [d, m ? months[m - 1] : undefined, y].filter((x) => x !== undefined).join(' ');
  }
  return `${y}年${m ? `${m}月` : ''}${d ? `${d}日` : ''}`;
}
