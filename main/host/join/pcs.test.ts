import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PcBook, pcFilePath } from './pcs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'redhall-pcs-'));
  dirs.push(d);
  return pcFilePath(d);
};

describe('the book of second PCs', () => {
  it('trades a good code once for a credential it keeps only hashed, and knows the PC by it after a restart', () => {
    const file = fresh();
    const book = new PcBook(file);
    const { code } = book.issueCode();
    const r = book.redeem(code, 'pc2');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.credential.length).toBeGreaterThanOrEqual(43);
    expect(readFileSync(file, 'utf8')).not.toContain(r.credential);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new PcBook(file).verify(r.credential)).toEqual({ ok: true, pc: 'pc2' });
  });

  it('accepts a code however it is typed, and refuses a wrong, reused (replayed) or expired one without changing anything', () => {
    let now = 1_000_000;
    const book = new PcBook(undefined, () => now, 60_000);
    const { code } = book.issueCode();
    expect(book.redeem('WRONG-CODE', 'pc2')).toEqual({ ok: false, why: 'wrong-code' });
    expect(book.list()).toEqual([]);
    expect(book.redeem(` ${code.toLowerCase().replace('-', '')} `, 'pc2').ok).toBe(true);
    expect(book.redeem(code, 'pc2')).toEqual({ ok: false, why: 'wrong-code' });
    expect(book.redeem(code, 'evil')).toEqual({ ok: false, why: 'wrong-code' });
    expect(book.list().map((p) => p.pc)).toEqual(['pc2']);
    const late = book.issueCode();
    now += 60_001;
    expect(book.redeem(late.code, 'pc3')).toEqual({ ok: false, why: 'wrong-code' });
    expect(book.pendingCodes).toBe(0);
  });

  it('a revoked PC’s credential is refused as revoked; pairing a PC again retires its old credential', () => {
    const book = new PcBook(undefined);
    const a = book.redeem(book.issueCode().code, 'pc2');
    const b = book.redeem(book.issueCode().code, 'pc3');
    if (!a.ok || !b.ok) throw new Error('pairing failed');
    const a2 = book.redeem(book.issueCode().code, 'pc2');
    if (!a2.ok) throw new Error('pairing again failed');
    expect(book.verify(a.credential)).toEqual({ ok: false, why: 'wrong-code' });
    expect(book.verify(a2.credential)).toEqual({ ok: true, pc: 'pc2' });
    expect(book.revoke('pc3')).toMatch(/^\d{4}-/);
    expect(book.verify(b.credential)).toEqual({ ok: false, why: 'revoked' });
    expect(book.revoke('nobody')).toBeUndefined();
    expect(book.verify('x'.repeat(43))).toEqual({ ok: false, why: 'wrong-code' });
  });

  it('codes are 8 characters without look-alikes', () => {
    const book = new PcBook(undefined);
    for (let i = 0; i < 50; i++) expect(book.issueCode().code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  });
});
