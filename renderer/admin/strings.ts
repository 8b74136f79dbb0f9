import { createContext, useContext } from 'react';
import type { Locale } from '../../core/text';

/** The admin console's words: zh-Hans first, zh-Hant and English alongside. */
const S = {
  title: ['展厅管理', '展廳管理', 'Hall admin'],
  signInTitle: ['管理员登录', '管理員登入', 'Admin sign-in'],
  pinLabel: ['管理员 PIN', '管理員 PIN', 'Admin PIN'],
  signIn: ['登录', '登入', 'Sign in'],
  clear: ['清除', '清除', 'Clear'],
  signOut: ['退出登录', '登出', 'Sign out'],
  sessionEnded: ['登录已过期，请重新输入 PIN。', '登入已過期，請重新輸入 PIN。', 'Your session has ended; enter the PIN again.'],
  pinHint: ['PIN 见展厅主机日志，或用 redhall pin set admin 设置。', 'PIN 見展廳主機日誌，或用 redhall pin set admin 設定。', 'The PIN is in the hall host log, or set one with redhall pin set admin.'],
  waitFor: ['请等待 {n} 秒', '請等待 {n} 秒', 'Wait {n} s'],
  tabPacks: ['内容包', '內容包', 'Packs'],
  tabBoard: ['屏幕', '螢幕', 'Screens'],
  tabStats: ['统计', '統計', 'Statistics'],
  dropTitle: ['把内容包拖到这里', '把內容包拖到這裡', 'Drop a content pack here'],
  dropHint: ['.rhpack 或 .zip 文件（也可以点击选择）', '.rhpack 或 .zip 檔案（也可以點擊選擇）', 'a .rhpack or .zip file (or click to choose)'],
  uploading: ['上传', '上傳', 'Upload'],
  installing: ['安装', '安裝', 'Install'],
  installedOk: ['已安装 {v}，尚未启用：可以先预览，再启用。', '已安裝 {v}，尚未啟用：可以先預覽，再啟用。', 'Installed {v}, not live yet: preview it, then activate.'],
  findings: ['检查结果', '檢查結果', 'Findings'],
  noFindings: ['没有发现问题。', '沒有發現問題。', 'No problems found.'],
  error: ['错误', '錯誤', 'Error'],
  warning: ['提醒', '提醒', 'Warning'],
  info: ['说明', '說明', 'Note'],
  packsTitle: ['已安装的内容包', '已安裝的內容包', 'Installed packs'],
  version: ['版本', '版本', 'Version'],
  packTitle: ['标题', '標題', 'Title'],
  installedAt: ['安装时间', '安裝時間', 'Installed'],
  state: ['状态', '狀態', 'State'],
  live: ['正在使用', '正在使用', 'Live'],
  previous: ['上一版本', '上一版本', 'Previous'],
  previewOn: ['预览到', '預覽到', 'Preview on'],
  preview: ['预览', '預覽', 'Preview'],
  activate: ['启用', '啟用', 'Activate'],
  rollback: ['回退到上一版本', '回退到上一版本', 'Roll back'],
  prune: ['清理旧版本', '清理舊版本', 'Remove old versions'],
  pruneConfirm: ['删除 {id} 除正在使用和上一版本之外的所有版本？', '刪除 {id} 除正在使用和上一版本之外的所有版本？', 'Remove every version of {id} except the live and the previous one?'],
  pruned: ['已删除：{list}', '已刪除：{list}', 'Removed: {list}'],
  prunedNone: ['没有可以删除的旧版本。', '沒有可以刪除的舊版本。', 'No old versions to remove.'],
  previewing: ['正在 {s} 上预览 {p}，其他屏幕不受影响。', '正在 {s} 上預覽 {p}，其他螢幕不受影響。', 'Previewing {p} on {s}; the other screens are unaffected.'],
  stopPreview: ['结束预览', '結束預覽', 'End preview'],
  activated: ['{p} 已启用，所有屏幕已更新。', '{p} 已啟用，所有螢幕已更新。', '{p} is live on every screen.'],
  noSurfaces: ['没有屏幕', '沒有螢幕', 'no screens'],
  connected: ['在线', '在線', 'Online'],
  offline: ['离线', '離線', 'Offline'],
  screen: ['画面', '畫面', 'Showing'],
  restarts: ['重启', '重啟', 'Restarts'],
  clock: ['时钟偏差', '時鐘偏差', 'Clock offset'],
  heartbeat: ['心跳', '心跳', 'Heartbeat'],
  watchdog: ['看门狗', '看門狗', 'Watchdog'],
  fault: ['故障', '故障', 'Fault'],
  secondsAgo: ['{n} 秒前', '{n} 秒前', '{n} s ago'],
  noThumb: ['暂无画面', '暫無畫面', 'No picture'],
  thumbNote: ['缩略图由主机从显示器截取，每 5 秒更新。', '縮圖由主機從顯示器擷取，每 5 秒更新。', 'Thumbnails are taken from the monitors by the host, every 5 s.'],
  statsQuiz: ['党性体检：每日完成人次', '黨性體檢：每日完成人次', 'Self-check: completed per day'],
  statsDims: ['党性体检：各维度平均分', '黨性體檢：各維度平均分', 'Self-check: mean score by dimension'],
  statsEndings: ['剧本杀结局', '劇本殺結局', 'Script-kill endings'],
  statsVisits: ['展区访问次数', '展區訪問次數', 'Module visits'],
  statsVisitsDays: ['每日展区访问', '每日展區訪問', 'Module visits per day'],
  noData: ['暂无数据', '暫無數據', 'No data yet'],
  csv: ['导出 CSV', '匯出 CSV', 'Export CSV'],
  skipped: ['{n} 行统计记录无法读取，已跳过。', '{n} 行統計記錄無法讀取，已跳過。', '{n} statistics lines could not be read and were skipped.'],
  games: ['局', '局', 'games'],
  hostGone: ['无法连接展厅主机。', '無法連接展廳主機。', 'Cannot reach the hall host.'],
  busy: ['处理中…', '處理中…', 'Working…'],
  mainPc: ['主电脑', '主電腦', 'Main PC'],
  onPc: ['电脑 {pc}', '電腦 {pc}', 'PC {pc}'],
  pcsTitle: ['第二台电脑', '第二台電腦', 'Second PCs'],
  pcPair: ['配对新电脑', '配對新電腦', 'Pair a new PC'],
  pcCodeHint: ['在新电脑上运行 {cmd}，提示时输入此配对码。只能用一次，{time} 前有效。', '在新電腦上執行 {cmd}，提示時輸入此配對碼。只能用一次，{time} 前有效。', 'On the new PC run {cmd} and type this code when asked. It works once, until {time}.'],
  pcNone: ['还没有配对的电脑。', '還沒有配對的電腦。', 'No PC is paired yet.'],
  pcSeen: ['在线 · {time} · {address}', '在線 · {time} · {address}', 'Online · {time} · {address}'],
  pcNotSeen: ['主机启动后尚未连接', '主機啟動後尚未連接', 'Not seen since the host started'],
  pcRevoked: ['已撤销', '已撤銷', 'Revoked'],
  pcRevoke: ['撤销', '撤銷', 'Revoke'],
  pcRevokeConfirm: ['撤销电脑 {pc}？它的屏幕将立即离开展厅，需重新配对才能再加入。', '撤銷電腦 {pc}？它的螢幕將立即離開展廳，需重新配對才能再加入。', 'Revoke the PC {pc}? Its screens leave the hall at once; it must be paired again to rejoin.'],
  pcLoopback: ['主机只在本机监听（hall.yaml 中 listen: loopback），其他电脑连不上：请设置 listen: lan 并重启。', '主機只在本機監聽（hall.yaml 中 listen: loopback），其他電腦連不上：請設定 listen: lan 並重啟。', 'The host listens on this machine only (hall.yaml listen: loopback): other PCs cannot reach it. Set listen: lan and restart.'],
} as const satisfies Record<string, readonly [string, string, string]>;

