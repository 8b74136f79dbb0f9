import type { Bilingual } from '../text';

/**
 * What in an SVG could run code or reach outside the pack when a surface shows it: script
 * elements, event-handler attributes, javascript: links, foreignObject (HTML inside the
 * picture), embedded frames, external references, style sheets that load from elsewhere, and
 * entity declarations. Read over the whole file, not its first bytes.
 */
export interface SvgHazard {
  /** Offset in the text where the hazard starts. */
  index: number;
  /** What was found, in the curator's words. */
  what: Bilingual;
}

const ELEMENTS: Readonly<Record<string, Bilingual>> = {
  script: { 'zh-Hans': '<script> 脚本', en: 'a <script> element' },
  foreignobject: { 'zh-Hans': '<foreignObject>（在图里嵌入网页内容）', en: 'a <foreignObject> (web content inside the picture)' },
  iframe: { 'zh-Hans': '<iframe> 嵌入网页', en: 'an <iframe>' },
  embed: { 'zh-Hans': '<embed> 嵌入对象', en: 'an <embed>' },
  object: { 'zh-Hans': '<object> 嵌入对象', en: 'an <object>' },
  handler: { 'zh-Hans': '<handler> 事件脚本', en: 'a <handler> element' },
  listener: { 'zh-Hans': '<listener> 事件监听', en: 'a <listener> element' },
};
const LINK_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'from', 'to', 'values', 'action', 'formaction']);
/** Pictures embedded in the file itself are fine: they load nothing and run nothing. */
const SAFE_DATA = /^data:image\/(?:png|jpe?g|gif|webp)[;,]/;

const decodeEntities = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&#([0-9]+);?/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '');

/** A link value as a browser would read it: entities decoded, blanks and control characters dropped, lower case. */
const linkValue = (raw: string) => [...decodeEntities(raw)].filter((c) => c.charCodeAt(0) > 0x20 && c !== '\u007f').join('').toLowerCase();

function linkHazard(value: string): Bilingual | undefined {
  const v = linkValue(value);
  if (v === '' || v.startsWith('#')) return undefined;
  if (/^(?:java|vb)script:/.test(v)) return { 'zh-Hans': `javascript: 链接`, en: 'a javascript: link' };
  if (v.startsWith('data:')) return SAFE_DATA.test(v) ? undefined : { 'zh-Hans': '嵌入的 data: 文档（不是图片）', en: 'an embedded data: document (not a picture)' };
  if (/^[a-z][a-z0-9+.-]*:/.test(v) || v.startsWith('//'))
    return { 'zh-Hans': `外部链接“${value.trim().slice(0, 60)}”`, en: `an external reference "${value.trim().slice(0, 60)}"` };
  return undefined;
}

function cssHazard(css: string): { at: number; what: Bilingual } | undefined {
  const imp = /@import/i.exec(css);
  if (imp) return { at: imp.index, what: { 'zh-Hans': '样式表 @import 外部样式', en: 'a style sheet @import' } };
  for (const m of css.matchAll(/url\(\s*(["']?)([^"')]*)\1\s*\)/gi)) {
    const hazard = linkHazard(m[2]!);
    if (hazard) return { at: m.index!, what: hazard };
  }
  const expr = /expression\s*\(|behavior\s*:|-moz-binding/i.exec(css);
  if (expr) return { at: expr.index, what: { 'zh-Hans': '样式中的脚本表达式', en: 'a script expression in a style' } };
  return undefined;
}

/** Blanks comments (their content is inert) while keeping every offset where it was. */
const blankComments = (text: string) => text.replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => c.replace(/[^\n]/g, ' '));

/** The first hazard in an SVG's text, or undefined when it is only a picture. */
export function svgHazard(text: string): SvgHazard | undefined {
  const t = blankComments(text);
  const decl = /<!ENTITY|<\?xml-stylesheet/i.exec(t);
  const hazards: SvgHazard[] = [];
  if (decl)
    hazards.push({
      index: decl.index,
      what: decl[0].startsWith('<!')
        ? { 'zh-Hans': '<!ENTITY> 实体声明', en: 'an <!ENTITY> declaration' }
        : { 'zh-Hans': '<?xml-stylesheet?> 外部样式表', en: 'an <?xml-stylesheet?> instruction' },
    });
  const tag = /<([a-zA-Z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  for (const m of t.matchAll(tag)) {
    const name = m[1]!.toLowerCase().replace(/^[\w.-]+:/, '');
    const element = ELEMENTS[name];
    if (element) {
      hazards.push({ index: m.index!, what: element });
      break;
    }
    const attrsAt = m.index! + 1 + m[1]!.length;
    for (const a of m[2]!.matchAll(/([^\s=/"']+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
      const attr = a[1]!.toLowerCase();
      const value = a[2] ?? a[3] ?? a[4] ?? '';
      const at = attrsAt + a.index!;
      if (/^on[a-z]/.test(attr)) hazards.push({ index: at, what: { 'zh-Hans': `事件属性 ${a[1]}（点击或加载时运行脚本）`, en: `the event attribute ${a[1]} (runs script on a tap or on load)` } });
      else if (LINK_ATTRIBUTES.has(attr) || attr.endsWith(':href')) {
        const hazard = linkHazard(value);
        if (hazard) hazards.push({ index: at, what: hazard });
      } else if (attr === 'style') {
        const css = cssHazard(value);
        if (css) hazards.push({ index: at, what: css.what });
      }
    }
    if (name === 'style') {
      const close = t.toLowerCase().indexOf('</style', m.index! + m[0].length);
      const body = t.slice(m.index! + m[0].length, close < 0 ? undefined : close);
      const css = cssHazard(body);
      if (css) hazards.push({ index: m.index! + m[0].length + css.at, what: css.what });
    }
    if (hazards.length > 0) break;
  }
  return hazards.sort((a, b) => a.index - b.index)[0];
}

/** The message for an SVG hazard: what was found, and what to do. */
export function svgHazardMessage(h: SvgHazard): Bilingual {
  return {
    'zh-Hans': `SVG 中含有${h.what['zh-Hans']}。展厅不会运行内容里的代码，也不连外网。请在绘图软件中删去它，再导出为普通 SVG 或 PNG。`,
    en: `The SVG contains ${h.what.en}. The hall never runs code from content and is offline. Remove it in the drawing program and export a plain SVG or a PNG.`,
  };
}
