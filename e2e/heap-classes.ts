// What a page's JavaScript heap holds, by kind of object, from a V8 heap snapshot taken over CDP:
// used by the soak benches to tell the page's own growth from the instrument's (DevTools' records
// of the page's requests, kept while Playwright's Network domain is on) and from the JIT's warm-up
// (compiled code, feedback and shapes that grow while V8 optimises and then level off).
import type { CDPSession } from 'playwright-core';

/** Bytes (self size) and object counts per class name ("(compiled code)", "(string)", "HTMLDivElement", "Object"…). */
export interface HeapClasses {
  /** Sum of self sizes of every JS heap object in the snapshot (native Blink objects not counted). */
  total: number;
  /** The part that is the JIT's: compiled code, feedback vectors, shapes, system objects. */
  engine: number;
  /** The part that is DevTools' own (objects the inspector keeps for a client), when the snapshot names them. */
  devtools: number;
  /** `total - engine - devtools`: the objects the page's own code made and still holds. */
  page: number;
  /** DOM nodes that are detached from the document but still held (a classic page leak). */
  detached: number;
  /** Per class name: [count, bytes]. */
  classes: Map<string, [number, number]>;
}

/** Node types V8 reports that are the engine's, not the page's. */
const ENGINE_TYPES = new Set(['code', 'hidden', 'object shape', 'synthetic']);
/** Hidden/system classes that are the engine's (names as V8's snapshot gives them). */
const ENGINE_NAMES = /^\(?(system|compiled code|feedback|bytecode|code|shared function info|script|map descriptors|transition|prototype info|sloppy|interceptor|\(.*\))/i;
/** Class names that belong to DevTools' agents rather than the page. */
const DEVTOOLS_NAMES = /DevTools|Inspector|NetworkResources|V8Console|CommandLineAPI/;

/** Takes a snapshot (V8 collects garbage first) and sums it by class. Only the HeapProfiler domain is used, and disabled after. */
export async function heapClasses(cdp: CDPSession): Promise<HeapClasses> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.disable').catch(() => undefined);
  }
  return sumSnapshot(JSON.parse(chunks.join('')) as HeapSnapshot);
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Sums a parsed .heapsnapshot by class (exported for the unit test). */
export function sumSnapshot(s: HeapSnapshot): HeapClasses {
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const width = fields.length;
  const [iType, iName, iSelf, iDetached] = ['type', 'name', 'self_size', 'detachedness'].map((f) => fields.indexOf(f)) as [number, number, number, number];
  const classes = new Map<string, [number, number]>();
  let total = 0;
  let engine = 0;
  let devtools = 0;
  let detached = 0;
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + iType]!] ?? '?';
    if (type === 'native') continue; // Blink's own objects: not in the JS heap's used size
    const raw = s.strings[s.nodes[i + iName]!] ?? '';
    const self = s.nodes[i + iSelf]!;
    const name = classOf(type, raw);
    total += self;
    if (ENGINE_TYPES.has(type) || (type === 'array' && ENGINE_NAMES.test(raw)) || (type === 'hidden' && ENGINE_NAMES.test(raw))) engine += self;
    else if (DEVTOOLS_NAMES.test(raw)) devtools += self;
    if (iDetached >= 0 && s.nodes[i + iDetached] === 2 && type === 'object') detached++;
    const c = classes.get(name);
    if (c) {
      c[0]++;
      c[1] += self;
    } else classes.set(name, [1, self]);
  }
  return { total, engine, devtools, page: total - engine - devtools, detached, classes };
}

function classOf(type: string, name: string): string {
  switch (type) {
    case 'object':
      return name.split(' ')[0] || 'Object';
    case 'closure':
      return '(closure)';
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return '(string)';
    case 'code':
      return '(compiled code)';
    case 'array':
      return `(array${name ? ` ${name}` : ''})`;
    case 'hidden':
      return `(system${name ? ` ${name.split(' ')[0]}` : ''})`;
    default:
      return `(${type})`;
  }
}

/** The classes that grew most between two snapshots, as "name +count/+bytes" lines. */
export function classGrowth(before: HeapClasses, after: HeapClasses, top = 8): string[] {
  const rows: { name: string; count: number; bytes: number }[] = [];
  for (const [name, [n, b]] of after.classes) {
    const [n0, b0] = before.classes.get(name) ?? [0, 0];
    if (b !== b0 || n !== n0) rows.push({ name, count: n - n0, bytes: b - b0 });
  }
  for (const [name, [n0, b0]] of before.classes) if (!after.classes.has(name)) rows.push({ name, count: -n0, bytes: -b0 });
  return rows
    .sort((a, b) => Math.abs(b.bytes) - Math.abs(a.bytes))
    .slice(0, top)
    .map((r) => `${r.name} ${r.count >= 0 ? '+' : ''}${r.count} (${r.bytes >= 0 ? '+' : ''}${(r.bytes / 1024).toFixed(1)} kB)`);
}
