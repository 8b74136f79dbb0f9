import { useEffect, useRef, useState } from 'react';
import type { HallContent } from '../../core/protocol/messages';
import { packAssetUrl } from '../../core/pack/url';
import { pickText } from '../../core/text';
import { useHost } from '../host/context';
import { useT } from '../i18n';
import './interactive.css';

/**
 * Interactive projection: a touch or a pointer on the wall reaches its scene. Every touch sends
 * a ring of light rippling out from the finger; the pack's zones float on the wall as glowing
 * hotspots, and touching one opens its story (cover, title, summary), which closes itself when
 * the visitor walks away.
 */

type Module = HallContent['modules'][number];

const CLOSE = { 'zh-Hans': '关闭', 'zh-Hant': '關閉', en: 'Close' };
const TOUCH_HINT = { 'zh-Hans': '触摸墙面，点亮一段历史', 'zh-Hant': '觸摸牆面，點亮一段歷史', en: 'Touch the wall to light up a story' };
const STORY_SECONDS = 45;

/** A zone's picture: its first image exhibit. */
const coverOf = (m: Module): string | undefined => m.items.find((it) => it.kind === 'image' && it.src)?.src;

interface Ripple {
  x: number;
  y: number;
  born: number;
}

export function Interactive({ hall }: { hall: HallContent }) {
  const { connection } = useHost();
  const { locale, text } = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const ripples = useRef<Ripple[]>([]);
  const raf = useRef(0);
  const [open, setOpen] = useState<Module | undefined>(undefined);
  const modules = hall.modules.slice(0, 6);

  useEffect(() => () => cancelAnimationFrame(raf.current), []);
  const start = () => {
    if (!raf.current) raf.current = requestAnimationFrame(() => drawRipples(canvas.current, ripples, raf));
  };
  useEffect(() => {
    if (!open) return;
    connection.send({ type: 'surface.state', screen: `wall:story:${open.id}`, locale });
    const t = window.setTimeout(() => setOpen(undefined), STORY_SECONDS * 1000);
    return () => window.clearTimeout(t);
  }, [open, connection, locale]);

  const touch = (e: React.PointerEvent) => {
    const rect = e.currentTarget.getBoundingClientRect();
    ripples.current.push({ x: e.clientX - rect.left, y: e.clientY - rect.top, born: performance.now() });
    start();
  };

  return (
    <div className="interactive" data-testid="interactive" onPointerDown={touch}>
      <canvas ref={canvas} className="interactive-ripples" />
      {!open && <p className="interactive-hint">{pickText(TOUCH_HINT, locale)}</p>}
      {!open &&
        modules.map((m, i) => (
          <button
            key={m.id}
            className="hotspot"
            data-hotspot={m.id}
            style={{ left: `${((i + 0.5) / modules.length) * 100}%`, top: `${i % 2 ? 62 : 44}%`, animationDelay: `${i * 0.7}s` }}
            onClick={() => setOpen(m)}
          >
            <span className="hotspot-dot" aria-hidden="true" />
            <span className="hotspot-title">{text(m.title)}</span>
          </button>
        ))}
      {open && (
        <article className="story-card" data-story={open.id} onPointerDown={(e) => e.stopPropagation()}>
          {coverOf(open) && <img src={packAssetUrl(hall.packId, coverOf(open)!)} alt="" />}
          <div className="story-body">
            <h2>{text(open.title)}</h2>
            {open.subtitle && <h3>{text(open.subtitle)}</h3>}
            {open.summary && <p>{text(open.summary)}</p>}
            <button className="story-close" onClick={() => setOpen(undefined)}>
              {pickText(CLOSE, locale)}
            </button>
          </div>
        </article>
      )}
    </div>
  );
}

/** One frame of the ripples; asks for the next while any ripple is still spreading. */
function drawRipples(c: HTMLCanvasElement | null, ripples: { current: Ripple[] }, raf: { current: number }): void {
  if (!c) {
    raf.current = 0;
    return;
  }
  const g = c.getContext('2d')!;
  if (c.width !== c.clientWidth || c.height !== c.clientHeight) {
    c.width = c.clientWidth;
    c.height = c.clientHeight;
  }
  g.clearRect(0, 0, c.width, c.height);
  const now = performance.now();
  ripples.current = ripples.current.filter((r) => now - r.born < 1800);
  for (const r of ripples.current) {
    const t = (now - r.born) / 1800;
    for (let k = 0; k < 3; k++) {
      const tk = t - k * 0.12;
      if (tk <= 0) continue;
      g.beginPath();
      g.arc(r.x, r.y, 20 + tk * Math.min(c.width, c.height) * 0.35, 0, Math.PI * 2);
      g.strokeStyle = `rgba(244, 198, 107, ${(1 - tk) * 0.8})`;
      g.lineWidth = 6 * (1 - tk) + 1;
      g.stroke();
    }
  }
  raf.current = ripples.current.length ? requestAnimationFrame(() => drawRipples(c, ripples, raf)) : 0;
}
