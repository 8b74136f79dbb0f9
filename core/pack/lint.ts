import { pinyin } from 'pinyin-pro';
import type { Bilingual } from '../text';
import { hansToHant, hantToHans } from './hant';

/**
 * Text lint for what curators paste from articles and web pages. Each rule finds one kind of
 * damage; a hit carries the offset in the string so the caller can place it.
 */
export type TextLocale = 'zh-Hans' | 'zh-Hant' | 'en';

export interface LintHit {
  code: string;
  /** UTF-16 offset of the problem inside the text. */
  index: number;
  message: Bilingual;
}

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const HAS_CJK = new RegExp(`[${CJK}]`);
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
const PINYIN_LETTERS = `a-zA-Zü${TONED}`;

/** Characters that UTF-8 Chinese turns into when read as GBK (的 → 鐨, ， → 锛, 。 → 銆 …). */
const GBK_MOJIBAKE = new Set([...'锛銆鐨鍦鏄鍙涓鎴闂绗鑰鍚浠浣璇锟斤拷鏂囧瓧']);

/** Lints one string. `locale` says which language the curator meant it to be. */
export function lintText(text: string, locale: TextLocale): LintHit[] {
  const hits: LintHit[] = [];
  const hit = (code: string, index: number, zh: string, en: string) => hits.push({ code, index, message: { 'zh-Hans': zh, en } });

  // Mojibake.
  const fffd = text.indexOf('\uFFFD');
  if (fffd >= 0) hit('lint.mojibake', fffd, '文字中有替换字符“\uFFFD”，原文的编码读错了（常见于把 GBK 当作 UTF-8）。请从原文重新复制。', 'The text contains the replacement character U+FFFD: the source encoding was misread (often GBK read as UTF-8). Copy it again from the original.');
  const kun = text.indexOf('锟斤拷');
  if (kun >= 0) hit('lint.mojibake', kun, '文字中有“锟斤拷”，这是编码转换损坏的文字。请从原文重新复制。', 'The text contains "锟斤拷", the mark of text broken by a wrong encoding conversion. Copy it again from the original.');
  const latin = /(?:Ã[\u0080-\u00bf]|â€[\u0080-\u00bf™œ˜šž“”]|[äåæçèé][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]{1,2})/.exec(text);
  if (latin) hit('lint.mojibake', latin.index, `文字中有乱码“${latin[0]}”（UTF-8 被当作西文编码读出）。请从原文重新复制。`, `The text contains mojibake "${latin[0]}" (UTF-8 read as a Western encoding). Copy it again from the original.`);
  if (kun < 0) {
    let count = 0;
    let first = -1;
    for (let i = 0; i < text.length; i++) {
      if (GBK_MOJIBAKE.has(text[i]!)) {
        count++;
        if (first < 0) first = i;
      }
    }
    if (count >= 2 && locale !== 'en')
      hit('lint.mojibake', first, '文字中有多个“锛、銆、鐨”之类的字，像是把 UTF-8 文字当作 GBK 读出的乱码。请从原文重新复制。', 'The text has several characters such as 锛, 銆, 鐨: it looks like UTF-8 read as GBK. Copy it again from the original.');
  }

  if (locale !== 'en' && HAS_CJK.test(text)) {
    // Pinyin glued into characters: 创(chuàng) or 创chuàng, only when it is a reading of that character.
    const glued = new RegExp(`([${CJK}])\\s*(?:[(（]\\s*([${PINYIN_LETTERS}]+[1-5]?)\\s*[)）]|([a-z${TONED}]*[${TONED}][a-z${TONED}]*))`, 'gu');
    for (const m of text.matchAll(glued)) {
      const ch = m[1]!;
      const written = (m[2] ?? m[3])!;
      if (isReadingOf(ch, written))
        hit('lint.glued-pinyin', m.index! + ch.length, `“${ch}”后面粘着拼音“${written}”，这是从带注音的文章复制来的。请删去拼音。`, `Pinyin "${written}" is glued after "${ch}" (copied from an annotated article). Remove the pinyin.`);
    }

    // Doubled or mixed punctuation.
    const doubled = /([，。、；：！？,;:!?])\s*([，。、；：！？,;:])/g;
    for (const m of text.matchAll(doubled)) {
      const pair = m[1]! + m[2]!;
      if (pair === '！？' || pair === '？！' || pair === '!?' || pair === '?!') continue;
      hit('lint.punctuation', m.index!, `标点重复或混用：“${pair}”。请只保留一个正确的标点。`, `Doubled or mixed punctuation "${pair}". Keep one correct mark.`);
    }
    // Half-width marks between Chinese characters.
    const half = new RegExp(`[${CJK}]([,;:?!])\\s*(?=[${CJK}“‘《（])|[${CJK}](\\.)(?=[${CJK}])`, 'g');
    for (const m of text.matchAll(half)) {
      const mark = (m[1] ?? m[2])!;
      const full = ({ ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '.': '。' } as Record<string, string>)[mark];
      hit('lint.half-width-punctuation', m.index! + 1, `中文里用了半角标点“${mark}”，应为全角“${full}”。`, `Half-width "${mark}" inside Chinese text; use the full-width "${full}".`);
    }
    // A phrase typed or pasted twice in a row.
    const repeated = new RegExp(`([${CJK}]{2,12})\\1`, 'g');
    for (const m of text.matchAll(repeated)) {
      // 一步一步, 一站一站: counting reduplication is good Chinese, not a paste error.
      if (m[1]!.length === 2 && m[1]!.startsWith('一')) continue;
      hit('lint.repeated-phrase', m.index!, `“${m[1]}”连续出现了两次，像是重复粘贴。请删去多余的一次。`, `"${m[1]}" appears twice in a row, as if pasted twice. Remove one.`);
    }
  }
  if (locale === 'en') {
    for (const m of text.matchAll(/\b([A-Za-z]{2,})\s+\1\b/g)) {
      if (m[1]!.toLowerCase() === 'that' || m[1]!.toLowerCase() === 'had') continue;
      hit('lint.repeated-phrase', m.index!, `英文里“${m[1]}”连续出现了两次。`, `"${m[1]}" appears twice in a row.`);
    }
  }

  // Traditional characters inside simplified text.
  if (locale === 'zh-Hans' && HAS_CJK.test(text)) {
    const hans = hantToHans(text);
    if (hans !== text && hans.length === text.length) {
      const found: string[] = [];
      let first = -1;
      for (let i = 0; i < text.length; i++) {
        if (text[i] !== hans[i]) {
          if (first < 0) first = i;
          if (!found.includes(text[i]!)) found.push(text[i]!);
        }
      }
      if (found.length > 0)
        hit('lint.traditional-in-simplified', first, `简体文字中夹有繁体字：${found.join('、')}。请改为简体，繁体版本会自动生成。`, `Traditional characters inside simplified text: ${found.join(', ')}. Use simplified; the traditional version is made automatically.`);
    }
  }

  // Simplified characters inside a traditional field the curator wrote by hand.
  if (locale === 'zh-Hant' && HAS_CJK.test(text)) {
    const hant = hansToHant(text);
    if (hant !== text && hant.length === text.length) {
      const found = [...new Set([...text].filter((ch, i) => ch !== hant[i]))];
      const first = [...text].findIndex((ch, i) => ch !== hant[i]);
      if (found.length > 0)
        hit('lint.simplified-in-traditional', first, `繁体文字中夹有简体字：${found.join('、')}。可以删去 zh-Hant，让系统自动转换。`, `Simplified characters inside traditional text: ${found.join(', ')}. You can remove zh-Hant and let it be converted automatically.`);
    }
  }

  hits.push(...unbalanced(text));
  return hits.sort((a, b) => a.index - b.index);
}

