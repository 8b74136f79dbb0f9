import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frustumMatrix, hologramViews, offAxisFrustum, projectOnWall, ringPlacement, ringSlice, spanViews, type Vec3, type WallCorners } from './geometry';
import { DEFAULT_CAVE_WALLS, DEFAULT_EYE, placeSurfaces } from './placement';
import { parseHallConfig, planSurfaces, type Display } from '../hall';

describe('spanning', () => {
  it('gives each display its part of one canvas, bezels adding hidden pixels between columns', () => {
    const two = [{ x: 1920, y: 0, width: 1920, height: 1080 }, { x: 3840, y: 0, width: 1920, height: 1080 }];
    expect(spanViews(two).map((v) => v.viewport.x)).toEqual([0, 1920]);
    const withBezel = spanViews(two, 40);
    expect(withBezel[1]!.viewport).toEqual({ x: 1960, y: 0, width: 1920, height: 1080 });
    expect(withBezel[0]!.canvas).toEqual({ width: 3880, height: 1080 });
  });

  it('lays a 2×2 video wall out in rows and columns', () => {
    const grid = [0, 1, 2, 3].map((i) => ({ x: (i % 2) * 1920, y: Math.floor(i / 2) * 1080, width: 1920, height: 1080 }));
    const v = spanViews(grid, 10);
    expect(v[3]!.viewport).toEqual({ x: 1930, y: 1090, width: 1920, height: 1080 });
    expect(v[0]!.canvas).toEqual({ width: 3850, height: 2170 });
  });
});

describe('ring', () => {
  it('splits 360° into equal yaw slices that meet (seamless, all the way round)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: -720, max: 720, noNaN: true }), (n, yaw) => {
        const slices = Array.from({ length: n }, (_, i) => ringSlice(i, n, 1920, 1080, yaw));
        for (let i = 0; i < n; i++) {
          const next = slices[(i + 1) % n]!;
          // Where one slice ends the next begins, modulo one turn of the picture.
          const gap = (((slices[i]!.u1 - next.u0) % 1) + 1) % 1;
          expect(Math.min(gap, 1 - gap)).toBeLessThan(1e-9);
          expect(slices[i]!.u1 - slices[i]!.u0).toBeCloseTo(1 / n);
        }
      }),
    );
  });

  it('shows as much height as keeps pixels square, centred on the horizon', () => {
    const s = ringSlice(1, 3, 1920, 1080);
    expect(s.u0).toBeCloseTo(1 / 3);
    expect(s.centreYawDeg).toBeCloseTo(180);
    // 3 × 1920 px for 360°: 1080 px are 67.5°, of the picture's 180°.
    expect(s.v1 - s.v0).toBeCloseTo(67.5 / 180);
    expect((s.v0 + s.v1) / 2).toBeCloseTo(0.5);
    // Looking up 30° moves the band up, never past the picture's top.
    expect(ringSlice(0, 3, 1920, 1080, 0, 30).v0).toBeCloseTo(0.5 - 30 / 180 - 67.5 / 360);
    expect(ringSlice(0, 3, 1920, 1080, 0, 90).v0).toBe(0);
  });

  it('places the whole picture behind a segment so only its slice shows', () => {
    const p = ringPlacement(ringSlice(2, 3, 1920, 1080), 1920, 1080);
    expect(p.pictureWidth).toBeCloseTo(5760);
    expect(p.left).toBeCloseTo(-3840);
    expect(p.pictureHeight).toBeCloseTo(2880);
    expect(p.wraps).toBe(false);
    expect(ringPlacement(ringSlice(2, 3, 1920, 1080, 60), 1920, 1080).wraps).toBe(true);
  });
});

