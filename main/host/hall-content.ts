import type { HallContent } from '../../core/protocol/messages';
import { projectHall } from '../../core/pack/kinds/index';
import type { LoadedPack } from './packs/load';

/** What the surfaces show of a pack: its title, then what each content kind projects (core/pack/kinds). */
export function hallContentOf(pack: LoadedPack): HallContent {
  return {
    packId: pack.manifest.id,
    packVersion: pack.manifest.version,
    title: pack.manifest.title,
    ...(pack.manifest.slogan ? { slogan: pack.manifest.slogan } : {}),
    ...projectHall(pack.content),
  };
}
