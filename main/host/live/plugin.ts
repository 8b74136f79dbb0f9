import { capability, type CapabilityPlugin } from '../capability';

/**
 * The one WebSocket (`/ws`) every surface keeps open; the hub validates and answers. The
 * WebSocket support itself is registered by the host at the root, so every capability that
 * serves a socket (tables: `/ws/tables`) shares one upgrade handler and one payload cap.
 */
export const livePlugin: CapabilityPlugin<object> = async (app, opts) => {
  app.get('/ws', { websocket: true }, (socket) => opts.live.accept(socket));
};

/** The live capability (no options of its own: the hub comes with the host's services). */
export const live = () => capability('live', livePlugin, {});
