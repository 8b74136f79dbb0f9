import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHallOnMonitors, missingForRealWindows, ROOT, type HallUnderTest } from './hall-harness';
import { columnGap, readPng } from './pixels';
import { waitUntil } from './wait';
import { desktopShotArgs } from './xorg';

const missing = missingForRealWindows();
if (missing && process.env.CI) throw new Error(`e2e cannot run: ${missing}`);
if (missing) console.warn(`SKIPPED e2e/walls.test.ts: ${missing}`);

const SHOTS = join(ROOT, '.data', 'e2e-shots');
const note = (line: string) => appendFileSync(join(SHOTS, 'walls.txt'), `${line}\n`);

// One picture over both walls of the spanning pair: the panorama, held still.
const SPAN_SHOW = `id: span
title: { zh-Hans: 跨屏画面, en: Across both walls }
seconds: 600
cues:
  - { at: 0, target: wall, action: show, src: media/images/panorama-360.svg }
`;


// The metro line on the first monitor; a spanning pair of interactive walls on the other two.
describe.skipIf(!!missing)('the metro, spanning and interactive walls on three real monitors', () => {
  let h: HallUnderTest;
  let pack: string;
  const browsers: Browser[] = [];
  const env = () => ({ ...process.env, DISPLAY: h.x.display });
  const tap = (x: number, y: number) => execFileSync('xdotool', ['mousemove', String(Math.round(x)), String(Math.round(y)), 'click', '1'], { env: env() });
  const shot = async (name: string): Promise<string> => {
    const file = join(SHOTS, `${name}.png`);
    await promisify(execFile)('import', desktopShotArgs(h.x.display, file));
    return file;
  };
  const screens = async () => Object.fromEntries((await h.health()).surfaces.map((s) => [s.id, s.screen]));
  /** A surface's page, through the DevTools port its browser opened (tests only: to find where things are drawn). */
  const pageOf = async (surfaceId: string): Promise<Page> => {
    const port = readFileSync(join(h.dataDir, 'chromium', surfaceId, 'DevToolsActivePort'), 'utf8').split('\n')[0];
    const b = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    browsers.push(b);
    const page = b.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith(`http://127.0.0.1:${h.hall.host.port}/`));
    if (!page) throw new Error(`${surfaceId}: its page is not open`);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, 'walls.txt'), '');
    pack = mkdtempSync(join(tmpdir(), 'redhall-walls-'));
    cpSync(join(ROOT, 'content', 'demo-hall'), pack, { recursive: true });
    writeFileSync(join(pack, 'shows', 'span.yaml'), SPAN_SHOW);
    const manifest = join(pack, 'pack.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/shows: \[([^\]]*)\]/, 'shows: [$1, shows/span.yaml]'));
    const hallFile = join(pack, 'hall.yaml');
    writeFileSync(
      hallFile,
      `packs: [${JSON.stringify(pack)}]\nsurfaces:\n` +
        '  - { id: metro, role: metro, display: 0 }\n' +
        '  - { id: span-a, role: wall, display: 1, span: { group: hall }, interactive: true }\n' +
        '  - { id: span-b, role: wall, display: 2, span: { group: hall }, interactive: true }\n',
    );
    h = await startHallOnMonitors({ monitors: 3, hallFile, browserArgs: ['--remote-debugging-port=0'] });
    await waitUntil('every surface to connect and sync its clock', async () => (await h.health()).surfaces.every((s) => s.connected && s.clockOffsetMs !== null), 90_000);
  }, 180_000);
  afterAll(async () => {
    for (const b of browsers) await b.close().catch(() => undefined);
    await h?.stop();
    if (pack) rmSync(pack, { recursive: true, force: true });
  });

  it('runs trains along the metro line and opens the story of a station a visitor touches', { timeout: 180_000 }, async () => {
    await expect.poll(async () => (await screens()).metro, { timeout: 30_000 }).toBe('metro:line');
    const page = await pageOf('metro');
    await page.locator('[data-station]').first().waitFor({ timeout: 30_000 });
    // The trains run on the host clock: their places a second apart differ.
    const trains = () => page.evaluate('[...document.querySelectorAll(".metro-train")].map((g) => g.getAttribute("transform"))') as Promise<string[]>;
    const before = await trains();
    await shot('metro-line');
    await new Promise((r) => setTimeout(r, 1500));
    const after = await trains();
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(after.filter((t, i) => t !== before[i]).length).toBeGreaterThanOrEqual(2);
    const line = readPng(join(SHOTS, 'metro-line.png')).stats(0, 520, 1920, 160);
    note(`metro trains: ${before.join(' | ')} -> ${after.join(' | ')}; line band mean ${line.mean.map((v) => v.toFixed(0)).join(',')}`);
    // A real touch (X11 pointer) on a station in the middle of the line opens its story.
    const stations = page.locator('[data-station]');
    const k = Math.floor((await stations.count()) / 2);
    const id = (await stations.nth(k).getAttribute('data-station'))!;
    // Its name, off the line (a passing train may be over the dot itself).
    const box = (await stations.nth(k).locator('.metro-name').boundingBox())!;
    tap(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(async () => (await screens()).metro, { timeout: 15_000 }).toBe(`metro:station:${id}`);
    await expect.poll(() => page.locator(`.metro-story[data-story="${id}"]`).isVisible(), { timeout: 10_000 }).toBe(true);
    const title = (await page.locator('.metro-story h2, .metro-story h1').first().textContent())?.trim();
    expect(title).toBeTruthy();
    const story = readPng(await shot('metro-station')).stats(0, 0, 1920, 1080);
    expect(story.black).toBeLessThan(0.9);
    note(`metro station touched: ${id} "${title}"`);
    // Back to the line with the large close button.
    const close = (await page.locator('.metro-close').boundingBox())!;
    tap(close.x + close.width / 2, close.y + close.height / 2);
    await expect.poll(async () => (await screens()).metro, { timeout: 15_000 }).toBe('metro:line');
  });

  it('spans one picture over both walls, continuous across the monitor edge', { timeout: 180_000 }, async () => {
    const run = h.hall.shows.start({ showId: 'span' })!;
    await expect.poll(async () => {
      const s = await screens();
      return [s['span-a'], s['span-b']];
    }, { timeout: 30_000, interval: 200 }).toEqual(['show:span:0', 'show:span:0']);
    expect(run.show.id).toBe('span');
    // Neighbouring columns across the edge (one in from the window's black last column) agree as
    // well as neighbouring columns inside a wall; unrelated columns do not (the test can fail).
    let last = '';
    await expect.poll(async () => {
      const file = await shot('span-picture');
      const edge = columnGap(file, 3838, 3840, 100, 980);
      const within = Math.max(columnGap(file, 2878, 2880, 100, 980), columnGap(file, 4798, 4800, 100, 980));
      const far = columnGap(file, 3838, 5000, 100, 980);
      last = `span edge (mean |Δ| across monitors 2→3): ${edge.toFixed(2)}; inside a wall: ${within.toFixed(2)}; unrelated columns: ${far.toFixed(2)}`;
      return far > 8 && edge < Math.max(4, 2 * within);
    }, { timeout: 40_000, interval: 1000 }).toBe(true);
    note(last);
    // Each wall draws its own part, not the whole picture twice: their first columns differ.
    const twice = columnGap(join(SHOTS, 'span-picture.png'), 1922, 3842, 100, 980);
    note(`span: first columns of the two walls differ by ${twice.toFixed(2)}`);
    expect(twice).toBeGreaterThan(3);
    h.hall.shows.stop();
    await expect.poll(async () => {
      const s = await screens();
      return [s['span-a'], s['span-b']];
    }, { timeout: 30_000, interval: 200 }).toEqual(['wall:light-and-shadow', 'wall:light-and-shadow']);
  });

  it('answers a touch on the interactive wall with ripples, and a hotspot opens its story card', { timeout: 180_000 }, async () => {
    // The wall is its own again (no show over it), whatever the test before left.
    if (h.hall.shows.run) h.hall.shows.stop();
    await expect.poll(async () => (await screens())['span-a'], { timeout: 30_000, interval: 200 }).toBe('wall:light-and-shadow');
    const page = await pageOf('span-a');
    await page.locator('[data-testid="interactive"] .hotspot').first().waitFor({ timeout: 30_000 });
    // A touch on open wall, away from the hotspots: a ring of light spreads from the finger.
    const spots = await page.locator('.hotspot').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.top, r.right, r.bottom]));
    const free = [[300, 900], [960, 960], [1600, 900], [960, 150], [300, 150]].find(([x, y]) => spots.every(([l, t, r, b]) => x! < l! - 200 || x! > r! + 200 || y! < t! - 200 || y! > b! + 200)) ?? [960, 960];
    const [fx, fy] = free as [number, number];
    tap(1920 + fx, fy);
    // The ripple is drawn on the wall's ripple canvas around the finger (read back from the page;
    // a desktop capture takes longer than a ripple lives on a loaded machine).
    const ripple = () => page.evaluate(`(() => {
      const c = document.querySelector('.interactive-ripples');
      if (!c || !c.width) return 0;
      const d = c.getContext('2d').getImageData(Math.max(0, ${fx} - 300), Math.max(0, ${fy} - 300), 600, 600).data;
      let lit = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 20 && d[i - 3] > d[i - 1] + 60) lit++;
      return lit;
    })()`) as Promise<number>;
    let lit = 0;
    await expect.poll(async () => (lit = await ripple()), { timeout: 10_000, interval: 50 }).toBeGreaterThan(200);
    await page.screenshot({ path: join(SHOTS, 'interactive-ripple.png') });
    note(`interactive ripple at (${fx}, ${fy}) on span-a: ${lit} gold pixels on the ripple canvas around the touch`);
    // A hotspot opens its zone's story card, and the wall says so.
    const hotspot = page.locator('.hotspot').first();
    const box = (await hotspot.boundingBox())!;
    tap(1920 + box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('.story-card').isVisible(), { timeout: 15_000 }).toBe(true);
    const storyId = await page.locator('.story-card').getAttribute('data-story');
    await expect.poll(async () => (await screens())['span-a'], { timeout: 15_000 }).toBe(`wall:story:${storyId}`);
    const title = (await page.locator('.story-card h2, .story-card h1').first().textContent())?.trim();
    expect(title).toBeTruthy();
    await shot('interactive-story');
    note(`interactive hotspot opened: ${storyId} "${title}"`);
    const close = (await page.locator('.story-close').boundingBox())!;
    tap(1920 + close.x + close.width / 2, close.y + close.height / 2);
    await expect.poll(() => page.locator('.story-card').count(), { timeout: 15_000 }).toBe(0);
  });
});
