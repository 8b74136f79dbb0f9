import type { HallContent } from '../../../core/protocol/messages';
import type { PreviewState } from '../../../core/protocol/admin';
import { hallContentOf } from '../hall-content';
import { refusal, type Refusal } from '../http';
import type { LiveHub } from '../live/hub';
import { loadPackDir } from '../packs/load';
import type { PackStore } from '../packs/store';

/**
 * One installed, not yet active, pack version shown on one chosen surface: that surface gets the
 * version's content (its pack id written `<id>@<version>`, so its files come from that version's
 * folder and the page shows a preview ribbon), every other surface keeps the live one. A surface
 * that reconnects during the preview gets it again; ending it, or any activation, hands the
 * surface back to the live content.
 */
export class SurfacePreview {
  private state: (PreviewState & { content: HallContent }) | undefined;

  constructor(
    private readonly live: LiveHub,
    private readonly store: PackStore,
    private readonly active: () => HallContent | undefined,
    private readonly now: () => number,
  ) {}

  get current(): PreviewState | null {
    if (!this.state) return null;
    const { content: _content, ...shown } = this.state;
    return shown;
  }

  async start(surfaceId: string, packId: string, version: string): Promise<PreviewState | Refusal> {
    if (!this.live.surfaces.some((s) => s.id === surfaceId)) return refusal(404, 'no-such-surface', `没有名为 ${surfaceId} 的屏幕。`, `There is no surface ${surfaceId}.`);
    let has = false;
    try {
      has = await this.store.has(packId, version);
    } catch {
      has = false;
    }
    if (!has) return refusal(404, 'no-such-version', `没有安装 ${packId}@${version}。`, `${packId}@${version} is not installed.`);
    let content: HallContent;
    try {
      content = { ...hallContentOf(await loadPackDir(this.store.versionDir(packId, version))), packId: `${packId}@${version}` };
    } catch (err) {
      return refusal(422, 'unloadable', `${packId}@${version} 无法加载：${(err as Error).message}`, `${packId}@${version} cannot be loaded: ${(err as Error).message}`);
    }
    if (this.state && this.state.surfaceId !== surfaceId) this.stop();
    if (this.live.sendTo(surfaceId, { type: 'hall', content }) === 0) return refusal(409, 'surface-offline', `屏幕 ${surfaceId} 没有连接，无法预览。`, `Surface ${surfaceId} is not connected; nothing to preview on.`);
    this.state = { surfaceId, packId, version, since: new Date(this.now()).toISOString(), content };
    return this.current!;
  }

  /** Ends the preview: the surface shows the live content again. */
  stop(): void {
    const s = this.state;
    this.state = undefined;
    const content = this.active();
    if (s && content) this.live.sendTo(s.surfaceId, { type: 'hall', content });
  }

  /** A surface said hello again: the hub sent it the live content; put the preview back. */
  rejoined(surfaceId: string): void {
    if (this.state?.surfaceId === surfaceId) this.live.sendTo(surfaceId, { type: 'hall', content: this.state.content });
  }

  /** A version was activated (here or by the CLI): every surface is on the live content now. */
  activated(): void {
    this.state = undefined;
  }
}
