// A scripted visitor on the real kiosk served by the real host, in headless Chromium, and the
// page's memory as Chromium counts it. Used by the kiosk soak test and the kiosk bench.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { startHall, type RunningHall } from '../main/hall';
import type { Shell } from '../main/shell/types';
import { ROOT } from './hall-harness';

/** A shell that opens no windows: the test opens the kiosk page itself, headless. */
const noWindows: Shell = {
  name: 'chromium',
  displays: async () => ({ displays: [{ index: 0, name: 'HEADLESS', x: 0, y: 0, width: 1920, height: 1080, primary: true }], source: 'test' }),
  open: async () => {},
  // The page is the test's, not a window of this shell: the watchdog leaves it alone.
  restart: () => {},
  running: () => false,
  close: async () => {},
};

export interface KioskUnderTest {
  page: Page;
  hall: RunningHall;
  stop(): Promise<void>;
}

/**
 * The demo hall on a fresh data folder, and its kiosk page in headless Chromium with a fake clock.
 * `rootDir` holds dist/renderer and content/ (a long run can use a frozen copy of the build);
 * `viewport` is the kiosk's screen (1920×1080 landscape, 1080×1920 portrait); `hallFile` a hall.yaml.
 */
export async function openKiosk(
  chromiumPath: string,
  rootDir = ROOT,
  viewport: { width: number; height: number } = { width: 1920, height: 1080 },
  hallFile?: string,
): Promise<KioskUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redhall-kiosk-'));
  let browser: Browser | undefined;
  let hall: RunningHall | undefined;
  try {
    hall = await startHall({ rootDir, dataDir, hallFile, shell: noWindows, log: () => {} });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    });
    const context = await browser.newContext({ viewport, hasTouch: true });
    // The idle reset is driven by jumping the page's clock, not by waiting 90 s a visit.
    await context.clock.install();
    // Films and sounds never finish loading here: a visitor who taps back before a long film has
    // loaded is the case where a kiosk used to keep each module page it showed (a loading media
    // element stays alive, and with it the page around it). The kiosk must let go regardless.
    await context.route(/\.(mp4|webm|ogv|ogg|oga|mp3|m4a|wav)(\?|$)/, () => {});
    const page = await context.newPage();
    const kiosk = hall.surfaces.find((s) => s.role === 'kiosk');
    if (!kiosk) throw new Error('the demo hall planned no kiosk');
    const url = new URL(hall.url(kiosk));
    await page.goto(`http://127.0.0.1:${hall.host.port}/${url.hash}`);
    await page.locator('.module-tile').first().waitFor({ timeout: 30_000 });
    const [b, h] = [browser, hall];
    return {
      page,
      hall,
      async stop() {
        await b.close();
        await h.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    await hall?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

const home = (page: Page) => page.locator('.kiosk-home').waitFor();

/**
 * One visitor: opens a module and taps back; starts the self-check, answers the first question
 * and leaves; opens another module and walks away until the idle reset; switches the language
 * on the home screen and walks away again; uses the timeline and goes home; picks a map route,
 * a stop, its QR code, zooms, turns large text on and walks away. `n` picks the modules, decades
 * and routes, so cycles go round them all.
 */
export async function visitorCycle(page: Page, n: number): Promise<void> {
  const tiles = page.locator('.module-tile');
  const count = await tiles.count();
  const idleMs = (await page.evaluate(() => (window as unknown as { redhall: { connection: { state: { idleSeconds: number } } } }).redhall.connection.state.idleSeconds)) * 1000;

  await tiles.nth(n % count).tap();
  await page.locator('.module-page').waitFor();
  await page.locator('.back-button').tap();
  await home(page);

  await page.locator('[data-action="open-quiz"]').tap();
  await page.locator('[data-action="start"]').tap();
  await page.locator('.quiz-option').first().tap();
  await page.locator('.quiz-question [data-action="exit"]').tap();
  await home(page);

  await tiles.nth((n + 1) % count).tap();
  await page.locator('.module-page').waitFor();
  await page.clock.fastForward(idleMs + 1000);
  await home(page);

  await page.locator('.locale-bar .locale').last().tap();
  await page.locator('.kiosk[lang="en"]').waitFor();
  await page.clock.fastForward(idleMs + 1000);
  await page.locator('.kiosk[lang="zh-Hans"] .kiosk-home').waitFor();

  // The timeline: a decade, a station, a theme, then home.
  await page.locator('[data-zone="timeline"]').tap();
  await page.locator('[data-station-card]').waitFor();
  const decades = page.locator('.tl-decade:not([disabled])');
  await decades.nth(n % (await decades.count())).tap();
  await page.locator('.tl-station').first().tap();
  await page.locator('[data-theme]').nth(n % 3).tap();
  await page.locator('[data-action="home"]').tap();
  await home(page);

  // The map: a route, a stop's story, its QR code, zoom; then walk away with large text on.
  await page.locator('[data-zone="map"]').tap();
  const routes = page.locator('.map-route-chip');
  await routes.first().waitFor();
  await routes.nth(n % (await routes.count())).tap();
  await page.locator('.map-stop').nth(1).tap();
  await page.locator('[data-action="route-qr"]').tap();
  await page.locator('[data-action="close-qr"]').tap();
  await page.locator('[data-action="zoom-in"]').tap();
  await page.locator('[data-access="large-text"]').tap();
  await page.clock.fastForward(idleMs + 1000);
  await page.locator('.kiosk[data-text="normal"] .kiosk-home').waitFor();
}

/**
 * Tap → visible response on the kiosk: for each tap, the time from the input event's own
 * timestamp to the next frame the page paints (the frame after the tap's handlers ran: a
 * requestAnimationFrame, then the task right after that frame). Taps on home tiles, the timeline's
 * decades and stations, and the map's routes and stops. Milliseconds, one per tap.
 */
export async function tapToPaint(page: Page, taps: number): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { redhallTaps: number[] };
    w.redhallTaps = [];
    window.addEventListener(
      'pointerup',
      (e) => {
        const at = e.timeStamp;
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => w.redhallTaps.push(performance.now() - at);
          ch.port2.postMessage(0);
        });
      },
      { capture: true },
    );
  });
  for (let i = 0; i < taps; i++) {
    await page.locator('[data-zone="timeline"]').tap();
    await page.locator('[data-station-card]').waitFor();
    await page.locator('.tl-decade:not([disabled])').nth(i % 8).tap();
    await page.locator('.tl-station').nth(i % 2).tap();
    await page.locator('[data-action="home"]').tap();
    await page.locator('[data-zone="map"]').tap();
    await page.locator('.map-route-chip').nth(i % 2).tap();
    await page.locator('.map-stop').nth(i % 4).tap();
    await page.locator('[data-action="home"]').tap();
    await home(page);
  }
  await page.waitForTimeout(100);
  return page.evaluate(() => (window as unknown as { redhallTaps: number[] }).redhallTaps);
}

export interface PageMemory {
  nodes: number;
  listeners: number;
  documents: number;
  /** Bytes of JavaScript heap in use. */
  heap: number;
}

/**
 * Chromium's own counters after forced garbage collection. One collection is not enough: Blink
 * sweeps DOM nodes lazily, so a node freed by the first one can still be counted; collect until
 * two readings agree (at most five times).
 */
export async function pageMemory(cdp: CDPSession): Promise<PageMemory> {
  await cdp.send('Performance.enable');
  const read = async (): Promise<PageMemory> => {
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((r) => setTimeout(r, 150));
    const dom = await cdp.send('Memory.getDOMCounters');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    return { nodes: dom.nodes, listeners: dom.jsEventListeners, documents: dom.documents, heap };
  };
  let last = await read();
  for (let i = 0; i < 4; i++) {
    const next = await read();
    if (next.nodes === last.nodes && next.listeners === last.listeners) return next;
    last = next;
  }
  return last;
}

/** Growth from a baseline, in percent. */
export function growth(before: number, after: number): number {
  return ((after - before) / before) * 100;
}
