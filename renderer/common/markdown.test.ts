import { describe, expect, it } from 'vitest';
import { leavesPack, markdownHtml as renderMarkdown } from './markdown';

// DOMPurify needs a DOM; it runs on every kiosk in the link-tap e2e. Here: the markdown stage.

// Every way a curator (or a pasted article) writes a link; none may reach the kiosk as a link.
const AWAY = [
  ['inline', '看[新华网](https://www.xinhuanet.com/)报道', '新华网'],
  ['autolink', '来源 <https://www.people.com.cn/> 。', 'https://www.people.com.cn/'],
  ['reference', '见[人民网][1]\n\n[1]: http://www.people.com.cn/', '人民网'],
  ['protocol-relative', '[图片站](//cdn.example.com/x)', '图片站'],
  ['backslash', '[站点](/\\evil.example.com)', '站点'],
  ['root path', '[后台](/api/health)', '后台'],
  ['mailto', '[来信](mailto:hall@example.com)', '来信'],
  ['email autolink', '<hall@example.com>', 'hall@example.com'],
  ['title and spaces', '[外链]( https://example.com "标题")', '外链'],
  ['nested emphasis', '[**加粗**的链接](https://example.com)', '<strong>加粗</strong>的链接'],
] as const;

describe('markdown links on a kiosk', () => {
  for (const [form, source, text] of AWAY) {
    it(`renders a ${form} link as plain text`, () => {
      const html = renderMarkdown(source);
      expect(html).not.toMatch(/<a[\s>]/);
      expect(html).toContain(text);
    });
  }

  it('never lets javascript: through, as a link or an image', () => {
    const html = renderMarkdown('[点我](javascript:alert(1)) 和 [又一个](JaVaScRiPt:alert(2)) ![图](javascript:alert(3))');
    expect(html).toBe('<p>点我 和 又一个 <img src="" alt="图"></p>\n');
  });

  it('keeps ordinary images from the pack', () => {
    expect(renderMarkdown('![船](media/boat.png)')).toBe('<p><img src="media/boat.png" alt="船"></p>\n');
  });

  it('keeps links inside the pack', () => {
    expect(renderMarkdown('[下一节](#second) 与 [附录](appendix.md)')).toBe('<p><a href="#second">下一节</a> 与 <a href="appendix.md">附录</a></p>\n');
  });

  it('tells leaving links from in-pack ones', () => {
    for (const h of ['https://a', 'HTTP://a', ' \thttps://a', 'ht\ntps://a', '//a', '/\\a', '\\\\a', '/x', 'mailto:a', 'tel:1', 'data:text/html,x', 'file:///etc']) expect(leavesPack(h), h).toBe(true);
    for (const h of ['#x', 'a.md', './a.md', 'img/x.png', '']) expect(leavesPack(h), h).toBe(false);
  });
});
