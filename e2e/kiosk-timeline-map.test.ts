// The kiosk's timeline and map zones on real Chromium at both kiosk sizes: reached by taps from
// home, used, scanned with axe-core (no serious or critical violations), then left alone until
// the idle reset takes the kiosk home. Screenshots land in .data/screens/kiosk-zones/.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../main/shell/chromium';
import { ROOT } from './hall-harness';
import { openKiosk, type KioskUnderTest } from './kiosk-visitor';

const chromiumPath = findChromium();
const missing = !chromiumPath ? 'system Chromium is missing (scripts/system-deps.sh test)' : !existsSync(join(ROOT, 'dist', 'renderer', 'index.html')) ? 'the renderer is not built (npm run build)' : undefined;
if (missing && process.env.CI) throw new Error(`e2e cannot run: ${missing}`);
if (missing) console.warn(`SKIPPED e2e/kiosk-timeline-map.test.ts: ${missing}`);

const SHOTS = join(ROOT, '.data', 'screens', 'kiosk-zones');

/** axe-core's serious and critical violations on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  // The kiosk's CSP refuses inline scripts (addScriptTag); evaluate runs beside it, as DevTools does.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}:${v.impact} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

async function idleHome(page: Page): Promise<void> {
  const idleMs = (await page.evaluate(() => (window as unknown as { redhall: { connection: { state: { idleSeconds: number } } } }).redhall.connection.state.idleSeconds)) * 1000;
  await page.clock.fastForward(idleMs + 1000);
  await page.locator('.kiosk[data-screen="home"][lang="zh-Hans"][data-contrast="normal"] .kiosk-home').waitFor();
  // A kiosk left alone plays the pack's attract loop over home; the next visitor's first touch wakes it.
  const attract = page.locator('.attract');
  await attract.waitFor({ timeout: 5_000 });
  await attract.tap();
  await attract.waitFor({ state: 'detached' });
}

for (const size of [{ width: 1920, height: 1080 }, { width: 1080, height: 1920 }]) {
  const tag = `${size.width}x${size.height}`;
  describe.skipIf(!!missing)(`kiosk timeline and map at ${tag}`, () => {
    let k: KioskUnderTest;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'redhall-zones-'));
      writeFileSync(join(dir, 'hall.yaml'), 'surfaces:\n  - { id: kiosk, role: kiosk, display: 0, here: west-gate }\n');
      mkdirSync(SHOTS, { recursive: true });
      k = await openKiosk(chromiumPath!, ROOT, size, join(dir, 'hall.yaml'));
    }, 60_000);
    afterAll(async () => {
      await k?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('timeline: decades, stations, themes, a module link, then idle home', async () => {
      const p = k.page;
      await p.locator('[data-zone="timeline"]').tap();
      await p.locator('[data-station-card="first-congress"]').waitFor();
      await p.locator('[data-decade="1930"]').tap();
      await p.locator('[data-station="zunyi"]').tap();
      await expect.poll(() => p.locator('[data-station-card]').getAttribute('data-station-card')).toBe('zunyi');
      expect(await p.locator('.tl-card-body').innerText()).toContain('遵义');
      await p.locator('[data-theme="science"]').tap();
      await expect.poll(() => p.locator('[data-station-card]').getAttribute('data-station-card')).toBe('atomic-bomb');
      await p.locator('[data-action="next-station"]').tap();
      await expect.poll(() => p.locator('[data-station-card]').getAttribute('data-station-card')).toBe('hydrogen-bomb');
      await p.locator('.locale-bar .locale').last().tap();
      await p.locator('.kiosk[lang="en"] [data-station-card="hydrogen-bomb"]').waitFor();
      expect(await p.locator('.tl-card-date').innerText()).toContain('17 June 1967');
      await p.screenshot({ path: join(SHOTS, `timeline-${tag}.png`) });
      expect(await axeProblems(p)).toEqual([]);
      await p.locator('[data-access="high-contrast"]').tap();
      await p.locator('[data-access="large-text"]').tap();
      await p.locator('.kiosk[data-contrast="high"][data-text="large"]').waitFor();
      await p.screenshot({ path: join(SHOTS, `timeline-access-${tag}.png`) });
      expect(await axeProblems(p)).toEqual([]);
      await idleHome(p);
      // A module page opens the timeline at the station its item tells of.
      await p.locator('[data-module="setting-sail"]').tap();
      await p.locator('[data-action="open-station"]').first().tap();
      await p.locator('[data-station-card="first-congress"]').waitFor();
      await idleHome(p);
    }, 120_000);

    it('map: you are here, a route and its stories, pan and zoom, the QR to a phone, then idle home', async () => {
      const p = k.page;
      await p.locator('[data-zone="map"]').tap();
      await p.locator('[data-testid="map-here"]').waitFor({ state: 'attached' });
      const content = p.locator('.map-content');
      const fitted = await content.evaluate((el) => el.style.transform);
      await p.locator('[data-action="zoom-in"]').tap();
      await expect.poll(() => content.evaluate((el) => el.style.transform)).not.toBe(fitted);
      // A mouse drag pans the zoomed map.
      const box = (await p.locator('[data-testid="map-view"]').boundingBox())!;
      await p.waitForTimeout(400);
      const zoomed = await content.evaluate((el) => el.style.transform);
      await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await p.mouse.down();
      await p.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 6 });
      await p.mouse.up();
      expect(await content.evaluate((el) => el.style.transform)).not.toBe(zoomed);
      await p.locator('[data-point="grove"]').tap();
      await p.locator('[data-point-card="grove"]').waitFor();
      await p.locator('[data-route="red-walk"]').first().tap();
      await expect.poll(() => p.locator('.map-stop').count()).toBe(10);
      await p.locator('[data-stop="oath-area"]').tap();
      expect(await p.locator('[data-story="oath-area"]').innerText()).toContain('1982');
      await p.screenshot({ path: join(SHOTS, `map-${tag}.png`) });
      expect(await axeProblems(p)).toEqual([]);
      await p.locator('[data-action="route-qr"]').tap();
      const qrText = await p.locator('[data-testid="route-qr"] [data-qr-text]').getAttribute('data-qr-text');
      expect(qrText).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/phone\/#\/route\?map=park&route=red-walk&lang=zh-Hans$/);
      await p.screenshot({ path: join(SHOTS, `map-qr-${tag}.png`) });
      // The phone page the QR code carries: the route's stops with their stories, phone-sized.
      const phone = await p.context().browser()!.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await phone.goto(qrText!);
      await phone.locator('[data-testid="route-stops"] li').nth(9).waitFor();
      expect(await phone.locator('[data-stop="oath-area"]').innerText()).toContain('1982');
      await phone.screenshot({ path: join(SHOTS, 'phone-route-390x844.png'), fullPage: true });
      expect(await axeProblems(phone)).toEqual([]);
      await phone.close();
      await p.locator('[data-action="close-qr"]').tap();
      await idleHome(p);
    }, 120_000);
  });
}
