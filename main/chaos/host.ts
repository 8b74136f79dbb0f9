import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlannedSurface } from '../../core/hall';
import { DiskHealth } from '../disk/health';
import type { SocketLimits } from '../host/guard/sockets';
import { hallContentOf } from '../host/hall-content';
import { installPack } from '../host/packs/install';
import { loadActivePack } from '../host/packs/load';
import { packs } from '../host/packs/plugin';
import { PackStore } from '../host/packs/store';
import { QuizStatsStore } from '../host/quiz-stats';
import { quiz } from '../host/quiz/plugin';
import { Host } from '../host/server';
import { hallTables } from '../host/tables';

const DEMO = join(import.meta.dirname, '../../content/demo-hall');

export const CHAOS_SURFACES: PlannedSurface[] = [
  { id: 'kiosk', role: 'kiosk', displayName: 'DUMMY0', displayIndex: 0, touch: true, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
  { id: 'wall-1', role: 'wall', displayName: 'DUMMY1', displayIndex: 1, touch: false, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } },
];

export interface ChaosHost {
  host: Host;
  port: number;
  dataDir: string;
  stats: QuizStatsStore;
  close(): Promise<void>;
}

/**
 * The host as a hall assembles it (pages, health, the live socket, packs with the demo pack
 * active, the self-check with its statistics, tables), listening on loopback (or, with
 * `listen: 'lan'`, on every address, as a hall with phones does), for the chaos suite and the
 * hardening benches.
 */
export async function startChaosHost(limits: Partial<SocketLimits> = {}, dataDir?: string, listen: 'loopback' | 'lan' = 'loopback'): Promise<ChaosHost> {
  const tmp = dataDir ?? (await mkdtemp(join(tmpdir(), 'redhall-chaos-')));
  const data = join(tmp, 'data');
  const store = await new PackStore(data).open();
  if (!(await store.active('demo-hall'))) await installPack(store, DEMO);
  const pack = (await loadActivePack(store, 'demo-hall'))!;
  const renderer = join(tmp, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>RedHall</title>');
  await writeFile(join(renderer, 'assets', 'app.js.map'), '{}');
  // Computed once, as the hall does (main/hall/packs.ts): content() is read at every welcome.
  const content = hallContentOf(pack);
  const disk = new DiskHealth();
  const stats = new QuizStatsStore(data, disk);
  const host = new Host({
    port: 0, listen, rendererDir: renderer, surfaces: CHAOS_SURFACES, warnings: [], idleSeconds: 90,
    content: () => content, limits, disk,
    capabilities: [
      packs({ store }),
      quiz({ banks: () => [{ id: 'demo-hall', dir: pack.dir }], stats }),
      hallTables({ dataDir: data, packs: () => [{ id: 'demo-hall', version: pack.manifest.version, dir: pack.dir }], listen: 'loopback', port: () => 0, checkPin: async () => ({ ok: false, why: 'wrong-pin', waitMs: 0, checked: true }), now: Date.now, log: () => {} }).capability,
    ],
    log: () => {},
  });
  const port = await host.start();
  return {
    host,
    port,
    dataDir: data,
    stats,
    async close() {
      await host.close();
      store.close();
      if (!dataDir) await rm(tmp, { recursive: true, force: true });
    },
  };
}
