import { z } from 'zod';

/** The three interface languages, Chinese first. */
export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A localised string as curators write it: plain text (zh-Hans) or a map by locale. */
export const LocalisedText = z.union([
  z.string().min(1),
  z
    .object({
      'zh-Hans': z.string().min(1),
      'zh-Hant': z.string().min(1).optional(),
      en: z.string().min(1).optional(),
    })
    .strict(),
]);
export type LocalisedText = z.infer<typeof LocalisedText>;

/** A message shown to curators, installers and operators: always both zh-Hans and English. */
export interface Bilingual {
  'zh-Hans': string;
  en: string;
}

/** Returns the text in the wanted locale, falling back to zh-Hans (zh-Hant is derived at load). */
export function pickText(text: LocalisedText | undefined, locale: Locale): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text['zh-Hans'];
}
