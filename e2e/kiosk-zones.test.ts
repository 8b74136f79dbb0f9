// The reading bar, the oath, the cinema and the attract loop in real Chromium, at 1920×1080 and
// 1080×1920: a visitor reaches each zone by taps from the home screen, uses it and walks away,
// and the kiosk goes over to its attract loop; a touch on the loop wakes the kiosk without
// pressing what lies under the finger. The docent's group oath lights the same lines on the
// kiosk and a wall; the docent's film plays on the cinema screen and shows as "now showing".
// The reading bar's QR code, decoded from the pixels, opens the same piece on a phone.
// Every screen is scanned with axe-core (no serious or critical violations) and photographed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { startHall, type RunningHall } from '../main/hall';
import type { Shell } from '../main/shell/types';
import { ROOT } from './hall-harness';
import { notUnder } from './urls';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, '.data', 'e2e-shots');
const missing = !existsSync(CHROMIUM) ? 'system Chromium is missing (scripts/system-deps.sh test)' : !existsSync(join(ROOT, 'dist', 'renderer', 'index.html')) ? 'the renderer is not built (npm run build)' : undefined;
if (missing && process.env.CI) throw new Error(`e2e cannot run: ${missing}`);
if (missing) console.warn(`SKIPPED e2e/kiosk-zones.test.ts: ${missing}`);

const SIZES = [
  { name: 'landscape', width: 1920, height: 1080 },
  { name: 'portrait', width: 1080, height: 1920 },
] as const;

