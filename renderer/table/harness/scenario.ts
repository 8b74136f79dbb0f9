/// <reference types="vite/client" />
import { checkScenario } from '../../../core/story/analyse';
import type { Scenario } from '../../../core/story/schema';

// The demo hall's scenario, read at build time and checked as the pack validator checks it.
const raw = import.meta.glob('../../../content/demo-hall/scenarios/south-bank/**/*.{yaml,md}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const files = new Map(Object.entries(raw).map(([path, text]) => [path.replace('../../../content/demo-hall/', ''), text]));
const checked = checkScenario(files, 'scenarios/south-bank/scenario.yaml');

/** The compiled demo scenario, or an error naming the findings. */
export function demoScenario(): Scenario {
  if (!checked.scenario) throw new Error(JSON.stringify(checked.findings));
  return checked.scenario;
}
