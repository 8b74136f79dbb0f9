import { Howl } from 'howler';
import { packAssetUrl } from '../../core/pack/url';
import type { HostMessage } from '../../core/protocol/messages';
import { correctDrift, driftSeconds, learnSeekLead, percentile } from '../../core/show/drift';
import type { TimedCue } from '../../core/show/schedule';
import { crossfadeAmount, fadeAmount, IDLE_STATE, isAudioSrc, isModelSrc, mediaPosition, stateAt, type MediaLayer, type SurfaceShowState, type TextLayer } from '../../core/show/state';
import { ringPlacement, ringSlice } from '../../core/surface/geometry';
import type { SurfacePlacement } from '../../core/surface/placement';
import { pickText, type Locale } from '../../core/text';
import type { HostConnection } from '../host/connection';
import type { ModelStage } from './model-stage';

export interface ShowPlayerOptions {
  /** Where this surface sits in the room (hall.yaml): a spanning canvas or a ring segment changes how pictures are laid out. */
  placement?: SurfacePlacement | undefined;
  /**
   * A surface with a 3D view of its own (CAVE, hologram) draws a show's scene itself: it is told
   * the model's URL (undefined when none), and the player leaves its stage clear for it.
   */
  onScene?: ((url: string | undefined) => void) | undefined;
  /** A kiosk shows only a show's words, as a banner over its own screen (pictures are for the walls). */
  banner?: boolean | undefined;
  /**
   * Told when a show's first cue is about to come (and when it is over): the surface stops its
   * own drawing then, so the frame that presents the first cue is not queued behind its scene.
   */
  onArmed?: ((armed: boolean) => void) | undefined;
}

/**
 * Something the show shows by opacity alone (a picture, a text, the fade, the stage itself): drawn
 * ahead, so a cue changes only opacities, which the compositor can apply without the main thread.
 */
interface OpacityLayer {
  el: HTMLElement;
  /** The opacity its inline style holds (what the main thread last drew). */
  opacity: number;
}

/** A picture of the show: its own composited layer, drawn ahead and shown by opacity alone. */
interface PictureLayer extends OpacityLayer {
  img: HTMLImageElement;
  /** Settles once the picture is decoded (or failed to). */
  decoded: Promise<void>;
}

/**
 * An opacity change handed to the compositor ahead of its cue: a Web Animation started at the
 * cue's time on the document timeline, so it flips on the cue's frame even when this page's main
 * thread is busy then. Once the main thread has drawn past it, the inline style holds the same
 * value and the animation is dropped.
 */
interface Scheduled {
  anim: Animation;
  layer: OpacityLayer;
  /** Performance-clock start and end (ms). */
  startPerf: number;
  endPerf: number;
}

/** How far ahead cue changes are handed to the compositor (ms; cues arrive one lead time, ≥ 1 s, ahead). */
const SCHEDULE_AHEAD_MS = 3000;

/** How long before a show's first cue the surface is told to make room for it (ms). */
const ARM_MS = 2500;

/** How long a surface waits for its media before it says it is ready anyway (ms; the host's own bound is shorter). */
const PREPARE_WAIT_MS = 2500;
/** How long a surface stays armed after `show.prepare` when no cue of the run comes (ms). */
const PREPARE_HOLD_MS = 10_000;

const IMAGE_SRC = /\.(png|jpe?g|gif|webp|svg|avif)$/i;

type ShowCues = Extract<HostMessage, { type: 'show.cues' }>;
type ShowPrepare = Extract<HostMessage, { type: 'show.prepare' }>;
type ShowCue = TimedCue['cue'];

interface HeldRun {
  runId: string;
  showId: string;
  packId: string;
  startHost: number;
  cues: TimedCue[];
}

/** A video of the show with what keeps it in step with the host clock. */
interface VideoEntry {
  el: HTMLVideoElement;
  layer: MediaLayer | undefined;
  runId: string;
  /** The smallest media-time step seen between presented frames: one frame of the film (s). */
  frameSec: number;
  lastMediaTime: number;
  lastPresented: number;
  window: number[];
  samples: { hostMs: number; driftMs: number }[];
  seeks: number;
  holdUntil: number;
  /** A seek was made: the first settled measurement after it teaches the seek lead. */
  learning: boolean;
  /**
   * The film's second element for its loop: held paused on its first frame, it takes over at the
   * wrap (started ahead by what a start costs here, learned), so a wrap is no seek and no decoder
   * restart. The two swap roles at every wrap.
   */
  spare: HTMLVideoElement | undefined;
  /** The wrap the spare is set to take over at (host ms), and its timer. */
  wrapAt: number;
  wrapTimer: number;
  /** The spare takes the film over at the wrap: the timer, and the compositor's flip of its opacity. */
  flipTimer: number;
  flip: Animation | undefined;
  /** The last wrap the spare took over at (host ms): started a little ahead, it is not taken again. */
  wrapped: number;
  /** The first settled measurement after a wrap teaches the wrap lead. */
  learningWrap: boolean;
  /** A nudge runs until then (host ms): the rate goes back to 1 and the film is measured afresh. */
  nudgeUntil: number;
}

/** How long before a wrap the spare element is made ready (ms). */
const WRAP_PREPARE_MS = 1500;

const WINDOW = 12;

/**
 * Plays a show on one surface: holds the cues the host sent (with their due host times),
 * loads their media ahead, and on every animation frame draws the state the cues fold to at
 * that frame's host time. A cue is presented on the frame nearest its due time, and the frame's
 * host time is reported back. Videos are kept in step by their presented frames
 * (requestVideoFrameCallback): rate nudges for small drift, a seek when far out.
 */
