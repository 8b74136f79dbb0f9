import { hansToHant } from '../pack/hant';
import type { LocalisedText } from '../text';
import type { QuizBank } from './bank';

function hant(t: LocalisedText): LocalisedText;
function hant(t: LocalisedText | undefined): LocalisedText | undefined;
function hant(t: LocalisedText | undefined): LocalisedText | undefined {
  if (t === undefined) return undefined;
  if (typeof t === 'string') return { 'zh-Hans': t, 'zh-Hant': hansToHant(t) };
  return t['zh-Hant'] !== undefined ? t : { ...t, 'zh-Hant': hansToHant(t['zh-Hans']) };
}

/**
 * Returns a copy of the bank in which every text has a zh-Hant form: the curator's own when
 * written, derived with OpenCC otherwise.
 */
export function deriveBankHant(bank: QuizBank): QuizBank {
  const opt = <T extends object>(key: string, t: LocalisedText | undefined): Partial<T> => (t === undefined ? {} : ({ [key]: hant(t) } as Partial<T>));
  return {
    ...bank,
    title: hant(bank.title),
    ...opt('intro', bank.intro),
    dimensions: bank.dimensions.map((d) => ({ ...d, name: hant(d.name), ...opt('description', d.description) })),
    bands: bank.bands.map((b) => ({ ...b, name: hant(b.name), ...opt('description', b.description) })),
    advice: Object.fromEntries(Object.entries(bank.advice).map(([d, byBand]) => [d, Object.fromEntries(Object.entries(byBand).map(([b, t]) => [b, hant(t)]))])),
    forms: bank.forms.map((f) => ({ ...f, ...opt('title', f.title) })),
    questions: bank.questions.map((q) => ({
      ...q,
      prompt: hant(q.prompt),
      options: q.options.map((o) => ({ ...o, text: hant(o.text) })),
      ...opt('explanation', q.explanation),
      ...opt('source', q.source),
    })),
  };
}
