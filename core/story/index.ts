import type { Finding } from '../findings';

/**
 * Checks one scenario inside a pack. `files` holds every text file of the pack by its path
 * relative to the pack root; `entry` is the scenario's YAML path as pack.yaml lists it.
 * (The story-engine work fills this in.)
 */
export function checkScenarioSource(_files: ReadonlyMap<string, string>, _entry: string): Finding[] {
  return [];
}
