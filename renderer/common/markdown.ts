import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import DOMPurify from 'dompurify';

// Curators write markdown; nothing they write runs. Raw HTML is off, and the result is sanitised.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: true });
// markdown-it would print a `javascript:` link as its raw markdown; let every link through to
// the rule below, which turns links leaving the pack into their words and drops unsafe images.
const safeUrl = md.validateLink.bind(md);
md.validateLink = () => true;

/**
 * True when a link would take the screen away from the pack: any scheme (https:, mailto:,
 * javascript:, file:, ...), protocol-relative (`//host`, and `/\host`, which browsers read the
 * same way) or a path from the host's root. Browsers ignore tabs and newlines inside URLs and
 * leading spaces, so those are dropped before looking.
 */
export function leavesPack(href: string): boolean {
  // eslint-disable-next-line no-control-regex -- the characters URL parsing strips
  const h = href.replace(/[\u0000-\u0020\u007f]/g, '');
  return /^[a-z][a-z0-9+.-]*:/i.test(h) || /^[/\\]/.test(h);
}

// A tapped web link strands a kiosk on an offline error page: such links become their text.
md.core.ruler.push('links-stay-in-pack', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const kept: Token[] = [];
    const dropped: boolean[] = [];
    for (const t of block.children) {
      if (t.type === 'image' && !safeUrl(t.attrGet('src') ?? '')) {
        t.attrSet('src', '');
        kept.push(t);
      } else if (t.type === 'link_open') {
        const drop = leavesPack(t.attrGet('href') ?? '');
        dropped.push(drop);
        if (!drop) kept.push(t);
      } else if (t.type === 'link_close') {
        if (!dropped.pop()) kept.push(t);
      } else {
        kept.push(t);
      }
    }
    block.children = kept;
  }
});

/** Curator markdown as HTML before sanitising (raw HTML off; links that leave the pack as plain text). */
export function markdownHtml(source: string): string {
  return md.render(source);
}

/** Curator markdown as safe HTML; links that leave the pack come out as plain text. */
export function renderMarkdown(source: string): string {
  return DOMPurify.sanitize(markdownHtml(source), { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'iframe'], FORBID_ATTR: ['style', 'target'] });
}
