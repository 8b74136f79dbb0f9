import { useCallback, useState } from 'react';
import type { Book, Reading } from '../../../core/pack/kinds/reading';
import { packAssetUrl } from '../../../core/pack/url';
import { chapterKey, planStages, readableOf, type Readable } from '../../../core/zones/reading';
import type { Locale } from '../../../core/text';
import { renderMarkdown } from '../../common/markdown';
import { usePhoneOrigin } from '../../common/phoneOrigin';
import { useT } from '../../i18n';
import { QrCode } from '../../quiz/QrCode';
import { useMomentumScroll } from '../momentum';
import { ZonePage } from '../ZonePage';
import type { ZoneProps } from '../zones';
import { Pager } from './Pager';
import { historyDate, rt } from './strings';
import './reading.css';

type Shelf = 'articles' | 'books' | 'plans';
/** Text sizes the reader offers (multiples of the kiosk's reading size). */
export const FONT_STEPS = [0.85, 1, 1.2, 1.45] as const;

/** The red reading bar: a shelf of articles, books and reading plans, and a paged reader made for a finger. */
export function ReadingZone({ hall, locale, onHome, at }: ZoneProps) {
  const { text } = useT();
  const reading = hall.reading;
  const [shelf, setShelf] = useState<Shelf>('articles');
  const [open, setOpen] = useState<string | undefined>(at);
  if (!reading) return null;
  const item = open ? readableOf(reading, open) : undefined;
  const tabs: Shelf[] = ['articles', ...(reading.books.length ? (['books'] as const) : []), ...(reading.plans.length ? (['plans'] as const) : [])];
  return (
    <ZonePage
      zone="reading"
      title={text(reading.title)}
      onHome={onHome}
      tools={
        item ? (
          <button className="big-button" data-action="to-shelf" onClick={() => setOpen(undefined)}>
            {rt(locale, 'toShelf')}
          </button>
        ) : (
          <div className="reading-tabs" role="tablist" aria-label={rt(locale, 'shelf')}>
            {tabs.map((t) => (
              <button key={t} role="tab" aria-selected={t === shelf} className={t === shelf ? 'reading-tab on' : 'reading-tab'} data-shelf={t} onClick={() => setShelf(t)}>
                {rt(locale, t)}
              </button>
            ))}
          </div>
        )
      }
    >
      {item ? (
        <Reader key={item.key} packId={hall.packId} item={item} locale={locale} onOpen={setOpen} />
      ) : shelf === 'plans' ? (
        <Plans reading={reading} locale={locale} onOpen={setOpen} />
      ) : (
        <ShelfGrid packId={hall.packId} reading={reading} shelf={shelf} locale={locale} onOpen={setOpen} />
      )}
    </ZonePage>
  );
}

function ShelfGrid({ packId, reading, shelf, locale, onOpen }: { packId: string; reading: Reading; shelf: Shelf; locale: Locale; onOpen: (key: string) => void }) {
  const { text } = useT();
  const scroll = useMomentumScroll<HTMLDivElement>('y');
  const cards =
    shelf === 'books'
      ? reading.books.map((b) => ({ key: chapterKey(b, 0), id: b.id, title: b.title, cover: b.cover, line: rt(locale, 'chapters', { n: b.chapters.length }), summary: b.summary }))
      : reading.articles.map((a) => ({ key: a.id, id: a.id, title: a.title, cover: a.cover, line: historyDate(a.date, locale), summary: a.summary }));
  return (
    <div className="reading-shelf k-scroll" ref={scroll} data-shelf={shelf} tabIndex={0} role="region" aria-label={rt(locale, shelf)}>
      {cards.map((c) => (
        <button key={c.id} className="reading-card" data-read={c.key} onClick={() => onOpen(c.key)}>
          {c.cover ? <img src={packAssetUrl(packId, c.cover)} alt="" /> : <span className="reading-card-blank" aria-hidden="true" />}
          <span className="reading-card-text">
            <span className="reading-card-title">{text(c.title)}</span>
            {c.line && <span className="reading-card-line">{c.line}</span>}
            {c.summary && <span className="reading-card-summary">{text(c.summary)}</span>}
          </span>
        </button>
      ))}
    </div>
  );
}

