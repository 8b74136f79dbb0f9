import { useEffect, useRef, useState } from 'react';
import { ringPlacement, ringSlice } from '../../core/surface/geometry';
import type { SurfacePlacement } from '../../core/surface/placement';
import type { MediaCue } from '../../core/story/schema';
import { releaseMediaOnUnmount } from '../common/media';

type Ring = NonNullable<SurfacePlacement['ring']>;
export interface PhaseTime {
  since: number;
  pausedAt?: number | undefined;
}

/** The phase's 360° picture or film, if it has one (what a ring segment shows instead of the table's screen). */
export function panoramaOf(media: readonly MediaCue[] | undefined): MediaCue | undefined {
  return media?.find((m) => m.projection === '360' && (m.kind === 'image' || m.kind === 'video'));
}

/**
 * Where a film should be, in seconds, on host time: from the phase's start, frozen while the DM
 * has paused, round again when it loops, held on its last frame when it does not.
 */
export function filmPosition(time: PhaseTime, hostNow: number, duration: number, loop: boolean): number {
  const t = Math.max(0, ((time.pausedAt ?? hostNow) - time.since) / 1000);
  if (!Number.isFinite(duration) || duration <= 0) return t;
  return loop ? t % duration : Math.min(t, Math.max(0, duration - 0.05));
}

/**
 * How a film is steered back to its host-time position: a small drift is taken up by playing a
 * little faster or slower (no visible jump), a large one by a seek. `drift` is film minus target.
 */
export function steer(driftSec: number): { seek: boolean; rate: number } {
  if (Math.abs(driftSec) > 0.5) return { seek: true, rate: 1 };
  if (Math.abs(driftSec) < 0.015) return { seek: false, rate: 1 };
  return { seek: false, rate: 1 - Math.max(-0.05, Math.min(0.05, driftSec * 0.5)) };
}

/**
 * One segment of a ring showing a table's 360° media: the whole equirectangular picture laid out
 * so this screen shows its yaw slice (as the show player does), drawn again past its right edge
 * where the slice wraps. Films run on the phase's host time, so every segment is on the same frame
 * and a screen that reloads, or a host that restarts, comes back in place.
 */
export function TablePanorama({ src, cue, ring, time, hostNow, onShown }: { src: string; cue: MediaCue; ring: Ring; time: PhaseTime | undefined; hostNow: () => number; onShown?: () => void }) {
  const [size, setSize] = useState(() => ({ w: window.innerWidth, h: window.innerHeight }));
  useEffect(() => {
    const on = () => setSize({ w: window.innerWidth, h: window.innerHeight });
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  const place = ringPlacement(ringSlice(ring.index, ring.count, size.w, size.h, ring.yawOffsetDeg, ring.pitchDeg), size.w, size.h);
  const copies = place.wraps ? [0, 1] : [0];
  const films = useRef(new Set<HTMLVideoElement>());
  const loop = cue.loop ?? true;

  useEffect(() => {
    if (cue.kind !== 'video') return;
    let frame = 0;
    const tick = () => {
      frame = requestAnimationFrame(tick);
      if (!time) return;
      for (const v of films.current) {
        if (v.readyState < 1) continue;
        const target = filmPosition(time, hostNow(), v.duration, loop);
        if (time.pausedAt !== undefined) {
          if (!v.paused) v.pause();
          if (Math.abs(v.currentTime - target) > 0.05) v.currentTime = target;
          continue;
        }
        const s = steer(v.currentTime - target);
        if (s.seek) v.currentTime = target;
        v.playbackRate = s.rate;
        if (v.paused) void v.play().catch(() => undefined);
      }
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [cue.kind, time, hostNow, loop]);

  // Tells the surface once the picture (or the film's first frame) is decoded and a frame with it
  // has gone out, so /api/health says "table" when the room sees it, not seconds before: a large
  // 360° picture takes a while to decode and raster in software, the old frame showing meanwhile.
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = root.current;
    if (!el || !onShown) return;
    let gone = false;
    const media = [...el.querySelectorAll<HTMLImageElement | HTMLVideoElement>('img, video')];
    const ready = media.map((m) =>
      m instanceof HTMLImageElement
        ? m.decode().catch(() => undefined)
        : new Promise<void>((resolve) => {
            if (m.readyState >= 2) resolve();
            else m.addEventListener('loadeddata', () => resolve(), { once: true });
          }),
    );
    void Promise.all(ready).then(() => requestAnimationFrame(() => requestAnimationFrame(() => { if (!gone) onShown(); })));
    return () => { gone = true; };
  }, [src, onShown, copies.length]);

  const box = (k: number) => ({ left: place.left + k * place.pictureWidth, top: place.top, width: place.pictureWidth, height: place.pictureHeight });
  return (
    <div ref={root} className="scr-pano" data-testid="table-panorama" data-ring={`${ring.index}/${ring.count}`} data-wraps={String(place.wraps)}>
      {copies.map((k) =>
        cue.kind === 'video' ? (
          <video
            key={k}
            ref={(el) => {
              if (!el) return undefined;
              films.current.add(el);
              const release = releaseMediaOnUnmount(el);
              return () => {
                films.current.delete(el);
                release?.();
              };
            }}
            src={src}
            style={box(k)}
            // One sound for the room: the first segment's first copy.
            muted={k > 0 || ring.index !== 0}
            playsInline
            loop={loop}
            preload="auto"
          />
        ) : (
          <img key={k} src={src} alt="" style={box(k)} />
        ),
      )}
    </div>
  );
}
