import type { DiskStatus, GuardCounters } from '../../../core/protocol/http';
import type { HallContent, InstallerWarning } from '../../../core/protocol/messages';
import { APP_VERSION } from '../../version';
import { capability, type CapabilityPlugin } from '../capability';
import { refusal, route } from '../http';
import type { SurfaceRegistry } from '../surfaces';

export interface HealthOptions {
  listen: 'loopback' | 'lan';
  warnings: readonly InstallerWarning[];
  registry: SurfaceRegistry;
  content: () => HallContent | undefined;
  /** What the connection guard refused and closed. */
  guard: () => GuardCounters;
  /** Whether the hall's writes reach the disk. */
  disk: () => DiskStatus;
}

/**
 * What anyone on the machine may ask the host (`/api/health`, `/api/hall`) and what only the
 * admin may tell it (`/api/identify`, behind the bearer-token hook of its own child context).
 */
export const healthPlugin: CapabilityPlugin<HealthOptions> = async (app, opts) => {
  const startedAt = opts.clock();
  route(app, 'GET /api/health', () => {
    const content = opts.content();
    return {
      app: 'redhall',
      version: APP_VERSION,
      uptimeMs: Math.round(opts.clock() - startedAt),
      startedAt: new Date(startedAt).toISOString(),
      listen: opts.listen,
      pack: content ? { id: content.packId, version: content.packVersion } : null,
      warnings: [...opts.warnings],
      surfaces: opts.registry.list(),
      guard: opts.guard(),
      disk: opts.disk(),
    };
  });
  route(app, 'GET /api/hall', () => opts.content() ?? refusal(503, 'no active pack', '还没有启用任何内容包。', 'No content pack is active yet.'));

  await app.register(async (admin) => {
    admin.addHook('onRequest', opts.adminOnly);
    route(admin, 'POST /api/identify', (body) => {
      opts.live.setIdentify(body.on !== false);
      return { identify: opts.live.identify };
    });
  });
};

/** The health capability bound to its options. */
export const health = (options: HealthOptions) => capability('health', healthPlugin, options);
