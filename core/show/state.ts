import type { LocalisedText } from '../text';
import type { TimedCue } from './schedule';

/**
 * What one surface shows at a host time, folded from the cues it holds. Every layer keeps the
 * host time it began, so a surface that joins or reloads mid-show draws the same frame as one
 * that was there from the start: the video at its position, the picture, the text, the fade.
 */

/** A layer that began at host time `from` and ends at `until` (host ms; undefined: until replaced). */
export interface Layer {
  from: number;
  until: number | undefined;
  /** The cue that set it. */
  index: number;
}

export interface MediaLayer extends Layer {
  src: string;
}

export interface TextLayer extends Layer {
  text: LocalisedText;
}

export interface SurfaceShowState {
  video: MediaLayer | undefined;
  audio: MediaLayer | undefined;
  image: MediaLayer | undefined;
  text: TextLayer | undefined;
  /** Fading to black from `from` over `until - from`. */
  fade: Layer | undefined;
  /** The show took over this surface (a cue has been presented and no stop since). */
  active: boolean;
  /** The last cue presented (−1 before the first). */
  cue: number;
}

export const IDLE_STATE: SurfaceShowState = { video: undefined, audio: undefined, image: undefined, text: undefined, fade: undefined, active: false, cue: -1 };

const AUDIO = /\.(ogg|oga|mp3|m4a|aac|wav|opus|flac)$/i;

/** True when a play cue's source is sound only (played through the audio layer, not a video). */
export function isAudioSrc(src: string): boolean {
  return AUDIO.test(src);
}

/** Applies one cue to a surface's state (a pure reducer: the same cues always give the same state). */
export function applyCue(state: SurfaceShowState, c: TimedCue): SurfaceShowState {
  const { cue } = c;
  const layer = { from: c.at, until: cue.seconds === undefined ? undefined : c.at + cue.seconds * 1000, index: c.index };
  const next: SurfaceShowState = { ...state, active: true, cue: c.index };
  switch (cue.action) {
    case 'play':
      if (!cue.src) return next;
      // A new picture after a fade brings the light back.
      return isAudioSrc(cue.src) ? { ...next, audio: { ...layer, src: cue.src } } : { ...next, video: { ...layer, src: cue.src }, fade: undefined };
    case 'show':
      return cue.src ? { ...next, image: { ...layer, src: cue.src }, fade: undefined } : next;
    case 'text':
      return cue.text ? { ...next, text: { ...layer, text: cue.text }, fade: undefined } : next;
    case 'hide':
      return { ...next, video: undefined, image: undefined, text: undefined };
    case 'fade':
      return { ...next, fade: { from: c.at, until: c.at + (cue.seconds ?? 1) * 1000, index: c.index } };
    case 'stop':
      return { ...IDLE_STATE, cue: c.index };
  }
}

const live = <L extends Layer>(l: L | undefined, now: number): L | undefined => (l && (l.until === undefined || now < l.until) ? l : undefined);

/**
 * The state at host time `now` from the cues a surface holds (in any order): every cue due by
 * then applied in due order, layers whose time ran out dropped.
 */
export function stateAt(cues: readonly TimedCue[], now: number): SurfaceShowState {
  let s = IDLE_STATE;
  const due = cues.filter((c) => c.at <= now).sort((a, b) => a.at - b.at || a.index - b.index);
  for (const c of due) s = applyCue(s, c);
  return { ...s, video: live(s.video, now), audio: live(s.audio, now), image: live(s.image, now), text: live(s.text, now) };
}

/** How far to black a fade is at `now`: 0 (none) to 1 (black). */
export function fadeAmount(fade: Layer | undefined, now: number): number {
  if (!fade || now < fade.from) return 0;
  const span = (fade.until ?? fade.from) - fade.from;
  return span <= 0 ? 1 : Math.min(1, (now - fade.from) / span);
}

/**
 * Where a media layer should be at host time `now`, in seconds of the file: media loops while
 * its layer lasts (ambience, title films), so the position wraps at `durationSec` when known.
 */
export function mediaPosition(layer: Layer, now: number, durationSec: number | undefined): number {
  const t = Math.max(0, (now - layer.from) / 1000);
  return durationSec && durationSec > 0 ? t % durationSec : t;
}
