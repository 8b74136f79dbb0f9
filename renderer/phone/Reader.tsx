import { useEffect, useState } from 'react';
import type { Reading } from '../../core/pack/kinds/reading';
import { packAssetUrl } from '../../core/pack/url';
import { parseHttpResponse } from '../../core/protocol/http';
import { LOCALES, pickText, type Locale } from '../../core/text';
import { chapterKey, readableOf } from '../../core/zones/reading';
import { renderMarkdown } from '../common/markdown';
import { historyDate, rt } from '../kiosk/reading/strings';
import { LocaleSwitch } from '../table/ui';
import './reader.css';

/** Text sizes on the phone, in px. */
const SIZES = [16, 18, 21, 25] as const;

/** Reads `#/read?item=…&lang=…` (what the kiosk's QR code carries); unknown parts come back empty. */
export function parseReaderAddress(hash: string): { item: string; locale: Locale | undefined } | undefined {
  const m = /^#\/read(?:\?(.*))?$/.exec(hash);
  if (!m) return undefined;
  const q = new URLSearchParams(m[1] ?? '');
  const lang = q.get('lang') ?? '';
  return { item: q.get('item') ?? '', locale: (LOCALES as readonly string[]).includes(lang) ? (lang as Locale) : undefined };
}

/**
 * The reading bar on a visitor's phone: the piece the kiosk showed, in the visitor's language,
 * scrolled like any page, with text size and the next chapter. It reads the hall's content from
 * the host (`GET /api/hall`) like every page; nothing is kept on the phone.
 */
export function PhoneReader({ initial, initialLocale }: { initial: string; initialLocale: Locale | undefined }) {
  const [item, setItem] = useState(initial);
  const [locale, setLocale] = useState<Locale>(initialLocale ?? 'zh-Hans');
  const [size, setSize] = useState(1);
  const [hall, setHall] = useState<{ packId: string; reading: Reading | undefined } | 'offline' | undefined>(undefined);
  useEffect(() => {
    // The reader scrolls like any page (the surfaces' stylesheet fixes the page in place).
    document.documentElement.classList.add('rd-page');
    return () => document.documentElement.classList.remove('rd-page');
  }, []);
  useEffect(() => {
    void fetch('/api/hall')
      .then(async (r) => parseHttpResponse('GET /api/hall', r.status, await r.json()))
      .then((r) => setHall(r.ok ? { packId: r.value.packId, reading: r.value.reading } : 'offline'))
      .catch(() => setHall('offline'));
  }, []);
  const barTitle = hall && hall !== 'offline' && hall.reading ? pickText(hall.reading.title, locale) : '';
  useEffect(() => {
    if (barTitle) document.title = `${barTitle} · RedHall`;
  }, [barTitle]);
  useEffect(() => {
    document.documentElement.lang = locale;
    window.history.replaceState(null, '', `#/read?item=${encodeURIComponent(item)}&lang=${locale}`);
    window.scrollTo(0, 0);
  }, [locale, item]);
  const top = (
    <header className="rd-top">
      <div className="rd-sizes" role="group" aria-label={rt(locale, 'fontSize')}>
        <button type="button" aria-label={`A− ${rt(locale, 'smaller')}`} disabled={size <= 0} onClick={() => setSize((s) => Math.max(0, s - 1))}>
          A−
        </button>
        <button type="button" aria-label={`A+ ${rt(locale, 'larger')}`} disabled={size >= SIZES.length - 1} onClick={() => setSize((s) => Math.min(SIZES.length - 1, s + 1))}>
          A+
        </button>
      </div>
      <LocaleSwitch locale={locale} onChange={setLocale} />
    </header>
  );
  if (hall === undefined) return <div className="rd" lang={locale}>{top}<p className="rd-note" aria-busy="true">{rt(locale, 'loading')}</p></div>;
  if (hall === 'offline') return <div className="rd" lang={locale}>{top}<p className="rd-note">{rt(locale, 'offline')}</p></div>;
  const found = hall.reading && readableOf(hall.reading, item);
  if (!found) return <div className="rd" lang={locale}>{top}<p className="rd-note" data-testid="reader-missing">{rt(locale, 'notFound')}</p></div>;
  const text = (t: Parameters<typeof pickText>[0]) => pickText(t, locale);
  const book = found.kind === 'chapter' ? found.book : undefined;
  const title = found.kind === 'article' ? found.article.title : found.book.chapters[found.index]!.title;
  const body = found.kind === 'article' ? found.article.body : found.book.chapters[found.index]!.body;
  const author = found.kind === 'article' ? found.article.author : found.book.author;
  const date = found.kind === 'article' ? historyDate(found.article.date, locale) : '';
  return (
    <div className="rd" lang={locale} data-testid="phone-reader" data-read={found.key} style={{ fontSize: `${SIZES[size]}px` }}>
      {top}
      <main className="rd-main">
        {hall.reading && <p className="rd-bar">{text(hall.reading.title)}{book ? ` · ${text(book.title)}` : ''}</p>}
        <h1>{text(title)}</h1>
        {(date || author) && <p className="rd-byline">{[date, author && text(author)].filter(Boolean).join(' · ')}</p>}
        {found.kind === 'article' && found.article.cover && <img className="rd-cover" src={packAssetUrl(hall.packId, found.article.cover)} alt="" />}
        <div className="rd-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(text(body)) }} />
        {book && found.kind === 'chapter' && (
          <nav className="rd-chapters">
            <button type="button" disabled={found.index === 0} onClick={() => setItem(chapterKey(book, found.index - 1))}>
              ‹ {rt(locale, 'prevChapter')}
            </button>
            <button type="button" disabled={found.index >= book.chapters.length - 1} onClick={() => setItem(chapterKey(book, found.index + 1))} data-action="next-chapter">
              {rt(locale, 'nextChapter')} ›
            </button>
          </nav>
        )}
      </main>
    </div>
  );
}
