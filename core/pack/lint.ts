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

/** Characters that UTF-8 Chinese turns into when read as GBK (的 → 鐨, ， → 锛, 。 → 銆 …). */
const GBK_MOJIBAKE = new Set([...'锛銆鐨鍦鏄鍙涓鎴闂绗鑰鍚浠浣璇锟斤拷鏂囧瓧']);

/** Lints one string. `locale` says which language the curator meant it to be. */
export function lintText(text: string, locale: TextLocale): LintHit[] {
  const hits: LintHit[] = [];

  // Mojibake.
  const fffd = text.indexOf('\uFFFD');
  if (fffd >= 0) addHit(hits, 'lint.mojibake', fffd, '文字中有替换字符“\uFFFD”，原文的编码读错了（常见于把 GBK 当作 UTF-8）。请从原文重新复制。', 'The text contains the replacement character U+FFFD: the source encoding was misread (often GBK read as UTF-8). Copy it again from the original.');
  const kun = text.indexOf('锟斤拷');
  if (kun >= 0) addHit(hits, 'lint.mojibake', kun, '文字中有“锟斤拷”，这是编码转换损坏的文字。请从原文重新复制。', 'The text contains "锟斤拷", the mark of text broken by a wrong encoding conversion. Copy it again from the original.');
  const latin = /(?:Ã[\u0080-\u00bf]|â€[\u0080-\u00bf™œ˜šž“”]|[äåæçèé][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]{1,2})/.exec(text);
  if (latin) addHit(hits, 'lint.mojibake', latin.index, `文字中有乱码“${latin[0]}”（UTF-8 被当作西文编码读出）。请从原文重新复制。`, `The text contains mojibake "${latin[0]}" (UTF-8 read as a Western encoding). Copy it again from the original.`);
  const runs = locale === 'en' ? [] : mojibakeRuns(text);
  for (const r of runs)
    addHit(hits, 'lint.mojibake', r.index, `“${r.text}”是乱码：原文“${r.meant}”的 UTF-8 字节被当作 GBK 读出。请从原文重新复制，或直接改为“${r.meant}”。`, `"${r.text}" is mojibake: the UTF-8 bytes of "${r.meant}" read as GBK. Copy it again from the original, or type "${r.meant}".`);
  if (kun < 0 && runs.length === 0) {
    let count = 0;
    let first = -1;
    for (let i = 0; i < text.length; i++) {
      if (GBK_MOJIBAKE.has(text[i]!)) {
        count++;
        if (first < 0) first = i;
      }
    }
    if (count >= 2 && locale !== 'en')
      addHit(hits, 'lint.mojibake', first, '文字中有多个“锛、銆、鐨”之类的字，像是把 UTF-8 文字当作 GBK 读出的乱码。请从原文重新复制。', 'The text has several characters such as 锛, 銆, 鐨: it looks like UTF-8 read as GBK. Copy it again from the original.');
  }

  if (locale !== 'en' && HAS_CJK.test(text)) {
    hits.push(...gluedPinyin(text));
    hits.push(...pastedBoilerplate(text));

    // Doubled or mixed punctuation.
    const doubled = /([，。、；：！？,;:!?])\s*([，。、；：！？,;:])/g;
    for (const m of text.matchAll(doubled)) {
      const pair = m[1]! + m[2]!;
      if (pair === '！？' || pair === '？！' || pair === '!?' || pair === '?!') continue;
      addHit(hits, 'lint.punctuation', m.index!, `标点重复或混用：“${pair}”。请只保留一个正确的标点。`, `Doubled or mixed punctuation "${pair}". Keep one correct mark.`);
    }
    // Half-width marks between Chinese characters.
    const half = new RegExp(`[${CJK}]([,;:?!])\\s*(?=[${CJK}“‘《（])|[${CJK}](\\.)(?=[${CJK}])`, 'g');
    for (const m of text.matchAll(half)) {
      const mark = (m[1] ?? m[2])!;
      const full = ({ ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '.': '。' } as Record<string, string>)[mark];
      addHit(hits, 'lint.half-width-punctuation', m.index! + 1, `中文里用了半角标点“${mark}”，应为全角“${full}”。`, `Half-width "${mark}" inside Chinese text; use the full-width "${full}".`);
    }
    // A phrase typed or pasted twice in a row.
    const repeated = new RegExp(`([${CJK}]{2,12})\\1`, 'g');
    for (const m of text.matchAll(repeated)) {
      // 一步一步, 一站一站: counting reduplication is good Chinese, not a paste error.
      if (m[1]!.length === 2 && m[1]!.startsWith('一')) continue;
      addHit(hits, 'lint.repeated-phrase', m.index!, `“${m[1]}”连续出现了两次，像是重复粘贴。请删去多余的一次。`, `"${m[1]}" appears twice in a row, as if pasted twice. Remove one.`);
    }
  }
  if (locale === 'en') {
    for (const m of text.matchAll(/\b([A-Za-z]{2,})\s+\1\b/g)) {
      if (m[1]!.toLowerCase() === 'that' || m[1]!.toLowerCase() === 'had') continue;
      addHit(hits, 'lint.repeated-phrase', m.index!, `英文里“${m[1]}”连续出现了两次。`, `"${m[1]}" appears twice in a row.`);
    }
  }

  // Traditional characters inside simplified text.
  if (locale === 'zh-Hans' && HAS_CJK.test(text)) {
    const hans = hantToHans(text);
    if (hans !== text && hans.length === text.length) {
      const found: string[] = [];
      let first = -1;
      for (let i = 0; i < text.length; i++) {
        // A mojibake run is reported as mojibake, not as traditional characters: one cause, one finding.
        if (text[i] !== hans[i] && !runs.some((r) => i >= r.index && i < r.index + r.text.length)) {
          if (first < 0) first = i;
          if (!found.includes(text[i]!)) found.push(text[i]!);
        }
      }
      if (found.length > 0)
        addHit(hits, 'lint.traditional-in-simplified', first, `简体文字中夹有繁体字：${found.join('、')}。请改为简体，繁体版本会自动生成。`, `Traditional characters inside simplified text: ${found.join(', ')}. Use simplified; the traditional version is made automatically.`);
    }
  }

  // Simplified characters inside a traditional field the curator wrote by hand.
  if (locale === 'zh-Hant' && HAS_CJK.test(text)) {
    const hant = hansToHant(text);
    if (hant !== text && hant.length === text.length) {
      const found = [...new Set([...text].filter((ch, i) => ch !== hant[i]))];
      const first = [...text].findIndex((ch, i) => ch !== hant[i]);
      if (found.length > 0)
        addHit(hits, 'lint.simplified-in-traditional', first, `繁体文字中夹有简体字：${found.join('、')}。可以删去 zh-Hant，让系统自动转换。`, `Simplified characters inside traditional text: ${found.join(', ')}. You can remove zh-Hant and let it be converted automatically.`);
    }
  }

  hits.push(...unbalanced(text));
  return hits.sort((a, b) => a.index - b.index);
}

