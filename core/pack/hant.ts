import { Converter } from 'opencc-js';
import { LOCALISED_KEYS } from './kinds/index';

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

/**
 * Returns a copy of validated content in which every localised text has a zh-Hant form: kept
 * when the curator wrote one, derived with OpenCC otherwise. Plain strings become maps.
 */
export function deriveHant<T>(value: T): T {
  return withHant(value, LOCALISED_KEYS);
}

/**
 * The same for any set of localised keys: a copy in which every localised text (a value under one of
 * `keys`) has a zh-Hant form: kept when the curator wrote one, derived with OpenCC otherwise.
 * Plain strings become maps.
 */
export function withHant<T>(value: T, keys: ReadonlySet<string>): T {
  return walk(value, undefined, keys) as T;
}

function walk(v: unknown, key: string | undefined, keys: ReadonlySet<string>): unknown {
  if (typeof v === 'string') return key !== undefined && keys.has(key) ? { 'zh-Hans': v, 'zh-Hant': hansToHant(v) } : v;
  if (Array.isArray(v)) return v.map((x) => walk(x, undefined, keys));
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (key !== undefined && keys.has(key) && typeof o['zh-Hans'] === 'string') {
      return o['zh-Hant'] === undefined ? { ...o, 'zh-Hant': hansToHant(o['zh-Hans']) } : { ...o };
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = walk(x, k, keys);
    return out;
  }
  return v;
}
