// The curator's admin console on a hall running on two real (Xorg dummy) monitors, driven from a
// desktop-sized browser: sign in with the PIN the hall logged, drop a new version of the demo
// pack (upload throttled so the progress bar is seen moving), drop a broken one and read its
// findings with the offending line, preview the new version on the kiosk only (its monitor shows
// the preview ribbon, the wall does not), activate it, roll back; the board shows thumbnails
// taken from the monitors; statistics draw. Then wrong PINs are refused, slowed down and lock
// the address out, even for the right PIN. Screenshots at 1920x1080 and a 1280x800 tablet.
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildPack } from '../main/host/packs/build';
import { walkPackFolder } from '../main/host/packs/walk';
import { localDay } from '../main/host/admin/stats';
import { QuizStatsStore } from '../main/host/quiz-stats';
import { missingForRealWindows, ROOT, startHallOnMonitors, type HallUnderTest } from './hall-harness';
import { launchChromium, missingForPages, SHOTS, screenContext } from './play-pages';
import { readPng } from './pixels';
import { screenshotDesktop } from './xorg';

const missing = missingForRealWindows() ?? missingForPages();
if (missing && process.env.CI) throw new Error(`e2e cannot run: ${missing}`);
if (missing) console.warn(`SKIPPED e2e/admin.test.ts: ${missing}`);

const demo = join(ROOT, 'content', 'demo-hall');

async function zipFolder(dir: string): Promise<Buffer> {
  const yazl = await import('yazl');
  const zip = new yazl.ZipFile();
  for (const p of (await walkPackFolder(dir)).files) zip.addFile(join(dir, p), `pack/${p}`);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Drops a file on the console's drop zone the way a browser does (DataTransfer with a File). */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.evaluate(
    ({ name, b64 }) => {
      const bin = atob(b64);
      const arr = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) arr[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([arr], name, { type: 'application/octet-stream' }));
      const zone = document.querySelector('[data-testid=drop]')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { name, b64: bytes.toString('base64') },
  );
}

const shot = async (page: Page, name: string) => {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
};

