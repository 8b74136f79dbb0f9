import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHallOnMonitors, missingForRealWindows, ROOT, type HallUnderTest } from './hall-harness';
import { screenshotDesktop } from './xorg';
import { readPng } from './pixels';
import { waitUntil } from './wait';

const missing = missingForRealWindows();
if (missing && process.env.CI) throw new Error(`e2e cannot run: ${missing}`);
if (missing) console.warn(`SKIPPED e2e/hall-config.test.ts: ${missing}`);

describe.skipIf(!!missing)('a broken hall.yaml', () => {
  let h: HallUnderTest;
  let hallFile: string;

  beforeAll(async () => {
    hallFile = join(mkdtempSync(join(tmpdir(), 'redhall-hall-')), 'hall.yaml');
    // A typo an installer could make: a role that does not exist, on line 4.
    writeFileSync(hallFile, 'idleSeconds: 60\nsurfaces:\n  - id: kiosk\n    role: kisok\n    display: 0\n');
    h = await startHallOnMonitors({ monitors: 2, hallFile });
    await waitUntil('both surfaces to connect', async () => (await h.health()).surfaces.every((s) => s.connected));
  });
  afterAll(async () => h?.stop());

  it('is reported with file and line, and the hall comes up on defaults with a visible warning', async () => {
    const health = await h.health();
    expect(health.surfaces.map((s) => [s.id, s.role])).toEqual([['kiosk', 'kiosk'], ['wall-1', 'wall']]);
    expect(health.warnings).toEqual([expect.objectContaining({ file: hallFile, line: 4, column: 11 })]);
    expect(readFileSync(join(h.dataDir, 'logs', 'hall.log'), 'utf8')).toContain(`${hallFile}:4:11 error hall.schema`);
    // The yellow installer banner across the top of both screens.
    mkdirSync(join(ROOT, '.data', 'e2e-shots'), { recursive: true });
    const file = join(ROOT, '.data', 'e2e-shots', 'broken-config.png');
    await expect.poll(() => {
      screenshotDesktop(h.x.display, file);
      const img = readPng(file);
      const yellow = (x: number) => {
        const s = img.stats(x + 100, 40, 1700, 30);
        return s.mean[0] > 200 && s.mean[1] > 170 && s.mean[2] < 120;
      };
      return yellow(0) && yellow(1920);
    }, { timeout: 15_000, interval: 300 }).toBe(true);
  });
});