function Plans({ reading, locale, onOpen }: { reading: Reading; locale: Locale; onOpen: (key: string) => void }) {
  const { text } = useT();
  const scroll = useMomentumScroll<HTMLDivElement>('y');
  return (
    <div className="reading-plans k-scroll" ref={scroll} tabIndex={0} role="region" aria-label={rt(locale, 'plans')}>
      {reading.plans.map((plan) => (
        <section key={plan.id} className="reading-plan" data-plan={plan.id}>
          <header>
            <h2>{text(plan.title)}</h2>
            <p className="reading-plan-length">{rt(locale, 'planLength', { n: plan.days, k: plan.entries.length })}</p>
            {plan.summary && <p>{text(plan.summary)}</p>}
          </header>
          <ol className="reading-plan-days">
            {planStages(plan).map((s) => {
              const r = readableOf(reading, s.read);
              return (
                <li key={s.from}>
                  <button className="reading-plan-day" data-read={s.read} onClick={() => onOpen(s.read)}>
                    <span className="reading-plan-when">{rt(locale, s.to > s.from ? 'days' : 'day', { from: s.from, to: s.to })}</span>
                    <span className="reading-plan-what">{r ? text(titleOf(r)) : s.read}</span>
                    {s.note && <span className="reading-plan-note">{text(s.note)}</span>}
                  </button>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}

/** The title of what a key opens: the article's, or the chapter's. */
export function titleOf(r: Readable) {
  return r.kind === 'article' ? r.article.title : r.book.chapters[r.index]!.title;
}

function Reader({ packId, item, locale, onOpen }: { packId: string; item: Readable; locale: Locale; onOpen: (key: string) => void }) {
  const { text } = useT();
  const [page, setPage] = useState(0);
  const [pages, setPages] = useState(1);
  const [step, setStep] = useState(1);
  const [qr, setQr] = useState(false);
  const onPages = useCallback((n: number) => setPages(n), []);
  const body = item.kind === 'article' ? item.article.body : item.book.chapters[item.index]!.body;
  const chapter = item.kind === 'chapter' ? item : undefined;
  const book: Book | undefined = chapter?.book;
  const author = item.kind === 'article' ? item.article.author : item.book.author;
  const date = item.kind === 'article' ? historyDate(item.article.date, locale) : '';
  return (
    <div className="reader" data-read={item.key} data-font-step={step}>
      <div className="reader-tools">
        <div className="reader-font" role="group" aria-label={rt(locale, 'fontSize')}>
          <button className="reader-tool" data-action="font-smaller" aria-label={`A− ${rt(locale, 'smaller')}`} disabled={step <= 0} onClick={() => setStep((s) => Math.max(0, s - 1))}>
            A−
          </button>
          <button className="reader-tool" data-action="font-larger" aria-label={`A+ ${rt(locale, 'larger')}`} disabled={step >= FONT_STEPS.length - 1} onClick={() => setStep((s) => Math.min(FONT_STEPS.length - 1, s + 1))}>
            A+
          </button>
        </div>
        <span className="reader-page" data-testid="reader-page" aria-live="polite">
          {rt(locale, 'page', { n: page + 1, of: pages })}
        </span>
        {book && chapter && (
          <div className="reader-chapters">
            <button className="reader-tool wide" data-action="prev-chapter" disabled={chapter.index === 0} onClick={() => onOpen(chapterKey(book, chapter.index - 1))}>
              {rt(locale, 'prevChapter')}
            </button>
            <button className="reader-tool wide" data-action="next-chapter" disabled={chapter.index >= book.chapters.length - 1} onClick={() => onOpen(chapterKey(book, chapter.index + 1))}>
              {rt(locale, 'nextChapter')}
            </button>
          </div>
        )}
        <button className="reader-tool wide reader-phone" data-action="phone" onClick={() => setQr(true)}>
          {rt(locale, 'phone')}
        </button>
      </div>
      <Pager page={page} onPage={setPage} onPages={onPages} fontStep={step} labels={{ prev: rt(locale, 'prev'), next: rt(locale, 'next') }}>
        <article className="reader-text" style={{ fontSize: `calc(var(--k-fs-l) * ${FONT_STEPS[step]})` }}>
          {book && <p className="reader-book">{text(book.title)}</p>}
          <h2>{text(titleOf(item))}</h2>
          {(author || date) && <p className="reader-byline">{[date, author && text(author)].filter(Boolean).join(' · ')}</p>}
          {item.kind === 'article' && item.article.cover && <img className="reader-cover" src={packAssetUrl(packId, item.article.cover)} alt="" />}
          <div className="reader-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(text(body)) }} />
        </article>
      </Pager>
      <p className="reader-hint">{rt(locale, 'swipeHint')}</p>
      {qr && <PhoneQr item={item.key} locale={locale} onClose={() => setQr(false)} />}
    </div>
  );
}

/** The phone reader's address for a piece: /phone/#/read?item=…&lang=… on the host's phone origin. */
export function phoneReaderUrl(origin: string, item: string, locale: Locale): string {
  return `${origin}/phone/#/read?item=${encodeURIComponent(item)}&lang=${encodeURIComponent(locale)}`;
}

function PhoneQr({ item, locale, onClose }: { item: string; locale: Locale; onClose: () => void }) {
  const origin = usePhoneOrigin();
  const url = origin && phoneReaderUrl(origin, item, locale);
  return (
    <div className="reader-qr" role="dialog" aria-modal="true" aria-label={rt(locale, 'phone')} data-testid="reader-qr">
      <div className="reader-qr-card">
        <h2>{rt(locale, 'phone')}</h2>
        {url ? <QrCode text={url} size={320} label={rt(locale, 'phone')} /> : <div className="reader-qr-wait" aria-busy="true" />}
        <p>{rt(locale, 'phoneHint')}</p>
        <button className="big-button" data-action="close-qr" onClick={onClose}>
          {rt(locale, 'close')}
        </button>
      </div>
    </div>
  );
}
