import { describe, expect, it } from 'vitest';
import { isReadingOf, lintText } from './lint';

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
