import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { turnPage } from '../../../core/zones/reading';

/** How far a finger moves sideways before a press is a swipe (CSS px). */
const SWIPE_PX = 60;

/**
 * Text laid out in pages the width of the frame (CSS columns), turned by a swipe, a tap on
 * either side, or the page buttons. The page count is measured after layout, and again when
 * the text size or the frame changes; the page stays within the new count.
 */
export function Pager({ children, page, onPage, onPages, fontStep, labels }: {
  children: ReactNode;
  page: number;
  onPage: (page: number) => void;
  onPages: (pages: number) => void;
  fontStep: number;
  labels: { prev: string; next: string };
}) {
  const frame = useRef<HTMLDivElement | null>(null);
  const view = useRef<HTMLDivElement | null>(null);
  const flow = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  const [pages, setPages] = useState(1);
  const [cols, setCols] = useState(1);
  const press = useRef<{ id: number; x: number; y: number } | undefined>(undefined);

  const measure = useCallback(() => {
    const v = view.current;
    const c = flow.current;
    if (!v || !c) return;
    const w = v.clientWidth;
    // A wide page is a spread of two columns, as a book lies open; a narrow one is one column.
    const cols = w > 1100 ? 2 : 1;
    setWidth(w);
    setCols(cols);
    // Each page is `cols` columns and the gaps between them; one more gap leads to the next page.
    const columns = Math.max(1, Math.round((c.scrollWidth + GAP) / ((w - GAP * (cols - 1)) / cols + GAP)));
    const n = Math.max(1, Math.ceil(columns / cols));
    setPages(n);
    onPages(n);
  }, [onPages]);

  useLayoutEffect(() => {
    measure();
    const ro = new ResizeObserver(measure);
    if (view.current) ro.observe(view.current);
    return () => ro.disconnect();
  }, [measure, fontStep, children]);
  useLayoutEffect(() => {
    if (page > pages - 1) onPage(pages - 1);
  }, [page, pages, onPage]);

  const turn = (delta: number) => onPage(turnPage(page, delta, pages));
  return (
    <div className="pager">
      <div
        className="pager-frame"
        ref={frame}
        data-pages={pages}
        data-page={page}
        onPointerDown={(e) => {
          press.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
        }}
        onPointerUp={(e) => {
          const p = press.current;
          press.current = undefined;
          if (!p || p.id !== e.pointerId || !frame.current) return;
          const dx = e.clientX - p.x;
          if (Math.abs(dx) >= SWIPE_PX && Math.abs(dx) > Math.abs(e.clientY - p.y)) return turn(dx < 0 ? 1 : -1);
          if (Math.abs(dx) > 12) return;
          // A tap on the outer thirds turns the page; the middle is for reading.
          const r = frame.current.getBoundingClientRect();
          const at = (e.clientX - r.left) / r.width;
          if (at < 0.3) turn(-1);
          else if (at > 0.7) turn(1);
        }}
        onPointerCancel={() => (press.current = undefined)}
      >
        <div className="pager-view" ref={view}>
          <div
            className="pager-flow"
            ref={flow}
            style={{ columnCount: cols, columnGap: `${GAP}px`, transform: `translateX(${-page * (width + GAP)}px)` }}
          >
            {children}
          </div>
        </div>
      </div>
      <div className="pager-bar">
        <button className="big-button pager-turn" data-action="prev-page" onClick={() => turn(-1)} disabled={page <= 0}>
          ‹ {labels.prev}
        </button>
        <div className="pager-dots" aria-hidden="true">
          {Array.from({ length: Math.min(pages, 24) }, (_, i) => (
            <span key={i} className={i === page ? 'on' : ''} />
          ))}
        </div>
        <button className="big-button pager-turn" data-action="next-page" onClick={() => turn(1)} disabled={page >= pages - 1}>
          {labels.next} ›
        </button>
      </div>
    </div>
  );
}

/** Space between pages (CSS px): never shows, but keeps a page's last letters off the next. */
const GAP = 80;
