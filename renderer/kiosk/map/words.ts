import type { Locale } from '../../../core/text';

/** The map's words, shared by the kiosk's map zone and the phone's route page. */
export const MAP_WORDS = {
  allPoints: { 'zh-Hans': '全部点位', 'zh-Hant': '全部點位', en: 'All places' },
  routes: { 'zh-Hans': '路线', 'zh-Hant': '路線', en: 'Routes' },
  here: { 'zh-Hans': '您在这里', 'zh-Hant': '您在這裡', en: 'You are here' },
  walk: { 'zh-Hans': '行走微党课', 'zh-Hant': '行走微黨課', en: 'Walking lesson' },
  orienteering: { 'zh-Hans': '定向赛', 'zh-Hant': '定向賽', en: 'Orienteering' },
  minutes: { 'zh-Hans': '约 {n} 分钟', 'zh-Hant': '約 {n} 分鐘', en: 'About {n} min' },
  stops: { 'zh-Hans': '{n} 个站点', 'zh-Hant': '{n} 個站點', en: '{n} stops' },
  takeAway: { 'zh-Hans': '扫码带走路线', 'zh-Hant': '掃碼帶走路線', en: 'Take the route on your phone' },
  takeAwayHint: { 'zh-Hans': '用手机扫描二维码（需连接展厅无线网络），路线和讲解会在手机上打开。', 'zh-Hant': '用手機掃描二維碼（需連接展廳無線網路），路線和講解會在手機上打開。', en: "Scan with your phone (on the hall's Wi-Fi) to open the route and its stories there." },
  close: { 'zh-Hans': '关闭', 'zh-Hant': '關閉', en: 'Close' },
  zoomIn: { 'zh-Hans': '放大', 'zh-Hant': '放大', en: 'Zoom in' },
  zoomOut: { 'zh-Hans': '缩小', 'zh-Hant': '縮小', en: 'Zoom out' },
  fit: { 'zh-Hans': '全图', 'zh-Hant': '全圖', en: 'Whole map' },
  intro: { 'zh-Hans': '轻触地图上的点位了解详情，或在上方选一条路线。双指缩放，单指拖动。', 'zh-Hant': '輕觸地圖上的點位了解詳情，或在上方選一條路線。雙指縮放，單指拖動。', en: 'Touch a place on the map to learn about it, or pick a route above. Pinch to zoom, drag to move.' },
  zones: { 'zh-Hans': '片区', 'zh-Hant': '片區', en: 'Areas' },
  map: { 'zh-Hans': '地图', 'zh-Hant': '地圖', en: 'Map' },
} as const satisfies Record<string, Record<Locale, string>>;

export function mapWord(locale: Locale, k: keyof typeof MAP_WORDS, n?: number): string {
  return MAP_WORDS[k][locale].replace('{n}', String(n ?? ''));
}