const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['（', '）'], ['(', ')'], ['《', '》'], ['“', '”'], ['‘', '’'], ['「', '」'], ['『', '』'], ['【', '】'], ['[', ']'], ['〈', '〉'],
];
const OPEN = new Map(PAIRS.map(([o, c]) => [o, c]));
const CLOSE = new Map(PAIRS.map(([o, c]) => [c, o]));

function unbalanced(text: string): LintHit[] {
  const stack: { ch: string; index: number }[] = [];
  const out: LintHit[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    // An apostrophe inside English words is not a quote.
    if (ch === '’' && /[A-Za-z]/.test(text[i - 1] ?? '') && !stack.some((s) => s.ch === '‘')) continue;
    if (OPEN.has(ch)) stack.push({ ch, index: i });
    else if (CLOSE.has(ch)) {
      const top = stack[stack.length - 1];
      if (top && top.ch === CLOSE.get(ch)) stack.pop();
      else {
        out.push(unbalancedHit(ch, i, 'close'));
        return out;
      }
    }
  }
  const straight = [...text].filter((c) => c === '"').length;
  if (straight % 2 === 1) out.push(unbalancedHit('"', text.indexOf('"'), 'open'));
  const open = stack[0];
  if (open) out.push(unbalancedHit(open.ch, open.index, 'open'));
  return out;
}

function unbalancedHit(ch: string, index: number, side: 'open' | 'close'): LintHit {
  return side === 'open'
    ? { code: 'lint.unbalanced', index, message: { 'zh-Hans': `“${ch}”没有配对的另一半。请补全或删去。`, en: `"${ch}" has no matching partner. Complete or remove it.` } }
    : { code: 'lint.unbalanced', index, message: { 'zh-Hans': `“${ch}”前面没有与之配对的开头符号。请补全或删去。`, en: `"${ch}" closes something that was never opened. Complete or remove it.` } };
}

const TONE_STRIP: Record<string, string> = {};
for (const [base, marks] of [['a', 'āáǎà'], ['e', 'ēéěè'], ['i', 'īíǐì'], ['o', 'ōóǒò'], ['u', 'ūúǔù'], ['ü', 'ǖǘǚǜ']] as const)
  for (const m of marks) TONE_STRIP[m] = base;
const stripTones = (s: string) => [...s].map((c) => TONE_STRIP[c] ?? c).join('').replace(/v/g, 'ü');

/** True when `written` (with tone marks, tone digit or none) is one of the readings of `ch`. */
export function isReadingOf(ch: string, written: string): boolean {
  const w = written.toLowerCase();
  const readings = pinyin(ch, { multiple: true, type: 'array' });
  if (readings.some((r) => r === w)) return true;
  const bare = stripTones(w.replace(/[1-5]$/, ''));
  // Without tone marks only a longer syllable counts, so "公司(AB)" is not taken for pinyin.
  return bare.length >= 2 && readings.some((r) => stripTones(r) === bare);
}