describe('CAVE off-axis frusta (Kooima)', () => {
  const [front, left, right, floor] = DEFAULT_CAVE_WALLS as [WallCorners, WallCorners, WallCorners, WallCorners];

  it('maps each wall corner to the corner of its picture', () => {
    const f = offAxisFrustum(front, DEFAULT_EYE);
    const at = (p: Vec3) => projectOnWall(f, p)!;
    expect(at(front.lowerLeft).x).toBeCloseTo(-1);
    expect(at(front.lowerLeft).y).toBeCloseTo(-1);
    expect(at(front.lowerRight).x).toBeCloseTo(1);
    expect(at(front.upperLeft).y).toBeCloseTo(1);
    // The eye is 1.6 m up a 2.5 m wall: the window is off-axis (more below than above).
    expect(f.bottom).toBeLessThan(0);
    expect(-f.bottom).toBeGreaterThan(f.top);
  });

  it('draws a point on the corner between two walls on the edge of both pictures, at the same height', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 2.45, noNaN: true }), fc.double({ min: -1.5, max: 1.5, noNaN: true }), fc.double({ min: -1.5, max: 1.5, noNaN: true }), (y, ex, ez) => {
        const eye: Vec3 = [ex, 1.6, ez];
        const corner: Vec3 = [-2, y, -2];
        const onLeft = projectOnWall(offAxisFrustum(left, eye), corner)!;
        const onFront = projectOnWall(offAxisFrustum(front, eye), corner)!;
        expect(onLeft.x).toBeCloseTo(1, 6);
        expect(onFront.x).toBeCloseTo(-1, 6);
        // Both walls draw it at its true height on the wall, whatever the eye: the corner line stays straight.
        expect(onLeft.y).toBeCloseTo((y / 2.5) * 2 - 1, 6);
        expect(onFront.y).toBeCloseTo(onLeft.y, 6);
      }),
    );
  });

  it('draws a point of the scene where the line from the eye through it meets the wall', () => {
    const eye: Vec3 = [0.4, 1.7, 0.3];
    const f = offAxisFrustum(front, eye);
    const onWall: Vec3 = [1, 0.5, -2];
    const far: Vec3 = [eye[0] + (onWall[0] - eye[0]) * 3, eye[1] + (onWall[1] - eye[1]) * 3, eye[2] + (onWall[2] - eye[2]) * 3];
    expect(projectOnWall(f, far)!.x).toBeCloseTo(projectOnWall(f, onWall)!.x);
    expect(projectOnWall(f, far)!.y).toBeCloseTo(projectOnWall(f, onWall)!.y);
    expect(projectOnWall(f, onWall)!.x).toBeCloseTo(0.5);
    expect(projectOnWall(f, [0, 1, 5])).toBeUndefined();
  });

  it('gives the floor a frustum looking down, and refuses a wall the eye is behind', () => {
    const f = offAxisFrustum(floor, DEFAULT_EYE);
    expect(f.normal3[1]).toBeCloseTo(1);
    expect(projectOnWall(f, [0, 0, 0])).toEqual({ x: expect.closeTo(0) as number, y: expect.closeTo(0) as number });
    expect(() => offAxisFrustum(front, [0, 1.6, -3])).toThrow(/not in front/);
    expect(() => offAxisFrustum(right, [0, 1.6, 0])).not.toThrow();
  });

  it('builds the projection matrix WebGL takes', () => {
    const m = frustumMatrix(offAxisFrustum(front, [0, 1.25, 0], 1, 100));
    // A symmetric window (eye centred on the wall): no skew terms.
    expect(m[8]).toBeCloseTo(0);
    expect(m[9]).toBeCloseTo(0);
    expect(m[0]).toBeCloseTo(1); // 2n/(r−l) = 2·1/(2·1/2·4)
    expect(m[11]).toBe(-1);
  });
});

describe('hologram', () => {
  it('puts four views around the middle, tops outward, front/right/back/left', () => {
    const views = hologramViews(1920, 1080);
    expect(views.map((v) => v.yawDeg)).toEqual([0, 90, 180, 270]);
    expect(views.map((v) => v.rotationDeg)).toEqual([180, 90, 0, 270]);
    const centres = views.map((v) => [v.rect.x + v.rect.width / 2, v.rect.y + v.rect.height / 2]);
    expect(centres).toEqual([[960, 900], [1320, 540], [960, 180], [600, 540]]);
    // No two views overlap.
    for (const a of views) for (const b of views) if (a !== b) expect(a.rect.x + a.rect.width <= b.rect.x || b.rect.x + b.rect.width <= a.rect.x || a.rect.y + a.rect.height <= b.rect.y || b.rect.y + b.rect.height <= a.rect.y).toBe(true);
  });
});

