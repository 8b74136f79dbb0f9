// A scripted visitor on the real kiosk served by the real host, in headless Chromium, and the
// page's memory as Chromium counts it. Used by the kiosk soak test and the kiosk bench.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { startHall, type RunningHall } from '../main/hall';
import type { Shell } from '../main/shell/types';
import { ROOT } from './hall-harness';

/** A shell that opens no windows (the test opens the pages itself, headless) on `count` displays. */
const noWindows = (count: number): Shell => ({
  name: 'chromium',
  displays: async () => ({ displays: Array.from({ length: count }, (_, i) => ({ index: i, name: `HEADLESS-${i}`, x: i * 1920, y: 0, width: 1920, height: 1080, primary: i === 0 })), source: 'test' }),
  open: async () => {},
  // The pages are the test's, not windows of this shell: the watchdog leaves them alone.
  restart: () => {},
  running: () => false,
  close: async () => {},
});

export interface KioskUnderTest {
  page: Page;
  hall: RunningHall;
  /** The walls' pages once opened (hall.yaml plans `walls` of them), each its own browser context, WebGL on SwiftShader. */
  walls: Page[];
  /** Opens a page per wall (in a second headless browser) and waits for its scene. */
  openWalls(): Promise<Page[]>;
  closeWalls(): Promise<void>;
  /** Every console error and page error of the kiosk and the walls, as `surface: text`. */
  errors: string[];
  stop(): Promise<void>;
}

