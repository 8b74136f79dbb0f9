// The kiosk over a day of visitors, with the walls playing: 1,000 scripted visitor cycles
// (modules in and out, self-check started and left, the timeline, the reading bar, the oath, the
// cinema, the map with a route and its QR code, two idle resets, each followed by the attract loop
// and the touch that wakes it) on the real kiosk served by the real host, in headless Chromium,
// while two walls (a second headless browser, WebGL on SwiftShader) take the century show every
// other visitor (its films, pictures and the turning 3D star) and fall back to their own scene.
// Against a baseline after a warm-up, with the walls back on their scene at each reading:
// - kiosk: Chromium's DOM nodes, event listeners and JS heap after forced garbage collection;
// - walls: JS heap, DOM nodes, three.js geometries and textures (scene and show stage);
// - host (in this process): open file handles, resident memory, JS heap after a full collection;
// - every console error of the kiosk and the walls.
// Tap → next painted frame (p95, target < 50 ms) as Chromium's Event Timing API measures it, on
// the freshly started kiosk (the first visitors, who open every zone for the first time) and again
// after the long run (walls closed: in a hall they are other machines).
// REDHALL_KIOSK_CYCLES shortens the run (REDHALL_TAP_ROUNDS the taps after it, REDHALL_SOAK_WALLS
// the walls: 0 for the kiosk alone); REDHALL_KIOSK_ROOT points at another build (a folder holding
// dist/renderer and content/).
import { loadavg } from 'node:os';
import type { CDPSession } from 'playwright-core';
import { findChromium } from '../main/shell/chromium';
import { ROOT } from '../e2e/hall-harness';
import { waitUntil } from '../e2e/wait';
import { backHome, growth, hostMemory, openKiosk, pageMemory, tapToPaint, visitorCycle, wallMemory, type HostMemory, type PageMemory, type TapTiming, type WallMemory } from '../e2e/kiosk-visitor';
import { classGrowth, heapClasses, type HeapClasses } from '../e2e/heap-classes';
import type { BenchResult } from './types';

const WARM_UP = Number(process.env.REDHALL_KIOSK_WARM_UP ?? 10);
/** A reading every so many visitors (the heaps, DOM, three.js, files). */
const EVERY = Number(process.env.REDHALL_KIOSK_EVERY ?? 100);
const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;

