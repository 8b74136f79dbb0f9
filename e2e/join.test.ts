// A second PC joins the hall: a second `redhall start --join` process on its own data folder and
// its own Xorg dummy display puts a wall on its monitor. The wall shows in /api/health and on the
// admin board marked with its PC, obeys a blackout from the control API, and its own shell brings
// it back when its browser dies. Pairing goes through `redhall pair` on the main PC.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanAddress } from '../main/host/tables/lan';
import { missingForRealWindows, ROOT, startHallOnMonitors, type HallUnderTest } from './hall-harness';
import { launchChromium, screenContext } from './play-pages';
import { readPng } from './pixels';
import { waitUntil } from './wait';
import { screenshotDesktop, startXorg, type XServer } from './xorg';

const missing = missingForRealWindows();
if (missing && process.env.CI) throw new Error(`e2e cannot run: ${missing}`);
if (missing) console.warn(`SKIPPED e2e/join.test.ts: ${missing}`);

const SHOTS = join(ROOT, '.data', 'e2e-shots');
const CLI = join(ROOT, 'dist', 'main', 'cli.mjs');

describe.skipIf(!!missing)('a second PC joins the hall', () => {
  let h: HallUnderTest;
  let x2: XServer;
  let pc2: ChildProcess | undefined;
  let pc2Out = '';
  let pc2Data = '';
  let browser: Browser;
  let mainUrl = '';
  let hours: { open: string; close: string } | undefined;
  const base = () => `http://127.0.0.1:${h.hall.host.port}`;
  const wallOf = async () => (await h.health()).surfaces.find((s) => s.id === 'pc2-wall-1') as (Awaited<ReturnType<HallUnderTest['health']>>['surfaces'][number] & { pc?: string }) | undefined;
  /** The second PC's monitor: share of near-black pixels in its middle. */
  const pc2Black = (name: string) => {
    const file = join(SHOTS, `${name}.png`);
    screenshotDesktop(x2.display, file);
    return readPng(file).stats(100, 100, 1720, 880).black;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'redhall-join-'));
    const hallFile = join(dir, 'hall.yaml');
    // listen: lan, so the second PC can reach the host; it joins over this machine's LAN address when it has one.
    // Opening hours around now (so the screens stay awake), shown read-only on the admin board; none near midnight.
    const hour = new Date().getHours();
    const pad = (n: number) => String(n).padStart(2, '0');
    hours = hour >= 1 && hour <= 20 ? { open: `${pad(hour - 1)}:00`, close: `${pad(hour + 3)}:00` } : undefined;
    writeFileSync(hallFile, [
      'listen: lan',
      'surfaces:',
      '  - { id: kiosk, role: kiosk, display: 0 }',
      ...(hours ? ['hours:', `  open: "${hours.open}"`, `  close: "${hours.close}"`, '  projectors: false', '  shows:', `    - { at: "${pad(hour + 2)}:30", show: welcome }`] : []),
      '',
    ].join('\n'));
    h = await startHallOnMonitors({ monitors: 1, hallFile });
    mainUrl = `http://${lanAddress() ?? '127.0.0.1'}:${h.hall.host.port}`;
    x2 = await startXorg(1);
    pc2Data = mkdtempSync(join(tmpdir(), 'redhall-pc2-'));
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    if (pc2 && pc2.exitCode === null) {
      const gone = new Promise((r) => pc2!.once('exit', r));
      pc2.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
    }
    await x2?.stop();
    await h?.stop();
    if (pc2Data) rmSync(pc2Data, { recursive: true, force: true });
  });

  it('pairs with a code from `redhall pair`, puts its wall on its monitor, shows it in health and on the admin board, obeys a blackout, and its own shell restarts it', { timeout: 300_000 }, async () => {
    // On the main PC: a one-time code (not execFileSync: the host runs in this process and must answer).
    const pairOut = (await promisify(execFile)(process.execPath, [CLI, 'pair', '--data', h.dataDir], { cwd: ROOT, encoding: 'utf8' })).stdout;
    const code = /pairing code: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(pairOut)?.[1];
    expect(code, pairOut).toBeDefined();

    // On the second PC: only the shell, joined to the main host; the code typed on stdin, never on the command line.
    pc2 = spawn(process.execPath, [CLI, 'start', '--join', mainUrl, '--name', 'pc2', '--data', pc2Data], {
      cwd: ROOT,
      env: { ...process.env, DISPLAY: x2.display },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    pc2.stdout!.on('data', (d: Buffer) => (pc2Out += d.toString()));
    pc2.stderr!.on('data', (d: Buffer) => (pc2Out += d.toString()));
    pc2.stdin!.end(`${code}\n`);
    await waitUntil('the second PC’s wall to connect and beat', async () => {
      if (pc2!.exitCode !== null) throw new Error(`the second PC exited with ${pc2!.exitCode}:\n${pc2Out}`);
      const w = await wallOf();
      return !!w?.connected && !!w.heartbeatAt;
    }, 120_000, 500);
    expect(await wallOf()).toMatchObject({ pc: 'pc2', role: 'wall', displayName: expect.any(String) as string });
    // The credential is in the PC's data folder, not on any command line.
    const credential = (JSON.parse(readFileSync(join(pc2Data, 'settings', 'join.json'), 'utf8')) as { credential: string }).credential;
    const cmdlines = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(cmdlines).not.toContain(credential);
    expect(cmdlines).not.toContain(code!);

    // The wall shows the pack on the second PC's monitor (not black), and goes black on the docent's word.
    await waitUntil('the wall to draw', () => pc2Black('join-pc2-wall') < 0.9, 60_000, 1000);
    const pin = await h.pin('docent');
    const login = await fetch(`${base()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'docent', pin, bearer: true }) });
    const docent = { 'content-type': 'application/json', authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    const blackout = await fetch(`${base()}/api/control`, { method: 'POST', headers: docent, body: JSON.stringify({ command: 'screens.blackout', surface: 'pc2-wall-1' }) });
    expect(blackout.status).toBe(200);
    await waitUntil('the second PC’s monitor to go black', () => pc2Black('join-pc2-blackout') > 0.98, 30_000, 500);
    expect((await fetch(`${base()}/api/control`, { method: 'POST', headers: docent, body: JSON.stringify({ command: 'hall.restore' }) })).status).toBe(200);
    await waitUntil('the wall to come back', () => pc2Black('join-pc2-restored') < 0.9, 30_000, 500);

    // The admin board lists the wall with its PC, and the PC under "second PCs".
    const adminPin = await h.pin('admin');
    const page = await (await screenContext(browser, 'wall')).newPage();
    await page.goto(`${base()}/admin/`);
    await page.getByTestId('pin').fill(adminPin);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('drop').waitFor();
    await page.locator('[data-tab=board]').click();
    const card = page.locator('[data-surface=pc2-wall-1]');
    await card.waitFor();
    expect(await card.locator('[data-pc=pc2]').textContent()).toContain('pc2');
    expect(await page.locator('[data-surface=kiosk] [data-pc=""]').textContent()).toContain('主电脑');
    await page.locator('[data-testid=pcs] tr[data-pc=pc2]').waitFor();
    if (hours) expect(await page.getByTestId('hours').textContent()).toContain(`${hours.open} – ${hours.close}`);
    await page.getByRole('button', { name: '配对新电脑' }).click();
    await page.getByTestId('pair-code').waitFor();
    await page.waitForTimeout(1500); // let the kiosk thumbnail load before the picture
    await page.screenshot({ path: join(SHOTS, 'join-admin-board.png') });
    await page.context().close();

    // Its own shell brings the wall back when its browser dies; the restart shows on the main PC.
    const pid = (JSON.parse(readFileSync(join(pc2Data, 'run', 'browsers', 'pc2-wall-1.json'), 'utf8')) as { pid: number }).pid;
    process.kill(-pid, 'SIGKILL');
    await waitUntil('the restart to be reported and the wall to reconnect', async () => {
      const w = await wallOf();
      return !!w && w.restarts >= 1 && w.connected && (await fetch(`${base()}/api/health`).then(() => true));
    }, 90_000, 500);
    expect(pc2Out).toContain('joined the hall');
  });
});
