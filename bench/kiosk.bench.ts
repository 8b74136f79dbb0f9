// The kiosk over a day of visitors: 1,000 scripted visitor cycles (module in and out, self-check
// started and left, two idle resets) on the real kiosk served by the real host, in headless
// Chromium. Chromium's DOM nodes, event listeners and JS heap after forced garbage collection,
// against a baseline taken after a warm-up. REDHALL_KIOSK_CYCLES shortens the run;
// REDHALL_KIOSK_ROOT points at another build (a folder holding dist/renderer and content/).
import { findChromium } from '../main/shell/chromium';
import { ROOT } from '../e2e/hall-harness';
import { growth, openKiosk, pageMemory, visitorCycle, type PageMemory } from '../e2e/kiosk-visitor';
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
    const row = (what: string, unit: string, b: number, a: number, scale = 1): BenchResult[] => [
      { name: `kiosk ${what} before, ${cycles} visitors`, value: b / scale, unit },
      { name: `kiosk ${what} after`, value: a / scale, unit },
      { name: `kiosk ${what} growth`, value: growth(b, a), unit: '%', target: '< 5 %' },
    ];
    return [
      ...row('DOM nodes', 'nodes', before.nodes, after.nodes),
      ...row('event listeners', 'listeners', before.listeners, after.listeners),
      ...row('JS heap', 'MB', before.heap, after.heap, 1e6),
      { name: 'kiosk visitor cycle (4 screens, 2 idle resets)', value: perCycle, unit: 'ms' },
    ];
  } finally {
    await k.stop();
  }
}
