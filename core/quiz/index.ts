import type { Finding } from '../findings';

/**
 * Checks one quiz bank inside a pack. `files` holds every text file of the pack by its path
 * relative to the pack root; `entry` is the bank's YAML path as pack.yaml lists it.
 * (The self-check work fills this in.)
 */
export function checkQuizBankSource(_files: ReadonlyMap<string, string>, _entry: string): Finding[] {
  return [];
}
