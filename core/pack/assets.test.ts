import { describe, expect, it } from 'vitest';
import { basePack, SVG } from './fixtures/bad-packs';
import { gifHeader, jpegHeader, png, pngHeader, webpHeader } from './fixtures/media';
import { packSource } from './fixtures/source';
import { probeAsset } from './probe';
import { svgHazard } from './svg';
import { validatePack } from './validate';

const probe = (b: Uint8Array) => probeAsset({ size: b.length, head: b, tail: b.subarray(Math.max(0, b.length - 65536)) });
const svgFindings = (svg: string) => {
  const files = basePack();
  files['media/flag.svg'] = svg;
  return validatePack(packSource(files), { appVersion: '0.1.0' }).findings.filter((f) => f.file === 'media/flag.svg');
};

describe('SVG checked in full', () => {
  const padding = `<g>${'<rect width="1" height="1" fill="#c8102e"/>\n'.repeat(2000)}</g>`;
  it('finds a script after the first 64 KiB and places it on its line', () => {
    const svg = SVG.replace('<rect', `${padding}<script>alert(1)</script><rect`);
    expect(svg.indexOf('<script>')).toBeGreaterThan(65536);
    const f = svgFindings(svg);
    expect(f.map((x) => [x.code, x.line, x.column])).toEqual([['asset.svg-script', 2001, 5]]);
    expect(f[0]!.message['zh-Hans']).toContain('<script> 脚本');
  });
  it.each([
    ['an event attribute', '<rect onclick="go()" width="1" height="1"/>', '事件属性 onclick'],
    ['a javascript: link hidden with entities', '<a xlink:href="jav&#x61;script:alert(1)"><rect width="1" height="1"/></a>', 'javascript: 链接'],
    ['foreignObject', '<foreignObject width="10" height="10"><div>x</div></foreignObject>', 'foreignObject'],
    ['an external image', '<image href="https://example.com/a.png" width="1" height="1"/>', '外部链接'],
    ['a style sheet that loads from outside', '<style>@import url(http://example.com/a.css);</style>', '@import'],
    ['a CSS url() to the web', '<rect style="fill: url(//example.com/p.svg#g)" width="1" height="1"/>', '外部链接'],
    ['an embedded HTML document', '<image href="data:text/html;base64,PHNjcmlwdD4=" width="1" height="1"/>', 'data:'],
  ])('refuses %s', (_, element, said) => {
    const f = svgFindings(SVG.replace('<rect', `${element}<rect`));
    expect(f.map((x) => x.code)).toEqual(['asset.svg-script']);
    expect(f[0]!.message['zh-Hans']).toContain(said);
  });
  it('leaves pictures alone: internal references, embedded PNGs, comments, namespaces', () => {
    expect(svgHazard('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><!-- <script>old</script> --><use xlink:href="#a"/><image href="data:image/png;base64,iVBOR" /><text>onclick=1</text></svg>')).toBeUndefined();
  });
});

describe('pictures too big to decode', () => {
  it('reads the size from PNG, JPEG (after a large APP1), GIF and WebP headers and refuses past the limit', () => {
    for (const b of [pngHeader(20_000, 100), jpegHeader(100, 17_000, 30_000), gifHeader(9000, 5000), webpHeader(8000, 8000)]) {
      const p = probe(b);
      expect(p.problem, p.format).toBe('too-many-pixels');
      expect(p.message!['zh-Hans']).toMatch(/每边 16,384 像素、总共 40 百万像素/);
      expect(p.message!.en).toMatch(/run out of memory/);
    }
    expect(probe(jpegHeader(16_384, 2000))).toMatchObject({ format: 'jpeg', width: 16_384, height: 2000 });
    expect(probe(png(4, 3)).problem).toBeUndefined();
  });
  it('refuses such a picture in a pack as asset.too-many-pixels', () => {
    const files = basePack();
    files['exhibits.yaml'] = (files['exhibits.yaml'] as string).replace('media/flag.svg', 'media/huge.png');
    files['media/huge.png'] = pngHeader(30_000, 30_000);
    const f = validatePack(packSource(files), { appVersion: '0.1.0' }).findings.filter((x) => x.file === 'media/huge.png');
    expect(f.map((x) => [x.code, x.severity])).toEqual([['asset.too-many-pixels', 'error']]);
    expect(f[0]!.message['zh-Hans']).toContain('30000×30000 像素（900.0 百万像素）');
  });
});