export class ShowPlayer {
  private readonly runs = new Map<string, HeldRun>();
  private readonly presented = new Set<string>();
  private readonly videos = new Map<string, VideoEntry>();
  private readonly pictures = new Map<string, PictureLayer>();
  /** Each text cue's words, built when the cue arrives and shown by opacity (key: due time and index). */
  private readonly texts = new Map<string, OpacityLayer>();
  private readonly scheduled: Scheduled[] = [];
  /** Host time of the last moment whose changes were handed to the compositor. */
  private scheduledUntil = -Infinity;
  /** Moments (host ms) still to hand to the compositor, in order. */
  private pending: number[] = [];
  /** Cues (run#index) whose change the compositor presents at their time. */
  private readonly onCompositor = new Set<string>();
  private readonly sounds = new Map<string, Howl>();
  private readonly ambiences = new Map<string, Howl>();
  private readonly root: HTMLDivElement;
  /** Pictures and films: on a ring segment this holds the whole 360° picture, placed so only the segment's slice shows. */
  private readonly media: HTMLDivElement;
  private armed = false;
  /** A show asked this surface to make ready (the preroll): it stays armed until the run's cues come. */
  private preparing: { runId: string; until: number } | undefined;
  /** A script-kill table covers the surface: it says so to /api/health, not the show under it. */
  private covered = false;
  /** The show holding the surface now. */
  private showId: string | undefined;
  private modelStage: ModelStage | undefined;
  /** three.js is fetched only when a show first puts up a 3D scene (the kiosk's banner never does). */
  private stageLoading: Promise<void> | undefined;
  private ambience: string | undefined;
  private outVideo: VideoEntry | undefined;
  private scene: string | undefined;
  private readonly text: HTMLDivElement;
  private readonly fade: OpacityLayer;
  private readonly stage: OpacityLayer;
  private shown: { video: VideoEntry | undefined; image: string | undefined; text: TextLayer | undefined; audio: string | undefined; active: boolean; cue: number } = {
    video: undefined, image: undefined, text: undefined, audio: undefined, active: false, cue: -1,
  };
  private raf = 0;
  private lastTs = 0;
  /** The frame before this one (ms, performance clock): the display's frame grid runs on from it. */
  private prevTs = 0;
  private frameMs = 1000 / 60;
  /** How far ahead of where a video should be a seek aims, to land in step once the decoder restarts (s). */
  private seekLead = 0.05;
  /** How far ahead of a loop's wrap the spare element is started, to be in step once it runs (s). */
  private wrapLead = 0.05;
  private reportTimer: number;
  private readonly unlisten: () => void;

  constructor(
    private readonly host: HTMLElement,
    private readonly connection: HostConnection,
    /** Told when the show takes the surface over and when it hands it back. */
    private readonly onActive: (active: boolean) => void = () => undefined,
    private readonly locale: Locale = 'zh-Hans',
    private readonly options: ShowPlayerOptions = {},
  ) {
    this.root = this.el('div', 'show-stage');
    this.media = this.el('div', 'show-media');
    this.text = this.el('div', 'show-texts');
    const fade = this.el('div', 'show-fade');
    this.fade = { el: fade, opacity: 0 };
    this.stage = { el: this.root, opacity: 0 };
    this.root.style.opacity = '0';
    this.root.append(this.media, this.text, fade);
    host.append(this.root);
    if (options.banner) this.root.classList.add('show-stage-banner');
    this.layout();
    window.addEventListener('resize', this.layout);
    this.setActive(false, -1);
    this.unlisten = connection.listen((m) => {
      if (m.type === 'show.cues') this.receive(m);
      if (m.type === 'show.prepare') this.prepareRun(m);
      // After every (re)connect: ask for the running show's cues so far.
      if (m.type === 'welcome') connection.send({ type: 'show.join' });
    });
    if (connection.state.status === 'connected') connection.send({ type: 'show.join' });
    this.reportTimer = window.setInterval(() => this.reportDrift(), 1000);
    this.raf = requestAnimationFrame(this.frame);
  }

  /**
   * Lays the stage out for the surface's place: a spanning wall's stage is the whole shared
   * canvas, shifted so this display shows its part; a ring segment's pictures are the whole
   * 360° picture, shifted so it shows its yaw slice (text and fades stay on each screen).
   */
  private readonly layout = (): void => {
    const p = this.options.placement;
    const w = this.host.clientWidth || window.innerWidth;
    const h = this.host.clientHeight || window.innerHeight;
    if (p?.span) {
      const { canvas, viewport } = p.span;
      Object.assign(this.root.style, { inset: 'auto', left: `${-viewport.x}px`, top: `${-viewport.y}px`, width: `${canvas.width}px`, height: `${canvas.height}px` });
    }
    if (p?.ring) {
      const slice = ringSlice(p.ring.index, p.ring.count, w, h, p.ring.yawOffsetDeg, p.ring.pitchDeg);
      const place = ringPlacement(slice, w, h);
      Object.assign(this.media.style, { inset: 'auto', left: `${place.left}px`, top: `${place.top}px`, width: `${place.pictureWidth}px`, height: `${place.pictureHeight}px` });
      this.media.dataset.ring = `${p.ring.index}/${p.ring.count}`;
      // Where the slice runs past the picture's edge, the picture is drawn again beside itself (show.css).
      this.media.dataset.wraps = String(place.wraps);
    }
  };