/** Adds one hit (a plain function: lintText runs for every string of a pack, and makes no closure per string). */
function addHit(hits: LintHit[], code: string, index: number, zh: string, en: string): void {
  hits.push({ code, index, message: { 'zh-Hans': zh, en } });
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

/** One syllable as a curator may write it: with tone marks, a tone digit, or bare. */
function syllableMatches(reading: string, written: string): number {
  // Answers how many characters of `written` the reading takes (0: none).
  const bare = stripTones(reading);
  for (const form of [reading, bare]) {
    if (!written.startsWith(form)) continue;
    const digit = /^[1-5]/.test(written.slice(form.length)) ? 1 : 0;
    return form.length + digit;
  }
  return 0;
}

/** True when `written` (spaces and apostrophes removed, lower case) is a reading of `word`, syllable by syllable. */
function isWordReading(word: readonly string[], written: string): boolean {
  if (word.length === 0) return written.length === 0;
  const [ch, ...rest] = word;
  for (const r of pinyin(ch!, { multiple: true, type: 'array' })) {
    const n = syllableMatches(r, written);
    if (n > 0 && isWordReading(rest, written.slice(n))) return true;
  }
  return false;
}

const SYLLABLE = `[a-zA-Zü${TONED}]+[1-5]?`;
const GLUED = new RegExp(
  `([${CJK}]+)\\s*(?:[(（]\\s*(${SYLLABLE}(?:[\\s'’-]+${SYLLABLE})*)\\s*[)）]|((?:[a-z${TONED}]*[${TONED}][a-z${TONED}]*)(?:[\\s'’-]+[a-z${TONED}]+[1-5]?)*))`,
  'gu',
);

/**
 * Pinyin glued after characters or whole words, as annotated articles carry it: 创(chuàng),
 * 创新(chuàng xīn), 创新（chuangxin）, 党建dǎng jiàn. A hit only when the letters are a reading of
 * the characters before them, syllable for syllable.
 */
function gluedPinyin(text: string): LintHit[] {
  const out: LintHit[] = [];
  for (const m of text.matchAll(GLUED)) {
    const run = [...m[1]!];
    const tokens = (m[2] ?? m[3])!.split(/[\s'’-]+/);
    // Bracketed pinyin is taken whole; bare pinyin may run into ordinary English after it.
    const counts = m[2] !== undefined ? [tokens.length] : tokens.map((_, i) => tokens.length - i);
    found: for (const j of counts) {
      const written = tokens.slice(0, j).join(' ');
      const joined = tokens.slice(0, j).join('').toLowerCase();
      const toned = new RegExp(`[${TONED}1-5]`).test(joined);
      for (let k = 1; k <= Math.min(run.length, 8); k++) {
        const word = run.slice(-k);
        // Without tone marks a short string may be an abbreviation (公司(AB)); take only two letters a syllable or more.
        if (!toned && joined.length < 2 * k) continue;
        if (!isWordReading(word, joined)) continue;
        const w = word.join('');
        out.push({
          code: 'lint.glued-pinyin',
          index: m.index! + m[1]!.length,
          message: {
            'zh-Hans': `“${w}”后面粘着拼音“${written}”，这是从带注音的文章复制来的。请删去拼音。`,
            en: `Pinyin "${written}" is glued after "${w}" (copied from an annotated article). Remove the pinyin.`,
          },
        });
        break found;
      }
    }
  }
  return out;
}

/** Lines that articles copied from WeChat accounts and web pages carry: they ask for something a hall screen cannot do. */
const BOILERPLATE: ReadonlyArray<{ re: RegExp; zh: string; en: string }> = [
  { re: /点击(?:上方|下方|顶部|标题下)?[^，。！\n]{0,12}?(?:蓝字|关注)[^，。！\n]{0,8}/, zh: '这是公众号文章开头的“点击关注”提示', en: 'a WeChat account\'s "tap to follow" line' },
  { re: /(?:长按|扫描?|识别)[^，。！\n]{0,6}二维码[^，。！\n]{0,8}|扫码关注[^，。！\n]{0,8}/, zh: '这是让读者扫二维码的提示，展厅屏幕上没有可扫的码', en: 'a "scan the QR code" line; there is no code to scan on a hall screen' },
  { re: /(?:来源|来自|出处|转自)\s*[：:][^，。\n]{0,30}?(?:公众号|微信|头条号|百家号)[^，。\n]{0,20}/, zh: '这是转载文章的来源说明', en: 'a repost\'s source line' },
  { re: /(?:点击)?[“"「]?阅读原文[”"」]?/, zh: '这是指向原网页的“阅读原文”链接文字，展厅里点不开', en: 'a "read the original" link text; it cannot be opened in the hall' },
  { re: /转载请(?:注明|联系)[^。\n]{0,20}|版权归[^。\n]{0,12}所有|如有侵权[^。\n]{0,20}/, zh: '这是网页文章的转载或版权声明', en: 'a web article\'s reposting or copyright notice' },
  { re: /(?:点个?|求)?(?:赞|在看)(?:[、和，]|\s)*(?:在看|分享|转发)|分享[、，]?点赞[、，]?在看/, zh: '这是请读者点赞、在看、转发的提示', en: 'a "like, share, tap Wow" request' },
  { re: /(?:往期|精彩)(?:回顾|推荐|文章)|推荐阅读|猜你喜欢/, zh: '这是文章末尾的“往期推荐”栏目', en: 'an article\'s "more to read" footer' },
  { re: /(?:责任编辑|编辑|审核|校对|排版)\s*[：:|丨][^\n。]{1,12}?(?:\s*[|丨｜]\s*|\s+)(?:责任编辑|编辑|审核|校对|排版|来源)\s*[：:]/, zh: '这是网页文章的编辑署名栏', en: 'a web article\'s editors\' credit line' },
];

/** The boilerplate of pasted articles ("点击上方蓝字关注我们", "长按识别二维码" …), each placed at its start. */
function pastedBoilerplate(text: string): LintHit[] {
  const out: LintHit[] = [];
  for (const b of BOILERPLATE) {
    const m = b.re.exec(text);
    if (!m) continue;
    const quote = m[0].length > 24 ? `${m[0].slice(0, 24)}…` : m[0];
    out.push({
      code: 'lint.pasted-boilerplate',
      index: m.index,
      message: {
        'zh-Hans': `“${quote}”：${b.zh}，随文章从公众号或网页复制进来，展厅观众无从照做。请删去这句。`,
        en: `"${quote}" is ${b.en}, carried in when the article was copied from a WeChat account or a web page; visitors can do nothing with it. Delete it.`,
      },
    });
  }
  return out;
}

// WHATWG TextDecoder is in every runtime core runs in (Node, Chromium, Electron); core's lib has no DOM, so it is typed here.
type GlobalDecoder = new (label: string) => { decode(bytes: Uint8Array): string };
const { TextDecoder: Decoder } = globalThis as unknown as { TextDecoder: GlobalDecoder };

let gbkBytes: Map<string, readonly [number, number]> | undefined;
/** Each character's two GBK bytes, built once from the platform's GBK decoder. */
function gbkTable(): Map<string, readonly [number, number]> {
  if (gbkBytes) return gbkBytes;
  gbkBytes = new Map();
  const dec = new Decoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const c = dec.decode(Uint8Array.of(a, b));
      if (c.length === 1 && c !== '\uFFFD' && !gbkBytes.has(c)) gbkBytes.set(c, [a, b]);
    }
  return gbkBytes;
}

/** The character three bytes make in UTF-8, or undefined when they are not one well-formed three-byte sequence. */
function utf8Char3(b0: number, b1: number, b2: number): string | undefined {
  if (b0 < 0xe0 || b0 > 0xef || b1 < 0x80 || b1 > 0xbf || b2 < 0x80 || b2 > 0xbf) return undefined;
  if ((b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 >= 0xa0)) return undefined;
  return String.fromCharCode(((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f));
}
// What UTF-8 read as GBK is made of: Chinese, CJK symbols (㈣), private-use, Greek, Cyrillic, €.
const MOJIBAKE_RUN = /[\u0370-\u04ff\u2000-\u2bff\u2e80-\u9fff\ue000-\uf8ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]{2,}/g;

/**
 * Runs of UTF-8 Chinese that were read as GBK ("鍏氬彶" is 党史): the characters, written back
 * as GBK bytes, are two or more Chinese characters of valid UTF-8. Real Chinese text almost
 * never lines up so (lint.test.ts checks 3,000 random runs of common characters and the demo pack).
 */
function mojibakeRuns(text: string): { index: number; text: string; meant: string }[] {
  const out: { index: number; text: string; meant: string }[] = [];
  if (!HAS_CJK.test(text)) return out;
  const table = gbkTable();
  for (const m of text.matchAll(MOJIBAKE_RUN)) {
    const chars = [...m[0]];
    // Byte offsets of each character in the GBK rewrite, to map a UTF-8 stretch back to characters.
    const bytes: number[] = [];
    const charAt: number[] = [];
    for (const [i, c] of chars.entries()) {
      const b = table.get(c);
      if (!b) {
        bytes.push(-1);
        charAt.push(i);
        continue;
      }
      bytes.push(...b);
      charAt.push(i, i);
    }
    let best: { from: number; to: number; meant: string } | undefined;
    for (let s = 0; s + 6 <= bytes.length; s++) {
      let i = s;
      let meant = '';
      while (i + 3 <= bytes.length) {
        const ch = utf8Char3(bytes[i]!, bytes[i + 1]!, bytes[i + 2]!);
        if (ch === undefined || !/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/.test(ch)) break;
        meant += ch;
        i += 3;
      }
      if ([...meant].filter((c) => HAS_CJK.test(c)).length >= 2 && (!best || meant.length > best.meant.length)) best = { from: s, to: i, meant };
    }
    if (!best) continue;
    const first = charAt[best.from]!;
    const last = charAt[best.to - 1]!;
    const before = chars.slice(0, first).join('').length;
    out.push({ index: m.index! + before, text: chars.slice(first, last + 1).join(''), meant: best.meant });
  }
  return out;
}
