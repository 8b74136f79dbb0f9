import { DRAG_SLOP } from './momentum';

export interface View {
  /** Content pixels → screen: screen = content * scale + (x, y). */
  x: number;
  y: number;
  scale: number;
}

export interface PanZoomOptions {
  /** The content's own size (a map's base image, a picture's natural size). */
  width: number;
  height: number;
  /** How far in a visitor may zoom, relative to the fitted view (default 6). */
  maxZoom?: number;
  /** Told after each change (the map sizes its markers by it). */
  onChange?: (view: View, fitted: View) => void;
}

/**
 * Pan and pinch-zoom of one element inside a viewport, on pointer events, so a finger, two
 * fingers, a mouse (drag, wheel) and a touch frame that reports itself as a mouse all work. A
 * press that moves less than DRAG_SLOP is left alone, so a tap on a marker or a button inside the
 * content still clicks. The transform is written straight to the element's style: no render per
 * frame of a gesture.
 */
export class PanZoom {
  private view: View = { x: 0, y: 0, scale: 1 };
  private fitted: View = { x: 0, y: 0, scale: 1 };
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private gesture: { dragging: boolean; start: { x: number; y: number } } | undefined;
  private animation = 0;
  private readonly resize = new ResizeObserver(() => this.fit(false));
  private readonly swallowClick = (e: MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
  };

  constructor(
    private readonly viewport: HTMLElement,
    private readonly content: HTMLElement,
    private readonly opts: PanZoomOptions,
  ) {
    viewport.style.touchAction = 'none';
    content.style.transformOrigin = '0 0';
    viewport.addEventListener('pointerdown', this.down);
    viewport.addEventListener('pointermove', this.move);
    viewport.addEventListener('pointerup', this.up);
    viewport.addEventListener('pointercancel', this.up);
    viewport.addEventListener('wheel', this.wheel, { passive: false });
    this.resize.observe(viewport);
    this.fit(false);
  }

  dispose(): void {
    cancelAnimationFrame(this.animation);
    this.resize.disconnect();
    this.viewport.removeEventListener('pointerdown', this.down);
    this.viewport.removeEventListener('pointermove', this.move);
    this.viewport.removeEventListener('pointerup', this.up);
    this.viewport.removeEventListener('pointercancel', this.up);
    this.viewport.removeEventListener('wheel', this.wheel);
    this.viewport.removeEventListener('click', this.swallowClick, { capture: true });
  }

  current(): View {
    return { ...this.view };
  }

  /** The whole content in view, centred. */
  fit(animate = true): void {
    const { clientWidth: w, clientHeight: h } = this.viewport;
    if (!w || !h) return;
    const scale = Math.min(w / this.opts.width, h / this.opts.height);
    this.fitted = { scale, x: (w - this.opts.width * scale) / 2, y: (h - this.opts.height * scale) / 2 };
    this.go(this.fitted, animate);
  }

  /** Centres a content point at a zoom relative to the fitted view (1 = fitted). */
  focus(cx: number, cy: number, zoom: number, animate = true): void {
    const { clientWidth: w, clientHeight: h } = this.viewport;
    const scale = this.clampScale(this.fitted.scale * zoom);
    this.go(this.clamp({ scale, x: w / 2 - cx * scale, y: h / 2 - cy * scale }), animate);
  }

  /** Zooms by a factor around a viewport point (the buttons zoom around the centre). */
  zoomBy(factor: number, px = this.viewport.clientWidth / 2, py = this.viewport.clientHeight / 2, animate = true): void {
    const scale = this.clampScale(this.view.scale * factor);
    const k = scale / this.view.scale;
    this.go(this.clamp({ scale, x: px - (px - this.view.x) * k, y: py - (py - this.view.y) * k }), animate);
  }

  private clampScale(s: number): number {
    return Math.min(this.fitted.scale * (this.opts.maxZoom ?? 6), Math.max(this.fitted.scale, s));
  }

  /** Keeps the content over the viewport: no panning it off into the void. */
  private clamp(v: View): View {
    const { clientWidth: w, clientHeight: h } = this.viewport;
    const cw = this.opts.width * v.scale;
    const ch = this.opts.height * v.scale;
    const x = cw <= w ? (w - cw) / 2 : Math.min(0, Math.max(w - cw, v.x));
    const y = ch <= h ? (h - ch) / 2 : Math.min(0, Math.max(h - ch, v.y));
    return { scale: v.scale, x, y };
  }

