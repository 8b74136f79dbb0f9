// Offline proof: nothing leaves the machine. The demo hall on the real host, with every kind of
// page the hall serves open in Chromium (the kiosk, a wall, the phone, the DM console, a table
// screen, the admin page) and each page's requests recorded through the DevTools protocol
// (Network.requestWillBeSent and Network.webSocketCreated, attached before the page loads) over a
// whole visitor cycle on the kiosk and a show on the wall. Any request not to the host fails.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHall, type RunningHall } from '../main/hall';
import { findChromium } from '../main/shell/chromium';
import type { Shell } from '../main/shell/types';
import { ROOT } from './hall-harness';
import { visitorCycle } from './kiosk-visitor';

const chromiumPath = findChromium();
const missing = !chromiumPath
  ? 'system Chromium is missing (scripts/system-deps.sh test)'
  : !existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))
    ? 'the renderer is not built (npm run build)'
    : undefined;
if (missing && process.env.CI) throw new Error(`e2e cannot run: ${missing}`);
if (missing) console.warn(`SKIPPED e2e/offline.test.ts: ${missing}`);

/** Two headless displays and no windows: the test opens each surface's page itself. */
const twoDisplays: Shell = {
  name: 'chromium',
  displays: async () => ({
    displays: [
      { index: 0, name: 'HEADLESS-0', x: 0, y: 0, width: 1920, height: 1080, primary: true },
      { index: 1, name: 'HEADLESS-1', x: 1920, y: 0, width: 1920, height: 1080, primary: false },
    ],
    source: 'test',
  }),
  open: async () => {},
  restart: () => {},
  running: () => false,
  close: async () => {},
};

interface Recorded { page: string; url: string }

describe.skipIf(!!missing)('offline: every request of every surface goes to the host', () => {
  let hall: RunningHall;
  let browser: Browser;
  let dataDir: string;
  const requests: Recorded[] = [];
  const pages = new Map<string, Page>();

  /** Opens a page with the recorder attached before it loads. */
  async function open(context: BrowserContext, name: string, url: string): Promise<Page> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    cdp.on('Network.requestWillBeSent', (e: { request: { url: string } }) => requests.push({ page: name, url: e.request.url }));
    cdp.on('Network.webSocketCreated', (e: { url: string }) => requests.push({ page: name, url: e.url }));
    await cdp.send('Network.enable');
    await page.goto(url);
    pages.set(name, page);
    return page;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'redhall-offline-'));
    hall = await startHall({ rootDir: ROOT, dataDir, shell: twoDisplays, log: () => {} });
    browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hall?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('records every surface over a visitor cycle and a show, and finds only the host', async () => {
    const base = `http://127.0.0.1:${hall.host.port}`;
    const pageUrl = (role: string) => {
      const s = hall.surfaces.find((x) => x.role === role);
      if (!s) throw new Error(`the demo hall planned no ${role}`);
      return `${base}/${new URL(hall.url(s)).hash}`;
    };
    // The kiosk on its own context with a fake clock (the visitor's idle resets jump it).
    const kioskContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
    await kioskContext.clock.install();
    const kiosk = await open(kioskContext, 'kiosk', pageUrl('kiosk'));
    await kiosk.locator('.module-tile').first().waitFor({ timeout: 60_000 });

    const others = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const wall = await open(others, 'wall', pageUrl('wall'));
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await open(phoneContext, 'phone', `${base}/phone/`);
    await open(others, 'dm', `${base}/dm/`);
    await open(others, 'table', `${base}/table/`);
    if (existsSync(join(ROOT, 'dist/renderer/admin/index.html'))) await open(others, 'admin', `${base}/admin/`);
    await expect.poll(async () => (await fetch(`${base}/api/health`).then((r) => r.json() as Promise<{ surfaces: { role: string; connected: boolean }[] }>)).surfaces.every((s) => s.connected), { timeout: 60_000 }).toBe(true);

    // A whole visitor cycle: modules in and out, the self-check, idle resets, the language.
    await visitorCycle(kiosk, 0);
    await visitorCycle(kiosk, 1);

    // A show on the wall, played to its end.
    const show = hall.shows.listing()[0];
    expect(show).toBeDefined();
    const run = hall.shows.start({ showId: show!.id, packId: show!.packId });
    expect(run).toBeDefined();
    // The wall reports the cues it presented.
    await expect.poll(() => hall.shows.status().presentations.length, { timeout: 60_000 }).toBeGreaterThan(0);
    await wall.waitForTimeout(3_000);

    const byPage = new Map<string, number>();
    for (const r of requests) byPage.set(r.page, (byPage.get(r.page) ?? 0) + 1);
    console.log(`offline: ${requests.length} requests recorded: ${[...byPage].map(([p, n]) => `${p} ${n}`).join(', ')}`);
    // Every page was recorded, the kiosk's media and the wall's show included.
    for (const name of pages.keys()) expect([name, (byPage.get(name) ?? 0) > 0]).toEqual([name, true]);
    expect(requests.some((r) => r.page === 'kiosk' && r.url.includes('/packs/'))).toBe(true);

    const host = new Set([`127.0.0.1:${hall.host.port}`]);
    const outside = requests.filter((r) => {
      const u = new URL(r.url);
      if (u.protocol === 'data:' || u.protocol === 'blob:') return false;
      return !(['http:', 'ws:'].includes(u.protocol) && host.has(u.host));
    });
    expect(outside).toEqual([]);
  }, 300_000);
});
