import type { Article, Book, Reading, ReadingPlan } from '../pack/kinds/reading';

/** Something the reader opens: an article, or one chapter of a book. */
export type Readable =
  | { kind: 'article'; key: string; article: Article }
  | { kind: 'chapter'; key: string; book: Book; index: number };

/** Resolves a reading key (`article-id` or `book-id/chapter-id`) against the reading bar; undefined when it names nothing. */
export function readableOf(reading: Pick<Reading, 'articles' | 'books'>, key: string): Readable | undefined {
  const [id, chapter] = key.split('/');
  if (chapter === undefined) {
    const article = reading.articles.find((a) => a.id === id);
    return article && { kind: 'article', key, article };
  }
  const book = (reading.books ?? []).find((b) => b.id === id);
  const index = book?.chapters.findIndex((c) => c.id === chapter) ?? -1;
  return book && index >= 0 ? { kind: 'chapter', key, book, index } : undefined;
}

/** The key of a book's chapter. */
export function chapterKey(book: Pick<Book, 'id' | 'chapters'>, index: number): string {
  return `${book.id}/${book.chapters[index]?.id ?? ''}`;
}

/** A plan laid out in stages for a visitor: each entry with the span of days it covers (up to the next entry). */
export function planStages(plan: Pick<ReadingPlan, 'days' | 'entries'>): { from: number; to: number; read: string; note: ReadingPlan['entries'][number]['note'] }[] {
  return plan.entries.map((e, i) => ({ from: e.day, to: (plan.entries[i + 1]?.day ?? plan.days + 1) - 1, read: e.read, note: e.note }));
}

/** Splits a page count: which page (0-based) is shown after `delta` turns from `page`, kept within 0..pages-1. */
export function turnPage(page: number, delta: number, pages: number): number {
  return Math.max(0, Math.min(Math.max(0, pages - 1), page + delta));
}
