import MarkdownIt, { type Token } from 'markdown-it';
import type { Bilingual } from '../text';

/**
 * The one rule for curator markdown (exhibit bodies, station and point texts, reading articles,
 * story pages): find every link and every piece of raw HTML the way the surfaces' parser
 * (markdown-it, as renderer/common/markdown.ts configures it) would see them.
 */

/** A link inside the pack: the validator checks the file exists and is of the right kind. */
export interface PackLink {
  kind: 'pack-link';
  /** Pack-relative path (URL-decoded, without #fragment), relative to pack.yaml. */
  path: string;
  image: boolean;
  /** Character offset of the link in the markdown text. */
  index: number;
}

/** Something a visitor would be hurt by: a link out of the hall, or HTML shown as text. */
export interface MarkdownProblem {
  kind: 'problem';
  code: 'markdown.external-link' | 'markdown.bad-link' | 'markdown.html';
  index: number;
  message: Bilingual;
}

export type MarkdownHit = PackLink | MarkdownProblem;

// As the surfaces render: raw HTML off (it shows as text), links as markdown-it finds them.
// linkify is on here although the surfaces keep it off: a bare address is still a way out the
// day someone switches it on, and a curator who wrote one meant it as a link.
const asRendered = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
// markdown-it silently turns javascript:, file: and most data: links back into text; the
// validator wants to see every link a curator wrote, so nothing is filtered here.
asRendered.validateLink = () => true;
asRendered.linkify.set({ fuzzyEmail: false });
const withHtml = new MarkdownIt({ html: true, linkify: false, typographer: false, breaks: true });

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Every link and every raw HTML tag of one markdown text, with where each starts in the text. */
export function scanMarkdown(text: string): MarkdownHit[] {
  const hits: MarkdownHit[] = [];
  const lines = lineStarts(text);
  const cursor = new Map<string, number>();

  const each = (tokens: Token[], f: (t: Token, block: Token, next: Token | undefined) => void) => {
    for (const block of tokens) {
      if (block.children) block.children.forEach((t, i, all) => f(t, block, all[i + 1]));
      else f(block, block, undefined);
    }
  };

  each(asRendered.parse(text, {}), (t, block, next) => {
    const image = t.type === 'image';
    if (t.type !== 'link_open' && !image) return;
    const target = (image ? t.attrGet('src') : t.attrGet('href')) ?? '';
    const raw = safeDecode(target);
    // A bare address counts when a reader would see one too (a scheme or www.), not every "a.md".
    const bare = t.markup === 'linkify' ? (next?.content ?? '') : undefined;
    if (bare !== undefined && !/^(www\.|[a-z][a-z0-9+.-]*:\/\/)/i.test(bare)) return;
    const index = find(text, lines, block, [bare ?? '', raw, target], cursor);
    const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
    if (raw.startsWith('//') || scheme === 'http' || scheme === 'https') {
      hits.push({ kind: 'problem', code: 'markdown.external-link', index, message: externalLink(raw, image) });
    } else if (scheme !== undefined) {
      hits.push({ kind: 'problem', code: 'markdown.bad-link', index, message: otherScheme(raw, scheme) });
    } else if (!raw.startsWith('#') && raw !== '') {
      hits.push({ kind: 'pack-link', path: raw.split('#')[0]!.split('?')[0]!, image, index });
    }
  });

  // One finding a paragraph: <b>…</b> is one mistake, not two.
  const seen = new Set<Token>();
  each(withHtml.parse(text, {}), (t, block) => {
    if ((t.type !== 'html_inline' && t.type !== 'html_block') || seen.has(block)) return;
    seen.add(block);
    const shown = t.content.trim().split('\n')[0]!;
    const index = find(text, lines, block, [shown], cursor);
    hits.push({ kind: 'problem', code: 'markdown.html', index, message: rawHtml(shown) });
  });

  return hits.sort((a, b) => a.index - b.index);
}

function externalLink(target: string, image: boolean): Bilingual {
  return image
    ? {
        'zh-Hans': `图片来自外部网址“${target}”。展厅不联网，屏幕上只会是一块空白。请把图片放进内容包，写成包内路径（如 media/images/图.png）。`,
        en: `The picture comes from the web address "${target}". The hall is offline, so the screen would show an empty box. Put the picture in the pack and give its path inside the pack (e.g. media/images/photo.png).`,
      }
    : {
        'zh-Hans': `文字链接到外部网址“${target}”。展厅不联网，观众点开后触摸屏会停在打不开的网页上。请删去这个链接，或把要介绍的内容放进内容包。`,
        en: `The text links to the web address "${target}". The hall is offline: a visitor who taps it would leave the kiosk stuck on a page that cannot load. Remove the link, or put what it points to into the pack.`,
      };
}

function otherScheme(target: string, scheme: string): Bilingual {
  return {
    'zh-Hans': `不能使用“${scheme}:”链接（“${target}”）：触摸屏上点开它会离开展厅页面。文字里只能链接内容包中的文件；电话、邮箱等请直接写成文字。`,
    en: `A "${scheme}:" link ("${target}") cannot be used: tapped on a kiosk it would leave the hall's page. Text may link only to files in the pack; write phone numbers and e-mail addresses as plain text.`,
  };
}

function rawHtml(shown: string): Bilingual {
  const clip = shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
  return {
    'zh-Hans': `文字中有 HTML 代码“${clip}”。屏幕不执行 HTML，观众会原样看到这些尖括号和标签文字。请删去，或改用 Markdown（如 **加粗**、*斜体*、空行分段）。`,
    en: `The text contains HTML ("${clip}"). Screens do not run HTML: visitors would see these angle brackets and tags as literal text. Remove it, or use Markdown instead (**bold**, *italic*, a blank line between paragraphs).`,
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}

/**
 * Where a token's source text starts: markdown-it places blocks by line only, so the first not
 * yet used occurrence of what the curator wrote is searched from the block's first line.
 */
function find(text: string, lines: readonly number[], block: Token, needles: readonly string[], cursor: Map<string, number>): number {
  const from = block.map ? (lines[block.map[0]] ?? 0) : 0;
  for (const needle of needles) {
    if (!needle) continue;
    const at = text.indexOf(needle, Math.max(from, cursor.get(needle) ?? 0));
    if (at >= 0) {
      cursor.set(needle, at + 1);
      return at;
    }
  }
  return from;
}
