import { resolveDataDir } from '../../data-dir';
import { EventEmitter } from 'node:events';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Id, SemVer } from '../../../core/pack/schema';
import { compareVersions } from '../../../core/pack/validate';

/**
 * Installed packs under `<data>/packs/`:
 *
 *   <id>/<version>/       complete versions only (each arrives by one rename from staging)
 *   <id>/active.json      the pointer: active version and the ones before it, replaced atomically
 *   .staging/<job>/       installs in progress; whatever is left there after a crash is deleted
 *
 * Killing any process at any moment leaves active.json naming a complete version.
 */
export const Pointer = z
  .object({ version: SemVer, previous: z.array(SemVer).default([]) })
  .strict();
export type Pointer = z.infer<typeof Pointer>;

export interface ActivePack {
  id: string;
  version: string;
  dir: string;
}

export interface PackListing {
  id: string;
  active: string | undefined;
  versions: string[];
}

export interface ActivatedEvent {
  id: string;
  version: string;
  previous: string | undefined;
}

export class PackStoreError extends Error {
  constructor(
    readonly code: string,
    readonly bilingual: { 'zh-Hans': string; en: string },
  ) {
    super(`${bilingual['zh-Hans']} / ${bilingual.en}`);
  }
}

/** Writes a file so that readers see the old or the new content, never a mix: temp, fsync, rename, fsync dir. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = file.slice(0, file.lastIndexOf('/')) || '.';
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    // A full disk must not leave a temp file behind (PackStore.open also sweeps any a crash left).
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await fsyncDir(dir);
}

export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * The packs of one data folder. Emits 'activated' ({id, version, previous}) when an active
 * version changes: through this object, or (after watch()) through another process such as the CLI.
 */
export class PackStore extends EventEmitter<{ activated: [ActivatedEvent] }> {
  readonly root: string;
  private known = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly dataDir: string) {
    super();
    this.root = join(dataDir, 'packs');
  }

  get stagingDir(): string {
    return join(this.root, '.staging');
  }

  /** Creates the folders and removes what crashed installs left in staging. */
  async open(): Promise<this> {
    await mkdir(this.root, { recursive: true });
    await mkdir(this.stagingDir, { recursive: true });
    // Jobs are named <pid>-<random>: remove those whose process is gone (a crashed or killed install).
    for (const job of await readdir(this.stagingDir)) {
      const pid = Number(job.split('-')[0]);
      if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) await rm(join(this.stagingDir, job), { recursive: true, force: true });
    }
    // Pointer temp files (<file>.<pid>.<random>.tmp) whose writer is gone: a crash mid-write.
    for (const id of await readdir(this.root).catch(() => [] as string[])) {
      if (!Id.safeParse(id).success) continue;
      for (const name of await readdir(join(this.root, id)).catch(() => [] as string[])) {
        const m = /^.+\.(\d+)\.[a-z0-9]+\.tmp$/.exec(name);
        if (m && !isAlive(Number(m[1]))) await rm(join(this.root, id, name), { force: true });
      }
    }
    for (const p of await this.list()) if (p.active) this.known.set(p.id, p.active);
    return this;
  }

  versionDir(id: string, version: string): string {
    Id.parse(id);
    SemVer.parse(version);
    return join(this.root, id, version);
  }

  private pointerFile(id: string): string {
    Id.parse(id);
    return join(this.root, id, 'active.json');
  }

  async pointer(id: string): Promise<Pointer | undefined> {
    const text = await readFile(this.pointerFile(id), 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    return text === undefined ? undefined : Pointer.parse(JSON.parse(text));
  }

  /** The active version of a pack, or undefined when it has none. */
  async active(id: string): Promise<ActivePack | undefined> {
    if (!Id.safeParse(id).success) return undefined;
    const p = await this.pointer(id);
    return p ? { id, version: p.version, dir: this.versionDir(id, p.version) } : undefined;
  }

  async versions(id: string): Promise<string[]> {
    const names = await readdir(join(this.root, id)).catch(() => [] as string[]);
    return names.filter((n) => SemVer.safeParse(n).success).sort(compareVersions);
  }

  async list(): Promise<PackListing[]> {
    const ids = (await readdir(this.root).catch(() => [] as string[])).filter((n) => Id.safeParse(n).success).sort();
    const out: PackListing[] = [];
    for (const id of ids) out.push({ id, active: (await this.pointer(id))?.version, versions: await this.versions(id) });
    return out;
  }

  async has(id: string, version: string): Promise<boolean> {
    return (await stat(this.versionDir(id, version)).catch(() => undefined))?.isDirectory() ?? false;
  }

  /** Makes an installed version the active one; the one it replaces is remembered for rollback. */
  async activate(id: string, version: string): Promise<ActivatedEvent> {
    if (!(await this.has(id, version)))
      throw new PackStoreError('store.no-such-version', {
        'zh-Hans': `没有安装 ${id}@${version}。可用版本：${(await this.versions(id)).join('、') || '无'}。`,
        en: `${id}@${version} is not installed. Installed versions: ${(await this.versions(id)).join(', ') || 'none'}.`,
      });
    const cur = await this.pointer(id);
    if (cur?.version === version) return { id, version, previous: cur.previous[0] };
    const previous = cur ? [cur.version, ...cur.previous.filter((v) => v !== cur.version)].slice(0, 20) : [];
    await writeFileAtomic(this.pointerFile(id), JSON.stringify({ version, previous }) + '\n');
    return this.announce(id, version, cur?.version);
  }

  /** Goes back to the version that was active before the current one. */
  async rollback(id: string): Promise<ActivatedEvent> {
    const cur = await this.pointer(id);
    const back = cur?.previous.find((v) => v !== cur.version);
    if (!cur || back === undefined)
      throw new PackStoreError('store.nothing-to-roll-back', {
        'zh-Hans': `${id} 没有可以回退的上一个版本。`,
        en: `${id} has no earlier active version to roll back to.`,
      });
    if (!(await this.has(id, back)))
      throw new PackStoreError('store.no-such-version', { 'zh-Hans': `上一个版本 ${id}@${back} 已被删除。`, en: `The previous version ${id}@${back} has been removed.` });
    const previous = cur.previous.slice(cur.previous.indexOf(back) + 1);
    await writeFileAtomic(this.pointerFile(id), JSON.stringify({ version: back, previous }) + '\n');
    return this.announce(id, back, cur.version);
  }

  private announce(id: string, version: string, previous: string | undefined): ActivatedEvent {
    const ev = { id, version, previous };
    this.known.set(id, version);
    this.emit('activated', ev);
    return ev;
  }

  /** Notices activations made by other processes (the CLI) by polling the pointers. */
  watch(intervalMs = 1000): this {
    if (this.timer) return this;
    let busy = false;
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.list()
        .then((packs) => {
          for (const p of packs) {
            const before = this.known.get(p.id);
            if (p.active && p.active !== before) this.announce(p.id, p.active, before);
          }
        })
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, intervalMs);
    this.timer.unref();
    return this;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Where the hall writes: --data, else REDHALL_DATA, else .data in the current folder. */
export function dataDirFrom(flag: string | undefined): string {
  return resolveDataDir(flag);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