export type Key = keyof typeof S;
const INDEX: Record<Locale, 0 | 1 | 2> = { 'zh-Hans': 0, 'zh-Hant': 1, en: 2 };

export const PHASES: Record<string, readonly [string, string, string]> = {
  upload: ['上传', '上傳', 'uploading'],
  extract: ['解压', '解壓', 'unpacking'],
  copy: ['复制', '複製', 'copying'],
  verify: ['校验', '校驗', 'verifying'],
  read: ['读取', '讀取', 'reading'],
  validate: ['检查内容', '檢查內容', 'checking'],
  hash: ['计算校验和', '計算校驗和', 'hashing'],
  write: ['写入', '寫入', 'writing'],
  activate: ['就位', '就位', 'putting in place'],
};

export const LocaleContext = createContext<Locale>('zh-Hans');

export function useT() {
  const locale = useContext(LocaleContext);
  const i = INDEX[locale];
  return {
    locale,
    t: (k: Key, vars: Record<string, string | number> = {}) => S[k][i].replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? '')),
    phase: (p: string) => PHASES[p]?.[i] ?? p,
    /** A host message (zh-Hans and en): zh-Hant readers get the zh-Hans sentence. */
    say: (m: { 'zh-Hans': string; en: string }) => (locale === 'en' ? m.en : m['zh-Hans']),
  };
}
