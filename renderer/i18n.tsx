import { createContext, useContext } from 'react';
import { pickText, type Locale, type LocalisedText } from '../core/text';

/** Interface strings. zh-Hans first; zh-Hant and English written alongside. */
const STRINGS = {
  back: { 'zh-Hans': '返回', 'zh-Hant': '返回', en: 'Back' },
  home: { 'zh-Hans': '首页', 'zh-Hant': '首頁', en: 'Home' },
  touchToBegin: { 'zh-Hans': '轻触任一板块，开始参观', 'zh-Hant': '輕觸任一板塊，開始參觀', en: 'Touch a section to begin' },
  idleTitle: { 'zh-Hans': '还在浏览吗？', 'zh-Hant': '還在瀏覽嗎？', en: 'Still there?' },
  idleBody: { 'zh-Hans': '{n} 秒后将返回首页，并清除本次浏览内容。', 'zh-Hant': '{n} 秒後將返回首頁，並清除本次瀏覽內容。', en: 'Returning to the start in {n} s; this visit will be cleared.' },
  idleContinue: { 'zh-Hans': '继续浏览', 'zh-Hant': '繼續瀏覽', en: 'Keep browsing' },
  connecting: { 'zh-Hans': '正在连接展厅主机…', 'zh-Hant': '正在連接展廳主機…', en: 'Connecting to the hall host…' },
  disconnected: { 'zh-Hans': '与主机的连接已断开，正在重新连接…', 'zh-Hant': '與主機的連接已斷開，正在重新連接…', en: 'Lost the host; reconnecting…' },
  refused: { 'zh-Hans': '此屏幕未获授权，请联系管理员。', 'zh-Hant': '此螢幕未獲授權，請聯繫管理員。', en: 'This screen is not authorised; please call the administrator.' },
  installerWarning: { 'zh-Hans': '安装提示：展厅配置有误，已按默认方式启动', 'zh-Hant': '安裝提示：展廳配置有誤，已按預設方式啟動', en: 'Installer notice: the hall config has errors; started on defaults' },
  sceneFallback: { 'zh-Hans': '沉浸画面暂不可用', 'zh-Hant': '沉浸畫面暫不可用', en: 'The immersive scene is unavailable' },
  noContent: { 'zh-Hans': '暂无展示内容', 'zh-Hant': '暫無展示內容', en: 'No content loaded' },
  screenFailed: { 'zh-Hans': '画面加载失败，稍后将自动重试。', 'zh-Hant': '畫面載入失敗，稍後將自動重試。', en: 'This screen could not load; it will try again shortly.' },
  surfaceNotYet: { 'zh-Hans': '此版本尚未提供这类屏幕。', 'zh-Hant': '此版本尚未提供這類螢幕。', en: 'This version has no screen of this kind yet.' },
  items: { 'zh-Hans': '展项', 'zh-Hant': '展項', en: 'Exhibits' },
  previewRibbon: { 'zh-Hans': '预览 {p} · 尚未启用', 'zh-Hant': '預覽 {p} · 尚未啟用', en: 'Preview {p} · not live' },
  zones: { 'zh-Hans': '互动专区', 'zh-Hant': '互動專區', en: 'Explore' },
} as const satisfies Record<string, Record<Locale, string>>;

export type StringKey = keyof typeof STRINGS;

export const LOCALE_LABELS: Record<Locale, string> = { 'zh-Hans': '简', 'zh-Hant': '繁', en: 'EN' };

export const LocaleContext = createContext<Locale>('zh-Hans');

/** The current locale's strings and content picker. */
export function useT() {
  const locale = useContext(LocaleContext);
  return {
    locale,
    t: (key: StringKey, vars: Record<string, string | number> = {}) =>
      STRINGS[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')),
    text: (value: LocalisedText | Record<string, string> | undefined) => pickText(value as LocalisedText | undefined, locale),
  };
}
