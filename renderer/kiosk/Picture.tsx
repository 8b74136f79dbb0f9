import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../../core/text';
import { useT } from '../i18n';
import { PanZoom } from './panzoom';
import './picture.css';

const WORDS = {
  open: { 'zh-Hans': '放大查看', 'zh-Hant': '放大查看', en: 'Enlarge' },
  close: { 'zh-Hans': '关闭', 'zh-Hant': '關閉', en: 'Close' },
  hint: { 'zh-Hans': '双指缩放，单指拖动', 'zh-Hant': '雙指縮放，單指拖動', en: 'Pinch to zoom, drag to move' },
} as const satisfies Record<string, Record<Locale, string>>;

/** A picture a visitor can open full screen and pinch-zoom (or drag and wheel with a mouse). */
export function Picture({ src, alt, caption }: { src: string; alt: string; caption?: string | undefined }) {
  const { locale } = useT();
  const [open, setOpen] = useState(false);
  return (
    <figure className="k-picture">
      <button className="k-picture-open" onClick={() => setOpen(true)} aria-label={`${WORDS.open[locale]}: ${alt}`}>
        <img src={src} alt="" draggable={false} />
        <span className="k-picture-badge" aria-hidden="true">⤢</span>
      </button>
      {caption && <figcaption>{caption}</figcaption>}
      {open && <PictureViewer src={src} alt={alt} caption={caption} onClose={() => setOpen(false)} />}
    </figure>
  );
}

function PictureViewer({ src, alt, caption, onClose }: { src: string; alt: string; caption?: string | undefined; onClose: () => void }) {
  const { locale } = useT();
  const viewport = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLImageElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | undefined>();
  useEffect(() => {
    if (!size || !viewport.current || !content.current) return;
    const pz = new PanZoom(viewport.current, content.current, { ...size, maxZoom: 5 });
    return () => pz.dispose();
  }, [size]);
  return (
    <div className="k-viewer" role="dialog" aria-modal="true" aria-label={alt}>
      <div className="k-viewer-stage" ref={viewport} data-testid="picture-stage">
        <img
          ref={content}
          src={src}
          alt={alt}
          draggable={false}
          style={size ? { width: size.width, height: size.height } : { visibility: 'hidden' }}
          onLoad={(e) => setSize({ width: e.currentTarget.naturalWidth || 1600, height: e.currentTarget.naturalHeight || 1000 })}
        />
      </div>
      <div className="k-viewer-bar">
        <p>{caption ?? alt}</p>
        <span className="k-viewer-hint">{WORDS.hint[locale]}</span>
        <button className="big-button" data-action="close-picture" onClick={onClose}>
          {WORDS.close[locale]}
        </button>
      </div>
    </div>
  );
}
