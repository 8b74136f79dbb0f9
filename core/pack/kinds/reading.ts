import { z } from 'zod';
import { LocalisedText } from '../../text';
import { AssetPath, HistoryDate, Id, Markdown } from '../fields';
import { defineKind } from './kind';

// Reading bar: articles, books of chapters, and reading plans (a hundred days, a hundred years).

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
export type Article = z.infer<typeof Article>;

export const Chapter = z.object({ id: Id, title: LocalisedText, body: Markdown }).strict();

export const Book = z
  .object({
    id: Id,
    title: LocalisedText,
    author: LocalisedText.optional(),
    cover: AssetPath.optional(),
    summary: LocalisedText.optional(),
    chapters: z.array(Chapter).min(1),
  })
  .strict();
export type Book = z.infer<typeof Book>;

/** One day of a plan: what to read (an article id, or `book-id/chapter-id`), and a line about why. */
export const PlanDay = z.object({ day: z.number().int().positive(), read: z.string().regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/), note: LocalisedText.optional() }).strict();

export const ReadingPlan = z
  .object({
    id: Id,
    title: LocalisedText,
    summary: LocalisedText.optional(),
    /** How many days the plan runs (the days listed are its milestones). */
    days: z.number().int().positive().max(1000),
    entries: z.array(PlanDay).min(1),
  })
  .strict();
export type ReadingPlan = z.infer<typeof ReadingPlan>;

export const Reading = z
  .object({
    $schema: z.string().optional(),
    title: LocalisedText,
    articles: z.array(Article).min(1),
    books: z.array(Book).default([]),
    plans: z.array(ReadingPlan).default([]),
  })
  .strict();
export type Reading = z.infer<typeof Reading>;

/** Reading bar: articles, books and reading plans. */
export const readingKind = defineKind({
  key: 'reading',
  many: false,
  schema: Reading,
  jsonSchema: { file: 'reading.schema.json', title: 'reading' },
  localisedKeys: ['title', 'author', 'summary', 'body', 'note'],
  check(reading, ctx) {
    const ids = ctx.unique(reading.articles, ['articles'], '文章 / article');
    reading.articles.forEach((a, i) => ctx.asset(['articles', i, 'cover'], a.cover, ['image']));
    // Books share the articles' ids: a plan names either without saying which.
    ctx.unique(reading.books, ['books'], '书 / book', ids);
    const readable = new Set<string>(reading.articles.map((a) => a.id));
    reading.books.forEach((b, i) => {
      ctx.asset(['books', i, 'cover'], b.cover, ['image']);
      ctx.unique(b.chapters, ['books', i, 'chapters'], '章 / chapter');
      for (const c of b.chapters) readable.add(`${b.id}/${c.id}`);
    });
    ctx.unique(reading.plans, ['plans'], '读书计划 / reading plan');
    reading.plans.forEach((plan, pi) => {
      let prev = 0;
      plan.entries.forEach((e, ei) => {
        ctx.resolve(['plans', pi, 'entries', ei, 'read'], e.read, readable, '文章或章节 / article or chapter');
        if (e.day > plan.days)
          ctx.error('reading.plan-day', ['plans', pi, 'entries', ei, 'day'], {
            'zh-Hans': `第 ${e.day} 天超出了计划的 ${plan.days} 天。`,
            en: `Day ${e.day} is past the plan's ${plan.days} days.`,
          });
        if (e.day <= prev)
          ctx.error('reading.plan-order', ['plans', pi, 'entries', ei, 'day'], {
            'zh-Hans': `第 ${e.day} 天应排在第 ${prev} 天之后。请按天数先后排列。`,
            en: `Day ${e.day} must come after day ${prev}. List the days in order.`,
          });
        prev = e.day;
      });
    });
  },
  hall: {
    // The kiosk's reading bar and the phone reader show the whole of it.
    shape: { reading: Reading.optional() },
    project: (reading) => ({ reading }),
  },
});
