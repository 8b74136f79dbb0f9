/**
 * The short strings of a compiled scenario as the JavaScript engine's own ("internalized")
 * strings. Ids read from YAML are slices of the source text: comparing two such ids of the same
 * length compares their characters, and the story engine compares ids (phases, roles, clues,
 * options, kinds) many times at every step of a game. Two internalized strings compare by
 * pointer. Only how the strings are stored changes: same text, same JSON, same content hash.
 */

/** Strings up to this length are interned (ids, kinds, expressions); longer texts are left as they are. */
const SHORT = 64;

/** The internalized string equal to `s`: a property key always is one, so it is read back from a key. */
export function interned(s: string): string {
  if (s.length > SHORT) return s;
  const box: Record<string, number> = {};
  box[s] = 0;
  for (const k in box) return k;
  return s;
}

/** A copy of plain JSON-like data (objects, arrays, strings, numbers, booleans) with its short strings interned. */
export function internStrings<T>(value: T): T {
  if (typeof value === 'string') return interned(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => internStrings(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = internStrings(v);
    return out as T;
  }
  return value;
}
