import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkScenario } from './analyse';
import { scenarioEdges, scenarioSvg } from './graph';

const dir = join(import.meta.dirname, 'fixtures');
const files = new Map<string, string>();
for (const f of ['walk/scenario.yaml', 'walk/d.md', 'choice/scenario.yaml', 'choice/debrief.md']) files.set(f, readFileSync(join(dir, f), 'utf8'));

describe('scenario graph', () => {
  it('draws every move: option gotos, conditional rules and the fall-through', () => {
    const sc = checkScenario(files, 'choice/scenario.yaml').scenario;
    if (!sc) throw new Error('fixture did not compile');
    const edges = scenarioEdges(sc).map((e) => `${e.from}->${e.to}${e.conditional ? '?' : ''}`);
    expect(edges).toEqual(['pick->look', 'look->dm-call', 'dm-call->end-lamp?', 'dm-call->end-flag?', 'dm-call->end-doubt']);
    expect(scenarioEdges(sc).at(-1)?.label).toBe('否则 else');
  });
  it('renders a standalone SVG, escaping text and greying what cannot be reached', () => {
    const r = checkScenario(files, 'walk/scenario.yaml');
    if (!r.scenario || !r.analysis) throw new Error('fixture did not compile');
    const svg = scenarioSvg(r.scenario, { reachable: r.analysis.reachablePhases });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('mode &gt; 1');
    expect(svg.match(/不可达 unreachable/g)).toHaveLength(1);
    for (const id of ['look', 'decide', 'end-a', 'end-b', 'tail']) expect(svg).toContain(`<title>${id}</title>`);
  });
});