describe.skipIf(!!missing)('the admin console', () => {
  let h: HallUnderTest;
  let browser: Browser;
  let tmp: string;
  let pin: string;
  let base: string;
  const errors: string[] = [];

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'redhall-admin-e2e-'));
    h = await startHallOnMonitors({ monitors: 2 });
    base = `http://127.0.0.1:${h.hall.host.port}`;
    pin = await h.pin('admin');
    // Statistics as a few days of use would leave them (fixture lines in the hall's own formats).
    const stats = new QuizStatsStore(h.dataDir);
    const today = localDay(Date.now());
    for (const [i, day] of ['2026-11-19', '2026-11-20', '2026-11-21', today].entries())
      for (let n = 0; n < 3 + i; n++) stats.append({ v: 1, packId: 'demo-hall', bankId: 'party-spirit', formId: 'standard', status: 'completed', day, dimensions: { ideals: 70 + n * 4, discipline: 62 + i * 5, purpose: 80 - n * 3 } });
    mkdirSync(join(h.dataDir, 'stats'), { recursive: true });
    for (const [module, count] of [['setting-sail', 9], ['party-leads', 6], ['gathering-strength', 4], ['firm-belief', 3]] as const)
      for (let n = 0; n < count; n++) appendFileSync(join(h.dataDir, 'stats', `visits-${today.slice(0, 7)}.jsonl`), JSON.stringify({ day: today, packId: 'demo-hall', module }) + '\n');
    for (const ending of ['end-dawn', 'end-dawn', 'stopped'])
      appendFileSync(join(h.dataDir, 'stats', `tables-${today.slice(0, 7)}.jsonl`), JSON.stringify({ day: today, scenario: 'siege', pack: 'demo-hall', ending, players: 6, minutes: 48 }) + '\n');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const health = async () => (await (await fetch(`${base}/api/health`)).json()) as { pack: { version: string } | null };
  const kioskTopGold = async (name: string) => {
    const file = join(SHOTS, `${name}.png`);
    screenshotDesktop(h.x.display, file);
    const img = readPng(file);
    return { kiosk: img.stats(0, 0, 1920, 28).gold, wall: img.stats(1920, 0, 1920, 28).gold };
  };

  it('installs a pack from the browser, shows a broken pack\'s findings, previews, activates and rolls back', async () => {
    expect(pin).toMatch(/^\d{6}$/);
    const v2 = join(tmp, 'v2');
    await cp(demo, v2, { recursive: true });
    await writeFile(join(v2, 'pack.yaml'), (await readFile(join(v2, 'pack.yaml'), 'utf8')).replace('version: 1.0.0', 'version: 1.1.0').replace('zh-Hans: 红色会客厅', 'zh-Hans: 红色会客厅（建党纪念日版）'));
    const v2file = join(tmp, 'demo-hall-1.1.0.rhpack');
    expect((await buildPack(v2, v2file)).lock).toBeDefined();
    const broken = join(tmp, 'broken');
    await cp(demo, broken, { recursive: true });
    await writeFile(join(broken, 'pack.yaml'), (await readFile(join(broken, 'pack.yaml'), 'utf8')).replace('version: 1.0.0', 'version: 1.2.0\ncolour: red'));

    const page = await (await screenContext(browser, 'wall')).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/admin/`);
    await page.getByTestId('pin').fill(pin);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('drop').waitFor();

    // Upload at ~96 kB/s so the bar is seen between empty and full.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 96 * 1024 });
    await dropFile(page, 'demo-hall-1.1.0.rhpack', await readFile(v2file));
    const bar = page.locator('[data-testid=bar-upload] [role=progressbar]');
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(5);
    const midway = Number(await bar.getAttribute('aria-valuenow'));
    await shot(page, 'admin-1920-upload-progress');
    expect(midway).toBeLessThan(100);
    await page.locator('[data-testid=upload][data-done=yes]').waitFor({ timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    expect(await page.getByTestId('upload-result').textContent()).toContain('已安装 demo-hall@1.1.0');
    const phases = (await page.getByTestId('upload').getAttribute('data-phases'))!.split(' ');
    expect(phases).toEqual(expect.arrayContaining(['extract', 'verify', 'validate', 'activate']));
    expect(Number(await page.locator('[data-testid=bar-install] [role=progressbar]').getAttribute('aria-valuenow'))).toBe(100);
    expect((await health()).pack?.version).toBe('1.0.0'); // installed, not live

    // The broken one: refused, its finding placed on pack.yaml line 4 with the line itself.
    await dropFile(page, 'broken.zip', await zipFolder(broken));
    await page.locator('[data-testid=upload][data-done=yes]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('upload-result').textContent()).toContain('内容包有错误，未安装');
    const finding = page.locator('[data-testid=finding]').filter({ hasText: 'pack.yaml:4:' }).first();
    await finding.waitFor();
    expect(await finding.locator('.ad-excerpt-hit').textContent()).toContain('colour: red');
    expect(await finding.locator('.ad-finding-msg2').textContent()).toMatch(/[a-z]/); // English beside the Chinese
    await shot(page, 'admin-1920-findings');

    // Preview 1.1.0 on the kiosk only.
    const before = await kioskTopGold('admin-desktop-before-preview');
    const row = page.locator('tr[data-version="1.1.0"]');
    await row.getByTestId('preview-surface').selectOption('kiosk');
    await row.getByTestId('preview').click();
    await page.getByTestId('preview-banner').waitFor();
    expect((await health()).pack?.version).toBe('1.0.0');
    await expect.poll(async () => (await kioskTopGold('admin-desktop-preview')).kiosk, { timeout: 20_000 }).toBeGreaterThan(0.5);
    const during = await kioskTopGold('admin-desktop-preview');
    expect(before.kiosk).toBeLessThan(0.3);
    expect(during.wall).toBeLessThan(0.3); // the wall keeps the live content
    await shot(page, 'admin-1920-packs-preview');

    // Activate: live everywhere, the preview is over.
    await row.getByTestId('activate').click();
    await expect.poll(async () => (await health()).pack?.version, { timeout: 20_000 }).toBe('1.1.0');
    await expect.poll(async () => (await kioskTopGold('admin-desktop-activated')).kiosk, { timeout: 20_000 }).toBeLessThan(0.3);
    await page.locator('tr[data-version="1.1.0"] .ad-pill-live').waitFor();
    // Roll back.
    await page.getByTestId('rollback').click();
    await expect.poll(async () => (await health()).pack?.version, { timeout: 20_000 }).toBe('1.0.0');
    await page.locator('tr[data-version="1.0.0"] .ad-pill-live').waitFor();
    await shot(page, 'admin-1920-packs');

    // The board: every surface with a picture taken from its monitor.
    const thumb = await page.evaluate(async () => {
      const r = await fetch('/api/admin/surfaces/kiosk/thumbnail');
      return { status: r.status, type: r.headers.get('content-type'), body: r.status === 200 ? (await r.arrayBuffer()).byteLength : await r.text() };
    });
    expect(thumb).toMatchObject({ status: 200, type: 'image/png' });
    await page.locator('[data-tab=board]').click();
    await page.locator('[data-surface=kiosk] .ad-thumb img').waitFor();
    await expect.poll(() => page.locator('[data-surface=kiosk] .ad-thumb img').evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 }).toBe(480);
    await expect.poll(() => page.locator('[data-surface=wall-1] .ad-thumb img').evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 }).toBe(480);
    await shot(page, 'admin-1920-board');

    await page.locator('[data-tab=stats]').click();
    await page.locator('[data-stat=visits] svg rect').first().waitFor();
    expect(await page.locator('[data-stat=visits] svg').first().getAttribute('aria-label')).toContain('setting-sail 9');
    await shot(page, 'admin-1920-stats');
    const csv = await page.evaluate(async () => (await fetch('/api/admin/stats/visits.csv')).text());
    expect(csv).toContain('setting-sail,9');

    // The same console on a tablet.
    const tablet = await (await screenContext(browser, 'tablet')).newPage();
    await tablet.goto(`${base}/admin/`);
    await shot(tablet, 'admin-tablet-login');
    await tablet.getByTestId('pin').fill(pin);
    await tablet.getByTestId('sign-in').click();
    await tablet.getByTestId('drop').waitFor();
    await shot(tablet, 'admin-tablet-packs');
    await tablet.locator('[data-tab=board]').click();
    await tablet.locator('[data-surface=wall-1] .ad-thumb img').waitFor();
    await new Promise((r) => setTimeout(r, 1000)); // for the picture only
    await shot(tablet, 'admin-tablet-board');
    await tablet.locator('[data-tab=stats]').click();
    await tablet.locator('[data-stat=quiz] svg').first().waitFor();
    await shot(tablet, 'admin-tablet-stats');
    expect(errors).toEqual([]);
  }, 300_000);

  it('refuses a wrong PIN, slows the address down and locks it out, even for the right PIN', async () => {
    const page = await (await screenContext(browser, 'tablet')).newPage();
    await page.goto(`${base}/admin/`);
    const go = page.getByTestId('sign-in');
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('pin').fill(String(100000 + i));
      await expect.poll(() => go.isDisabled(), { timeout: 15_000 }).toBe(false); // waits out a slowdown
      await go.click();
      await page.locator(`[data-testid=login-error][data-refusals="${i + 1}"]`).waitFor({ timeout: 15_000 });
      messages.push((await page.getByTestId('login-error').textContent()) ?? '');
    }
    expect(messages[0]).toBe('管理员 PIN 不对。');
    expect(messages[2]).toContain('请等 1 秒再试');
    expect(messages[4]).toContain('锁定');
    await shot(page, 'admin-tablet-locked-out');
    const answer = await page.evaluate(async (p) => {
      const r = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'admin', pin: p }) });
      return { status: r.status, body: (await r.json()) as { error: string } };
    }, pin);
    expect(answer).toMatchObject({ status: 429, body: { error: 'locked-out' } });
    expect(await go.isDisabled()).toBe(true);
  }, 120_000);
});
