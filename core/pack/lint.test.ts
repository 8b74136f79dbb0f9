import { describe, expect, it } from 'vitest';
import { isReadingOf, lintText } from './lint';
import { basePack } from './fixtures/bad-packs';
import { packSource } from './fixtures/source';
import { validatePack } from './validate';

const codes = (t: string, locale: 'zh-Hans' | 'zh-Hant' | 'en' = 'zh-Hans') => lintText(t, locale).map((h) => h.code);

describe('lintText', () => {
  it('passes clean Chinese and English, including the oath', () => {
    expect(codes('我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲一切，永不叛党。')).toEqual([]);
    expect(codes('1921年7月23日，中国共产党第一次全国代表大会在上海开幕。《共产党宣言》“真理的味道”（示意）一站一站走过百年！？')).toEqual([]);
    expect(codes("The Party's first programme, adopted in 1921.", 'en')).toEqual([]);
    expect(codes('公司(AB)很好，乾坤')).toEqual([]);
  });
  it('finds mojibake', () => {
    expect(codes('会议在\uFFFD上海召开')).toContain('lint.mojibake');
    expect(codes('锟斤拷锟斤拷')).toContain('lint.mojibake');
    expect(codes('涓浗鍏变骇鍏氱殑锛屼竴澶')).toContain('lint.mojibake');
    expect(codes('ä¸­å›½', 'en')).toContain('lint.mojibake');
  });
  it('finds pinyin glued into characters, only when it is a reading', () => {
    const hits = lintText('創(chuàng)新与发（fā）展，创chuàng业', 'zh-Hans').filter((h) => h.code === 'lint.glued-pinyin');
    expect(hits.map((h) => h.index)).toEqual([1, 12, 19]);
    expect(hits).toHaveLength(3);
    expect(isReadingOf('创', 'chuang4')).toBe(true);
    expect(isReadingOf('创', 'xin')).toBe(false);
  });
  it('finds doubled, mixed and half-width punctuation', () => {
    expect(codes('我们,,去')).toContain('lint.punctuation');
    expect(codes('你好,、我')).toContain('lint.punctuation');
    expect(codes('你好，，我')).toContain('lint.punctuation');
    expect(codes('中国,人民')).toEqual(['lint.half-width-punctuation']);
  });
  it('finds repeated phrases, traditional characters and unbalanced brackets', () => {
    expect(codes('发展发展是硬道理')).toEqual(['lint.repeated-phrase']);
    expect(codes('the the end', 'en')).toEqual(['lint.repeated-phrase']);
    expect(codes('发展於乾坤')).toEqual(['lint.traditional-in-simplified']);
    expect(codes('發展', 'zh-Hant')).toEqual([]);
    expect(codes('中國共产黨', 'zh-Hant')).toEqual(['lint.simplified-in-traditional']);
    expect(codes('《共产党宣言')).toEqual(['lint.unbalanced']);
    expect(codes('共产党宣言》')).toEqual(['lint.unbalanced']);
    expect(codes('他说“够甜')).toEqual(['lint.unbalanced']);
  });
});

describe('pinyin glued after whole words', () => {
  const glued = (t: string) => lintText(t, 'zh-Hans').filter((h) => h.code === 'lint.glued-pinyin');
  it('finds bracketed and bare pinyin after a word, with or without tone marks', () => {
    const a = glued('坚持创新(chuàng xīn)发展');
    expect(a.map((h) => h.index)).toEqual([4]);
    expect(a[0]!.message['zh-Hans']).toContain('“创新”后面粘着拼音“chuàng xīn”');
    expect(glued('加强党建dǎng jiàn工作').map((h) => h.message.en)).toEqual(['Pinyin "dǎng jiàn" is glued after "党建" (copied from an annotated article). Remove the pinyin.']);
    expect(glued('红船（hóngchuán）精神')).toHaveLength(1);
    expect(glued('红船（hong chuan）精神')).toHaveLength(1);
    expect(glued('红船（hong2 chuan2）精神')).toHaveLength(1);
  });
  it('leaves English glosses, abbreviations and words that are not readings alone', () => {
    expect(glued('红船（Red Boat）精神')).toEqual([]);
    expect(glued('公司(AB)很好')).toEqual([]);
    expect(glued('创新(xīn chuàng)')).toEqual([]);
    expect(glued('党建dǎng is')).toEqual([]);
  });
});

