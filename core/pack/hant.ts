import { Converter } from 'opencc-js';

// opencc-js is pure JavaScript (dictionaries in memory): fine in core.
let toHant: ((s: string) => string) | undefined;
let toHans: ((s: string) => string) | undefined;

/** Simplified → Traditional (Taiwan standard characters), as OpenCC converts it. */
export function hansToHant(s: string): string {
  toHant ??= Converter({ from: 'cn', to: 'tw' });
  return toHant(s);
}

/** Traditional → Simplified, as OpenCC converts it. */
export function hantToHans(s: string): string {
  toHans ??= Converter({ from: 'tw', to: 'cn' });
  return toHans(s);
}

/** Keys whose values are LocalisedText in every content schema. */
export const LOCALISED_KEYS: ReadonlySet<string> = new Set([
  'title', 'subtitle', 'summary', 'body', 'caption', 'alt', 'text', 'place', 'slogan', 'description', 'intro', 'signature', 'author',
]);

/**
 * Returns a copy of validated content in which every localised text has a zh-Hant form: kept
 * when the curator wrote one, derived with OpenCC otherwise. Plain strings become maps.
 */
export function deriveHant<T>(value: T): T {
  return walk(value, undefined) as T;
}

function walk(v: unknown, key: string | undefined): unknown {
  if (typeof v === 'string') return key !== undefined && LOCALISED_KEYS.has(key) ? { 'zh-Hans': v, 'zh-Hant': hansToHant(v) } : v;
  if (Array.isArray(v)) return v.map((x) => walk(x, undefined));
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (key !== undefined && LOCALISED_KEYS.has(key) && typeof o['zh-Hans'] === 'string') {
      return o['zh-Hant'] === undefined ? { ...o, 'zh-Hant': hansToHant(o['zh-Hans']) } : { ...o };
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = walk(x, k);
    return out;
  }
  return v;
}
