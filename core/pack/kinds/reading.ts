import { z } from 'zod';
import { LocalisedText } from '../../text';
import { AssetPath, HistoryDate, Id, Markdown } from '../fields';
import { defineKind } from './kind';

// Reading bar: articles.

export const Article = z
  .object({
    id: Id,
    title: LocalisedText,
    author: LocalisedText.optional(),
    date: HistoryDate.optional(),
    cover: AssetPath.optional(),
    summary: LocalisedText.optional(),
    body: Markdown,
  })
  .strict();

export const Reading = z.object({ $schema: z.string().optional(), title: LocalisedText, articles: z.array(Article).min(1) }).strict();
export type Reading = z.infer<typeof Reading>;

/** Reading bar: articles. */
export const readingKind = defineKind({
  key: 'reading',
  many: false,
  schema: Reading,
  jsonSchema: { file: 'reading.schema.json', title: 'reading' },
  localisedKeys: ['title', 'author', 'summary', 'body'],
  check(reading, ctx) {
    ctx.unique(reading.articles, ['articles'], '文章 / article');
    reading.articles.forEach((a, i) => ctx.asset(['articles', i, 'cover'], a.cover, ['image']));
  },
});
