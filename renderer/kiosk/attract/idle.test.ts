import { describe, expect, it } from 'vitest';
import { attractDueInMs } from './idle';

describe('when the attract loop is due (attract.yaml idleSeconds)', () => {
  it('counts the pack\'s seconds from the last touch', () => {
    expect(attractDueInMs(1_000, 1_000, 45)).toBe(45_000);
    expect(attractDueInMs(1_000, 31_000, 45)).toBe(15_000);
  });
  it('is due at once when that much time has passed without a touch (a reset after a longer visit timeout)', () => {
    expect(attractDueInMs(1_000, 46_000, 45)).toBe(0);
    expect(attractDueInMs(1_000, 121_000, 45)).toBe(0);
  });
  it('waits out the rest when the kiosk\'s reset came sooner than the pack\'s idleSeconds', () => {
    // hall idleSeconds 30 (the visit is cleared then), attract idleSeconds 90: 60 s of quiet home first.
    expect(attractDueInMs(0, 30_000, 90)).toBe(60_000);
  });
});
