import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { capability, type CapabilityPlugin } from '../capability';

/** The policy of every page the host serves: scripts and styles from the host only. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PagesOptions {
  /** The built renderer (dist/renderer); when missing, `/` says so instead. */
  rendererDir: string;
  /** What every hall shares (the top-level assets/: brand, sounds, the fault and please-wait screens), served at /shared/. */
  sharedDir: string;
}

/** Where the shared screens are served: a surface resting on the fault screen is sent here. */
export const SHARED_PREFIX = '/shared/';
export const FAULT_SCREEN = `${SHARED_PREFIX}screens/fault.html`;

/**
 * The surfaces' pages: the built renderer, each response with the page CSP. The hook lives in
 * this plugin's context only, so it cannot touch what other capabilities serve (pack assets keep
 * their sandbox policy).
 */
export const pagesPlugin: CapabilityPlugin<PagesOptions> = async (app, opts) => {
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', PAGE_CSP);
    return payload;
  });
  // The build keeps source maps for developers; a hall serves none (megabytes of our source to anyone who asks).
  app.addHook('onRequest', async (req, reply) => {
    if (/\.map$/i.test(req.url.split('?')[0] ?? '')) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
  });
  await app.register(fastifyStatic, { root: opts.sharedDir, prefix: SHARED_PREFIX, decorateReply: false, index: false });
  if (existsSync(join(opts.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.rendererDir, prefix: '/', index: 'index.html' });
  } else {
    // Not built yet: the shared "please wait" screen, which tries again by itself every few seconds.
    const wait = readFileSync(join(opts.sharedDir, 'screens', 'wait.html'), 'utf8').replace('<head>', `<head>\n  <base href="${SHARED_PREFIX}screens/">`);
    app.get('/', async (_req, reply) => reply.code(503).header('retry-after', '5').type('text/html; charset=utf-8').send(wait));
  }
};

/** The pages capability bound to its options. */
export const pages = (options: PagesOptions) => capability('pages', pagesPlugin, options);
