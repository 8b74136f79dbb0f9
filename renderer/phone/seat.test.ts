import { describe, expect, it } from 'vitest';
import { EndingStore, looksLikeCode, normaliseCode, parsePhoneAddress, phoneHash, SeatStore } from './seat';
import { phoneJoinPath } from '../../core/protocol/tables';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
  removeItem(k: string) { this.data.delete(k); }
}
class RefusingStorage {
  getItem(): string | null { throw new Error('SecurityError'); }
  setItem() { throw new Error('QuotaExceededError'); }
  removeItem() { throw new Error('SecurityError'); }
}

describe('the phone’s address', () => {
  it('reads the code from the QR join path the host encodes', () => {
    const hash = phoneJoinPath("HQ7RT").slice("/phone/".length); // "/phone/#/phone?code=HQ7RT" → "#/phone?code=HQ7RT"
    expect(parsePhoneAddress('', hash)).toEqual({ code: 'HQ7RT', token: '' });
  });
  it('reads a typed-looking code from the query, and a seat token kept in the hash', () => {
    expect(parsePhoneAddress('?code=hq7-rt', '')).toEqual({ code: 'HQ7RT', token: '' });
    expect(parsePhoneAddress('', phoneHash('HQ7RT', 'tok_abc'))).toEqual({ code: 'HQ7RT', token: 'tok_abc' });
    expect(parsePhoneAddress('', '#/phone?code=%3Cscript%3E')).toEqual({ code: '', token: '' });
  });
  it('normalises what people type', () => {
    expect(normaliseCode(' hq7 - rt ')).toBe('HQ7RT');
    expect(looksLikeCode('HQ7RT')).toBe(true);
    expect(looksLikeCode('H')).toBe(false);
  });
});

describe('the seat token', () => {
  it('is kept per code in storage and comes back after a reload', () => {
    const mem = new MemoryStorage();
    expect(new SeatStore(mem).set('HQ7RT', 'tok1')).toBe(true);
    expect(new SeatStore(mem).get('HQ7RT')).toBe('tok1');
    expect(new SeatStore(mem).get('OTHER')).toBe('');
    new SeatStore(mem).clear('HQ7RT');
    expect(new SeatStore(mem).get('HQ7RT')).toBe('');
  });
  it('falls back to the URL when a chat app’s browser refuses storage', () => {
    const s = new SeatStore(new RefusingStorage());
    expect(s.set('HQ7RT', 'tok1')).toBe(false);
    expect(s.get('HQ7RT', 'from-url')).toBe('from-url');
    expect(() => s.clear('HQ7RT')).not.toThrow();
    expect(new SeatStore(undefined).set('HQ7RT', 'x')).toBe(false);
  });
});

describe('the ending and debrief stay on the phone', () => {
  it('are kept per table code and read back after a reload', () => {
    const mem = new MemoryStorage();
    new EndingStore(mem).keep('HQ7RT', { phase: { kind: 'ending', debrief: '## 真实的历史' } });
    expect(new EndingStore(mem).get('HQ7RT')).toEqual({ phase: { kind: 'ending', debrief: '## 真实的历史' } });
    expect(new EndingStore(mem).get('OTHER')).toBeUndefined();
  });
  it('never throw when storage is refused or holds junk', () => {
    expect(() => new EndingStore(new RefusingStorage()).keep('HQ7RT', {})).not.toThrow();
    expect(new EndingStore(new RefusingStorage()).get('HQ7RT')).toBeUndefined();
    const mem = new MemoryStorage();
    mem.setItem('redhall.ending.HQ7RT', '{not json');
    expect(new EndingStore(mem).get('HQ7RT')).toBeUndefined();
  });
});
