import { checkScenarioSource } from '../../story/index';
import { defineEngineKind } from './kind';

/** Script-kill scenarios: core/story owns their format and checks; their pages are curator markdown. */
export const scenarioKind = defineEngineKind({
  key: 'scenarios',
  many: true,
  engine: {
    check: (texts, entry, paths) => checkScenarioSource(texts, entry, { assetPaths: paths }),
    folder: 'scenarios/',
    // A scenario's pages are the markdown files in its folder (paths in scenario.yaml are relative to it).
    markdownFiles(entry, paths) {
      const folder = entry.includes('/') ? entry.slice(0, entry.lastIndexOf('/') + 1) : '';
      return paths.filter((p) => p.startsWith(folder) && p.endsWith('.md'));
    },
  },
});
