import type { Finding } from '../findings';
import { checkScenario, type CheckOptions } from './analyse';

export * from './expression';
export * from './schema';
export * from './flow';
export * from './engine';
export * from './decide';
export * from './session-log';
export * from './hash';
export * from './messages';
export * from './view';
export * from './analyse';
export * from './simulate';
export * from './graph';

/**
 * Checks one scenario inside a pack. `files` holds every text file of the pack by its path
 * relative to the pack root; `entry` is the scenario's YAML path as pack.yaml lists it.
 * Runs the full analysis (schema, references, expressions, reachability, dead ends, duration).
 */
export function checkScenarioSource(files: ReadonlyMap<string, string>, entry: string, options: CheckOptions = {}): Finding[] {
  return checkScenario(files, entry, options).findings;
}
