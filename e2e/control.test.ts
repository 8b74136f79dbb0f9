import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encode, Message } from 'node-osc';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PjlinkEmulator } from '../main/host/control/pjlink/emulator';
import { startHallOnMonitors, missingForRealWindows, ROOT, type HallUnderTest } from './hall-harness';
import { launchChromium } from './play-pages';
import { readPng } from './pixels';
import { waitUntil } from './wait';
import { desktopShotArgs } from './xorg';

const missing = missingForRealWindows();
if (missing && process.env.CI) throw new Error(`e2e cannot run: ${missing}`);
if (missing) console.warn(`SKIPPED e2e/control.test.ts: ${missing}`);

const SHOTS = join(ROOT, '.data', 'e2e-shots');
const OSC_PORT = 39000 + Math.floor(Math.random() * 1000);

/** The docent remote on a phone and on a tablet (iPad-sized portrait). */
const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
  { name: 'tablet', viewport: { width: 820, height: 1180 }, isMobile: false },
] as const;

describe.skipIf(!!missing)('the docent remote and the control API drive a real hall', () => {
  let h: HallUnderTest;
  let browser: Browser;
  let pin = '';
  const projector = new PjlinkEmulator({ password: 'pj-e2e' });
  const base = () => `http://127.0.0.1:${h.hall.host.port}`;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await projector.start();
    const dir = mkdtempSync(join(tmpdir(), 'redhall-control-'));
    const hallFile = join(dir, 'hall.yaml');
    writeFileSync(hallFile, [
      'surfaces:',
      '  - { id: kiosk, role: kiosk, display: 0 }',
      '  - { id: wall-1, role: wall, display: 1 }',
      'projectors:',
      `  - { id: front, name: 序厅投影, host: 127.0.0.1, port: ${projector.port}, password: pj-e2e }`,
      'control:',
      `  osc: { port: ${OSC_PORT} }`,
      '',
    ].join('\n'));
    h = await startHallOnMonitors({ monitors: 2, hallFile });
    await waitUntil('every surface to connect', async () => (await h.health()).surfaces.every((s) => s.connected), 60_000);
    pin = await h.pin('docent');
    expect(pin).toMatch(/^\d{6}$/);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    await projector.stop();
  });

  const desktop = async (name: string) => {
    const file = join(SHOTS, `${name}.png`);
    await promisify(execFile)('import', desktopShotArgs(h.x.display, file));
    return readPng(file);
  };
  /** Share of near-black pixels on wall-1 (the second monitor). */
  const wallBlack = async (name: string) => (await desktop(name)).stats(1920 + 100, 100, 1720, 880).black;

  async function signIn(page: Page, digits: string) {
    for (const d of digits) await page.getByRole('button', { name: d, exact: true }).tap();
    await page.locator('.docent-key-go').tap();
  }

  for (const size of SIZES) {
    it(`on a ${size.name} (${size.viewport.width}x${size.viewport.height}): refuses a wrong PIN, then starts a show and blacks out a wall`, { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: true, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(`${base()}/docent/`);
      await expect.poll(() => page.locator('main.docent').getAttribute('data-phase')).toBe('signed-out');
      await page.screenshot({ path: join(SHOTS, `docent-${size.name}-pin.png`) });
      await signIn(page, pin === '000000' ? '111111' : '000000');
      await expect.poll(() => page.getByTestId('docent-note').textContent()).toMatch(/PIN/);
      await signIn(page, pin);
      await expect.poll(() => page.locator('main.docent').getAttribute('data-phase'), { timeout: 10_000 }).toBe('state');

      // Start the welcome show from its big button.
      await page.locator('[data-command="show.start:welcome"]').tap();
      await expect.poll(() => h.hall.shows.run?.show.id, { timeout: 10_000 }).toBe('welcome');
      await expect.poll(() => page.getByTestId('docent-note').textContent()).toContain('开始');
      await page.screenshot({ path: join(SHOTS, `docent-${size.name}-show.png`), fullPage: true });

      // Switch to traditional characters: the answers follow.
      await page.getByRole('button', { name: '繁' }).tap();
      await page.locator('[data-command="show.stop"]').tap();
      await expect.poll(() => page.getByTestId('docent-note').textContent()).toContain('演出已停止');
      await expect.poll(() => h.hall.shows.run?.show.id ?? null, { timeout: 10_000 }).toBeNull();
      // Black out the wall: the monitor goes black; bring everything back: it does not.
      await page.locator('[data-command="blackout:wall-1"]').tap();
      await expect.poll(() => wallBlack(`control-${size.name}-blackout`), { timeout: 15_000, interval: 500 }).toBeGreaterThan(0.98);
      await page.locator('[data-command="hall.restore"]').tap();
      await expect.poll(() => wallBlack(`control-${size.name}-restored`), { timeout: 15_000, interval: 500 }).toBeLessThan(0.9);

      await page.getByRole('button', { name: '简' }).tap();
      await page.screenshot({ path: join(SHOTS, `docent-${size.name}.png`), fullPage: true });
      await context.close();
    });
  }

  it('sends a wall to a timeline station from the tablet, and powers the projector', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${base()}/docent/`);
    await signIn(page, pin);
    await expect.poll(() => page.locator('main.docent').getAttribute('data-phase'), { timeout: 10_000 }).toBe('state');
    await page.locator('[data-surface="wall-1"] button[aria-expanded]').tap();
    const station = page.locator('[data-command^="goto:wall-1:station:"]').first();
    const module = page.locator('[data-command^="goto:wall-1:module:"]').first();
    const target = (await station.count()) > 0 ? station : module;
    const id = (await target.getAttribute('data-command'))!.split(':').slice(2).join(':');
    await target.tap();
    await expect.poll(async () => (await h.health()).surfaces.find((s) => s.id === 'wall-1')?.screen, { timeout: 15_000 }).toBe(`wall:${id}`);
    // The focus panel (red ground, gold title) replaces the dark scene on the wall's monitor.
    await expect.poll(async () => (await desktop('control-wall-focus')).stats(1920 + 200, 300, 1520, 480).mean[0], { timeout: 15_000, interval: 500 }).toBeGreaterThan(45);
    await page.screenshot({ path: join(SHOTS, 'docent-tablet-targets.png'), fullPage: true });
    await page.locator('[data-command="home:wall-1"]').tap();
    await expect.poll(async () => (await h.health()).surfaces.find((s) => s.id === 'wall-1')?.screen, { timeout: 15_000 }).toBe('wall:light-and-shadow');

    await page.locator('[data-command="projector.on:front"]').tap();
    await expect.poll(() => projector.power).toBe(1);
    await expect.poll(() => page.locator('.docent-list li[data-fault]').first().textContent()).toContain('已开机');
    await page.locator('[data-command="projector.off:front"]').tap();
    await expect.poll(() => projector.powerLog().map((p) => p.on)).toEqual([true, false]);
    await context.close();
  });

  it('starts a show from an OSC message (the central-control system)', { timeout: 30_000 }, async () => {
    const sock = createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    const replies: string[] = [];
    sock.on('message', (b) => replies.push(b.toString('latin1')));
    sock.send(encode(new Message('/redhall/show/start', 'welcome')), OSC_PORT, '127.0.0.1');
    await expect.poll(() => h.hall.shows.run?.show.id, { timeout: 10_000 }).toBe('welcome');
    await expect.poll(() => replies.some((r) => r.includes('/redhall/reply') && r.includes('ok'))).toBe(true);
    await expect.poll(async () => (await h.health()).surfaces.find((s) => s.id === 'wall-1')?.screen, { timeout: 15_000 }).toMatch(/^show:welcome:/);
    sock.send(encode(new Message('/redhall/show/stop')), OSC_PORT, '127.0.0.1');
    await expect.poll(() => h.hall.shows.run ?? null, { timeout: 10_000 }).toBeNull();
    sock.close();
  });
});
