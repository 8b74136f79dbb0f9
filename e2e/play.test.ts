// The script-kill pages in real Chromium against the tables plugin and the built pages (under the
// host's CSP): a DM opens a table on a tablet, a wall shows it, six phone-sized pages join by code
// and QR link, pick roles and play the demo scenario to its debrief. One phone is closed and opened
// again mid-search and comes back to its seat; a stale tap is refused with a reason; no phone ever
// receives another role's pages, secrets or unshared clues. Screenshots go to .data/e2e-shots.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DmPage, demoScenarioFromDisk, PhonePage, ScreenPage, launchChromium, missingForPages, phoneContext, playDemoToEnding, recordFrames, screenContext, shoot, startPagesHost } from './play-pages';
import { pickText } from '../core/text';

const missing = missingForPages();
if (missing && process.env.CI) throw new Error(`e2e cannot run: ${missing}`);
if (missing) console.warn(`SKIPPED e2e/play.test.ts: ${missing}`);

const PIN = '8642';
const ROLES = ['lin', 'zhou', 'shen', 'chen', 'tang', 'he'];

describe.skipIf(!!missing)('a script-kill table on phones, a DM console and a wall', () => {
  let dataDir: string;
  let host: Awaited<ReturnType<typeof startPagesHost>>;
  let browser: Browser;
  const errors: string[] = [];
  const watch = (page: Page, name: string) => {
    page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && !m.text().includes('404') && errors.push(`${name}: ${m.text()}`));
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'redhall-play-e2e-'));
    host = await startPagesHost(dataDir, PIN);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('plays the demo scenario from join to debrief', async () => {
    const scenario = demoScenarioFromDisk();
    const dmPage = await (await screenContext(browser, 'tablet')).newPage();
    watch(dmPage, 'dm');
    await dmPage.goto(`${host.base}/dm/#/dm`);
    const dm = new DmPage(dmPage);
    await dm.signIn(PIN);
    const code = await dm.openTable({ size: 6, pick: 'player' });
    expect(code).toMatch(/^[A-Z2-9]{5}$/);
    const joinUrl = await dmPage.locator('[data-testid=dm-join] svg').first().getAttribute('data-qr-text');
    // The QR opens the phone's own page (not the kiosk bundle) on the host the phones reach.
    expect(joinUrl).toBe(`${host.base}/phone/#/phone?code=${code}`);
    await shoot(dmPage, 'play-e2e-dm-lobby');

    const wall = new ScreenPage(await (await screenContext(browser, 'wall')).newPage());
    watch(wall.page, 'wall');
    await wall.page.goto(`${host.base}/table/#/screen?code=${code}`);
    await wall.page.getByTestId('screen-lobby').waitFor();

    const contexts: BrowserContext[] = [];
    const phones: PhonePage[] = [];
    const frames: Array<{ frames: string[] }> = [];
    for (const [i, role] of ROLES.entries()) {
      const ctx = await phoneContext(browser);
      contexts.push(ctx);
      const page = await ctx.newPage();
      watch(page, role);
      frames.push(await recordFrames(page));
      const phone = new PhonePage(page);
      if (i === 0) {
        // The first player types the code (lower case, as people do); the others follow the QR link.
        await page.goto(`${host.base}/phone/`);
        await phone.joinWithCode(code.toLowerCase());
      } else {
        await page.goto(joinUrl!);
      }
      await page.getByTestId('phone-pick').waitFor();
      if (i > 0) expect(await page.locator('.ph-role[data-role="lin"]').isDisabled()).toBe(true);
      await phone.pickRole(role);
      await page.getByTestId('phone-lobby').waitFor();
      phones.push(phone);
    }
    await dmPage.waitForFunction(() => document.querySelectorAll('.dm-seat[data-connected=true]').length === 6);
    await shoot(phones[0]!.page, 'play-e2e-phone-lobby');
    await shoot(wall.page, 'play-e2e-wall-lobby');
    await dm.start();

    let seatBefore = '';
    let voteVersion = '';
    await playDemoToEnding(dm, phones, {
      midSearch: async () => {
        await shoot(wall.page, 'play-e2e-wall-search');
        await shoot(dmPage, 'play-e2e-dm-search');
        // Phone 4 is closed mid-search and opened again: same seat, same role, same screen.
        seatBefore = await phones[3]!.page.evaluate(() => (window as unknown as { redhallPhone: { state: { seat?: { player: string } } } }).redhallPhone.state.seat?.player ?? '');
        await phones[3]!.page.close();
        const again = await contexts[3]!.newPage();
        watch(again, 'chen-again');
        frames[3] = await recordFrames(again);
        await again.goto(`${host.base}/phone/#/phone?code=${code}`);
        await again.getByTestId('phone-search').waitFor();
        phones[3] = new PhonePage(again);
        const seatAfter = await again.evaluate(() => (window as unknown as { redhallPhone: { state: { seat?: { player: string; role: string | null } } } }).redhallPhone.state.seat);
        expect(seatAfter).toMatchObject({ player: seatBefore, role: 'chen' });
        await phones[3]!.tab('role');
        await expect.poll(() => again.locator('[data-testid=phone-role] .ph-me h2').textContent()).toBe('陈阿福');
        await phones[3]!.tab('now');
      },
      midVote: async () => {
        voteVersion = (await phones[5]!.page.locator('.ph-main').getAttribute('data-version')) ?? '';
        await phones[0]!.vote('letters');
        await shoot(phones[0]!.page, 'play-e2e-phone-vote');
        await shoot(dmPage, 'play-e2e-dm-vote');
        await shoot(wall.page, 'play-e2e-wall-vote');
      },
      afterVote: async () => {
        // A stale tap: phone 6 votes on the screen it showed in the closed vote; the host refuses it with a reason.
        const version = await dm.version();
        await phones[5]!.page.evaluate(
          (v) => (window as unknown as { redhallPhone: { send: (m: unknown) => void } }).redhallPhone.send({ type: 'play', version: v, action: { type: 'vote', option: 'letters' } }),
          Number(voteVersion),
        );
        const banner = phones[5]!.page.getByTestId('refused');
        await banner.waitFor();
        expect(await banner.getAttribute('data-code')).toBe('stale');
        expect(await banner.textContent()).toContain('画面刚刚更新过');
        await shoot(phones[5]!.page, 'play-e2e-phone-stale');
        expect(await dm.version()).toBe(version);
        await phones[5]!.page.locator('[data-testid=refused] button').tap();
      },
    });

    // The ending and the debrief, on every phone, the wall and the DM console.
    for (const p of phones) await expect.poll(() => p.page.locator('[data-testid=phone-ending] .md').textContent()).toContain('真实的历史');
    await wall.page.locator('[data-testid=table-screen][data-phase=end-dawn]').waitFor();
    expect(await dm.phase()).toBe('end-dawn');
    await wall.page.getByTestId('screen-result').click().catch(() => undefined);
    await shoot(wall.page, 'play-e2e-wall-ending');
    await shoot(phones[2]!.page, 'play-e2e-phone-ending');
    await shoot(dmPage, 'play-e2e-dm-ending');

    // Secrets on the wire: no frame a phone received holds another role's page or secret, or a
    // clue that phone neither found nor saw shared in that same frame.
    for (const [i, rec] of frames.entries()) {
      expect(rec.frames.length).toBeGreaterThan(0);
      const mine = ROLES[i] as string;
      for (const raw of rec.frames) {
        for (const role of scenario.roles) {
          if (role.id === mine) continue;
          for (const page of Object.values(role.pages)) expect(raw.includes(JSON.stringify(page).slice(1, 60)), `${mine} got ${role.id}'s page`).toBe(false);
          for (const secret of role.secrets) expect(raw.includes(pickText(secret, 'zh-Hans')), `${mine} got ${role.id}'s secret`).toBe(false);
        }
        const m = JSON.parse(raw) as { type: string; view?: { me?: { player: string }; clues: Array<{ id: string; foundBy: string; shared: boolean }> } };
        if (m.type !== 'table' || !m.view) continue;
        for (const c of m.view.clues) expect(c.shared || c.foundBy === m.view.me?.player, `${mine} got clue ${c.id}`).toBe(true);
      }
    }
    expect(errors).toEqual([]);
  });
});
