import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { DisposableStore } from '../../core/lifecycle';
import type { HallAuth } from './auth/hall-auth';
import type { LiveHub } from './live/hub';

/** What the host hands every capability besides the capability's own options. */
export interface HostServices {
  log: (line: string) => void;
  /** The host clock (ms): the reference every surface estimates its offset to. */
  clock: () => number;
  /** The surfaces' live channel: hear what they send, broadcast to them. */
  live: LiveHub;
  /** The host's lifetime: what a capability starts goes here and stops when the host closes. */
  disposables: DisposableStore;
  /**
   * An onRequest hook that admits the admin only (an admin session, or the run file's token):
   * `auth.guard('admin')`. Add it in the plugin, or the child context, whose routes need it;
   * never check in a handler. See main/host/auth/README.md.
   */
  adminOnly: onRequestHookHandler;
  /** The hall's PINs, sessions and guards: `auth.guard('docent')` for docent routes, `auth.checkPin` for other doors. */
  auth: HallAuth;
}

/**
 * A capability of the host as a fastify plugin: its routes and hooks live in its own
 * encapsulated context, and everything it needs arrives as options (its own, plus the host's
 * services). See main/host/README.md.
 */
export type CapabilityPlugin<O extends object> = (app: FastifyInstance, opts: O & HostServices) => Promise<void>;

/** A plugin bound to its options, ready for the host to register. */
export interface Capability {
  readonly name: string;
  register(app: FastifyInstance, services: HostServices): Promise<void>;
}

/** Binds a capability plugin to its options; the host registers it with its services added. */
export function capability<O extends object>(name: string, plugin: CapabilityPlugin<O>, options: O): Capability {
  return {
    name,
    async register(app, services) {
      await app.register(plugin, { ...options, ...services });
    },
  };
}
