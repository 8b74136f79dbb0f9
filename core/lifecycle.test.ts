import { describe, expect, it } from 'vitest';
import { assembleOwned, DisposableStore, toDisposable } from './lifecycle';

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

describe('assembleOwned', () => {
  it('disposes what a failed build started, newest first, and rethrows its error', async () => {
    const order: string[] = [];
    const failing = assembleOwned(async (lifetime) => {
      lifetime.defer(() => void order.push('log'));
      lifetime.defer(() => void order.push('server'));
      throw new Error('no displays');
    });
    await expect(failing).rejects.toThrow('no displays');
    expect(order).toEqual(['server', 'log']);
  });

  it('leaves a successful build running until what it returns is disposed', async () => {
    const order: string[] = [];
    const built = await assembleOwned(async (lifetime) => {
      lifetime.defer(() => void order.push('server'));
      return { dispose: () => lifetime.dispose() };
    });
    expect(order).toEqual([]);
    await built.dispose();
    expect(order).toEqual(['server']);
  });
});
