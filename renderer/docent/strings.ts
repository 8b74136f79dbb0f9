import type { Locale } from '../../core/text';

/** The docent remote's words, zh-Hans first, zh-Hant and English beside. */
const STRINGS = {
  title: { 'zh-Hans': '讲解员遥控', 'zh-Hant': '講解員遙控', en: 'Docent remote' },
  pinPrompt: { 'zh-Hans': '请输入讲解员 PIN', 'zh-Hant': '請輸入講解員 PIN', en: 'Enter the docent PIN' },
  signIn: { 'zh-Hans': '进入', 'zh-Hant': '進入', en: 'Sign in' },
  clear: { 'zh-Hans': '清除', 'zh-Hant': '清除', en: 'Clear' },
  signOut: { 'zh-Hans': '退出', 'zh-Hant': '退出', en: 'Sign out' },
  offline: { 'zh-Hans': '连不上展厅主机，正在重试…', 'zh-Hant': '連不上展廳主機，正在重試…', en: 'Cannot reach the hall host; retrying…' },
  hall: { 'zh-Hans': '全馆', 'zh-Hant': '全館', en: 'Whole hall' },
  blackoutAll: { 'zh-Hans': '全部黑屏', 'zh-Hant': '全部黑屏', en: 'Black out all' },
  soundOff: { 'zh-Hans': '全馆静音', 'zh-Hant': '全館靜音', en: 'Pause all sound' },
  soundOn: { 'zh-Hans': '恢复声音', 'zh-Hant': '恢復聲音', en: 'Sound back on' },
  restore: { 'zh-Hans': '一切恢复', 'zh-Hant': '一切恢復', en: 'Bring everything back' },
  shows: { 'zh-Hans': '演出', 'zh-Hant': '演出', en: 'Shows' },
  noShows: { 'zh-Hans': '内容包里没有演出。', 'zh-Hant': '內容包裡沒有演出。', en: 'The packs hold no shows.' },
  start: { 'zh-Hans': '开始', 'zh-Hant': '開始', en: 'Start' },
  stopShow: { 'zh-Hans': '停止演出', 'zh-Hant': '停止演出', en: 'Stop the show' },
  playing: { 'zh-Hans': '正在演出', 'zh-Hant': '正在演出', en: 'Now playing' },
  idle: { 'zh-Hans': '没有演出', 'zh-Hant': '沒有演出', en: 'No show' },
  walls: { 'zh-Hans': '展示墙', 'zh-Hant': '展示牆', en: 'Walls' },
  blackout: { 'zh-Hans': '黑屏', 'zh-Hant': '黑屏', en: 'Black out' },
  home: { 'zh-Hans': '回到常态', 'zh-Hant': '回到常態', en: 'Back to its scene' },
  modules: { 'zh-Hans': '展区', 'zh-Hant': '展區', en: 'Modules' },
  stations: { 'zh-Hans': '时间线站点', 'zh-Hant': '時間線站點', en: 'Timeline stations' },
  connected: { 'zh-Hans': '在线', 'zh-Hant': '在線', en: 'online' },
  disconnected: { 'zh-Hans': '离线', 'zh-Hant': '離線', en: 'offline' },
  isBlack: { 'zh-Hans': '已黑屏', 'zh-Hant': '已黑屏', en: 'black' },
  ceremonies: { 'zh-Hans': '宣誓与影院', 'zh-Hant': '宣誓與影院', en: 'Oath and cinema' },
  oathStart: { 'zh-Hans': '开始宣誓', 'zh-Hant': '開始宣誓', en: 'Start the oath' },
  oathStop: { 'zh-Hans': '结束宣誓', 'zh-Hant': '結束宣誓', en: 'End the oath' },
  noOath: { 'zh-Hans': '本展厅没有宣誓内容', 'zh-Hant': '本展廳沒有宣誓內容', en: 'No oath in this hall' },
  noCinema: { 'zh-Hans': '本展厅没有影院节目', 'zh-Hant': '本展廳沒有影院節目', en: 'No cinema in this hall' },
  play: { 'zh-Hans': '放映', 'zh-Hant': '放映', en: 'Play' },
  projectors: { 'zh-Hans': '投影机', 'zh-Hant': '投影機', en: 'Projectors' },
  powerOn: { 'zh-Hans': '开机', 'zh-Hant': '開機', en: 'On' },
  powerOff: { 'zh-Hans': '关机', 'zh-Hant': '關機', en: 'Off' },
  refresh: { 'zh-Hans': '刷新状态', 'zh-Hant': '刷新狀態', en: 'Read status' },
  open: { 'zh-Hans': '开放中', 'zh-Hant': '開放中', en: 'Open' },
  closed: { 'zh-Hans': '闭馆中', 'zh-Hant': '閉館中', en: 'Closed' },
  nextOpen: { 'zh-Hans': '下次开馆', 'zh-Hant': '下次開館', en: 'Opens' },
  nextClose: { 'zh-Hans': '闭馆时间', 'zh-Hant': '閉館時間', en: 'Closes' },
  asleep: { 'zh-Hans': '屏幕休眠中', 'zh-Hant': '螢幕休眠中', en: 'Screens asleep' },
  muted: { 'zh-Hans': '已静音', 'zh-Hant': '已靜音', en: 'Silent' },
  lamp: { 'zh-Hans': '灯泡 {n} 小时', 'zh-Hant': '燈泡 {n} 小時', en: 'lamp {n} h' },
  power_on: { 'zh-Hans': '已开机', 'zh-Hant': '已開機', en: 'on' },
  power_off: { 'zh-Hans': '已关机', 'zh-Hant': '已關機', en: 'off' },
  power_warming: { 'zh-Hans': '预热中', 'zh-Hant': '預熱中', en: 'warming up' },
  power_cooling: { 'zh-Hans': '冷却中', 'zh-Hant': '冷卻中', en: 'cooling down' },
  power_unknown: { 'zh-Hans': '状态未知', 'zh-Hant': '狀態未知', en: 'unknown' },
} as const satisfies Record<string, Record<Locale, string>>;

export type DocentKey = keyof typeof STRINGS;

export function docentT(locale: Locale) {
  return (key: DocentKey, vars: Record<string, string | number> = {}) => STRINGS[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
