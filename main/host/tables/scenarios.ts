import { checkScenario } from '../../../core/story';
import { readPackTexts } from '../../story/pack-folder';
import type { ScenarioSource } from './tables';

/** A pack as the host holds it: where it is and what it is. */
export interface PackOnHost {
  id: string;
  version: string;
  dir: string;
}

/**
 * The scenarios of the active packs, compiled once per pack version (a newly activated version
 * is read on the next call). A scenario that does not compile is left out and logged; the pack
 * validator already refused to activate such a pack, so this is a last guard.
 */
export function scenarioSources(packs: () => readonly PackOnHost[], log: (line: string) => void = () => {}): () => Promise<ScenarioSource[]> {
  const cache = new Map<string, Promise<ScenarioSource[]>>();
  const read = async (p: PackOnHost): Promise<ScenarioSource[]> => {
    const texts = await readPackTexts(p.dir);
    const out: ScenarioSource[] = [];
    for (const entry of texts.scenarios) {
      const r = checkScenario(texts.files, entry);
      if (r.scenario) out.push({ pack: { id: p.id, version: p.version }, scenario: r.scenario });
      else log(`tables: scenario ${entry} of ${p.id}@${p.version} does not compile; left out`);
    }
    return out;
  };
  return async () => {
    const lists = await Promise.all(
      packs().map((p) => {
        const key = `${p.id}@${p.version}:${p.dir}`;
        let hit = cache.get(key);
        if (!hit) {
          hit = read(p).catch((err: unknown) => {
            log(`tables: scenarios of ${p.id}@${p.version} unreadable: ${(err as Error).message}`);
            cache.delete(key);
            return [];
          });
          cache.set(key, hit);
        }
        return hit;
      }),
    );
    return lists.flat();
  };
}
