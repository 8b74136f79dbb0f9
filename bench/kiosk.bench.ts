// The kiosk over a day of visitors: 1,000 scripted visitor cycles (module in and out, self-check
// started and left, the timeline, the map with a route and its QR code, three idle resets) on the real kiosk served by the real host, in headless
// Chromium. Chromium's DOM nodes, event listeners and JS heap after forced garbage collection,
// against a baseline taken after a warm-up; then tap → next painted frame (p95, target < 50 ms).
// REDHALL_KIOSK_CYCLES shortens the run (REDHALL_TAP_ROUNDS the taps);
// REDHALL_KIOSK_ROOT points at another build (a folder holding dist/renderer and content/).
import { findChromium } from '../main/shell/chromium';
import { ROOT } from '../e2e/hall-harness';
import { growth, openKiosk, pageMemory, tapToPaint, visitorCycle, type PageMemory } from '../e2e/kiosk-visitor';
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
    // Tap → visible response, on a fresh page state after the long run (8 taps a round).
    const taps = (await tapToPaint(k.page, Number(process.env.REDHALL_TAP_ROUNDS ?? 25))).sort((a, b) => a - b);
    const p95 = taps[Math.min(taps.length - 1, Math.floor(taps.length * 0.95))] ?? NaN;
    console.log(`  tap → next painted frame over ${taps.length} taps: median ${taps[Math.floor(taps.length / 2)]?.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${taps[taps.length - 1]?.toFixed(1)} ms`);
    const row = (what: string, unit: string, b: number, a: number, scale = 1): BenchResult[] => [
      { name: `kiosk ${what} before, ${cycles} visitors`, value: b / scale, unit },
      { name: `kiosk ${what} after`, value: a / scale, unit },
      { name: `kiosk ${what} growth`, value: growth(b, a), unit: '%', target: '< 5 %' },
    ];
    return [
      ...row('DOM nodes', 'nodes', before.nodes, after.nodes),
      ...row('event listeners', 'listeners', before.listeners, after.listeners),
      ...row('JS heap', 'MB', before.heap, after.heap, 1e6),
      { name: 'kiosk visitor cycle (every screen, 3 idle resets)', value: perCycle, unit: 'ms' },
      { name: `kiosk tap → next painted frame p95 (${taps.length} taps)`, value: p95, unit: 'ms', target: '< 50 ms' },
    ];
  } finally {
    await k.stop();
  }
}
