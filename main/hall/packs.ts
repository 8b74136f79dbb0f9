import { join, resolve } from 'node:path';
import type { HallConfig } from '../../core/hall';
import { formatFinding, type Finding } from '../../core/findings';
import type { HallContent } from '../../core/protocol/messages';
import { toDisposable, type Disposable } from '../../core/lifecycle';
import { hallContentOf } from '../host/hall-content';
import { installPack } from '../host/packs/install';
import { followActivePacks } from '../host/packs/live';
import { loadActivePack, type LoadedPack } from '../host/packs/load';
import { readPackYaml } from '../host/packs/manifest';
import { PackStore } from '../host/packs/store';

/** The id a pack folder declares, read cheaply from its pack.yaml (undefined when unreadable). */
function packIdOf(dir: string): string | undefined {
  return readPackYaml(dir)?.id;
}

function unloadable(where: string, err: unknown): Finding {
  return {
    code: 'pack.unloadable', severity: 'error', file: where, line: 1, column: 1,
    message: { 'zh-Hans': `内容包无法加载：${(err as Error).message}`, en: `Content pack could not be loaded: ${(err as Error).message}` },
  };
}

/**
 * The hall's active packs: the store under the data folder, every active version loaded, and
 * the content the surfaces show. Dispose closes the store (and its watcher).
 */
export class HallPacks implements Disposable {
  readonly packs = new Map<string, LoadedPack>();
  /** Packs that could not be installed or loaded; shown as warnings on every screen. */
  readonly findings: Finding[] = [];
  private shown: HallContent | undefined;

  private constructor(readonly store: PackStore, private readonly log: (line: string) => void) {}

  /**
   * Opens the store. On a fresh machine the bundled (or configured) pack folders are installed
   * into it like any curator's pack, so they are validated, served and rolled back the same way.
   */
  static async open(dataDir: string, sourceDirs: readonly string[], log: (line: string) => void): Promise<HallPacks> {
    const hp = new HallPacks(await new PackStore(dataDir).open(), log);
    for (const dir of sourceDirs) {
      try {
        const id = packIdOf(dir);
        if (id && (await hp.store.active(id))) continue;
        const r = await installPack(hp.store, dir);
        log(`pack ${r.id}@${r.version} installed from ${dir}`);
      } catch (err) {
        hp.fail(dir, err);
      }
    }
    for (const listing of await hp.store.list()) {
      try {
        const pack = await loadActivePack(hp.store, listing.id);
        if (pack) hp.packs.set(pack.manifest.id, pack);
      } catch (err) {
        hp.fail(listing.id, err);
      }
    }
    hp.refresh();
    for (const p of hp.packs.values()) log(`pack ${p.manifest.id}@${p.manifest.version} active`);
    return hp;
  }

  /** The folders a hall config names, or the bundled demo hall. */
  static sources(config: HallConfig, rootDir: string): string[] {
    return config.packs?.map((p) => resolve(p)) ?? [join(rootDir, 'content', 'demo-hall')];
  }

  private fail(where: string, err: unknown): void {
    const f = unloadable(where, err);
    this.findings.push(f);
    this.log(formatFinding(f));
  }

  private refresh(): void {
    const all = [...this.packs.values()];
    const hallPack = all.find((p) => p.exhibits) ?? all[0];
    this.shown = hallPack && hallContentOf(hallPack);
  }

  /** What the surfaces show: the first pack with exhibits. */
  content(): HallContent | undefined {
    return this.shown;
  }

  /** Every active pack's id, version and folder. */
  list(): { id: string; version: string; dir: string }[] {
    return [...this.packs.values()].map((p) => ({ id: p.manifest.id, version: p.manifest.version, dir: p.dir }));
  }

  /**
   * Follows activations (the admin page, the CLI in another process) so a new version reaches
   * the screens without a restart; a version that cannot be loaded leaves the previous one live.
   */
  follow(changed: () => void): Disposable {
    const unfollow = followActivePacks(
      this.store,
      (pack) => {
        this.packs.set(pack.manifest.id, pack);
        this.refresh();
        changed();
        this.log(`pack ${pack.manifest.id}@${pack.manifest.version} activated: surfaces updated`);
      },
      (err, ev) => this.log(`pack ${ev.id}@${ev.version} could not be loaded; the previous version stays live: ${(err as Error).message}`),
    );
    this.store.watch();
    return toDisposable(unfollow);
  }

  dispose(): void {
    this.store.close();
  }
}