describe('placement from hall.yaml', () => {
  const displays: Display[] = [0, 1, 2].map((i) => ({ index: i, name: `DUMMY${i}`, x: i * 1920, y: 0, width: 1920, height: 1080, primary: i === 0 }));

  it('numbers ring surfaces in file order, shares a span group canvas, and gives CAVE walls the default room', () => {
    const { config, findings } = parseHallConfig(
      'surfaces:\n  - { id: w1, role: wall, display: 0, span: { group: main, bezel: 30 } }\n  - { id: w2, role: wall, display: 1, span: { group: main }, interactive: true }\n  - { id: r1, role: ring, display: 2 }\n  - { id: r2, role: ring, display: 2, ring: { yawOffset: 90 } }\n  - { id: c1, role: cave, display: 0 }\n',
      'hall.yaml',
    );
    expect(findings).toEqual([]);
    const byId = Object.fromEntries(planSurfaces(config, displays).surfaces.map((s) => [s.id, s]));
    expect(byId.w2!.placement?.span).toEqual({ group: 'main', canvas: { width: 3870, height: 1080 }, viewport: { x: 1950, y: 0, width: 1920, height: 1080 } });
    expect(byId.w2!.placement?.interactive).toBe(true);
    expect(byId.w2!.touch).toBe(true);
    expect(byId.r2!.placement?.ring).toEqual({ index: 1, count: 2, yawOffsetDeg: 90, pitchDeg: 0 });
    expect(byId.c1!.placement?.cave?.eye).toEqual(DEFAULT_EYE);
    expect(byId.w1!.placement?.ring).toBeUndefined();
  });

  it('reports a CAVE wall given back to front, with its line', () => {
    const { findings } = parseHallConfig('viewer: { eye: [0, 1.6, 0] }\nsurfaces:\n  - id: c1\n    role: cave\n    display: 0\n    cave: { lowerLeft: [2, 0, -2], lowerRight: [-2, 0, -2], upperLeft: [2, 2.5, -2] }\n', 'hall.yaml');
    expect(findings[0]).toMatchObject({ code: 'hall.cave-wall', line: 6 });
  });

  it('leaves surfaces with nothing to place without a placement', () => {
    expect(placeSurfaces([{ id: 'k', role: 'kiosk', bounds: { x: 0, y: 0, width: 1, height: 1 } }]).size).toBe(0);
  });
});

describe('metro line', () => {
  it('places stations by date, keeps crowded ones apart and inside the line', async () => {
    const { placeStations, dateYear, trainAt } = await import('./metro');
    expect(dateYear('1921-07-23')).toBeCloseTo(1921 + 6 / 12 + 22 / 365);
    const placed = placeStations([{ id: 'a', date: '1921' }, { id: 'b', date: '1921-07' }, { id: 'c', date: '1971' }, { id: 'd', date: '2021-07-01' }, { id: 'e', date: '2021-07-01' }], 0.05);
    expect(placed[0]!.t).toBe(0);
    expect(placed[4]!.t).toBeCloseTo(1);
    for (let i = 1; i < placed.length; i++) expect(placed[i]!.t - placed[i - 1]!.t).toBeGreaterThanOrEqual(0.05 - 1e-9);
    expect(placed.map((p) => p.tier)).toEqual([0, 1, 2, 3, 0]);
    // Trains run there and back; two trains are half a period apart, at mirrored places.
    expect(trainAt(0, 0, 2)).toEqual({ t: 0, dir: 1 });
    expect(trainAt(22_500, 0, 2, 90).t).toBeCloseTo(0.5);
    expect(trainAt(0, 1, 2, 90)).toEqual({ t: 1, dir: -1 });
  });
});