  private go(target: View, animate: boolean): void {
    cancelAnimationFrame(this.animation);
    if (!animate) return this.apply(target);
    const from = { ...this.view };
    const start = performance.now();
    const step = (now: number) => {
      const t = Math.min(1, (now - start) / 280);
      const e = 1 - (1 - t) ** 3;
      this.apply({ x: from.x + (target.x - from.x) * e, y: from.y + (target.y - from.y) * e, scale: from.scale + (target.scale - from.scale) * e });
      if (t < 1) this.animation = requestAnimationFrame(step);
    };
    this.animation = requestAnimationFrame(step);
  }

  private apply(v: View): void {
    this.view = v;
    this.content.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.scale})`;
    this.viewport.style.setProperty('--zoom', String(v.scale / this.fitted.scale));
    this.viewport.style.setProperty('--scale', String(v.scale));
    this.opts.onChange?.(v, this.fitted);
  }

  private local(e: PointerEvent): { x: number; y: number } {
    const r = this.viewport.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private readonly down = (e: PointerEvent) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    cancelAnimationFrame(this.animation);
    this.pointers.set(e.pointerId, this.local(e));
    if (this.pointers.size === 1) this.gesture = { dragging: false, start: this.local(e) };
    else this.startDrag(e);
  };

  private startDrag(e: PointerEvent): void {
    if (!this.gesture) this.gesture = { dragging: true, start: this.local(e) };
    if (!this.gesture.dragging) {
      this.gesture.dragging = true;
      this.viewport.dataset.dragging = 'true';
    }
    for (const id of this.pointers.keys()) if (!this.viewport.hasPointerCapture(id)) this.viewport.setPointerCapture(id);
  }

  private readonly move = (e: PointerEvent) => {
    const prev = this.pointers.get(e.pointerId);
    if (!prev || !this.gesture) return;
    const p = this.local(e);
    if (!this.gesture.dragging) {
      if (Math.hypot(p.x - this.gesture.start.x, p.y - this.gesture.start.y) < DRAG_SLOP) return;
      this.startDrag(e);
    }
    const others = [...this.pointers].filter(([id]) => id !== e.pointerId).map(([, q]) => q);
    this.pointers.set(e.pointerId, p);
    const other = others[0];
    if (!other) {
      this.apply(this.clamp({ ...this.view, x: this.view.x + p.x - prev.x, y: this.view.y + p.y - prev.y }));
      return;
    }
    // Two fingers: the content under them follows both (zoom by their distance, pan by their middle).
    const before = Math.hypot(prev.x - other.x, prev.y - other.y) || 1;
    const after = Math.hypot(p.x - other.x, p.y - other.y) || 1;
    const scale = this.clampScale(this.view.scale * (after / before));
    const k = scale / this.view.scale;
    const mx0 = (prev.x + other.x) / 2;
    const my0 = (prev.y + other.y) / 2;
    const mx1 = (p.x + other.x) / 2;
    const my1 = (p.y + other.y) / 2;
    this.apply(this.clamp({ scale, x: mx1 - (mx0 - this.view.x) * k, y: my1 - (my0 - this.view.y) * k }));
  };

  private readonly up = (e: PointerEvent) => {
    if (!this.pointers.delete(e.pointerId)) return;
    if (this.pointers.size > 0 || !this.gesture) return;
    const dragged = this.gesture.dragging;
    this.gesture = undefined;
    delete this.viewport.dataset.dragging;
    if (dragged) {
      // The click a pan ends in is not a tap on the marker under the finger.
      this.viewport.addEventListener('click', this.swallowClick, { capture: true, once: true });
      window.setTimeout(() => this.viewport.removeEventListener('click', this.swallowClick, { capture: true }), 0);
    }
  };

  private readonly wheel = (e: WheelEvent) => {
    e.preventDefault();
    const r = this.viewport.getBoundingClientRect();
    this.zoomBy(Math.exp(-e.deltaY / 400), e.clientX - r.left, e.clientY - r.top, false);
  };
}
