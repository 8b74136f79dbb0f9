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

export interface AmbienceLayer extends MediaLayer {
  volume: number;
}

/** A picture or film on its way out under a crossfade: it dissolves from `from` to `until`. */
export interface OutgoingLayer extends Layer {
  kind: 'image' | 'video';
  src: string;
  /** When the outgoing film began (for its position while it dissolves). */
  began: number;
}

export interface SurfaceShowState {
  video: MediaLayer | undefined;
  audio: MediaLayer | undefined;
  image: MediaLayer | undefined;
  text: TextLayer | undefined;
  /** A sound looping under everything (its own channel: a film's or a cue's sound does not replace it). */
  ambience: AmbienceLayer | undefined;
  /** A pack model drawn as a 3D scene. */
  scene: MediaLayer | undefined;
  /** The picture a crossfade is dissolving away (the new one fades in over the same span). */
  outgoing: OutgoingLayer | undefined;
  /** Fading to black from `from` over `until - from`. */
  fade: Layer | undefined;
  /** The show took over this surface (a cue has been presented and no stop since). */
  active: boolean;
  /** The last cue presented (−1 before the first). */
  cue: number;
}

export const IDLE_STATE: SurfaceShowState = {
  video: undefined, audio: undefined, image: undefined, text: undefined, ambience: undefined, scene: undefined, outgoing: undefined, fade: undefined, active: false, cue: -1,
};

const AUDIO = /\.(ogg|oga|mp3|m4a|aac|wav|opus|flac)$/i;

/** True when a play cue's source is sound only (played through the audio layer, not a video). */
export function isAudioSrc(src: string): boolean {
  return AUDIO.test(src);
}

/** True when a source is a 3D model (a show cue with it puts up a scene). */
export function isModelSrc(src: string): boolean {
  return /\.(glb|gltf)$/i.test(src);
}

const IMAGE = /\.(png|jpe?g|gif|webp|svg|avif)$/i;

/** The picture on screen when a crossfade begins, as the layer that dissolves away. */
function outgoingOf(s: SurfaceShowState, at: number, until: number, index: number): OutgoingLayer | undefined {
  if (s.image) return { kind: 'image', src: s.image.src, from: at, until, index, began: s.image.from };
  if (s.video) return { kind: 'video', src: s.video.src, from: at, until, index, began: s.video.from };
  return undefined;
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
      return isAudioSrc(cue.src) ? { ...next, audio: { ...layer, src: cue.src } } : { ...next, video: { ...layer, src: cue.src }, scene: undefined, fade: undefined };
    case 'show':
      if (!cue.src) return next;
      if (isModelSrc(cue.src)) return { ...next, scene: { ...layer, src: cue.src }, image: undefined, video: undefined, fade: undefined };
      return { ...next, image: { ...layer, src: cue.src }, scene: undefined, fade: undefined };
    case 'scene':
      return cue.src ? { ...next, scene: { ...layer, src: cue.src }, image: undefined, video: undefined, fade: undefined } : next;
    case 'ambience':
      return cue.src ? { ...next, ambience: { ...layer, src: cue.src, volume: cue.volume ?? 0.6 } } : next;
    case 'crossfade': {
      if (!cue.src) return next;
      // The dissolve lasts `seconds` (default 2 s); the new picture then stays until replaced.
      const span = (cue.seconds ?? 2) * 1000;
      const incoming = { from: c.at, until: undefined, index: c.index, src: cue.src };
      const out = outgoingOf(next, c.at, c.at + span, c.index);
      const base = { ...next, outgoing: out, fade: undefined, scene: undefined };
      return IMAGE.test(cue.src) ? { ...base, image: incoming, video: undefined } : { ...base, video: incoming, image: undefined };
    }
    case 'text':
      return cue.text ? { ...next, text: { ...layer, text: cue.text }, fade: undefined } : next;
    case 'hide':
      return { ...next, video: undefined, image: undefined, text: undefined, scene: undefined, outgoing: undefined };
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
  return {
    ...s,
    video: live(s.video, now),
    audio: live(s.audio, now),
    image: live(s.image, now),
    text: live(s.text, now),
    ambience: live(s.ambience, now),
    scene: live(s.scene, now),
    outgoing: live(s.outgoing, now),
  };
}

/** How far a crossfade has come at `now`: 0 (all old picture) to 1 (all new); 1 when none is under way. */
export function crossfadeAmount(outgoing: Layer | undefined, now: number): number {
  if (!outgoing) return 1;
  const span = (outgoing.until ?? outgoing.from) - outgoing.from;
  return span <= 0 ? 1 : Math.max(0, Math.min(1, (now - outgoing.from) / span));
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
