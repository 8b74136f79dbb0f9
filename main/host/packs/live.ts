import { loadActivePack, type LoadedPack } from './load';
import type { ActivatedEvent, PackStore } from './store';

/**
 * Keeps the host's copy of each active pack current: on every 'activated' event (from this
 * process or, with store.watch(), from the CLI) the new version is loaded and handed to
 * `onPack`; a version that fails to load is reported and the previous one stays in use.
 */
export function followActivePacks(
  store: PackStore,
  onPack: (pack: LoadedPack, ev: ActivatedEvent) => void,
  onError: (err: unknown, ev: ActivatedEvent) => void = () => undefined,
): () => void {
  const listener = (ev: ActivatedEvent) => {
    loadActivePack(store, ev.id)
      .then((pack) => {
        // A newer activation may have overtaken this one while it loaded.
        if (pack && pack.manifest.version === ev.version) onPack(pack, ev);
      })
      .catch((err: unknown) => onError(err, ev));
  };
  store.on('activated', listener);
  return () => store.off('activated', listener);
}
