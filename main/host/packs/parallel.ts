/**
 * How many files a pack reader keeps under way at once: enough to keep libuv's file threads and
 * the disk busy (one file at a time leaves them idle between the steps of each read), few enough
 * not to run out of file handles.
 */
export const FILES_AT_ONCE = 32;

/** Maps over `items` with at most `limit` calls of `f` under way at once; the results in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, f: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
