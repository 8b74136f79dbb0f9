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

describe('media cues', () => {
  it('take a 360° projection on pictures and films, not on sound', async () => {
    const { MediaCue } = await import('./schema');
    expect(MediaCue.safeParse({ kind: 'video', src: 'media/river.mp4', projection: '360' }).success).toBe(true);
    expect(MediaCue.safeParse({ kind: 'image', src: 'media/river.svg', projection: 'flat' }).success).toBe(true);
    const audio = MediaCue.safeParse({ kind: 'ambience', src: 'media/rain.ogg', projection: '360' });
    expect(audio.success).toBe(false);
    expect(audio.error?.issues[0]?.path).toEqual(['projection']);
    expect(MediaCue.safeParse({ kind: 'image', src: 'x.svg', projection: 'dome' }).success).toBe(false);
  });
});
