/**
 * Lifetimes, after VS Code's `lifecycle.ts`: whatever a part of the hall starts (a listener, a
 * timer, a watcher, a child process, a server) is registered where it is created, in the store
 * of its owner, so stopping the owner is one `dispose()` and nothing is torn down by hand.
 */

/** Something that holds a resource until it is disposed. */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/** Wraps a teardown function as a Disposable that runs it at most once. */
export function toDisposable(teardown: () => void | Promise<void>): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      return teardown();
    },
  };
}

/**
 * A set of disposables with one owner. Disposing it disposes every member, newest first (what
 * was started last may depend on what was started before it), waits for those that finish
 * asynchronously, and carries on past a failing member so one fault cannot leave the rest
 * running; the first error is rethrown once all have run. Anything added after disposal is
 * disposed at once instead of leaking.
 */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposing: Promise<void> | undefined;

  /** True once dispose() has been called. */
  get isDisposed(): boolean {
    return this.disposing !== undefined;
  }

  /** Registers a disposable with this owner and returns it, so creation and registration are one expression. */
  add<T extends Disposable>(item: T): T {
    if (this.disposing) {
      void Promise.resolve(item.dispose()).catch(() => undefined);
      return item;
    }
    this.items.push(item);
    return item;
  }

  /** Registers a teardown function; shorthand for add(toDisposable(fn)). */
  defer(teardown: () => void | Promise<void>): Disposable {
    return this.add(toDisposable(teardown));
  }

  /** Disposes one member early and forgets it. */
  async delete(item: Disposable): Promise<void> {
    const i = this.items.indexOf(item);
    if (i >= 0) this.items.splice(i, 1);
    await item.dispose();
  }

  /** Disposes every member once, newest first; later calls return the same promise. */
  dispose(): Promise<void> {
    this.disposing ??= this.disposeAll();
    return this.disposing;
  }

  private async disposeAll(): Promise<void> {
    let first: { error: unknown } | undefined;
    while (this.items.length > 0) {
      const item = this.items.pop()!;
      try {
        await item.dispose();
      } catch (error) {
        first ??= { error };
      }
    }
    if (first) throw first.error;
  }
}

/**
 * Builds something that owns what it starts: `build` registers each part in the store it is
 * given as the part starts. A build that fails halfway disposes what it had started (so nothing
 * is left running) and rethrows; one that succeeds hands the store's lifetime to what it returns.
 */
export async function assembleOwned<T>(build: (lifetime: DisposableStore) => Promise<T>): Promise<T> {
  const lifetime = new DisposableStore();
  try {
    return await build(lifetime);
  } catch (err) {
    await lifetime.dispose().catch(() => undefined);
    throw err;
  }
}
