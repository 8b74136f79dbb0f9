import { LOCALES, type Locale } from '../../core/text';
import { normaliseCode } from '../phone/seat';

/** What the table page shows, from its hash: `#/screen?code=…` or `#/pass?code=…` (`&locale=`). */
export function parseTableRoute(hash: string): { mode: 'screen' | 'pass'; code: string; locale: Locale } {
  const m = /^#\/(screen|pass)(?:\?(.*))?$/.exec(hash);
  const q = new URLSearchParams(m?.[2] ?? '');
  const l = q.get('locale') ?? '';
  return { mode: m?.[1] === 'pass' ? 'pass' : 'screen', code: normaliseCode(q.get('code') ?? ''), locale: (LOCALES as readonly string[]).includes(l) ? (l as Locale) : 'zh-Hans' };
}
