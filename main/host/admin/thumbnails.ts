/** Takes a PNG of what a surface shows right now, or undefined when the shell cannot. */
export type Capture = (surfaceId: string) => Promise<Buffer | undefined>;

/**
 * Surface thumbnails for the admin board, taken by the shell from the screen itself (what
 * visitors see, not what a page says it shows), at most one capture per surface every `maxAgeMs`
 * however many consoles ask, and one at a time per surface.
 */
export class Thumbnails {
  private readonly cache = new Map<string, { at: number; png: Promise<Buffer | undefined> }>();

  constructor(
    private readonly capture: Capture | undefined,
    private readonly now: () => number,
    private readonly maxAgeMs = 4000,
  ) {}

  get available(): boolean {
    return this.capture !== undefined;
  }

  of(surfaceId: string): Promise<Buffer | undefined> {
    if (!this.capture) return Promise.resolve(undefined);
    const hit = this.cache.get(surfaceId);
    if (hit && this.now() - hit.at < this.maxAgeMs) return hit.png;
    const png = this.capture(surfaceId).catch(() => undefined);
    this.cache.set(surfaceId, { at: this.now(), png });
    return png;
  }
}
