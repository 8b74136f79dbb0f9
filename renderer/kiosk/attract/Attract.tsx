import { useCallback, useEffect, useRef, useState } from 'react';
import type { Attract as AttractLoop } from '../../../core/pack/kinds/attract';
import { packAssetUrl } from '../../../core/pack/url';
import { pickText } from '../../../core/text';
import { releaseMediaOnUnmount } from '../../common/media';
import './attract.css';

/** A video slide without `seconds` plays to its end, but never longer than this (a file that never ends, or never loads). */
const VIDEO_CAP_MS = 90_000;
/** A video that has not started playing by then is skipped. */
const VIDEO_START_MS = 6_000;
/**
 * After the finger lifts, the loop stays over the kiosk this long at most, so the click the touch
 * ends in lands on it (counted from the lift, not the press: a slow press, or a busy kiosk that
 * sees the lift late, must not let the click through to the home screen below).
 */
const HOLD_MS = 600;
/** A press that never lifts (a stuck touch frame) wakes the kiosk after this long. */
const STUCK_MS = 5_000;

/**
 * The attract loop (attract.yaml): slides over the whole kiosk, one after another, round and
 * round, until someone touches the screen. That touch only wakes the kiosk: the loop keeps the
 * pointer until the touch's click has landed on the loop itself, then leaves, so nothing under
 * the finger is pressed.
 */
export function Attract({ loop, packId, onWake }: { loop: AttractLoop; packId: string; onWake: () => void }) {
  const [index, setIndex] = useState(0);
  const [waking, setWaking] = useState(false);
  const [lifted, setLifted] = useState(false);
  const slide = loop.slides[index % loop.slides.length]!;
  const next = useCallback(() => setIndex((i) => (i + 1) % loop.slides.length), [loop.slides.length]);
  const woke = useRef(false);
  const wake = useCallback(() => {
    if (woke.current) return;
    woke.current = true;
    onWake();
  }, [onWake]);

  useEffect(() => {
    if (slide.kind === 'video' && slide.seconds === undefined) {
      const cap = window.setTimeout(next, VIDEO_CAP_MS);
      return () => window.clearTimeout(cap);
    }
    const t = window.setTimeout(next, (slide.seconds ?? 8) * 1000);
    return () => window.clearTimeout(t);
  }, [slide, index, next]);
  useEffect(() => {
    if (!waking) return;
    const t = window.setTimeout(wake, lifted ? HOLD_MS : STUCK_MS);
    return () => window.clearTimeout(t);
  }, [waking, lifted, wake]);

  const title = pickText(slide.title, 'zh-Hans');
  const body = pickText(slide.text, 'zh-Hans');
  const en = [pickText(slide.title, 'en'), pickText(slide.text, 'en')].filter((s, i) => s && s !== [title, body][i]).join(' · ');
  return (
    <div
      className="attract"
      role="dialog"
      aria-modal="true"
      tabIndex={0}
      aria-label="轻触屏幕开始参观 / Touch to begin"
      data-testid="attract"
      data-slide={slide.id}
      data-waking={waking}
      // The pointer is held from the first touch to its click; only the click (or a short wait after the lift) wakes the kiosk.
      onPointerDown={(e) => {
        e.preventDefault();
        setWaking(true);
      }}
      onPointerUp={() => setLifted(true)}
      onPointerCancel={() => setLifted(true)}
      onClick={(e) => {
        e.stopPropagation();
        wake();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') wake();
      }}
    >
      <div className="attract-slide" key={`${slide.id}-${index}`} data-kind={slide.kind}>
        {slide.kind === 'image' && slide.src && <img className="attract-image" src={packAssetUrl(packId, slide.src)} alt="" />}
        {slide.kind === 'video' && slide.src && <AttractVideo src={packAssetUrl(packId, slide.src)} onEnd={next} />}
        {(title || body) && (
          <div className={`attract-words attract-words-${slide.kind}`}>
            {title && <h1>{title}</h1>}
            {body && <p>{body}</p>}
            {en && <p className="attract-en" lang="en">{en}</p>}
          </div>
        )}
      </div>
      <div className="attract-touch" aria-hidden="true">
        <span className="attract-ring" />
        轻触屏幕开始参观 · 輕觸螢幕開始參觀 · Touch to begin
      </div>
    </div>
  );
}

function AttractVideo({ src, onEnd }: { src: string; onEnd: () => void }) {
  const started = useRef(false);
  useEffect(() => {
    const t = window.setTimeout(() => {
      if (!started.current) onEnd();
    }, VIDEO_START_MS);
    return () => window.clearTimeout(t);
  }, [onEnd]);
  return (
    <video
      className="attract-video"
      ref={releaseMediaOnUnmount}
      src={src}
      autoPlay
      muted
      playsInline
      preload="auto"
      onPlaying={() => (started.current = true)}
      onEnded={onEnd}
      onError={onEnd}
    />
  );
}
