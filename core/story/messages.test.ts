import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CommandSchema, EventSchema, EventSchemaV1 } from './messages';
import { loadSession } from './session-log';
import { checkScenario } from './analyse';
import { readPackTexts } from '../../main/story/pack-folder';

const fx = await readPackTexts(new URL('./fixtures', import.meta.url).pathname);
const loop = checkScenario(fx.files, 'loop/scenario.yaml').scenario;
if (!loop) throw new Error('loop fixture does not compile');

describe('story messages', () => {
  it('accepts every command shape and refuses junk', () => {
    const ok = [
      { type: 'advance', actor: { kind: 'dm' }, version: 3 },
      { type: 'search', location: 'hall', actor: { kind: 'player', player: 'p1' }, version: 0 },
      { type: 'vote', option: 'go', actor: { kind: 'player', player: 'p2' }, version: 9 },
      { type: 'close-vote', actor: { kind: 'dm' }, version: 1 },
      { type: 'break-tie', option: 'go', actor: { kind: 'dm' }, version: 1 },
      { type: 'choose', option: 'go', actor: { kind: 'host' }, version: 1 },
      { type: 'share', clue: 'c-1', actor: { kind: 'player', player: 'p1' }, version: 1 },
    ];
    for (const c of ok) expect(CommandSchema.safeParse(c).success, c.type).toBe(true);
    const bad = [
      { type: 'advance', actor: { kind: 'dm' } },
      { type: 'advance', actor: { kind: 'dm' }, version: -1 },
      { type: 'vote', option: '__proto__', actor: { kind: 'player', player: 'p1' }, version: 1 },
      { type: 'vote', option: 'go', actor: { kind: 'player', player: '__proto__' }, version: 1 },
      { type: 'advance', actor: { kind: 'god' }, version: 1 },
      { type: 'advance', actor: { kind: 'dm' }, version: 1, extra: true },
      { type: 'eval', actor: { kind: 'dm' }, version: 1 },
    ];
    for (const c of bad) expect(CommandSchema.safeParse(c).success, JSON.stringify(c)).toBe(false);
    fc.assert(fc.property(fc.anything(), (x) => void CommandSchema.safeParse(x)));
  });
  it('refuses a save with a malformed event instead of folding it', () => {
    const save = JSON.stringify({ format: 'redhall.story.session', version: 1, events: [{ type: 'advanced' }, { type: 'bogus' }] });
    expect(loadSession(save, loop)).toMatchObject({ ok: false });
    // Format 1 events are still read (to migrate them); format 2 ballots belong to a role.
    expect(EventSchemaV1.safeParse({ type: 'voted', player: 'p1', option: 'go' }).success).toBe(true);
    expect(EventSchema.safeParse({ type: 'voted', role: 'alpha', option: 'go', by: 'p1' }).success).toBe(true);
    expect(EventSchema.safeParse({ type: 'voted', player: 'p1', option: 'go' }).success).toBe(false);
  });
});
