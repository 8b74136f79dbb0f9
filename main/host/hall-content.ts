import type { HallContent } from '../../core/protocol/messages';
import type { LoadedPack } from './packs/load';

/** What the surfaces show of a pack: its title and exhibit modules. */
export function hallContentOf(pack: LoadedPack): HallContent {
  return {
    packId: pack.manifest.id,
    packVersion: pack.manifest.version,
    title: pack.manifest.title,
    ...(pack.manifest.slogan ? { slogan: pack.manifest.slogan } : {}),
    modules: pack.exhibits?.modules ?? [],
  };
}
