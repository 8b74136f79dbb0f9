import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync, mkdirSync, mkdtempSync, cpSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { installPack } from '../main/host/packs/install';
import { PackStore } from '../main/host/packs/store';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHallOnMonitors, missingForRealWindows, ROOT, type HallUnderTest } from './hall-harness';
import { screenshotDesktop } from './xorg';
import { readPng } from './pixels';
import { waitUntil } from './wait';
import { cliArgs, cliBundle } from '../main/cli/testing';

const missing = missingForRealWindows();
if (missing && process.env.CI) throw new Error(`e2e cannot run: ${missing}`);
if (missing) console.warn(`SKIPPED e2e/frame.test.ts: ${missing}`);

const SHOTS = join(ROOT, '.data', 'e2e-shots');

describe.skipIf(!!missing)('the hall on two real monitors', () => {
  let h: HallUnderTest;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    cliBundle(); // bundled before the hall starts in this process: the build blocks for a moment
    h = await startHallOnMonitors({ monitors: 2 });
    await waitUntil('both surfaces to connect', async () => (await h.health()).surfaces.every((s) => s.connected));
  });
  afterAll(async () => h?.stop());

  const shot = (name: string) => {
    const file = join(SHOTS, `${name}.png`);
    screenshotDesktop(h.x.display, file);
    return readPng(file);
  };

  it('puts the kiosk on monitor 1 and the wall on monitor 2, as the desktop shows', async () => {
    const health = await h.health();
    expect(health.surfaces.map((s) => [s.id, s.role, s.displayName])).toEqual([
      ['kiosk', 'kiosk', 'DUMMY0'],
      ['wall-1', 'wall', 'DUMMY1'],
    ]);
    // The wall draws its title once the bundled font is in; give the first frames time to land.
    let img = shot('desktop');
    await expect.poll(() => {
      img = shot('desktop');
      return img.stats(1920 + 560, 300, 800, 260).gold;
    }, { timeout: 20_000, interval: 500 }).toBeGreaterThan(0.003);
    expect(img.width).toBe(3840);
    const kiosk = img.stats(0, 0, 1920, 1080);
    const wall = img.stats(1920, 0, 1920, 1080);
    // The kiosk is the red hall; the wall is a dark scene with a gold title in its upper middle.
    expect(kiosk.mean[0]).toBeGreaterThan(120);
    expect(kiosk.mean[0]).toBeGreaterThan(kiosk.mean[2] * 2);
    expect(wall.mean[0] + wall.mean[1] + wall.mean[2]).toBeLessThan(kiosk.mean[0] + kiosk.mean[1] + kiosk.mean[2]);
    // Gold glyphs in the title band, none in the floor band below it.
    expect(img.stats(1920 + 560, 300, 800, 260).gold).toBeGreaterThan(10 * img.stats(1920 + 560, 850, 800, 200).gold);
    // The kiosk's five module tiles: gold borders across the middle band.
    expect(img.stats(80, 460, 1760, 360).gold).toBeGreaterThan(0.01);
  });

  it('opens a module when a visitor taps it, and goes back home', async () => {
    const env = { ...process.env, DISPLAY: h.x.display };
    const before = shot('home');
    // The first module tile: the left one of the five in the band under the title (the zones' row is below it).
    execFileSync('xdotool', ['mousemove', '245', '460', 'click', '1'], { env });
    await expect.poll(async () => (await h.health()).surfaces[0]?.screen, { timeout: 10_000 }).toBe('module:setting-sail');
    // The page changed where the tiles were: the module page shows text cards there instead.
    // The screen name reaches health as soon as React commits; the desktop may show the new
    // frame a little later on a busy machine, so the pixels are polled, not sampled once.
    const a = before.stats(80, 460, 1760, 360);
    await expect.poll(() => {
      const b = shot('module').stats(80, 460, 1760, 360);
      return Math.abs(a.mean[0] - b.mean[0]) + Math.abs(a.mean[1] - b.mean[1]) + Math.abs(a.mean[2] - b.mean[2]);
    }, { timeout: 5_000 }).toBeGreaterThan(8);
    // Back: the gold button at the top left.
    execFileSync('xdotool', ['mousemove', '160', '90', 'click', '1'], { env });
    await expect.poll(async () => (await h.health()).surfaces[0]?.screen, { timeout: 10_000 }).toBe('home');
  });

  it('brings a killed surface back and counts the restart', async () => {
    const pid = h.shell.pid('wall-1');
    expect(pid).toBeTypeOf('number');
    const killedAt = Date.now();
    process.kill(pid!, 'SIGKILL');
    await expect.poll(async () => (await h.health()).surfaces[1]?.connected, { timeout: 10_000, interval: 100 }).toBe(false);
    await expect.poll(async () => {
      const s = (await h.health()).surfaces[1];
      return s?.connected === true && s.restarts === 1;
    }, { timeout: 15_000, interval: 100 }).toBe(true);
    // How fast is a figure (written down), not an assertion: the unit tests run beside the e2e files.
    const backAfterMs = Date.now() - killedAt;
    writeFileSync(join(SHOTS, 'respawn.txt'), `wall-1 back after ${backAfterMs} ms\n`);
    expect(h.shell.pid('wall-1')).not.toBe(pid);
    // The other surface was not disturbed.
    expect((await h.health()).surfaces[0]).toMatchObject({ connected: true, restarts: 0 });
  });

  it('answers junk on the WebSocket with an error and keeps serving', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.hall.host.port}/ws`);
    await new Promise((res, rej) => ws.once('open', res).once('error', rej));
    const reply = new Promise<string>((res) => ws.once('message', (d) => res(d.toString())));
    ws.send('\u0000\u00ff{{{ junk');
    expect(JSON.parse(await reply)).toMatchObject({ type: 'error', code: 'bad-json' });
    ws.close();
    const health = await h.health();
    expect(health.surfaces.every((s) => s.connected)).toBe(true);
    const page = await fetch(`http://127.0.0.1:${h.hall.host.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('picks up a newly activated pack version without a restart', async () => {
    const src = mkdtempSync(join(tmpdir(), 'redhall-pack-'));
    cpSync(join(ROOT, 'content', 'demo-hall'), src, { recursive: true });
    const manifest = join(src, 'pack.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('version: 1.0.0', 'version: 1.0.1').replace('zh-Hans: 红色会客厅', 'zh-Hans: 红色会客厅二号'));
    // As the CLI would, from its own store object: the host notices through its watch.
    const r = await installPack(new PackStore(h.dataDir), src);
    expect(r).toMatchObject({ id: 'demo-hall', version: '1.0.1', activated: true });
    await expect.poll(async () => ((await h.health()) as { pack?: { version?: string } }).pack?.version, { timeout: 10_000 }).toBe('1.0.1');
    const hall = (await (await fetch(`http://127.0.0.1:${h.hall.host.port}/api/hall`)).json()) as { title: Record<string, string> };
    expect(hall.title['zh-Hans']).toBe('红色会客厅二号');
    // Both surfaces stayed up: no restart was needed.
    expect((await h.health()).surfaces.map((s) => [s.connected, s.restarts])).toEqual([[true, 0], [true, 1]]);
    rmSync(src, { recursive: true, force: true });
  });

  it('shows every surface its identity on `redhall identify`', async () => {
    // Asynchronously: the host under test lives in this very process and must keep answering.
    const cli = (...args: string[]) => promisify(execFile)(process.execPath, cliArgs(...args, '--data', h.dataDir), { cwd: ROOT, encoding: 'utf8' });
    expect((await cli('identify')).stdout).toContain('identify on');
    // The identify overlay draws a bright green grid on both monitors.
    await expect.poll(() => {
      const img = shot('identify');
      return Math.min(img.stats(0, 0, 1920, 1080).green, img.stats(1920, 0, 1920, 1080).green);
    }, { timeout: 10_000, interval: 300 }).toBeGreaterThan(0.005);
    expect((await cli('identify', '--off')).stdout).toContain('identify off');
  });
});
