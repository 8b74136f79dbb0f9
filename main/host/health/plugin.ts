import type { HallContent, InstallerWarning } from '../../../core/protocol/messages';
import { APP_VERSION } from '../../version';
import { capability, type CapabilityPlugin } from '../capability';
import type { SurfaceRegistry } from '../surfaces';

export interface HealthOptions {
  listen: 'loopback' | 'lan';
  warnings: readonly InstallerWarning[];
  registry: SurfaceRegistry;
  content: () => HallContent | undefined;
}

/**
 * What anyone on the machine may ask the host (`/api/health`, `/api/hall`) and what only the
 * admin may tell it (`/api/identify`, behind the bearer-token hook of its own child context).
 */
export const healthPlugin: CapabilityPlugin<HealthOptions> = async (app, opts) => {
  const startedAt = opts.clock();
  app.get('/api/health', async () => {
    const content = opts.content();
    return {
      app: 'redhall',
      version: APP_VERSION,
      uptimeMs: Math.round(opts.clock() - startedAt),
      startedAt: new Date(startedAt).toISOString(),
      listen: opts.listen,
      pack: content ? { id: content.packId, version: content.packVersion } : null,
      warnings: opts.warnings,
      surfaces: opts.registry.list(),
    };
  });
  app.get('/api/hall', async (_req, reply) => opts.content() ?? reply.code(503).send({ error: 'no active pack' }));

  await app.register(async (admin) => {
    admin.addHook('onRequest', opts.adminOnly);
    admin.post('/api/identify', async (req) => {
      const body = req.body as { on?: unknown } | undefined;
      opts.live.setIdentify(body?.on !== false);
      return { identify: opts.live.identify };
    });
  });
};

/** The health capability bound to its options. */
export const health = (options: HealthOptions) => capability('health', healthPlugin, options);
