import { describe, expect, it } from 'vitest';
import { DisposableStore, toDisposable } from './lifecycle';

describe('DisposableStore', () => {
  it('disposes every member once, newest first, and waits for async ones', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.defer(() => void order.push('first'));
    store.add({ dispose: () => new Promise<void>((res) => setTimeout(() => { order.push('async'); res(); }, 5)) });
    store.defer(() => void order.push('last'));
    await Promise.all([store.dispose(), store.dispose()]);
    expect(order).toEqual(['last', 'async', 'first']);
    expect(store.isDisposed).toBe(true);
  });

  it('keeps going past a failing member and rethrows the first error', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.defer(() => void order.push('a'));
    store.defer(() => { throw new Error('boom'); });
    store.defer(() => void order.push('c'));
    await expect(store.dispose()).rejects.toThrow('boom');
    expect(order).toEqual(['c', 'a']);
  });

  it('disposes at once what is added after disposal, and delete() disposes early', async () => {
    const store = new DisposableStore();
    let early = 0;
    const d = store.defer(() => void early++);
    await store.delete(d);
    expect(early).toBe(1);
    await store.dispose();
    expect(early).toBe(1);
    let late = 0;
    store.defer(() => void late++);
    expect(late).toBe(1);
  });

  it('toDisposable runs its teardown at most once', () => {
    let n = 0;
    const d = toDisposable(() => void n++);
    d.dispose();
    d.dispose();
    expect(n).toBe(1);
  });
});
