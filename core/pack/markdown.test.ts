import { describe, expect, it } from 'vitest';
import { scanMarkdown } from './markdown';
import { validatePack, type PackSource } from './validate';
import { basePack, type PackFiles } from './fixtures/bad-packs';
import { EXTENSIONS, extensionOf } from './probe';

/** `code@index` for problems, `pack:path@index` for links into the pack. */
const scan = (text: string) => scanMarkdown(text).map((h) => (h.kind === 'problem' ? `${h.code}@${h.index}` : `pack:${h.path}${h.image ? ':image' : ''}@${h.index}`));

describe('scanMarkdown: links that leave the pack', () => {
  it('finds an inline link, placed at its address', () => {
    expect(scan('参见 [网站](https://example.org)')).toEqual(['markdown.external-link@8']);
  });
  it('finds an autolink', () => {
    expect(scan('看 <https://a.cn/x> 吧')).toEqual(['markdown.external-link@3']);
  });
  it('finds a reference link, placed where its address is written', () => {
    const text = '详见[资料][1]。\n\n[1]: https://b.cn/y';
    expect(scan(text)).toEqual([`markdown.external-link@${text.indexOf('https')}`]);
  });
  it('finds bare web addresses that linkify would turn into links, not every dotted word', () => {
    expect(scan('官网 https://c.cn/z 和 www.d.cn')).toEqual(['markdown.external-link@3', 'markdown.external-link@20']);
    expect(scan('见 notes.md 与 a@b.cn')).toEqual([]);
  });
  it('finds protocol-relative links and external pictures', () => {
    expect(scan('[p](//e.cn) ![图](http://f.cn/a.png)')).toEqual(['markdown.external-link@4', 'markdown.external-link@17']);
  });
  it('refuses every other scheme, including the ones markdown-it would drop', () => {
    expect(scan('[信](mailto:a@b.cn) [电话](tel:123) [x](javascript:alert(1)) [f](file:///etc/passwd)')).toEqual([
      'markdown.bad-link@4', 'markdown.bad-link@24', 'markdown.bad-link@37', 'markdown.bad-link@62',
    ]);
  });
  it('says what happens to a visitor, in zh-Hans and en', () => {
    const [hit] = scanMarkdown('[网站](https://example.org)');
    expect(hit?.kind === 'problem' && hit.message['zh-Hans']).toContain('不联网');
    expect(hit?.kind === 'problem' && hit.message.en).toContain('offline');
  });
});

describe('scanMarkdown: links inside the pack', () => {
  it('returns pack paths decoded, without fragment, and marks pictures', () => {
    expect(scan('![旗](media/旗.svg) [文](media/a%20b.md#x) [顶](#top)')).toEqual(['pack:media/旗.svg:image@5', 'pack:media/a b.md@22']);
  });
});

describe('scanMarkdown: raw HTML', () => {
  it('finds inline tags once a paragraph and says visitors see them as text', () => {
    const hits = scanMarkdown('文字 <b>粗</b> 与 <i>斜</i>');
    expect(hits.map((h) => `${h.kind === 'problem' ? h.code : ''}@${h.index}`)).toEqual(['markdown.html@3']);
    const hit = hits[0]!;
    expect(hit.kind === 'problem' && hit.message['zh-Hans']).toContain('原样看到');
    expect(hit.kind === 'problem' && hit.message.en).toContain('literal text');
  });
  it('finds HTML blocks and comments', () => {
    expect(scan('<div>\n块\n</div>\n\n文字 <!-- 注释 -->')).toEqual(['markdown.html@0', 'markdown.html@19']);
  });
  it('leaves code spans alone', () => {
    expect(scan('运行 `redhall pack validate <包>` 即可')).toEqual([]);
  });
});

function source(files: PackFiles): PackSource {
  const texts = new Map<string, string>();
  const assets = new Map<string, { size: number; head: Uint8Array; tail: Uint8Array }>();
  for (const [p, v] of Object.entries(files)) {
    if (EXTENSIONS[extensionOf(p)]?.category === 'text' && typeof v === 'string') texts.set(p, v);
    else {
      const b = typeof v === 'string' ? new TextEncoder().encode(v) : v;
      assets.set(p, { size: b.length, head: b.subarray(0, 65536), tail: b.subarray(Math.max(0, b.length - 65536)) });
    }
  }
  return { paths: Object.keys(files).sort(), texts, assets };
}

describe('validatePack: every markdown text goes through the one rule', () => {
  const placed = (files: PackFiles) =>
    validatePack(source(files), { appVersion: '0.1.0' }).findings.map((f) => `${f.severity}:${f.code}@${f.file}:${f.line}:${f.column}`);

  it('places an autolink in an exhibit body at its line and column', () => {
    const files = basePack();
    files['exhibits.yaml'] = (files['exhibits.yaml'] as string).replace('召开。', '召开，见 <https://a.cn>。');
    expect(placed(files)).toEqual(['error:markdown.external-link@exhibits.yaml:8:43']);
  });

  it('checks reading articles, with a reference link in a literal block', () => {
    const files = basePack();
    files['pack.yaml'] = (files['pack.yaml'] as string) + '  reading: reading.yaml\n';
    files['reading.yaml'] = ['title: 悦读', 'articles:', '  - id: a', '    title: 文', '    body: |', '      详见[资料][1]。', '', '      [1]: https://b.cn/y', ''].join('\n');
    expect(placed(files)).toEqual(['error:markdown.external-link@reading.yaml:8:12']);
  });

  it('checks story pages beside a scenario, links relative to the page', () => {
    const files = basePack();
    files['pack.yaml'] = (files['pack.yaml'] as string) + '  scenarios: [scenarios/s/scenario.yaml]\n';
    files['scenarios/s/scenario.yaml'] = 'id: s\n';
    files['scenarios/s/roles/a.md'] = '# 角色\n\n你记得 <u>那天</u>。\n\n![河](../media/none.svg) [邮件](mailto:x@y.cn)\n';
    const mine = placed(files).filter((f) => f.includes('roles/a.md'));
    expect(mine).toEqual([
      'error:markdown.html@scenarios/s/roles/a.md:3:5',
      'error:ref.missing-file@scenarios/s/roles/a.md:5:6',
      'error:markdown.bad-link@scenarios/s/roles/a.md:5:30',
    ]);
  });
});