describe('short mojibake runs', () => {
  const gbkOfUtf8 = (s: string) => new TextDecoder('gbk').decode(new TextEncoder().encode(s));
  it('finds two-character runs, says what was meant, and does not call them traditional characters', () => {
    const text = `学习${gbkOfUtf8('党史')}，走好新的长征路`;
    expect(text.slice(2, 5)).toBe('鍏氬彶');
    const hits = lintText(text, 'zh-Hans');
    expect(hits.map((h) => [h.code, h.index])).toEqual([['lint.mojibake', 2]]);
    expect(hits[0]!.message['zh-Hans']).toContain('原文“党史”');
    for (const word of ['中国', '红船', '学习', '南湖会议']) expect(codes(gbkOfUtf8(word)), word).toEqual(['lint.mojibake']);
  });
  it('finds no mojibake in ordinary text', () => {
    // 3,000 pseudo-random runs of twelve common (GB2312 level 1) characters.
    const dec = new TextDecoder('gbk');
    const common: string[] = [];
    for (let a = 0xb0; a <= 0xd7; a++) for (let b = 0xa1; b <= 0xfe; b++) common.push(dec.decode(Uint8Array.of(a, b)));
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    let falsePositives = 0;
    for (let k = 0; k < 3_000; k++) {
      let s = '';
      for (let j = 0; j < 12; j++) s += common[next() % common.length];
      if (lintText(s, 'zh-Hant').some((h) => h.code === 'lint.mojibake')) falsePositives++;
    }
    expect(falsePositives).toBe(0);
  });
});

describe('boilerplate of pasted articles', () => {
  const pasted = (t: string) => lintText(t, 'zh-Hans').filter((h) => h.code === 'lint.pasted-boilerplate');
  it.each([
    ['点击上方蓝字关注我们', '点击上方蓝字关注我们'],
    ['文章很好。长按识别二维码，关注更多', '长按识别二维码'],
    ['来源：红色记忆公众号', '来源：红色记忆公众号'],
    ['更多内容请点击阅读原文', '点击阅读原文'],
    ['转载请注明出处', '转载请注明出处'],
    ['觉得好看，请点赞、在看、转发', '点赞、在看'],
    ['往期回顾：南湖红船', '往期回顾'],
    ['编辑：李明 | 审核：王芳', '编辑：李明 | 审核：'],
  ])('places a warning on "%s"', (text, quoted) => {
    const hits = pasted(text);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.index).toBe(text.indexOf(quoted));
    expect(hits[0]!.message['zh-Hans']).toMatch(/请删去这句/);
    expect(hits[0]!.message.en).toMatch(/Delete it/);
  });
  it('leaves real history alone', () => {
    expect(pasted('1921年，中共一大在上海召开，后转移到嘉兴南湖的游船上继续举行。毛泽东同志阅读了《共产党宣言》原文的译本。')).toEqual([]);
    expect(pasted('扫除文盲，关注民生。')).toEqual([]);
  });
});

describe('text lint in a pack', () => {
  it('places each new warning on its line and column', () => {
    const files = basePack();
    files['exhibits.yaml'] = (files['exhibits.yaml'] as string).replace(
      '        body: 1921年7月，中国共产党第一次全国代表大会召开。',
      ['        body: |', '          点击上方蓝字关注我们', '          坚持创新(chuàng xīn)，学习鍏氬彶。'].join('\n'),
    );
    const found = validatePack(packSource(files), { appVersion: '0.1.0' }).findings.filter((f) => f.code.startsWith('lint.'));
    expect(found.map((f) => [f.code, f.severity, f.line, f.column])).toEqual([
      ['lint.pasted-boilerplate', 'warning', 9, 11],
      ['lint.glued-pinyin', 'warning', 10, 15],
      ['lint.mojibake', 'warning', 10, 30],
    ]);
  });
});
