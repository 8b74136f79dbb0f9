import { describe, expect, it } from 'vitest';
import { validatePack, type PackSource } from './validate';
import { coverageFromUnicodeRanges } from './coverage';
import { BAD_PACKS, basePack, type PackFiles } from './fixtures/bad-packs';
import { EXTENSIONS, extensionOf, probeAsset } from './probe';
import { deriveHant } from './hant';
import { checkPackPath, collidingPaths } from './paths';

const font = coverageFromUnicodeRanges(['U+0000-00FF', 'U+2000-206F', 'U+3000-303F', 'U+4E00-9FFF', 'U+FF00-FFEF']);

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

describe('validatePack', () => {
  it('accepts the base pack with no findings', () => {
    const r = validatePack(source(basePack()), { appVersion: '0.1.0', font });
    expect(r.findings).toEqual([]);
    expect(r.content?.exhibits?.modules[0]?.items).toHaveLength(2);
    expect(r.probes.get('media/oath.wav')?.seconds).toBeCloseTo(2, 3);
    expect(r.probes.get('media/flag.svg')).toMatchObject({ format: 'svg', width: 400, height: 300 });
  });

  for (const bad of BAD_PACKS) {
    it(`refuses: ${bad.name} (${bad.code})`, () => {
      const files = basePack();
      bad.change(files);
      const r = validatePack(source(files), { appVersion: '0.1.0', font });
      const hit = r.findings.find((f) => f.code === bad.code && (bad.line === undefined || f.line === bad.line));
      expect(hit, JSON.stringify(r.findings, null, 1)).toBeDefined();
      expect(hit!.severity).toBe('error');
      expect(hit!.file).toBe(bad.file);
      if (bad.line !== undefined) expect(hit!.line).toBe(bad.line);
      expect(hit!.message['zh-Hans'].length).toBeGreaterThan(0);
      expect(hit!.message.en.length).toBeGreaterThan(0);
      expect(r.content).toBeUndefined();
    });
  }

  it('reports lint as warnings by default and keeps the content', () => {
    const files = basePack();
    files['exhibits.yaml'] = (files['exhibits.yaml'] as string).replace('召开。', '召开,,創(chuàng)');
    const r = validatePack(source(files), { appVersion: '0.1.0', font });
    expect(r.findings.map((f) => f.code).sort()).toEqual(['lint.glued-pinyin', 'lint.punctuation', 'lint.traditional-in-simplified']);
    expect(r.findings.every((f) => f.severity === 'warning' && f.line === 8)).toBe(true);
    expect(r.content).toBeDefined();
  });

  it('says a misspelt required key once, as the unknown key with its "did you mean", not also as missing', () => {
    const files = basePack();
    files['exhibits.yaml'] = (files['exhibits.yaml'] as string).replace('        title: 中共一大', '        titel: 中共一大');
    const r = validatePack(source(files), { appVersion: '0.1.0', font });
    const schema = r.findings.filter((f) => f.code === 'schema.invalid');
    expect(schema.map((f) => f.message['zh-Hans'])).toEqual([expect.stringContaining('是不是想写“title”')]);
    expect(schema[0]!.line).toBe(7);
  });

  it('still says a required key is missing when nothing near it was written', () => {
    const files = basePack();
    files['exhibits.yaml'] = (files['exhibits.yaml'] as string).replace('        title: 中共一大\n', '');
    const r = validatePack(source(files), { appVersion: '0.1.0', font });
    expect(r.findings.filter((f) => f.code === 'schema.invalid').map((f) => f.message['zh-Hans'])).toEqual([expect.stringContaining('缺少必填项“title”')]);
  });

  it('checks the font over quiz banks too, leaving their schema to their checker', () => {
    const files = basePack();
    files['pack.yaml'] = (files['pack.yaml'] as string) + '  quizzes: [quiz/bank.yaml]\n';
    files['quiz/bank.yaml'] = 'id: bank\ntitle: 题库\u{1D11E}\n';
    const r = validatePack(source(files), { appVersion: '0.1.0', font });
    expect(r.findings.filter((f) => f.file === 'quiz/bank.yaml').map((f) => `${f.code}@${f.line}:${f.column}`)).toContain('font.uncovered@2:10');
  });

  it('checks the cinema schedule against the films\' real lengths', () => {
    const files = basePack();
    files['pack.yaml'] = (files['pack.yaml'] as string) + '  cinema: cinema.yaml\n';
    // A "film" that is a WAV is refused as the wrong kind, so use audio-only MP4 bytes: ftyp + mvhd of 600 s.
    const mp4 = new Uint8Array(64);
    const dv = new DataView(mp4.buffer);
    mp4.set([...'ftypisom'].map((c) => c.charCodeAt(0)), 4);
    mp4.set([...'mvhd'].map((c) => c.charCodeAt(0)), 20);
    dv.setUint32(36, 1000); // timescale
    dv.setUint32(40, 600_000); // duration: 600 s
    files['media/film.mp4'] = mp4;
    files['cinema.yaml'] = [
      'title: 影院', 'films:', '  - { id: f, title: 片, src: media/film.mp4 }', 'playlists:', '  - { id: p, title: 单, films: [f, f] }',
      'schedule:', '  - { at: "09:00", playlist: p }', '  - { at: "09:15", playlist: p }', '  - { at: "09:40", playlist: p }', '',
    ].join('\n');
    const r = validatePack(source(files), { appVersion: '0.1.0', font });
    expect(r.probes.get('media/film.mp4')?.seconds).toBe(600);
    expect(r.findings.map((f) => `${f.code}@${f.line}`)).toEqual(['cinema.overlap@8']);
  });

  it('checks pictures and links inside Markdown text', () => {
    const files = basePack();
    files['exhibits.yaml'] = (files['exhibits.yaml'] as string).replace(
      '        body: 1921年7月，中国共产党第一次全国代表大会召开。',
      '        body: "看图：![旗](media/flag.svg) 和 ![缺](media/none.png)，参见 [网站](https://example.org) 与 <b>粗</b>"',
    );
    const r = validatePack(source(files), { appVersion: '0.1.0', font });
    expect(r.findings.map((f) => `${f.severity}:${f.code}@${f.line}`).sort()).toEqual([
      'error:markdown.external-link@8', 'error:markdown.html@8', 'error:ref.missing-file@8',
    ]);
  });

  it('checks what each show cue takes', async () => {
    const files = basePack();
    files['pack.yaml'] = (files['pack.yaml'] as string) + '  shows: [show.yaml]\n';
    files['show.yaml'] = [
      'id: s', 'title: 秀', 'seconds: 10', 'cues:',
      '  - { at: 0, target: wall, action: play, src: media/oath.wav }',
      '  - { at: 1, target: wall, action: play }',
      '  - { at: 2, target: wall, action: show, src: media/oath.wav }',
      '  - { at: 3, target: all, action: text }',
      '  - { at: 12, target: all, action: stop }', '',
    ].join('\n');
    const r = validatePack(source(files), { appVersion: '0.1.0', font });
    expect(r.findings.map((f) => `${f.code}@${f.line}`)).toEqual(['show.cue-src@6', 'ref.wrong-kind@7', 'show.cue-src@8', 'show.cue-after-end@9']);
    expect((await import('./url')).packAssetUrl('demo-hall', 'media/党旗 1.svg')).toBe('/packs/demo-hall/media/%E5%85%9A%E6%97%97%201.svg');
  });

  it('checks timelines: order, lines and dates', () => {
    const files = basePack();
    files['pack.yaml'] = (files['pack.yaml'] as string) + '  timelines: [timeline.yaml]\n';
    files['timeline.yaml'] = [
      'id: t', 'title: 百年', 'stations:',
      '  - { id: a, date: 1921-07, title: 一大, text: 建党 }',
      '  - { id: b, date: 1920-02-30, title: 错, text: 错 }',
      'lines:', '  - { id: l, title: 线, color: "#c8102e", stations: [a, c] }', '',
    ].join('\n');
    const codes = validatePack(source(files), { appVersion: '0.1.0', font }).findings.map((f) => `${f.code}@${f.line}`);
    expect(codes).toEqual(expect.arrayContaining(['timeline.bad-date@5', 'timeline.order@5', 'ref.unresolved@7', 'timeline.off-line@5']));
  });
  it('checks themes, map zones and stories, and an exhibit item\'s link to a timeline station', () => {
    const files = basePack();
    files['pack.yaml'] = (files['pack.yaml'] as string) + '  timelines: [timeline.yaml]\n  maps: [map.yaml]\n';
    files['exhibits.yaml'] = (files['exhibits.yaml'] as string).replace('        kind: text\n', '        kind: text\n        station: a\n').replace('        kind: image\n', '        kind: image\n        station: nowhere\n');
    files['timeline.yaml'] = ['id: t', 'title: 百年', 'themes: [{ id: party, title: 党建 }]', 'stations:', '  - { id: a, date: 1921-07, title: 一大, text: 建党, themes: [party, war] }', ''].join('\n');
    files['map.yaml'] = [
      'id: m', 'title: 地图', 'base: { src: media/flag.svg, width: 100, height: 100 }',
      'points: [{ id: p, title: 门, x: 1, y: 1 }, { id: q, title: 厅, x: 2, y: 2 }]',
      'zones: [{ id: z, title: 区, outline: [[0, 0], [50, 0], [50, 150]] }]',
      'routes: [{ id: r, title: 路, points: [p, q], kind: orienteering, stories: [{ point: x, text: 讲 }] }]', '',
    ].join('\n');
    const codes = validatePack(source(files), { appVersion: '0.1.0', font }).findings.map((f) => `${f.file}:${f.code}@${f.line}`);
    expect(codes).toEqual(expect.arrayContaining(['timeline.yaml:ref.unresolved@5', 'map.yaml:map.off-map@5', 'map.yaml:map.story-off-route@6', 'exhibits.yaml:ref.unresolved@12']));
    expect(codes.filter((c) => c.includes('ref.unresolved') || c.includes('off-'))).toHaveLength(4);
  });
});