/** Three monitors and no windows: the test opens each surface's page itself, headless. */
const threeDisplays: Shell = {
  name: 'chromium',
  displays: async () => ({
    displays: [0, 1, 2].map((i) => ({ index: i, name: `HEADLESS${i}`, x: i * 1920, y: 0, width: 1920, height: 1080, primary: i === 0 })),
    source: 'test',
  }),
  open: async () => {},
  restart: () => {},
  running: () => false,
  close: async () => {},
};

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it is: the serious and critical violations, by rule and the first element. */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, target: v.nodes[0]?.target.join(' ') ?? '' }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id} at ${v.target}`);
}

describe.skipIf(!!missing)('the reading bar, oath, cinema and attract loop in Chromium', () => {
  let hall: RunningHall;
  let browser: Browser;
  let dataDir: string;
  let hallFile: string;
  const axeFindings: Record<string, string[]> = {};

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'redhall-zones-'));
    hallFile = join(dataDir, 'hall.yaml');
    writeFileSync(
      hallFile,
      ['idleSeconds: 30', 'surfaces:', '  - { id: kiosk, role: kiosk, display: 0, touch: true }', '  - { id: wall-1, role: wall, display: 1 }', '  - { id: cinema, role: cinema, display: 2 }', ''].join('\n'),
    );
    hall = await startHall({ rootDir: ROOT, dataDir, shell: threeDisplays, hallFile, log: () => {} });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--autoplay-policy=no-user-gesture-required'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await hall?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    writeFileSync(join(SHOTS, 'zones-axe.json'), JSON.stringify(axeFindings, null, 2));
  });

  /** A surface's page as its window would open it (the launch URL with a one-time code), on 127.0.0.1. */
  async function openSurface(id: string, size: { width: number; height: number }, clock = false): Promise<Page> {
    const surface = hall.surfaces.find((s) => s.id === id)!;
    // bypassCSP only lets the test inject axe-core; the pages' own policy is what they run under otherwise.
    const context = await browser.newContext({ viewport: size, hasTouch: true, deviceScaleFactor: 1, bypassCSP: true });
    if (clock) await context.clock.install();
    const page = await context.newPage();
    const base = `http://127.0.0.1:${hall.host.port}/`;
    // Nothing may leave the machine.
    await page.route(notUnder(base), (route) => route.abort());
    await page.goto(`${base}${new URL(hall.url(surface)).hash}`);
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `zones-${name}.png`) });
  const check = async (page: Page, name: string) => {
    await page.evaluate(() => document.fonts.ready);
    await shot(page, name);
    const found = await axe(page);
    axeFindings[name] = found;
    expect(found, `axe on ${name}`).toEqual([]);
  };
  const idleMs = 30_000 + 1000;
  // The demo pack's attract.yaml: the loop starts 90 s after the last touch (the hall resets at 30 s).
  const attractMs = 90_000;

  /**
   * Walks away: the countdown and the reset at the hall's idleSeconds; the quiet home screen until
   * the pack's attract idleSeconds have passed since the last touch, then the loop; a touch wakes
   * the kiosk on its home screen.
   */
  async function walkAway(page: Page, size: string, from: string) {
    await page.clock.fastForward(idleMs);
    await expect.poll(() => page.locator('.kiosk').getAttribute('data-screen')).toBe('home');
    await page.locator('.kiosk-home').waitFor();
    expect(await page.locator('[data-testid="attract"]').count(), 'the loop waits for attract.yaml idleSeconds').toBe(0);
    await page.clock.fastForward(attractMs - idleMs + 1000);
    await page.locator('[data-testid="attract"]').waitFor();
    await expect.poll(() => page.locator('.kiosk').getAttribute('data-screen')).toBe('home');
    if (from === 'cinema') await check(page, `${size}-attract`);
    // The touch lands where the reading bar's tile lies under the loop: it must only wake the kiosk.
    const tile = (await page.locator('[data-zone="reading"]').boundingBox())!;
    await page.touchscreen.tap(tile.x + tile.width / 2, tile.y + tile.height / 2);
    await page.locator('[data-testid="attract"]').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.kiosk').getAttribute('data-screen')).toBe('home');
  }

  for (const size of SIZES) {
    it(`${size.name}: reading bar — shelf, paged reader, text size, plan, QR to a phone`, async () => {
      const page = await openSurface('kiosk', size, true);
      await page.locator('[data-zone="reading"]').tap();
      await page.locator('.reading-shelf .reading-card').first().waitFor();
      await check(page, `${size.name}-reading-shelf`);
      await page.locator('.reading-card[data-read="a-boat-and-a-party"]').tap();
      const frame = page.locator('.pager-frame');
      await expect.poll(() => frame.getAttribute('data-page')).toBe('0');
      // Larger text makes more pages; the pages turn by button, swipe and a tap at the edge.
      const pagesBefore = Number(await frame.getAttribute('data-pages'));
      await page.locator('[data-action="font-larger"]').tap();
      await page.locator('[data-action="font-larger"]').tap();
      await expect.poll(() => page.locator('.reader').getAttribute('data-font-step')).toBe('3');
      await expect.poll(async () => Number(await frame.getAttribute('data-pages'))).toBeGreaterThanOrEqual(Math.max(2, pagesBefore));
      await page.locator('[data-action="next-page"]').tap();
      await expect.poll(() => frame.getAttribute('data-page')).toBe('1');
      const box = (await frame.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      await expect.poll(() => frame.getAttribute('data-page')).toBe('0');
      await page.touchscreen.tap(box.x + box.width * 0.9, box.y + box.height / 2);
      await expect.poll(() => frame.getAttribute('data-page')).toBe('1');
      await expect.poll(() => page.getByTestId('reader-page').textContent()).toMatch(/^第 2 \/ \d+ 页$/);
      await check(page, `${size.name}-reader`);

      // The plan opens a book's chapter; the chapter buttons walk the book.
      await page.locator('[data-action="to-shelf"]').tap();
      await page.locator('[data-shelf="plans"]').tap();
      await page.locator('.reading-plan-day').first().waitFor();
      expect(await page.locator('.reading-plan-day').count()).toBe(12);
      await check(page, `${size.name}-reading-plan`);
      await page.locator('.reading-plan-day[data-read="century-primer/founding"]').tap();
      await expect.poll(() => page.locator('.reader').getAttribute('data-read')).toBe('century-primer/founding');
      await page.locator('[data-action="next-chapter"]').tap();
      await expect.poll(() => page.locator('.reader').getAttribute('data-read')).toBe('century-primer/standing-up');

      // English, then the QR code: decoded from the screen's pixels, it opens this chapter on a phone.
      await page.locator('.locale-bar .locale').last().tap();
      await expect.poll(() => page.locator('.reader h2').textContent()).toContain('Standing Up');
      await page.locator('[data-action="phone"]').tap();
      const qr = page.locator('[data-testid="reader-qr"] svg');
      await qr.waitFor();
      await check(page, `${size.name}-reader-qr`);
      const png = PNG.sync.read(await qr.screenshot());
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(decoded, 'the QR code on screen decodes').not.toBeNull();
      const url = decoded!.data;
      expect(url).toBe(`http://127.0.0.1:${hall.host.port}/phone/#/read?item=century-primer%2Fstanding-up&lang=en`);
      await page.locator('[data-action="close-qr"]').tap();

      const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
      const phone = await phoneContext.newPage();
      await phone.goto(url);
      await phone.getByTestId('phone-reader').waitFor();
      expect(await phone.locator('h1').textContent()).toContain('Standing Up');
      await phone.locator('.locale-switch button[data-locale="zh-Hans"]').tap();
      await expect.poll(() => phone.locator('h1').textContent()).toContain('站起来');
      await check(phone, `${size.name}-phone-reader`);
      await phone.locator('[data-action="next-chapter"]').tap();
      await expect.poll(() => phone.getByTestId('phone-reader').getAttribute('data-read')).toBe('century-primer/growing-prosperous');
      await phoneContext.close();

      await walkAway(page, size.name, 'reading');
      await page.context().close();
    });

    it(`${size.name}: oath — lines lit in time; the docent's group oath on the kiosk and a wall`, async () => {
      const page = await openSurface('kiosk', size, true);
      await page.locator('[data-zone="oath"]').tap();
      await page.locator('.oath-zone').waitFor();
      expect(await page.locator('.oath-line').count()).toBe(12);
      await check(page, `${size.name}-oath`);
      await page.locator('[data-action="oath-start"]').tap();
      await expect.poll(() => page.locator('.oath-zone').getAttribute('data-line')).toBe('0');
      await expect.poll(() => page.locator('.oath-line.now').textContent(), { timeout: 10_000 }).toBe('拥护党的纲领，');
      await shot(page, `${size.name}-oath-reading`);
      await page.locator('[data-action="oath-stop"]').tap();
      await expect.poll(() => page.locator('.oath-zone').getAttribute('data-phase')).toBe('ready');

      // The docent's word: the group oath over the kiosk and the wall, on the same run.
      const wall = await openSurface('wall-1', size);
      await wall.locator('.surface[data-status="connected"]').waitFor();
      const started = hall.oath.start({ surfaces: ['kiosk', 'wall-1'] });
      expect('runId' in started).toBe(true);
      const runId = 'runId' in started ? started.runId : '';
      for (const p of [page, wall]) {
        await expect.poll(() => p.getByTestId('group-oath').getAttribute('data-run')).toBe(runId);
        await expect.poll(async () => Number(await p.getByTestId('group-oath').getAttribute('data-line')), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      }
      await shot(wall, `${size.name}-group-oath-wall`);
      await check(page, `${size.name}-group-oath-kiosk`);
      hall.oath.stop();
      for (const p of [page, wall]) await p.getByTestId('group-oath').waitFor({ state: 'detached' });
      await wall.context().close();

      await walkAway(page, size.name, 'oath');
      await page.context().close();
    });

    it(`${size.name}: cinema — today's screenings, the docent's film on the cinema screen and as "now showing"`, async () => {
      const page = await openSurface('kiosk', size, true);
      await page.locator('[data-zone="cinema"]').tap();
      await page.locator('.cinema-slot').first().waitFor();
      expect(await page.locator('.cinema-slot').evaluateAll((els) => els.map((e) => e.getAttribute('data-at')))).toEqual(['09:30', '12:00', '14:00', '16:30']);
      const screen = await openSurface('cinema', { width: 1920, height: 1080 });
      // The day's schedule may already have a programme on (the lunchtime loop runs 12:00–14:00): the docent's film replaces it.
      await screen.locator('.surface[data-status="connected"]').waitFor();
      const run = hall.cinema.start({ film: 'march' });
      expect('runId' in run).toBe(true);
      await expect.poll(() => page.getByTestId('cinema-now').getAttribute('data-film')).toBe('march');
      await screen.getByTestId('cinema-screen').waitFor();
      expect(await screen.getByTestId('cinema-screen').getAttribute('data-film')).toBe('march');
      // The film plays (its frames advance), on the host's clock.
      await expect.poll(() => screen.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.5);
      await check(page, `${size.name}-cinema`);
      if (size.name === 'landscape') await shot(screen, 'cinema-screen');
      hall.cinema.stop();
      await screen.getByTestId('cinema-board').waitFor();
      await expect.poll(() => page.getByTestId('cinema-now').getAttribute('data-film')).toBe('');
      if (size.name === 'landscape') await check(screen, 'cinema-board');
      await screen.context().close();

      await walkAway(page, size.name, 'cinema');
      await page.context().close();
    });
  }
});
