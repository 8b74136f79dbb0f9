import { capability, type CapabilityPlugin } from '../capability';
import { registerPackRoutes } from './serve';
import type { PackStore } from './store';

export interface PacksOptions {
  store: PackStore;
}

/** Pack assets under `/packs/<id>/…`, from each pack's active version, with the sandbox CSP serve.ts sets. */
export const packsPlugin: CapabilityPlugin<PacksOptions> = async (app, opts) => {
  registerPackRoutes(app, opts.store);
};

/** The packs capability bound to its store. */
export const packs = (options: PacksOptions) => capability('packs', packsPlugin, options);
