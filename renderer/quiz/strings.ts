import type { Locale } from '../../core/text';

/** The self-check's interface strings, zh-Hans first, zh-Hant and English alongside. */
const STRINGS = {
  start: { 'zh-Hans': '开始体检', 'zh-Hant': '開始體檢', en: 'Begin' },
  exit: { 'zh-Hans': '返回首页', 'zh-Hant': '返回首頁', en: 'Back to start' },
  anonymous: { 'zh-Hans': '全程匿名，不询问、不保存任何个人信息。', 'zh-Hant': '全程匿名，不詢問、不保存任何個人資訊。', en: 'Anonymous: nothing personal is asked or kept.' },
  formInfo: { 'zh-Hans': '共 {n} 题，约 {m} 分钟', 'zh-Hant': '共 {n} 題，約 {m} 分鐘', en: '{n} questions, about {m} minutes' },
  timeLimit: { 'zh-Hans': '限时 {m} 分钟', 'zh-Hant': '限時 {m} 分鐘', en: 'Time limit {m} minutes' },
  progress: { 'zh-Hans': '第 {i} / {n} 题', 'zh-Hant': '第 {i} / {n} 題', en: 'Question {i} of {n}' },
  timeLeft: { 'zh-Hans': '剩余 {t}', 'zh-Hant': '剩餘 {t}', en: '{t} left' },
  single: { 'zh-Hans': '单选题', 'zh-Hant': '單選題', en: 'Choose one' },
  multiple: { 'zh-Hans': '多选题（可选多项）', 'zh-Hant': '多選題（可選多項）', en: 'Choose all that apply' },
  truefalse: { 'zh-Hans': '判断题', 'zh-Hant': '判斷題', en: 'True or false' },
  likert: { 'zh-Hans': '自评题：这句话像我吗？', 'zh-Hant': '自評題：這句話像我嗎？', en: 'Self-rating: how much is this like you?' },
  confirm: { 'zh-Hans': '确认答案', 'zh-Hant': '確認答案', en: 'Confirm' },
  next: { 'zh-Hans': '下一题', 'zh-Hant': '下一題', en: 'Next' },
  finish: { 'zh-Hans': '查看报告', 'zh-Hant': '查看報告', en: 'See my report' },
  previous: { 'zh-Hans': '上一题', 'zh-Hant': '上一題', en: 'Previous' },
  skip: { 'zh-Hans': '跳过', 'zh-Hant': '跳過', en: 'Skip' },
  right: { 'zh-Hans': '回答正确', 'zh-Hant': '回答正確', en: 'Correct' },
  wrong: { 'zh-Hans': '回答有误', 'zh-Hant': '回答有誤', en: 'Not quite' },
  partly: { 'zh-Hans': '部分正确', 'zh-Hant': '部分正確', en: 'Partly correct' },
  answerIs: { 'zh-Hans': '正确答案：{a}', 'zh-Hant': '正確答案：{a}', en: 'Answer: {a}' },
  source: { 'zh-Hans': '出处：{s}', 'zh-Hant': '出處：{s}', en: 'Source: {s}' },
  reportTitle: { 'zh-Hans': '体检报告', 'zh-Hant': '體檢報告', en: 'Your report' },
  overall: { 'zh-Hans': '综合得分', 'zh-Hant': '綜合得分', en: 'Overall' },
  notCovered: { 'zh-Hans': '本次未涉及', 'zh-Hant': '本次未涉及', en: 'Not covered' },
  radarLabel: { 'zh-Hans': '各维度得分雷达图', 'zh-Hant': '各維度得分雷達圖', en: 'Radar chart of the scores by dimension' },
  qrHint: { 'zh-Hans': '扫码带走报告摘要（无需联网）', 'zh-Hant': '掃碼帶走報告摘要（無需聯網）', en: 'Scan to take a summary with you (no network needed)' },
  restart: { 'zh-Hans': '再测一次', 'zh-Hant': '再測一次', en: 'Try again' },
  timeUp: { 'zh-Hans': '时间到，已按已答题目生成报告。', 'zh-Hant': '時間到，已按已答題目生成報告。', en: 'Time is up; the report covers what you answered.' },
  idleTitle: { 'zh-Hans': '还在答题吗？', 'zh-Hant': '還在答題嗎？', en: 'Still there?' },
  idleBody: { 'zh-Hans': '{n} 秒后将清除本次作答和报告，返回首页。', 'zh-Hant': '{n} 秒後將清除本次作答和報告，返回首頁。', en: 'In {n} s your answers and report will be cleared.' },
  idleContinue: { 'zh-Hans': '继续', 'zh-Hant': '繼續', en: 'Continue' },
  summaryTitle: { 'zh-Hans': '党性体检摘要', 'zh-Hant': '黨性體檢摘要', en: 'Party-spirit self-check' },
} as const satisfies Record<string, Record<Locale, string>>;

export type QuizStringKey = keyof typeof STRINGS;

/** A string in the locale with `{name}` placeholders filled. */
export function quizText(locale: Locale, key: QuizStringKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
