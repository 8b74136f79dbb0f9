// The kiosk over a day of visitors: 1,000 scripted visitor cycles (modules in and out, self-check
// started and left, the timeline, the reading bar, the oath, the cinema, the map with a route and
// its QR code, two idle resets, each followed by the attract loop and the touch that wakes it)
// on the real kiosk served by the real host, in headless Chromium. Chromium's DOM nodes, event listeners and JS heap after forced garbage collection,
// against a baseline taken after a warm-up. Tap → next painted frame (p95, target < 50 ms) as
// Chromium's Event Timing API measures it, on the freshly started kiosk (the first visitors, who
// open every zone for the first time) and again after the long run.
// REDHALL_KIOSK_CYCLES shortens the run (REDHALL_TAP_ROUNDS the taps after it);
// REDHALL_KIOSK_ROOT points at another build (a folder holding dist/renderer and content/).
import { loadavg } from 'node:os';
import { findChromium } from '../main/shell/chromium';
import { ROOT } from '../e2e/hall-harness';
import { growth, openKiosk, pageMemory, tapToPaint, visitorCycle, type PageMemory, type TapTiming } from '../e2e/kiosk-visitor';
import type { BenchResult } from './types';

const WARM_UP = 10;

export async function run(): Promise<BenchResult[]> {
  const chromium = findChromium();
  if (!chromium) {
    console.log('kiosk bench skipped: needs system Chromium (scripts/system-deps.sh test)');
    return [];
  }
  const cycles = Number(process.env.REDHALL_KIOSK_CYCLES ?? 1000);
  const k = await openKiosk(chromium, process.env.REDHALL_KIOSK_ROOT ?? ROOT);
  try {
    const cdp = await k.page.context().newCDPSession(k.page);
    // The kiosk was just started: a visitor walks up a few seconds later.
    await k.page.waitForTimeout(3000);
    const fresh = await tapToPaint(k.page, 2);
    showTaps('first 2 visitors after start', fresh);
    for (let i = 0; i < WARM_UP; i++) await visitorCycle(k.page, i);
    const before = await pageMemory(cdp);
    const show = (m: PageMemory) => `nodes ${m.nodes}, listeners ${m.listeners}, documents ${m.documents}, heap ${(m.heap / 1e6).toFixed(2)} MB`;
    console.log(`  after ${WARM_UP} warm-up visitors: ${show(before)}`);
    const t0 = performance.now();
    let after = before;
    for (let i = 1; i <= cycles; i++) {
      await visitorCycle(k.page, WARM_UP + i);
      if (i % 100 === 0 || i === cycles) {
        after = await pageMemory(cdp);
        console.log(`  after ${i} visitors: ${show(after)}`);
      }
    }
    const perCycle = (performance.now() - t0) / cycles;
    // Tap → visible response again after the long run (each round taps into all six zones).
    const later = await tapToPaint(k.page, Number(process.env.REDHALL_TAP_ROUNDS ?? 10));
    showTaps(`${cycles} visitors later`, later);
    const taps = [...fresh, ...later].map((t) => t.paint).sort((a, b) => a - b);
    const p95 = taps[Math.min(taps.length - 1, Math.floor(taps.length * 0.95))] ?? NaN;
    console.log(`  tap → next painted frame, all ${taps.length} taps: median ${taps[Math.floor(taps.length / 2)]}, p95 ${p95} ms (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    const row = (what: string, unit: string, b: number, a: number, scale = 1): BenchResult[] => [
      { name: `kiosk ${what} before, ${cycles} visitors`, value: b / scale, unit },
      { name: `kiosk ${what} after`, value: a / scale, unit },
      { name: `kiosk ${what} growth`, value: growth(b, a), unit: '%', target: '< 5 %' },
    ];
    return [
      ...row('DOM nodes', 'nodes', before.nodes, after.nodes),
      ...row('event listeners', 'listeners', before.listeners, after.listeners),
      ...row('JS heap', 'MB', before.heap, after.heap, 1e6),
      { name: 'kiosk visitor cycle (all six zones and modules, 2 idle resets)', value: perCycle, unit: 'ms' },
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
  console.log(`  tap → next painted frame, ${what} (${taps.length} taps): median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${sorted.at(-1)?.paint} ms`);
  for (const t of sorted.slice(-5).reverse()) console.log(`    ${t.paint} ms on ${t.target}: waited ${t.delay.toFixed(0)} ms, handlers ${t.handlers.toFixed(0)} ms, to paint ${(t.paint - t.delay - t.handlers).toFixed(0)} ms`);
}
