import { describe, expect, it } from 'vitest';
import { SurfaceRole } from '../core/protocol/messages';
import { isSurfaceName, screenFor, SURFACE_NAMES } from './surfaces';

describe('the surface registry', () => {
  it('has a screen for every role of the protocol and for the fault screen', () => {
    expect(new Set(SURFACE_NAMES)).toEqual(new Set(SurfaceRole.options));
    for (const role of SURFACE_NAMES) expect(screenFor(role)).toBeDefined();
  });

  it('knows no other role, not even the names every object has', () => {
    for (const role of ['', 'Kiosk', 'walls', 'table', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(isSurfaceName(role)).toBe(false);
      expect(screenFor(role)).toBeUndefined();
    }
  });

  it('gives a role the same lazy component every time, and each screen its own', () => {
    expect(screenFor('cinema')).toBe(screenFor('cinema'));
    expect(screenFor('cinema')).not.toBe(screenFor('wall'));
    expect(screenFor('cave')).not.toBe(screenFor('wall'));
    expect(screenFor('kiosk')).not.toBe(screenFor('wall'));
  });
});