export async function run(): Promise<BenchResult[]> {
  const chromium = findChromium();
  if (!chromium) {
    console.log('kiosk bench skipped: needs system Chromium (scripts/system-deps.sh test)');
    return [];
  }
  const cycles = Number(process.env.REDHALL_KIOSK_CYCLES ?? 1000);
  const wallCount = Number(process.env.REDHALL_SOAK_WALLS ?? 2);
  const k = await openKiosk(chromium, process.env.REDHALL_KIOSK_ROOT ?? ROOT, undefined, undefined, wallCount);
  try {
    // A loaded machine can stall a page for many seconds: waits are long, and a visitor cycle
    // that still fails is counted, the kiosk walked back home, and the run goes on.
    k.page.setDefaultTimeout(120_000);
    const cdp = await k.page.context().newCDPSession(k.page);
    // The kiosk was just started: a visitor walks up a few seconds later.
    await k.page.waitForTimeout(3000);
    const fresh = await tapToPaint(k.page, Number(process.env.REDHALL_FRESH_ROUNDS ?? 2));
    showTaps('first visitors after start', fresh);

    const walls = wallCount > 0 ? await k.openWalls() : [];
    const wallCdps: CDPSession[] = await Promise.all(walls.map((w) => w.context().newCDPSession(w)));
    // Every other visitor the walls take the century show, 30 s in (the last film and the 3D star on
    // their way); the next one they are back on their scene.
    const playWalls = (i: number) => {
      if (walls.length === 0) return;
      if (i % 2 === 0) k.hall.shows.start({ showId: 'century', startHost: k.hall.shows.status().hostNow - 30_000 });
      else k.hall.shows.stop();
    };
    // Readings are taken with the walls back on their scene (as at the baseline).
    const settleWalls = async () => {
      k.hall.shows.stop();
      for (const w of walls) await waitUntil('the wall back on its scene', async () => (await w.locator('[data-show-active="true"]').count()) === 0, 60_000, 100);
    };
    let failures = 0;
    const visitor = async (n: number) => {
      playWalls(n);
      try {
        await visitorCycle(k.page, n);
      } catch (e) {
        failures++;
        const screen = await k.page.locator('.kiosk').getAttribute('data-screen').catch(() => '?');
        console.log(`  visitor ${n} did not finish (on ${screen}; ${load()}): ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
        await backHome(k.page);
      }
    };
    type Reading = { kiosk: PageMemory; walls: WallMemory[]; host: HostMemory };
    const read = async (): Promise<Reading> => {
      await settleWalls();
      return { kiosk: await pageMemory(cdp), walls: await Promise.all(walls.map((w, i) => wallMemory(w, wallCdps[i]!))), host: await hostMemory() };
    };
    const mb = (b: number) => (b / 1e6).toFixed(2);
    const show = (r: Reading) =>
      [
        `kiosk nodes ${r.kiosk.nodes}, listeners ${r.kiosk.listeners}, heap ${mb(r.kiosk.heap)} MB`,
        ...r.walls.map((w, i) => `wall-${i + 1} heap ${mb(w.heap)} MB, nodes ${w.nodes}, ${w.geometries} geometries, ${w.textures} textures`),
        `host ${r.host.fds} files, RSS ${mb(r.host.rss)} MB, heap ${mb(r.host.heap)} MB`,
      ].join('; ');

    // What each page's heap holds by kind (V8 heap snapshot): the page's own objects apart from
    // compiled code and the engine's (JIT warm-up) and from DevTools' records (the instrument).
    const classes = async (): Promise<HeapClasses[]> => {
      const out: HeapClasses[] = [];
      for (const c of [cdp, ...wallCdps]) out.push(await heapClasses(c));
      return out;
    };
    const names = ['kiosk', ...walls.map((_, i) => `wall-${i + 1}`)];
    const kb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
    for (let i = 0; i < WARM_UP; i++) await visitor(i);
    const before = await read();
    const classesBefore = await classes();
    console.log(`  after ${WARM_UP} warm-up visitors: ${show(before)}`);
    const t0 = performance.now();
    let after = before;
    let done = 0;
    const deadline = process.env.REDHALL_KIOSK_UNTIL ? Date.parse(process.env.REDHALL_KIOSK_UNTIL) : Infinity;
    for (let i = 1; i <= cycles; i++) {
      await visitor(WARM_UP + i);
      done = i;
      const last = i === cycles || Date.now() > deadline;
      if (i % EVERY === 0 || last) {
        after = await read();
        console.log(`  after ${i} visitors (${((performance.now() - t0) / 60_000).toFixed(1)} min, ${load()}): ${show(after)}`);
      }
      if (last) break;
    }
    const perCycle = (performance.now() - t0) / done;
    const classesAfter = await classes();
    const split: { name: string; growth: number }[] = [];
    for (const [i, name] of names.entries()) {
      const [b, a] = [classesBefore[i]!, classesAfter[i]!];
      split.push({ name, growth: growth(b.page, a.page) });
      console.log(`  ${name} heap snapshot, baseline → after ${done}: all ${kb(b.total)} → ${kb(a.total)}; engine (code, shapes, feedback) ${kb(b.engine)} → ${kb(a.engine)}; DevTools ${kb(b.devtools)} → ${kb(a.devtools)}; page's own objects ${kb(b.page)} → ${kb(a.page)} (${growth(b.page, a.page).toFixed(2)} %); detached DOM ${b.detached} → ${a.detached}`);
      console.log(`    grew most: ${classGrowth(b, a).join(', ')}`);
    }
    await k.closeWalls();
    // Tap → visible response again after the long run (each round taps into all six zones).
    const later = await tapToPaint(k.page, Number(process.env.REDHALL_TAP_ROUNDS ?? 10));
    showTaps(`${done} visitors later`, later);
    const taps = [...fresh, ...later].map((t) => t.paint).sort((a, b) => a - b);
    const p95 = taps[Math.min(taps.length - 1, Math.floor(taps.length * 0.95))] ?? NaN;
    console.log(`  tap → next painted frame, all ${taps.length} taps: median ${taps[Math.floor(taps.length / 2)]}, p95 ${p95} ms (${load()})`);
    const errors = [...new Set(k.errors)];
    console.log(`  console errors: ${k.errors.length}${errors.length ? `: ${errors.slice(0, 8).join(' | ')}` : ''}`);
    const row = (what: string, unit: string, b: number, a: number, scale = 1): BenchResult[] => [
      { name: `${what} at baseline (after ${WARM_UP} warm-up visitors, GC), ${done} visitors`, value: b / scale, unit },
      { name: `${what} after`, value: a / scale, unit },
      { name: `${what} growth`, value: growth(b, a), unit: '%', target: '< 5 %' },
    ];
    const worst = (f: (w: WallMemory) => number) => Math.max(...before.walls.map((w, i) => growth(f(w), f(after.walls[i]!))));
    return [
      ...row('kiosk DOM nodes', 'nodes', before.kiosk.nodes, after.kiosk.nodes),
      ...row('kiosk event listeners', 'listeners', before.kiosk.listeners, after.kiosk.listeners),
      ...row('kiosk JS heap', 'MB', before.kiosk.heap, after.kiosk.heap, 1e6),
      ...split.map((x) => ({ name: `${x.name} JS heap, page's own objects (snapshot, no code/DevTools) growth`, value: x.growth, unit: '%', target: '< 5 %' })),
      ...(walls.length
        ? [
            { name: `walls JS heap growth, worst of ${walls.length}`, value: worst((w) => w.heap), unit: '%', target: '< 5 %' },
            { name: 'walls DOM nodes growth, worst', value: worst((w) => w.nodes), unit: '%', target: '< 5 %' },
            { name: 'walls three.js geometries+textures left over', value: Math.max(...before.walls.map((w, i) => after.walls[i]!.geometries + after.walls[i]!.textures - w.geometries - w.textures)), unit: 'objects', target: 'back to baseline (0)' },
          ]
        : []),
      ...row('host open files', 'files', before.host.fds, after.host.fds),
      ...row('host RSS', 'MB', before.host.rss, after.host.rss, 1e6),
      { name: 'host JS heap growth', value: growth(before.host.heap, after.host.heap), unit: '%', target: '< 5 %' },
      { name: `console errors (kiosk${walls.length ? ' and walls' : ''})`, value: k.errors.length, unit: 'errors', target: '0' },
      { name: 'visitor cycles that did not finish', value: failures, unit: 'cycles', target: '0' },
      { name: `kiosk visitor cycle (all six zones and modules, 2 idle resets${walls.length ? ', walls playing' : ''})`, value: perCycle, unit: 'ms' },
      { name: `kiosk tap → next painted frame p95 (${taps.length} taps)`, value: p95, unit: 'ms', target: '< 50 ms' },
    ];
  } finally {
    await k.stop();
  }
}

/** A set of taps: median, p95, max, and where the slowest ones went (waiting, handlers, to the paint). */
function showTaps(what: string, taps: TapTiming[]): void {
  const sorted = [...taps].sort((a, b) => a.paint - b.paint);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]?.paint;
  console.log(`  tap → next painted frame, ${what} (${taps.length} taps): median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${sorted.at(-1)?.paint} ms (${load()})`);
  for (const t of sorted.slice(-5).reverse()) console.log(`    ${t.paint} ms on ${t.target}: waited ${t.delay.toFixed(0)} ms, handlers ${t.handlers.toFixed(0)} ms, to paint ${(t.paint - t.delay - t.handlers).toFixed(0)} ms`);
}