/** Chromium's own flags for WebGL on SwiftShader (TESTING.md), for the walls' 3D. */
const WEBGL_ARGS = ['--use-gl=angle', '--use-angle=swiftshader-webgl', '--enable-unsafe-swiftshader'];

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
  walls = 0,
): Promise<KioskUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redhall-kiosk-'));
  let browser: Browser | undefined;
  let hall: RunningHall | undefined;
  const errors: string[] = [];
  try {
    if (walls > 0 && !hallFile) {
      // The kiosk and walls named as the demo's shows target them (wall-1 plays films, wall-2 pictures and the 3D star).
      hallFile = join(dataDir, 'hall.yaml');
      const lines = ['surfaces:', '  - { id: kiosk, role: kiosk, display: 0 }', ...Array.from({ length: walls }, (_, i) => `  - { id: wall-${i + 1}, role: wall, display: ${i + 1} }`)];
      writeFileSync(hallFile, `${lines.join('\n')}\n`);
    }
    hall = await startHall({ rootDir, dataDir, hallFile, shell: noWindows(1 + walls), log: () => {} });
    const args = ['--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];
    browser = await chromium.launch({ executablePath: chromiumPath, args });
    const context = await browser.newContext({ viewport, hasTouch: true });
    // The idle reset is driven by jumping the page's clock, not by waiting 90 s a visit.
    await context.clock.install();
    // Films and sounds never finish loading here: a visitor who taps back before a long film has
    // loaded is the case where a kiosk used to keep each module page it showed (a loading media
    // element stays alive, and with it the page around it). The kiosk must let go regardless.
    await context.route(/\.(mp4|webm|ogv|ogg|oga|mp3|m4a|wav)(\?|$)/, () => {});
    const page = await context.newPage();
    const watch = (p: Page, name: string) => {
      p.on('console', (m) => { if (m.type() === 'error') errors.push(`${name}: ${m.text()}`); });
      p.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
    };
    watch(page, 'kiosk');
    const running = hall;
    const kiosk = running.surfaces.find((s) => s.role === 'kiosk');
    if (!kiosk) throw new Error('the demo hall planned no kiosk');
    const at = (s: (typeof running.surfaces)[number]) => `http://127.0.0.1:${running.host.port}/${new URL(running.url(s)).hash}`;
    await page.goto(at(kiosk));
    await page.locator('.module-tile').first().waitFor({ timeout: 30_000 });
    let wallBrowser: Browser | undefined;
    const wallPages: Page[] = [];
    const [b, h] = [browser, hall];
    const closeWalls = async () => {
      await wallBrowser?.close();
      wallBrowser = undefined;
      wallPages.length = 0;
    };
    return {
      page,
      hall,
      walls: wallPages,
      errors,
      async openWalls() {
        // A wall is its own machine's browser in a hall: here one headless browser with WebGL, a
        // small window each (the three.js objects a wall holds do not depend on its size).
        wallBrowser ??= await chromium.launch({ executablePath: chromiumPath, args: [...args, ...WEBGL_ARGS, '--autoplay-policy=no-user-gesture-required'] });
        for (const s of h.surfaces.filter((x) => x.role === 'wall')) {
          const wall = await (await wallBrowser.newContext({ viewport: { width: 640, height: 360 } })).newPage();
          watch(wall, s.id);
          await wall.goto(at(s));
          await wall.locator('[data-testid="wall"], [data-testid="scene-fallback"]').first().waitFor({ timeout: 30_000 });
          wallPages.push(wall);
        }
        return [...wallPages];
      },
      closeWalls,
      async stop() {
        await closeWalls();
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

/** After the idle reset the attract loop plays over the home screen: a touch wakes the kiosk. */
async function wake(page: Page): Promise<void> {
  const loop = page.locator('[data-testid="attract"]');
  await loop.waitFor();
  await loop.tap();
  await loop.waitFor({ state: 'detached' });
}

/**
 * One visitor through every screen: opens a module and taps back; starts the self-check, answers
 * the first question and leaves; uses the timeline (a decade, a station, a theme); opens a piece
 * at the reading bar, makes its text larger, shows its QR code; starts and stops the oath; looks
 * at the cinema; opens another module, switches the language and walks away until the idle
 * reset; picks a map route, a stop, its QR code, zooms, turns large text on and walks away.
 * After each walk-away the attract loop plays until a touch wakes the kiosk. `n` picks the
 * modules, decades, pieces and routes, so cycles go round them all.
 */
export async function visitorCycle(page: Page, n: number): Promise<void> {
  await page.locator('.kiosk[data-screen="home"] .kiosk-home').waitFor();
  const tiles = page.locator('.module-tile');
  const count = await tiles.count();
  const idleMs = (await page.evaluate(() => (window as unknown as { redhall: { connection: { state: { idleSeconds: number } } } }).redhall.connection.state.idleSeconds)) * 1000;

  await tiles.nth(n % count).tap();
  await page.locator('.module-page .item-list').waitFor();
  await page.locator('.back-button').tap();
  await home(page);

  await page.locator('[data-action="open-quiz"]').tap();
  await page.locator('[data-action="start"]').tap();
  await page.locator('.quiz-option').first().tap();
  await page.locator('.quiz-question [data-action="exit"]').tap();
  await home(page);

  // The timeline: a decade, a station, a theme, then home.
  await page.locator('[data-zone="timeline"]').tap();
  await page.locator('[data-station-card]').waitFor();
  const decades = page.locator('.tl-decade:not([disabled])');
  await decades.nth(n % (await decades.count())).tap();
  await page.locator('.tl-station').first().tap();
  await page.locator('[data-theme]').nth(n % 3).tap();
  await page.locator('[data-action="home"]').tap();
  await home(page);

  // The reading bar: a piece, larger text, its QR code for the phone, back to the shelf, home.
  await page.locator('[data-zone="reading"]').tap();
  const pieces = page.locator('.reading-card');
  await pieces.first().waitFor();
  await pieces.nth(n % (await pieces.count())).tap();
  await page.locator('[data-action="font-larger"]').tap();
  await page.locator('[data-action="phone"]').tap();
  await page.locator('[data-testid="reader-qr"] svg').waitFor();
  await page.locator('[data-action="close-qr"]').tap();
  await page.locator('[data-action="to-shelf"]').tap();
  await page.locator('[data-action="home"]').tap();
  await home(page);

  // The oath: begin, stop; the cinema: a look at the programme.
  await page.locator('[data-zone="oath"]').tap();
  await page.locator('[data-action="oath-start"]').tap();
  await page.locator('[data-action="oath-stop"]').tap();
  await page.locator('[data-action="home"]').tap();
  await home(page);
  await page.locator('[data-zone="cinema"]').tap();
  await page.locator('.cinema-zone').waitFor();
  await page.locator('[data-action="home"]').tap();
  await home(page);

  // Another module, in English, then walks away: the reset brings back zh-Hans.
  await tiles.nth((n + 1) % count).tap();
  await page.locator('.module-page .item-list').waitFor();
  await page.locator('.locale-bar .locale').last().tap();
  await page.locator('.kiosk[lang="en"]').waitFor();
  await page.clock.fastForward(idleMs + 1000);
  await page.locator('.kiosk[lang="zh-Hans"] .kiosk-home').waitFor();
  await wake(page);

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
  await wake(page);
}

/**
 * After a visitor cycle that failed part-way (a long run on a loaded machine can miss a wait):
 * walk away until the idle reset, wake the attract loop if it plays, and be on the home screen.
 */
export async function backHome(page: Page): Promise<void> {
  const idleMs = (await page.evaluate(() => (window as unknown as { redhall: { connection: { state: { idleSeconds: number } } } }).redhall.connection.state.idleSeconds)) * 1000;
  await page.clock.fastForward(idleMs + 1000);
  const loop = page.locator('[data-testid="attract"]');
  if (await loop.count()) await wake(page);
  await page.locator('.kiosk[data-screen="home"] .kiosk-home').waitFor();
}

/** One tap as the browser timed it (Event Timing API), milliseconds. */
export interface TapTiming {
  /** What was tapped (a short selector-like name). */
  target: string;
  /** Input event time to the next frame painted after its handlers ran (the browser's own figure, 8 ms steps). */
  paint: number;
  /** Event time to the first handler (the main thread was busy). */
  delay: number;
  /** Time in the handlers (React's render and commit of a discrete update run here). */
  handlers: number;
}

/**
 * Tap → visible response on the kiosk, as Chromium itself measures it (the Event Timing API,
 * what INP is built from): for each tap, the longest of its pointerdown/pointerup/click entries,
 * from the input event's hardware time to the next frame presented after its handlers ran. A tap
 * whose every event took under 16 ms gets no entry (the API's lowest threshold) and counts as 16.
 * Each round taps into all six zones from home and inside them: timeline decades and stations,
 * map routes and stops, the reading shelf, a piece and its text size, the oath, the cinema, the self-check.
 */
export async function tapToPaint(page: Page, rounds: number): Promise<TapTiming[]> {
  // A string, not a function: the bench's TypeScript loader would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const entries = new Map();
    window.redhallTapEntries = entries;
    const name = (el) => {
      if (!(el instanceof Element)) return '?';
      const hit = el.closest('[data-zone],[data-action],[data-decade],[data-read],[data-shelf],[data-theme],.tl-station,.map-route-chip,.map-stop,.module-tile,.quiz-option') ?? el;
      const attr = ['data-zone', 'data-action', 'data-shelf'].map((a) => hit.getAttribute(a)).find(Boolean);
      return attr ?? (hit.className ? String(hit.className).split(' ')[0] : hit.tagName.toLowerCase());
    };
    // A tapped button is often gone by the time its entry arrives: name it from its pointerdown.
    const downs = [];
    const down = (e) => {
      downs.push([e.timeStamp, name(e.target)]);
      if (downs.length > 40) downs.shift();
    };
    window.addEventListener('pointerdown', down, { capture: true });
    const tapped = (t) => downs.filter((d) => d[0] <= t + 1).at(-1)?.[1] ?? '?';
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.interactionId) continue;
        const had = entries.get(e.interactionId);
        const mine = { target: had?.target ?? tapped(e.startTime), paint: e.duration, delay: e.processingStart - e.startTime, handlers: e.processingEnd - e.processingStart };
        if (!had || mine.paint > had.paint) entries.set(e.interactionId, mine);
      }
    });
    observer.observe({ type: 'event', durationThreshold: 16 });
    // Taken off when the taps are read, so the page carries nothing of the measurement into later visitors.
    window.redhallTapsDone = () => {
      observer.disconnect();
      window.removeEventListener('pointerdown', down, { capture: true });
      const found = [...entries.values()];
      delete window.redhallTapEntries;
      delete window.redhallTapsDone;
      return found;
    };
  })()`);
  let taps = 0;
  const tap = async (selector: string, nth = 0) => {
    await page.locator(selector).nth(nth).tap();
    taps++;
  };
  for (let i = 0; i < rounds; i++) {
    await tap('[data-zone="timeline"]');
    await page.locator('[data-station-card]').waitFor();
    await tap('.tl-decade:not([disabled])', i % 8);
    await tap('.tl-station', i % 2);
    await tap('[data-action="home"]');
    await tap('[data-zone="map"]');
    await tap('.map-route-chip', i % 2);
    await tap('.map-stop', i % 4);
    await tap('[data-action="home"]');
    await tap('[data-zone="reading"]');
    await tap('.reading-card', i % 3);
    await page.locator('[data-action="font-larger"]').waitFor();
    await tap('[data-action="font-larger"]');
    await tap('[data-action="home"]');
    await tap('[data-zone="oath"]');
    await tap('[data-action="oath-start"]');
    await tap('[data-action="oath-stop"]');
    await tap('[data-action="home"]');
    await tap('[data-zone="cinema"]');
    await page.locator('.cinema-zone').waitFor();
    await tap('[data-action="home"]');
    await tap('[data-action="open-quiz"]');
    await page.locator('[data-action="start"]').waitFor();
    await tap('[data-action="start"]');
    await tap('.quiz-option');
    await tap('.quiz-question [data-action="exit"]');
    await home(page);
  }
  // Entries arrive after the frame they waited for.
  await page.waitForTimeout(300);
  const slow = await page.evaluate(() => (window as unknown as { redhallTapsDone: () => TapTiming[] }).redhallTapsDone());
  const fast = Math.max(0, taps - slow.length);
  return [...slow, ...Array.from({ length: fast }, () => ({ target: '(under 16 ms)', paint: 16, delay: 0, handlers: 0 }))];
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

/** A wall's memory: JS heap and DOM after forced garbage collection, and three.js's live objects (the scene's and the show's 3D stage). */
export interface WallMemory {
  heap: number;
  nodes: number;
  listeners: number;
  geometries: number;
  textures: number;
}

export async function wallMemory(page: Page, cdp: CDPSession): Promise<WallMemory> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  // A string: the bench's TypeScript loader would wrap an inner function in a helper the page lacks.
  const three = (await page.evaluate(`(() => {
    const show = window.redhallShow ? window.redhallShow.memory() : { geometries: 0, textures: 0 };
    const scene = window.redhallWallThree ? window.redhallWallThree() : { geometries: 0, textures: 0 };
    return { geometries: show.geometries + scene.geometries, textures: show.textures + scene.textures };
  })()`)) as { geometries: number; textures: number };
  return { heap: usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners, ...three };
}

/** The host's side (it runs in this process): open file handles, resident memory, JS heap after a full collection. */
export interface HostMemory {
  fds: number;
  rss: number;
  heap: number;
}

let gc: (() => void) | undefined;
export async function hostMemory(): Promise<HostMemory> {
  if (!gc) {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
  const fds = (() => {
    try {
      return readdirSync('/proc/self/fd').length;
    } catch {
      return 0;
    }
  })();
  const m = process.memoryUsage();
  return { fds, rss: m.rss, heap: m.heapUsed };
}