describe('probes', () => {
  it('reads PNG size and refuses a PNG header on other bytes', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 0, 200, 0x49, 0x45, 0x4e, 0x44]);
    expect(probeAsset({ size: 28, head: png, tail: png })).toEqual({ format: 'png', width: 256, height: 200 });
    expect(probeAsset({ size: 3, head: new Uint8Array([1, 2, 3]), tail: new Uint8Array() }).format).toBeUndefined();
    // Cut short: no IEND at the end.
    expect(probeAsset({ size: 24, head: png, tail: png.subarray(0, 0) }).problem).toBe('undecodable');
  });
});

describe('paths and zh-Hant', () => {
  it('refuses unsafe paths and finds folded collisions', () => {
    for (const p of ['../a', '/etc/passwd', 'a\\b', 'C:/x', 'a//b', 'a/./b', '']) expect(checkPackPath(p), p).toBeDefined();
    expect(checkPackPath('media/旗帜.svg')).toBeUndefined();
    expect(collidingPaths(['a/B.png', 'a/b.png', 'caf\u00e9', 'cafe\u0301'])).toHaveLength(2);
  });
  it('derives zh-Hant where missing and keeps what curators wrote', () => {
    const out = deriveHant({ title: '发展', x: { body: { 'zh-Hans': '发展', 'zh-Hant': '發展!' } }, id: 'fa-zhan' });
    expect(out).toEqual({ title: { 'zh-Hans': '发展', 'zh-Hant': '發展' }, x: { body: { 'zh-Hans': '发展', 'zh-Hant': '發展!' } }, id: 'fa-zhan' });
  });
});

describe('placeInScalar', () => {
  it('points at the character inside plain, quoted and literal scalars', async () => {
    const { placeInScalar } = await import('./validate');
    const src = 'a: 中国,人民\nb: "你好,,我"\nc: |\n  第一行\n  第二,,行\n';
    expect(placeInScalar(src, { line: 1, column: 4 }, '中国,人民', 2)).toEqual({ line: 1, column: 6 });
    expect(placeInScalar(src, { line: 2, column: 4 }, '你好,,我', 2)).toEqual({ line: 2, column: 7 });
    expect(placeInScalar(src, { line: 3, column: 4 }, '第一行\n第二,,行\n', 6)).toEqual({ line: 5, column: 5 });
    // Escapes make the source differ from the value: fall back to the scalar's start.
    expect(placeInScalar('a: "\\u4e2d,,"\n', { line: 1, column: 4 }, '中,,', 1)).toEqual({ line: 1, column: 4 });
  });
});
