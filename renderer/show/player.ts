import { Howl } from 'howler';
import { packAssetUrl } from '../../core/pack/url';
import type { HostMessage } from '../../core/protocol/messages';
import { correctDrift, driftSeconds, learnSeekLead } from '../../core/show/drift';
import type { TimedCue } from '../../core/show/schedule';
import { fadeAmount, IDLE_STATE, mediaPosition, stateAt, type MediaLayer, type SurfaceShowState, type TextLayer } from '../../core/show/state';
import { pickText, type Locale } from '../../core/text';
import type { HostConnection } from '../host/connection';

type ShowCues = Extract<HostMessage, { type: 'show.cues' }>;

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
}

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
  private readonly images = new Map<string, HTMLImageElement>();
  private readonly sounds = new Map<string, Howl>();
  private readonly root: HTMLDivElement;
  private readonly image: HTMLImageElement;
  private readonly text: HTMLDivElement;
  private readonly fade: HTMLDivElement;
  private shown: { video: VideoEntry | undefined; image: string | undefined; text: TextLayer | undefined; audio: string | undefined; active: boolean; cue: number } = {
    video: undefined, image: undefined, text: undefined, audio: undefined, active: false, cue: -1,
  };
  private raf = 0;
  private lastTs = 0;
  private frameMs = 1000 / 60;
  /** How far ahead of where a video should be a seek aims, to land in step once the decoder restarts (s). */
  private seekLead = 0.05;
  private reportTimer: number;
  private readonly unlisten: () => void;

  constructor(
    private readonly host: HTMLElement,
    private readonly connection: HostConnection,
    /** Told when the show takes the surface over and when it hands it back. */
    private readonly onActive: (active: boolean) => void = () => undefined,
    private readonly locale: Locale = 'zh-Hans',
  ) {
    this.root = this.el('div', 'show-stage');
    this.image = this.el('img', 'show-image');
    this.image.alt = '';
    this.text = this.el('div', 'show-text');
    this.fade = this.el('div', 'show-fade');
    this.root.append(this.image, this.text, this.fade);
    host.append(this.root);
    this.setActive(false, -1);
    this.unlisten = connection.listen((m) => {
      if (m.type === 'show.cues') this.receive(m);
      // After every (re)connect: ask for the running show's cues so far.
      if (m.type === 'welcome') connection.send({ type: 'show.join' });
    });
    if (connection.state.status === 'connected') connection.send({ type: 'show.join' });
    this.reportTimer = window.setInterval(() => this.reportDrift(), 1000);
    this.raf = requestAnimationFrame(this.frame);
  }

  private el<K extends 'div' | 'img'>(tag: K, className: string): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    e.className = className;
    return e;
  }

  /** Takes cues from the host and starts loading what they need. */
  receive(m: ShowCues): void {
    const now = this.connection.hostNow();
    if (m.replace) {
      this.runs.clear();
      // A backlog's cues that are already due were presented before this page came: they are
      // drawn (at their position) but not reported as presented now.
      for (const c of m.cues) if (c.at <= now) this.presented.add(`${m.runId}#${c.index}`);
    }
    const run = this.runs.get(m.runId) ?? { runId: m.runId, showId: m.showId, packId: m.packId, startHost: m.startHost, cues: [] };
    for (const c of m.cues) if (!run.cues.some((x) => x.index === c.index && x.at === c.at)) run.cues.push(c);
    this.runs.set(m.runId, run);
    for (const c of m.cues) this.prepare(run.packId, c);
  }

  private prepare(packId: string, c: TimedCue): void {
    const { cue } = c;
    if (cue.action === 'text' && cue.text) void document.fonts.load('600 64px "Noto Serif SC Variable"', pickText(cue.text, this.locale)).catch(() => undefined);
    if (!cue.src) return;
    const url = packAssetUrl(packId, cue.src);
    if (cue.action === 'show' && !this.images.has(url)) {
      const img = new Image();
      img.src = url;
      void img.decode().catch(() => undefined);
      this.images.set(url, img);
    }
    if (cue.action === 'play' && /\.(ogg|oga|mp3|m4a|aac|wav|opus|flac)$/i.test(cue.src)) {
      if (!this.sounds.has(url)) this.sounds.set(url, new Howl({ src: [url], loop: true, preload: true }));
      return;
    }
    if (cue.action === 'play' && !this.videos.has(url)) {
      const el = document.createElement('video');
      el.className = 'show-video';
      el.preload = 'auto';
      el.playsInline = true;
      el.src = url;
      el.load();
      this.root.insertBefore(el, this.image);
      const entry: VideoEntry = { el, layer: undefined, runId: '', frameSec: Infinity, lastMediaTime: NaN, lastPresented: -1, window: [], samples: [], seeks: 0, holdUntil: 0, learning: false };
      this.videos.set(url, entry);
      // The loop is ours: a wrap is a seek like any other, aimed ahead by what seeks cost here.
      el.addEventListener('ended', () => {
        if (this.shown.video === entry && entry.layer) this.seek(entry, entry.layer);
      });
    }
  }

  /** The run the surface is in at host time `now`: the newest whose first cue is due; older runs are dropped then. */
  private activeRun(now: number): HeldRun | undefined {
    let best: HeldRun | undefined;
    for (const r of this.runs.values()) {
      const first = Math.min(...r.cues.map((c) => c.at));
      if (first <= now && (!best || r.startHost > best.startHost)) best = r;
    }
    if (best) for (const [id, r] of this.runs) if (r.startHost < best.startHost) this.runs.delete(id);
    return best;
  }

  private readonly frame = (ts: number): void => {
    this.raf = requestAnimationFrame(this.frame);
    if (this.lastTs > 0) {
      const d = ts - this.lastTs;
      if (d > 4 && d < 100) this.frameMs += (d - this.frameMs) * 0.05;
    }
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
        this.connection.send({ type: 'show.presented', runId: run.runId, index: c.index, hostMs: frameHost });
      }
    }
    this.draw(run, state, now);
  };

  private draw(run: HeldRun | undefined, s: SurfaceShowState, now: number): void {
    if (s.active !== this.shown.active || s.cue !== this.shown.cue) {
      this.setActive(s.active, s.cue);
      // Where the show is on this surface, for /api/health: "show:<show>:<cue index>".
      if (s.active && run) this.connection.send({ type: 'surface.state', screen: `show:${run.showId}:${s.cue}`, locale: this.locale });
    }
    const packId = run?.packId ?? '';
    // Video.
    const vurl = s.video ? packAssetUrl(packId, s.video.src) : undefined;
    const ventry = vurl ? this.videos.get(vurl) : undefined;
    if (ventry !== this.shown.video || (ventry && ventry.layer?.index !== s.video?.index)) {
      if (this.shown.video && this.shown.video !== ventry) {
        this.shown.video.el.pause();
        this.shown.video.el.style.visibility = 'hidden';
      }
      if (ventry && s.video) this.startVideo(ventry, s.video, run!.runId, now);
      this.shown.video = ventry;
    }
    // Picture.
    const iurl = s.image ? packAssetUrl(packId, s.image.src) : undefined;
    if (iurl !== this.shown.image) {
      if (iurl) this.image.src = iurl;
      this.image.style.visibility = iurl ? 'visible' : 'hidden';
      this.shown.image = iurl;
    }
    // Text.
    if (s.text !== this.shown.text && (s.text?.index !== this.shown.text?.index || s.text?.from !== this.shown.text?.from)) {
      this.text.replaceChildren();
      if (s.text) {
        const main = document.createElement('p');
        main.lang = this.locale;
        main.textContent = pickText(s.text.text, this.locale);
        this.text.append(main);
        const en = typeof s.text.text === 'string' ? undefined : s.text.text.en;
        if (en && this.locale !== 'en') {
          const sub = document.createElement('p');
          sub.lang = 'en';
          sub.className = 'show-text-sub';
          sub.textContent = en;
          this.text.append(sub);
        }
      }
      this.text.style.visibility = s.text ? 'visible' : 'hidden';
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
    this.fade.style.opacity = String(fadeAmount(s.fade, now));
  }

  private setActive(active: boolean, cue: number): void {
    if (active !== this.shown.active) this.onActive(active);
    this.shown.active = active;
    this.shown.cue = cue;
    this.host.dataset.showActive = String(active);
    this.host.dataset.showCue = String(cue);
    this.root.style.visibility = active ? 'visible' : 'hidden';
  }

  private startVideo(v: VideoEntry, layer: MediaLayer, runId: string, now: number): void {
    v.layer = layer;
    v.runId = runId;
    v.window = [];
    v.holdUntil = 0;
    const duration = Number.isFinite(v.el.duration) ? v.el.duration : undefined;
    v.el.currentTime = mediaPosition(layer, now, duration) + this.seekLead;
    v.el.playbackRate = 1;
    v.el.style.visibility = 'visible';
    // Sound where the hall allows it; muted rather than silent-and-stuck where it does not.
    v.el.play().catch(() => {
      v.el.muted = true;
      return v.el.play().catch(() => undefined);
    });
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (v.layer !== layer || this.shown.video !== v) return;
      this.measure(v, layer, meta);
      v.el.requestVideoFrameCallback(onFrame);
    };
    v.el.requestVideoFrameCallback(onFrame);
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
    if (host < v.holdUntil || v.window.length < WINDOW / 2) return;
    const mean = v.window.reduce((a, b) => a + b, 0) / v.window.length;
    if (v.learning) {
      this.seekLead = learnSeekLead(this.seekLead, mean);
      v.learning = false;
    }
    const c = correctDrift(mean, expected);
    if (c.kind === 'seek') this.seek(v, layer);
    else v.el.playbackRate = c.rate;
  }

  /** Seeks to where the host clock says the video is, plus the learned lead; plays on at 1×. */
  private seek(v: VideoEntry, layer: MediaLayer): void {
    const duration = Number.isFinite(v.el.duration) ? v.el.duration : undefined;
    const to = mediaPosition(layer, this.connection.hostNow(), duration) + this.seekLead;
    v.el.currentTime = duration ? to % duration : to;
    v.el.playbackRate = 1;
    if (v.el.paused) void v.el.play().catch(() => undefined);
    v.seeks += 1;
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

  dispose(): void {
    cancelAnimationFrame(this.raf);
    window.clearInterval(this.reportTimer);
    this.unlisten();
    for (const v of this.videos.values()) {
      v.el.pause();
      v.el.removeAttribute('src');
      v.el.load();
    }
    for (const h of this.sounds.values()) h.unload();
    this.videos.clear();
    this.sounds.clear();
    this.images.clear();
    this.root.remove();
  }
}
