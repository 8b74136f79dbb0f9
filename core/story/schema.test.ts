import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './schema';

describe('scenario JSON Schema', () => {
  it('describes the top level and every phase kind for editors', () => {
    const s = scenarioJsonSchema();
    const text = JSON.stringify(s);
    expect((s.required as string[]).sort()).toEqual(['acts', 'background', 'duration', 'formatVersion', 'id', 'players', 'roles', 'theme', 'title']);
    for (const kind of ['narrate', 'read', 'introduce', 'search', 'discuss', 'vote', 'choice', 'ending']) expect(text).toContain(`"const":"${kind}"`);
  });
});
