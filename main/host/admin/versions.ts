import { rm, stat } from 'node:fs/promises';
import type { AdminPack } from '../../../core/protocol/admin';
import { readPackYaml } from '../packs/manifest';
import { PackStoreError, type PackStore } from '../packs/store';
import { checkedFile } from '../packs/checked';

function titleOf(dir: string): string | null {
  const value = readPackYaml(dir)?.source.value as { title?: unknown } | undefined;
  const t = value?.title;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object') {
    const o = t as Record<string, unknown>;
    const pick = o['zh-Hans'] ?? o.en ?? Object.values(o)[0];
    return typeof pick === 'string' ? pick : null;
  }
  return null;
}

/** Every installed pack with its versions (title, when installed), the active one and the one a rollback returns to. */
export async function listPacks(store: PackStore): Promise<AdminPack[]> {
  const out: AdminPack[] = [];
  for (const p of await store.list()) {
    const pointer = await store.pointer(p.id);
    const versions = [];
    for (const version of p.versions) {
      const dir = store.versionDir(p.id, version);
      const st = await stat(dir).catch(() => undefined);
      versions.push({ version, title: titleOf(dir), installedAt: st ? st.mtime.toISOString() : null });
    }
    out.push({ id: p.id, active: p.active ?? null, previous: pointer?.previous.find((v) => v !== pointer.version) ?? null, versions });
  }
  return out;
}

/**
 * Removes every version of a pack but the active one and the one a rollback returns to. Each
 * version folder goes whole; the pointer is untouched, so what is live never changes.
 */
export async function prunePack(store: PackStore, id: string): Promise<{ removed: string[]; kept: string[] }> {
  const pointer = await store.pointer(id);
  if (!pointer)
    throw new PackStoreError('store.no-such-pack', { 'zh-Hans': `没有已启用的内容包 ${id}。`, en: `There is no active pack ${id}.` });
  const keep = new Set([pointer.version, ...pointer.previous.filter((v) => v !== pointer.version).slice(0, 1)]);
  const removed: string[] = [];
  for (const v of await store.versions(id)) {
    if (keep.has(v)) continue;
    await rm(store.versionDir(id, v), { recursive: true, force: true });
    await rm(checkedFile(store, id, v), { force: true });
    removed.push(v);
  }
  return { removed, kept: (await store.versions(id)).filter((v) => keep.has(v)) };
}
