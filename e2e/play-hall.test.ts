// A script-kill table on the hall as a new user starts it (README): the built CLI with a hall.yaml
// that fixes the port and the DM's PIN, its kiosk on a real (Xorg dummy) monitor. A DM tablet
// opens a table, six phone-sized pages join from the QR link and play; mid-vote the host is killed
// with SIGKILL and started again on the same data folder: the phones and the console come back by
// themselves at the same version, the ballot cast before the kill is still there, and the game
// plays on to its debrief. The DM puts the table on the hall's wall, and it is back there after the crash.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { missingForRealWindows } from './hall-harness';
import { killHost, startHostProcess, type HostProcess } from './host-process';
import { DmPage, PhonePage, launchChromium, missingForPages, phoneContext, playDemoToEnding, screenContext, shoot } from './play-pages';
import { screenshotDesktop, startXorg, type XServer } from './xorg';

const SHOTS = join(import.meta.dirname, '..', '.data', 'e2e-shots');

const missing = missingForRealWindows() ?? missingForPages();
if (missing && process.env.CI) throw new Error(`e2e cannot run: ${missing}`);
if (missing) console.warn(`SKIPPED e2e/play-hall.test.ts: ${missing}`);

const PIN = '5731';
const ROLES = ['lin', 'zhou', 'shen', 'chen', 'tang', 'he'];

/** A port free right now (the hall keeps it across restarts, as a hall.yaml `port:` does). */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe.skipIf(!!missing)('a script-kill table on the hall survives a killed host', () => {
  let x: XServer;
  let dataDir: string;
  let hallFile: string;
  let host: HostProcess | undefined;
  let browser: Browser;
  const errors: string[] = [];
  const watch = (page: Page, name: string) => {
    page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  };

  beforeAll(async () => {
    x = await startXorg(2);
    dataDir = mkdtempSync(join(tmpdir(), 'redhall-play-hall-'));
    hallFile = join(dataDir, 'hall.yaml');
    writeFileSync(hallFile, `port: ${await freePort()}\ntables:\n  dmPin: "${PIN}"\nsurfaces:\n  - { id: kiosk, role: kiosk, display: 0, touch: true }\n  - { id: wall-1, role: wall, display: 1 }\n`);
    host = await startHostProcess(dataDir, x.display, {}, ['--hall', hallFile]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (host) await killHost(host, 'SIGTERM');
    await x?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('plays to the debrief with the host killed and restarted mid-vote', async () => {
    const base = `http://127.0.0.1:${host!.port}`;
    const dmPage = await (await screenContext(browser, 'tablet')).newPage();
    watch(dmPage, 'dm');
    await dmPage.goto(`${base}/dm/`);
    const dm = new DmPage(dmPage);
    await dm.signIn(PIN);
    const code = await dm.openTable({ size: 6, pick: 'player' });
    const joinUrl = await dmPage.locator('[data-testid=dm-join] svg').first().getAttribute('data-qr-text');
    expect(joinUrl).toBe(`${base}/phone/#/phone?code=${code}`);
    // The DM puts the table on the wall: the wall's window shows its shared screen (the surface says so to /api/health).
    const wallScreen = async () => (await host!.health()).surfaces.find((s) => s.id === 'wall-1')?.screen ?? '';
    await expect.poll(wallScreen, { timeout: 30_000 }).toBe('wall:light-and-shadow');
    await dmPage.locator('.dm-screen[data-surface="wall-1"]').click();
    await dmPage.locator('.dm-screen[data-surface="wall-1"][aria-pressed=true]').waitFor();
    await expect.poll(wallScreen, { timeout: 15_000 }).toBe(`table:${code}:lobby`);
    expect(await dmPage.locator('.dm-screen[data-surface="kiosk"]').getAttribute('aria-pressed')).toBe('false');

    const phones: PhonePage[] = [];
    for (const [i, role] of ROLES.entries()) {
      const page = await (await phoneContext(browser)).newPage();
      watch(page, `phone-${i + 1}`);
      await page.goto(joinUrl!);
      const phone = new PhonePage(page);
      await page.getByTestId('phone-pick').waitFor();
      await phone.pickRole(role);
      await page.getByTestId('phone-lobby').waitFor();
      phones.push(phone);
    }
    await dm.start();

    let killedAt = '';
    await playDemoToEnding(dm, phones, {
      midVote: async () => {
        await phones[0]!.vote('supplies');
        await expect.poll(() => phones[0]!.page.locator('.ph-option[data-option="supplies"]').getAttribute('aria-checked')).toBe('true');
        await expect.poll(() => dm.version()).not.toBe('');
        killedAt = await dm.version();
        await killHost(host!);
        await shoot(phones[1]!.page, 'play-hall-phone-host-gone');
        host = await startHostProcess(dataDir, x.display, {}, ['--hall', hallFile]);
        expect(`http://127.0.0.1:${host.port}`).toBe(base);
        // Every page reconnects by itself and shows the table at the version it had: nothing
        // acknowledged was lost, nothing was replayed twice.
        for (const p of phones) await p.page.locator(`.ph-main[data-phase="act1-vote"][data-version="${killedAt}"]`).waitFor({ timeout: 30_000 });
        await dmPage.locator(`[data-testid=dm-console][data-phase="act1-vote"][data-version="${killedAt}"]`).waitFor({ timeout: 30_000 });
        expect(await phones[0]!.page.locator('.ph-option[data-option="supplies"]').getAttribute('aria-checked')).toBe('true');
        for (const page of [dmPage, ...phones.map((p) => p.page)]) await page.getByTestId('phone-offline').waitFor({ state: 'hidden', timeout: 15_000 });
        // The wall's browser died with the host and came back showing the table where it was.
        await expect.poll(wallScreen, { timeout: 30_000 }).toBe(`table:${code}:act1-vote`);
        await new Promise((r) => setTimeout(r, 1500)); // for the picture only: let the wall's window paint
        screenshotDesktop(x.display, join(SHOTS, 'play-hall-desktop-vote.png'));
        await shoot(dmPage, 'play-hall-dm-after-restart');
        await shoot(phones[0]!.page, 'play-hall-phone-after-restart');
      },
    });
    for (const p of phones) await expect.poll(() => p.page.locator('[data-testid=phone-ending] .md').textContent()).toContain('真实的历史');
    expect(await dm.phase()).toBe('end-dawn');
    await expect.poll(wallScreen, { timeout: 15_000 }).toBe(`table:${code}:end-dawn`);
    await new Promise((r) => setTimeout(r, 1500)); // for the picture only
    screenshotDesktop(x.display, join(SHOTS, 'play-hall-desktop-ending.png'));
    // Taken off the wall, the wall shows its own content again.
    await dmPage.locator('.dm-screen[data-surface="wall-1"]').click();
    await expect.poll(wallScreen, { timeout: 15_000 }).toBe('wall:light-and-shadow');
    expect(host!.output()).toContain(`(${code}) resumed at version ${killedAt}, playing`);
    expect(errors).toEqual([]);
  });
});
