import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CommandSchema, EventSchema } from './messages';
import { loadSession } from './engine';

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
    expect(loadSession(save)).toMatchObject({ ok: false });
    expect(EventSchema.safeParse({ type: 'voted', player: 'p1', option: 'go' }).success).toBe(true);
  });
});