  private el<K extends 'div' | 'img'>(tag: K, className: string): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    e.className = className;
    return e;
  }

  /**
   * The layer of one picture, made when its cue arrives: decoded and drawn ahead, unseen, so the
   * cue's frame only changes opacities (no decode or raster on the frame the cue is due). Twins
   * left and right of it close a ring slice that runs past the picture's edge.
   */
  private picture(url: string): PictureLayer {
    let layer = this.pictures.get(url);
    if (layer) return layer;
    const box = this.el('div', 'show-picture');
    const imgs = [this.el('img', 'show-image'), this.el('img', 'show-image show-twin show-twin-right'), this.el('img', 'show-image show-twin show-twin-left')];
    for (const i of imgs) {
      i.alt = '';
      i.src = url;
    }
    const decoded = imgs[0]!.decode().catch(() => undefined);
    box.dataset.url = url;
    box.style.opacity = '0';
    box.append(...imgs);
    this.media.append(box);
    layer = { el: box, img: imgs[0]!, opacity: 0, decoded };
    this.pictures.set(url, layer);
    return layer;
  }

  /**
   * The words of one text cue, built (with their font) when the cue arrives and kept unseen, so
   * the cue's frame only changes opacities.
   */
  private textLayer(t: TextLayer): OpacityLayer {
    const key = `${t.from}#${t.index}`;
    let layer = this.texts.get(key);
    if (layer) return layer;
    const box = this.el('div', 'show-text');
    const main = document.createElement('p');
    main.lang = this.locale;
    main.textContent = pickText(t.text, this.locale);
    box.append(main);
    const en = typeof t.text === 'string' ? undefined : t.text.en;
    if (en && this.locale !== 'en') {
      const sub = document.createElement('p');
      sub.lang = 'en';
      sub.className = 'show-text-sub';
      sub.textContent = en;
      box.append(sub);
    }
    box.style.opacity = '0';
    this.text.append(box);
    layer = { el: box, opacity: 0 };
    this.texts.set(key, layer);
    return layer;
  }

  /** Forgets which cues of runs no longer held were presented (a looping attract would pile them up). */
  private forgetPresented(): void {
    for (const key of this.presented) if (!this.runs.has(key.slice(0, key.lastIndexOf('#')))) this.presented.delete(key);
    for (const key of this.onCompositor) if (!this.runs.has(key.slice(0, key.lastIndexOf('#')))) this.onCompositor.delete(key);
  }

  /** Drops the layers of pictures no held cue needs any more (a long attract loop would pile them up). */
  private prunePictures(): void {
    const wanted = new Set<string>();
    for (const r of this.runs.values()) for (const c of r.cues) if (c.cue.src) wanted.add(packAssetUrl(r.packId, c.cue.src));
    for (const [url, layer] of this.pictures) {
      if (wanted.has(url) || layer.opacity > 0) continue;
      this.drop(layer);
      this.pictures.delete(url);
    }
    const words = new Set<string>();
    for (const r of this.runs.values()) for (const c of r.cues) if (c.cue.action === 'text') words.add(`${c.at}#${c.index}`);
    for (const [key, layer] of this.texts) {
      if (words.has(key) || layer.opacity > 0) continue;
      this.drop(layer);
      this.texts.delete(key);
    }
  }

  /** Takes a layer off the page, with whatever the compositor still held for it. */
  private drop(layer: OpacityLayer): void {
    for (let i = this.scheduled.length - 1; i >= 0; i--) {
      if (this.scheduled[i]!.layer !== layer) continue;
      this.scheduled[i]!.anim.cancel();
      this.scheduled.splice(i, 1);
    }
    layer.el.remove();
  }

  /**
   * The preroll: a show is about to start. Loads and decodes what this surface's cues need, makes
   * room for the show (the surface stops its own scene), draws a few frames with the layers in
   * place, and tells the host it is ready, with where its frames fall on the host clock.
   */
  prepareRun(m: ShowPrepare): void {
    this.preparing = { runId: m.runId, until: performance.now() + PREPARE_HOLD_MS };
    const loads = [...m.cues.map((c) => this.prepareMedia(m.packId, c)), this.connection.refreshClock()];
    this.arm(this.connection.hostNow(), this.shown.active);
    const waited = new Promise<void>((done) => window.setTimeout(done, PREPARE_WAIT_MS));
    void Promise.race([Promise.all(loads), waited])
      .then(() => this.frames(3))
      .then(() => {
        if (this.disposed) return;
        const known = this.lastTs > 0 && this.connection.state.clockOffsetMs !== undefined;
        this.connection.send({ type: 'show.ready', runId: m.runId, ...(known ? { frame: { hostMs: this.connection.hostTimeAt(this.lastTs), intervalMs: this.frameMs } } : {}) });
      });
  }

  /** Resolves after `n` animation frames of this page. */
  private frames(n: number): Promise<void> {
    return new Promise((done) => {
      const step = () => (--n <= 0 ? done() : requestAnimationFrame(step));
      requestAnimationFrame(step);
    });
  }

  /** Takes cues from the host and starts loading what they need. */
  receive(m: ShowCues): void {
    const now = this.connection.hostNow();
    // The run this surface made ready for has come: from here its cues arm the surface.
    if (this.preparing?.runId === m.runId) this.preparing = undefined;
    if (m.replace) {
      this.runs.clear();
      this.forgetPresented();
      this.prunePictures();
      // A backlog's cues that are already due were presented before this page came: they are
      // drawn (at their position) but not reported as presented now.
      for (const c of m.cues) if (c.at <= now) this.presented.add(`${m.runId}#${c.index}`);
    }
    const run = this.runs.get(m.runId) ?? { runId: m.runId, showId: m.showId, packId: m.packId, startHost: m.startHost, cues: [] };
    for (const c of m.cues) if (!run.cues.some((x) => x.index === c.index && x.at === c.at)) run.cues.push(c);
    this.runs.set(m.runId, run);
    for (const c of m.cues) this.prepare(run.packId, c);
    // Cues that change what was already handed to the compositor (a stop, a new show, a
    // backlog) take back its future changes; they are handed over again with the new cues.
    if (m.replace || m.cues.some((c) => c.at <= this.scheduledUntil)) this.unschedule(now);
    this.plan(now);
    // Handed over at once, not on the next frame: the sooner the compositor holds it, the less a
    // busy main thread around the cue's time matters.
    if (this.connection.state.clockOffsetMs !== undefined) this.schedule(now);
  }

  /** The moments still to hand to the compositor: every cue's time, and when a layer's seconds run out. */
  private plan(now: number): void {
    const at = new Set<number>();
    for (const r of this.runs.values()) {
      for (const c of r.cues) {
        at.add(c.at);
        if (c.cue.seconds !== undefined && c.cue.action !== 'crossfade' && c.cue.action !== 'fade') at.add(c.at + c.cue.seconds * 1000);
      }
    }
    const floor = Math.max(now, this.scheduledUntil);
    this.pending = [...at].filter((t) => t > floor).sort((a, b) => a - b);
  }

  /** Takes back every change handed to the compositor that has not begun. */
  private unschedule(now: number): void {
    const perfNow = performance.now();
    for (let i = this.scheduled.length - 1; i >= 0; i--) {
      const sc = this.scheduled[i]!;
      if (sc.startPerf <= perfNow + 1) continue;
      sc.anim.cancel();
      this.scheduled.splice(i, 1);
    }
    this.scheduledUntil = Math.min(this.scheduledUntil, now);
  }

  /** The performance-clock time (ms) of a host time, on this page's clock estimate. */
  private perfAt(hostMs: number): number {
    return hostMs - this.connection.hostTimeAt(0);
  }

  /** The run that holds the surface at host time `t` (as activeRun, without dropping anything). */
  private runAt(t: number): HeldRun | undefined {
    let best: HeldRun | undefined;
    for (const r of this.runs.values()) {
      let first = Infinity;
      for (const c of r.cues) if (c.at < first) first = c.at;
      if (first <= t && (!best || r.startHost > best.startHost)) best = r;
    }
    return best;
  }

  /**
   * Hands the opacity changes of the moments now within reach to the compositor: each becomes a
   * Web Animation started at its time (half a frame early: the frame nearest the due time shows
   * it, as on the main thread) and held after, so it is presented on time even if this page's
   * main thread is busy when the frame comes. Crossfades and fades are handed over as ramps.
   */
  private schedule(now: number): void {
    while (this.pending.length > 0 && this.pending[0]! <= now + SCHEDULE_AHEAD_MS) {
      const at = this.pending.shift()!;
      this.scheduledUntil = at;
      // Too close to hand over: the main thread draws it on the frame (as it does every frame).
      if (at <= now + this.frameMs) continue;
      const beforeRun = this.runAt(at - 0.5);
      const run = this.runAt(at);
      const before = this.opacities(beforeRun?.packId ?? '', beforeRun ? stateAt(beforeRun.cues, at - 0.5) : IDLE_STATE, at - 0.5);
      const s = run ? stateAt(run.cues, at) : IDLE_STATE;
      const packId = run?.packId ?? '';
      // A crossfade or a fade that begins now runs over its span; any other change is a step.
      let ramp = 0;
      if (s.outgoing && s.outgoing.from === at) ramp = Math.max(ramp, (s.outgoing.until ?? at) - at);
      if (s.fade && s.fade.from === at) ramp = Math.max(ramp, (s.fade.until ?? at) - at);
      const start = this.opacities(packId, s, at);
      const end = ramp > 0 ? this.opacities(packId, s, at + ramp) : start;
      const startPerf = this.perfAt(at) - this.frameMs / 2;
      const duration = Math.max(1, ramp);
      for (const [layer, a] of start) {
        const b = end.get(layer) ?? a;
        if (a === (before.get(layer) ?? 0) && a === b) continue;
        const anim = layer.el.animate([{ opacity: a }, { opacity: b }], { duration, fill: 'forwards' });
        anim.startTime = startPerf;
        this.scheduled.push({ anim, layer, startPerf, endPerf: startPerf + duration });
      }
      if (run) for (const c of run.cues) if (c.at === at) this.onCompositor.add(`${run.runId}#${c.index}`);
    }
  }

  /** Drops the compositor's changes the main thread has drawn past (its inline styles now hold them). */
  private settle(ts: number): void {
    for (let i = this.scheduled.length - 1; i >= 0; i--) {
      const sc = this.scheduled[i]!;
      if (sc.endPerf > ts - this.frameMs) continue;
      sc.anim.cancel();
      this.scheduled.splice(i, 1);
    }
  }

  /**
   * The opacity of every layer in a state at host time `now`: the stage while the show holds the
   * surface, the picture (and, in a crossfade, the one dissolving away), the text, the fade.
   */
  private opacities(packId: string, s: SurfaceShowState, now: number): Map<OpacityLayer, number> {
    const out = new Map<OpacityLayer, number>();
    out.set(this.stage, s.active ? 1 : 0);
    out.set(this.fade, fadeAmount(s.fade, now));
    const iurl = s.image ? packAssetUrl(packId, s.image.src) : undefined;
    const ourl = s.outgoing?.kind === 'image' ? packAssetUrl(packId, s.outgoing.src) : undefined;
    const mix = crossfadeAmount(s.outgoing, now);
    for (const [url, layer] of this.pictures) out.set(layer, url === iurl ? mix : url === ourl ? 1 - mix : 0);
    const words = s.text ? `${s.text.from}#${s.text.index}` : undefined;
    for (const [key, layer] of this.texts) out.set(layer, key === words ? 1 : 0);
    return out;
  }

  private prepare(packId: string, c: TimedCue): void {
    const { cue } = c;
    if (cue.action === 'text' && cue.text) this.textLayer({ from: c.at, until: undefined, index: c.index, text: cue.text });
    void this.prepareMedia(packId, cue);
  }

  /** Loads what a cue needs (its picture decoded, its film to a first frame, its words' font); settles when that is done or failed. */
  private prepareMedia(packId: string, cue: ShowCue): Promise<unknown> {
    if (cue.action === 'text' && cue.text) return document.fonts.load('600 64px "Noto Serif SC Variable"', pickText(cue.text, this.locale)).catch(() => undefined);
    if (!cue.src) return Promise.resolve();
    const url = packAssetUrl(packId, cue.src);
    const loaded = (howl: Howl) => (howl.state() === 'loaded' ? Promise.resolve() : new Promise<void>((done) => { howl.once('load', () => done()); howl.once('loaderror', () => done()); }));
    if (cue.action === 'ambience') {
      if (!this.ambiences.has(url)) this.ambiences.set(url, new Howl({ src: [url], loop: true, preload: true, volume: 0 }));
      return loaded(this.ambiences.get(url)!);
    }
    if (cue.action === 'scene' || isModelSrc(cue.src)) {
      // A surface with its own 3D view loads the model itself; the player's stage needs three.js.
      return this.options.onScene ? Promise.resolve() : import('./model-stage').catch(() => undefined);
    }
    const isImage = cue.action === 'show' || (cue.action === 'crossfade' && IMAGE_SRC.test(cue.src));
    if (isImage) return this.picture(url).decoded;
    if (cue.action === 'play' && isAudioSrc(cue.src)) {
      if (!this.sounds.has(url)) this.sounds.set(url, new Howl({ src: [url], loop: true, preload: true }));
      return loaded(this.sounds.get(url)!);
    }
    const isVideo = cue.action === 'play' || cue.action === 'crossfade';
    if (isVideo && !this.videos.has(url)) {
      const el = document.createElement('video');
      el.className = 'show-video';
      el.preload = 'auto';
      el.playsInline = true;
      el.src = url;
      el.dataset.url = url;
      el.load();
      // Films under pictures, as before: a picture cue covers a film still playing out.
      this.media.prepend(el);
      const entry: VideoEntry = { el, layer: undefined, runId: '', frameSec: Infinity, lastMediaTime: NaN, lastPresented: -1, window: [], samples: [], seeks: 0, holdUntil: 0, learning: false, spare: undefined, wrapAt: 0, wrapTimer: 0, flipTimer: 0, flip: undefined, wrapped: 0, learningWrap: false, nudgeUntil: 0 };
      this.videos.set(url, entry);
      // The loop is ours: a wrap is a seek aimed ahead by what seeks cost here (learned), so it
      // lands in step (the browser's own loop lands late by a decoder restart, ~150 ms under load,
      // which a ±5 % nudge takes seconds to win back).
      this.seekRoundAtEnd(entry, el);
    }
    const video = this.videos.get(url);
    if (!video) return Promise.resolve();
    // A first frame decoded: the film can start on its cue without waiting for its decoder.
    return video.el.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA
      ? Promise.resolve()
      : new Promise<void>((done) => {
        video.el.addEventListener('loadeddata', () => done(), { once: true });
        video.el.addEventListener('error', () => done(), { once: true });
      });
  }

  /** The run the surface is in at host time `now`: the newest whose first cue is due; older runs are dropped then. */
  private activeRun(now: number): HeldRun | undefined {
    const best = this.runAt(now);
    if (best) {
      let dropped = false;
      for (const [id, r] of this.runs) {
        if (r.startHost < best.startHost) {
          this.runs.delete(id);
          dropped = true;
        }
      }
      if (dropped) {
        this.forgetPresented();
        this.prunePictures();
      }
    }
    return best;
  }

  /** Whether a held show starts within ARM_MS of `now` or is running: the surface makes room for it. */
  private arm(now: number, active: boolean): void {
    let armed = active;
    if (this.preparing && performance.now() > this.preparing.until) this.preparing = undefined;
    if (this.preparing) armed = true;
    if (!armed) for (const r of this.runs.values()) if (r.cues.some((c) => c.at > now && c.at - now < ARM_MS)) armed = true;
    if (armed === this.armed) return;
    this.armed = armed;
    this.options.onArmed?.(armed);
    this.root.classList.toggle('show-stage-armed', armed);
    // Armed, the stage is drawn though unseen (opacity 0), so the compositor can bring it up.
    this.root.style.visibility = armed || this.shown.active ? 'visible' : 'hidden';
  }

  private readonly frame = (ts: number): void => {
    this.raf = requestAnimationFrame(this.frame);
    if (this.lastTs > 0) {
      const d = ts - this.lastTs;
      if (d > 4 && d < 100) this.frameMs += (d - this.frameMs) * 0.05;
    }
    this.prevTs = this.lastTs;
    this.lastTs = ts;
    if (this.connection.state.clockOffsetMs === undefined) return;
    const frameHost = this.connection.hostTimeAt(ts);
    // The frame nearest the due time presents the cue: due up to half a frame after this one's start.
    const now = frameHost + this.frameMs / 2;
    const run = this.activeRun(now);
    const state = run ? stateAt(run.cues, now) : IDLE_STATE;
    if (run) {
      for (const c of run.cues) {
        const key = `${run.runId}#${c.index}`;
        if (c.at > now || this.presented.has(key)) continue;
        this.presented.add(key);
        this.connection.send({ type: 'show.presented', runId: run.runId, index: c.index, hostMs: this.connection.hostTimeAt(this.shownAt(key, c.at, ts)), mainMs: frameHost });
      }
    }
    this.arm(now, state.active);
    this.draw(run, state, now);
    this.settle(ts);
    this.schedule(now);
  };

  /**
   * The frame (performance clock) that showed a cue. Drawn by this frame: this frame. Handed to
   * the compositor: its first frame at or after the animation's start, on the display's frame
   * grid, which runs on from the last frame this page saw (when the main thread was busy at the
   * cue, that is earlier than this frame; when it was not, it is this frame).
   */
  private shownAt(key: string, at: number, ts: number): number {
    if (!this.onCompositor.has(key) || this.prevTs <= 0) return ts;
    const start = this.perfAt(at) - this.frameMs / 2;
    if (start <= this.prevTs) return ts;
    const frame = this.prevTs + Math.ceil((start - this.prevTs) / this.frameMs - 1e-6) * this.frameMs;
    return Math.min(ts, frame);
  }

  private draw(run: HeldRun | undefined, s: SurfaceShowState, now: number): void {
    if (s.active !== this.shown.active || s.cue !== this.shown.cue) {
      this.setActive(s.active, s.cue);
      // Where the show is on this surface, for /api/health: "show:<show>:<cue index>".
      this.showId = s.active ? run?.showId : undefined;
      if (s.active && run && !this.covered) this.reportScreen(run.showId, s.cue);
    }
    const packId = run?.packId ?? '';
    // Video.
    const vurl = s.video ? packAssetUrl(packId, s.video.src) : undefined;
    const ventry = vurl ? this.videos.get(vurl) : undefined;
    if (ventry !== this.shown.video || (ventry && ventry.layer?.index !== s.video?.index)) {
      if (this.shown.video && this.shown.video !== ventry) {
        // A film dissolving away under a crossfade plays on until the dissolve is over.
        if (s.outgoing?.kind === 'video' && packAssetUrl(packId, s.outgoing.src) === this.shown.video.el.getAttribute('data-url')) this.outVideo = this.shown.video;
        else this.hideVideo(this.shown.video);
      }
      if (ventry && s.video) this.startVideo(ventry, s.video, run!.runId, now);
      this.shown.video = ventry;
    }
    // Pictures: each has its layer; a cue sets opacities. A crossfade dissolves the old picture
    // away while the new one comes up, on host time.
    const iurl = s.image ? packAssetUrl(packId, s.image.src) : undefined;
    const mix = crossfadeAmount(s.outgoing, now);
    const ourl = s.outgoing?.kind === 'image' ? packAssetUrl(packId, s.outgoing.src) : undefined;
    if (iurl) this.picture(iurl);
    if (ourl) this.picture(ourl);
    if (s.text) this.textLayer(s.text);
    // Every layer's opacity (the compositor may already show it: then this only catches up).
    for (const [layer, o] of this.opacities(packId, s, now)) {
      if (o === layer.opacity) continue;
      layer.opacity = o;
      layer.el.style.opacity = String(o);
    }
    this.shown.image = iurl;
    if (this.shown.video) this.shown.video.el.style.opacity = String(mix);
    if (this.outVideo && s.outgoing?.kind !== 'video') {
      if (this.outVideo !== this.shown.video) this.hideVideo(this.outVideo);
      this.outVideo = undefined;
    }
    if (this.outVideo) this.outVideo.el.style.opacity = String(1 - mix);
    // A 3D scene: the surface's own 3D view when it has one, else the player's stage.
    const surl = s.scene ? packAssetUrl(packId, s.scene.src) : undefined;
    if (surl !== this.scene) {
      this.scene = surl;
      if (this.options.onScene) this.options.onScene(surl);
      else if (this.modelStage) this.modelStage.set(surl);
      else if (surl && !this.stageLoading) {
        this.stageLoading = import('./model-stage').then(({ ModelStage }) => {
          if (this.disposed) return;
          this.modelStage = new ModelStage();
          this.root.insertBefore(this.modelStage.canvas, this.text);
          this.modelStage.set(this.scene);
        });
      }
      this.root.classList.toggle('show-stage-clear', !!surl && !!this.options.onScene);
    }
    if (surl && !this.options.onScene) this.modelStage?.render(now);
    // Ambience: its own looping channel, faded in and out.
    const amb = s.ambience ? packAssetUrl(packId, s.ambience.src) : undefined;
    if (amb !== this.ambience) {
      if (this.ambience) {
        const old = this.ambiences.get(this.ambience);
        if (old) {
          old.fade(old.volume(), 0, 800);
          old.once('fade', () => old.stop());
        }
      }
      const howl = amb ? this.ambiences.get(amb) : undefined;
      if (howl && s.ambience) {
        howl.seek(mediaPosition(s.ambience, now, howl.duration() || undefined));
        howl.play();
        howl.fade(0, s.ambience.volume, 1200);
      }
      this.ambience = amb;
    }
    this.shown.text = s.text;
    // Sound.
    const aurl = s.audio ? packAssetUrl(packId, s.audio.src) : undefined;
    if (aurl !== this.shown.audio) {
      if (this.shown.audio) this.sounds.get(this.shown.audio)?.stop();
      const howl = aurl ? this.sounds.get(aurl) : undefined;
      if (howl && s.audio) {
        howl.seek(mediaPosition(s.audio, now, howl.duration() || undefined));
        howl.play();
      }
      this.shown.audio = aurl;
    }
  }

  private reportScreen(showId: string, cue: number): void {
    this.connection.send({ type: 'surface.state', screen: `show:${showId}:${cue}`, locale: this.locale });
  }

  /**
   * A table was put over the surface (or taken off). Under it the show runs on unseen and unreported
   * (the table says what the screen shows); taken off, a show still running says where it is again.
   */
  setCovered(covered: boolean): void {
    if (covered === this.covered) return;
    this.covered = covered;
    if (!covered && this.shown.active && this.showId) this.reportScreen(this.showId, this.shown.cue);
  }

  private hideVideo(v: VideoEntry): void {
    v.el.pause();
    v.el.style.visibility = 'hidden';
    v.el.style.opacity = '1';
    this.cancelWrap(v);
  }

  /** Either element of a film, should it end while it has the film and no wrap is set, seeks round (the loop's fallback). */
  private seekRoundAtEnd(v: VideoEntry, el: HTMLVideoElement): void {
    el.addEventListener('ended', () => {
      if (this.shown.video === v && v.layer && v.el === el && !v.wrapTimer && !v.flipTimer) this.seek(v, v.layer);
    });
  }

  private cancelWrap(v: VideoEntry): void {
    if (v.wrapTimer) window.clearTimeout(v.wrapTimer);
    if (v.flipTimer) window.clearTimeout(v.flipTimer);
    v.flip?.cancel();
    v.flip = undefined;
    v.wrapTimer = 0;
    v.flipTimer = 0;
    v.wrapAt = 0;
    const spare = v.spare;
    if (spare) {
      if (!spare.paused) spare.pause();
      spare.style.visibility = 'hidden';
    }
  }

  /**
   * Near the end of a film that loops: the spare element is put on the first frame, above the
   * playing one and unseen (opacity 0). It starts one learned start-cost ahead of the wrap, and
   * the compositor brings it up on the wrap's frame, when it takes the film over.
   */
  private prepareWrap(v: VideoEntry, layer: MediaLayer, host: number, duration: number): void {
    const period = duration * 1000;
    const wrapAt = layer.from + (Math.floor((host - layer.from) / period) + 1) * period;
    if ((v.wrapTimer && v.wrapAt === wrapAt) || (v.flipTimer && v.wrapAt === wrapAt) || wrapAt <= v.wrapped) return;
    if (wrapAt - host > WRAP_PREPARE_MS) return;
    this.cancelWrap(v);
    let spare = v.spare;
    if (!spare) {
      spare = v.el.cloneNode(false) as HTMLVideoElement;
      spare.preload = 'auto';
      spare.style.visibility = 'hidden';
      v.spare = spare;
      // As the first element: should no wrap be set when it ends, it seeks round.
      this.seekRoundAtEnd(v, spare);
    }
    // Above the playing element (moved while paused: a playing one would stop).
    if (v.el.nextSibling !== spare) v.el.after(spare);
    spare.muted = v.el.muted;
    if (spare.currentTime !== 0) spare.currentTime = 0;
    spare.playbackRate = 1;
    spare.style.opacity = '0';
    spare.style.visibility = 'visible';
    v.wrapAt = wrapAt;
    const el = v.el;
    const live = () => v.layer === layer && this.shown.video === v && v.el === el && v.spare === spare;
    // Started ahead by what a start costs here, so its first frame is due at the wrap.
    v.wrapTimer = window.setTimeout(() => {
      v.wrapTimer = 0;
      if (!live()) return;
      void spare.play().catch(() => undefined);
      // Brought up on the wrap's frame by the compositor, whatever the main thread is doing then.
      const opacity = Number(el.style.opacity || '1');
      v.flip = spare.animate([{ opacity }, { opacity }], { duration: WRAP_PREPARE_MS, fill: 'forwards' });
      v.flip.startTime = this.perfAt(wrapAt) - this.frameMs / 2;
    }, Math.max(0, wrapAt - this.wrapLead * 1000 - this.connection.hostNow()));
    v.flipTimer = window.setTimeout(() => {
      v.flipTimer = 0;
      if (live()) this.wrap(v, layer);
    }, Math.max(0, wrapAt - this.connection.hostNow()));
  }

  /** At the wrap the spare has the film (the compositor already shows it); the old element waits as the next wrap's spare. */
  private wrap(v: VideoEntry, layer: MediaLayer): void {
    const next = v.spare!;
    const old = v.el;
    if (next.paused) void next.play().catch(() => undefined);
    next.style.opacity = old.style.opacity || '1';
    v.flip?.cancel();
    v.flip = undefined;
    old.style.visibility = 'hidden';
    old.pause();
    v.el = next;
    v.spare = old;
    // A nudge under way is not carried over: the new element runs on its own time.
    v.nudgeUntil = 0;
    v.window = [];
    v.lastPresented = -1;
    v.lastMediaTime = NaN;
    v.learningWrap = true;
    v.wrapped = v.wrapAt;
    v.wrapAt = 0;
    this.follow(v, layer);
    // The old element goes back to its first frame, ready for the next wrap.
    old.currentTime = 0;
  }

  /** Measures every frame the film's current element presents. */
  private follow(v: VideoEntry, layer: MediaLayer): void {
    const el = v.el;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (v.layer !== layer || this.shown.video !== v || v.el !== el) return;
      this.measure(v, layer, meta);
      el.requestVideoFrameCallback(onFrame);
    };
    el.requestVideoFrameCallback(onFrame);
  }

  /** three.js's live geometries and textures of the show's 3D stage (the show-cycles bench reads them). */
  memory(): { geometries: number; textures: number } {
    return this.modelStage?.memory() ?? { geometries: 0, textures: 0 };
  }

  private setActive(active: boolean, cue: number): void {
    if (active !== this.shown.active) this.onActive(active);
    this.shown.active = active;
    this.shown.cue = cue;
    this.host.dataset.showActive = String(active);
    this.host.dataset.showCue = String(cue);
    this.root.style.visibility = active || this.armed ? 'visible' : 'hidden';
    this.root.classList.toggle('show-stage-active', active);
  }

  private startVideo(v: VideoEntry, layer: MediaLayer, runId: string, now: number): void {
    v.layer = layer;
    v.runId = runId;
    v.window = [];
    v.holdUntil = 0;
    v.wrapped = 0;
    v.nudgeUntil = 0;
    const duration = Number.isFinite(v.el.duration) ? v.el.duration : undefined;
    v.el.currentTime = mediaPosition(layer, now, duration) + this.seekLead;
    v.el.playbackRate = 1;
    v.el.style.visibility = 'visible';
    // Sound where the hall allows it; muted rather than silent-and-stuck where it does not.
    const el = v.el;
    el.play().catch(() => {
      el.muted = true;
      return el.play().catch(() => undefined);
    });
    this.cancelWrap(v);
    this.follow(v, layer);
  }

  /** One presented frame: how far from the host clock, and the correction. */
  private measure(v: VideoEntry, layer: MediaLayer, meta: VideoFrameCallbackMetadata): void {
    const step = meta.mediaTime - v.lastMediaTime;
    if (meta.presentedFrames === v.lastPresented + 1 && step > 0.005 && step < v.frameSec) v.frameSec = step;
    v.lastMediaTime = meta.mediaTime;
    v.lastPresented = meta.presentedFrames;
    const host = this.connection.hostTimeAt(meta.expectedDisplayTime);
    const duration = Number.isFinite(v.el.duration) ? v.el.duration : undefined;
    const expected = mediaPosition(layer, host, duration);
    // A frame stands for its whole display span; its middle is where it is.
    const half = Number.isFinite(v.frameSec) ? v.frameSec / 2 : 0;
    const drift = driftSeconds(meta.mediaTime + half, expected, duration);
    v.samples.push({ hostMs: host, driftMs: drift * 1000 });
    if (v.samples.length > 240) v.samples.shift();
    v.window.push(drift);
    if (v.window.length > WINDOW) v.window.shift();
    // A film that loops: its spare is made ready for the coming wrap.
    if (duration && this.loops(layer, host, duration)) this.prepareWrap(v, layer, host, duration);
    if (v.nudgeUntil && host >= v.nudgeUntil) {
      // The nudge has closed its gap: back to 1×, measured afresh once the pipeline plays at it.
      v.nudgeUntil = 0;
      v.el.playbackRate = 1;
      v.window = [];
      v.holdUntil = host + 150;
      return;
    }
    if (host < v.holdUntil || v.nudgeUntil || v.window.length < WINDOW) return;
    // The middle of a window of frames, each window new: a frame a busy compositor showed late is
    // not drift of the film, and each decision sees only frames played at the rate set before it
    // (a rate change reaches the screen through the media pipeline's buffers, not at once).
    const middle = percentile(v.window, 50);
    v.window = [];
    if (v.learning) {
      this.seekLead = learnSeekLead(this.seekLead, middle);
      v.learning = false;
    }
    if (v.learningWrap) {
      // A third of the way: one wrap's start is a noisy reading of what starts cost.
      this.wrapLead = Math.max(0, Math.min(0.15, this.wrapLead - middle * 0.35));
      v.learningWrap = false;
    }
    const c = correctDrift(middle, expected);
    if (c.kind === 'seek') this.seek(v, layer);
    else if (c.kind === 'nudge') {
      v.el.playbackRate = c.rate;
      v.nudgeUntil = host + c.forSec * 1000;
    }
  }

  /** Whether the film's layer runs on past the film's next wrap (it loops; it is not cut before). */
  private loops(layer: MediaLayer, host: number, duration: number): boolean {
    const period = duration * 1000;
    const wrapAt = layer.from + (Math.floor((host - layer.from) / period) + 1) * period;
    return layer.until === undefined || layer.until > wrapAt + 100;
  }

  /** Seeks to where the host clock says the video is, plus the learned lead; plays on at 1×. */
  private seek(v: VideoEntry, layer: MediaLayer): void {
    const duration = Number.isFinite(v.el.duration) ? v.el.duration : undefined;
    const to = mediaPosition(layer, this.connection.hostNow(), duration) + this.seekLead;
    v.el.currentTime = duration ? to % duration : to;
    v.el.playbackRate = 1;
    if (v.el.paused) void v.el.play().catch(() => undefined);
    v.seeks += 1;
    v.nudgeUntil = 0;
    v.window = [];
    v.holdUntil = this.connection.hostNow() + 300;
    v.learning = true;
  }

  private reportDrift(): void {
    const v = this.shown.video;
    if (!v?.layer || v.samples.length === 0) return;
    this.connection.send({ type: 'show.video', runId: v.runId, index: v.layer.index, samples: v.samples.splice(0), seeks: v.seeks });
    v.seeks = 0;
  }

  private disposed = false;

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.raf);
    for (const sc of this.scheduled) sc.anim.cancel();
    this.scheduled.length = 0;
    window.clearInterval(this.reportTimer);
    window.removeEventListener('resize', this.layout);
    this.modelStage?.dispose();
    for (const h of this.ambiences.values()) h.unload();
    this.ambiences.clear();
    this.unlisten();
    for (const v of this.videos.values()) {
      this.cancelWrap(v);
      for (const el of v.spare ? [v.el, v.spare] : [v.el]) {
        el.pause();
        el.removeAttribute('src');
        el.load();
      }
    }
    for (const h of this.sounds.values()) h.unload();
    this.videos.clear();
    this.sounds.clear();
    for (const p of this.pictures.values()) p.img.removeAttribute('src');
    this.pictures.clear();
    this.root.remove();
  }
}
