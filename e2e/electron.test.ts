import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectron } from '../main/shell/pick';
import { startXorg, xorgAvailable, type XServer } from './xorg';
import { ROOT } from './hall-harness';
import { waitUntil } from './wait';

const electron = findElectron();
const why = !electron
  ? 'the Electron binary is not installed (npm installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1 here; the shell was tested against a fake electron module in main/shell/electron.test.ts)'
  : !xorgAvailable()
    ? 'Xorg with the dummy driver is missing'
    : undefined;
if (why) console.warn(`SKIPPED e2e/electron.test.ts: ${why}`);

describe.skipIf(!!why)('the Electron shell, for real', () => {
  let x: XServer | undefined;
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'redhall-electron-'));
  afterAll(async () => {
    child?.kill('SIGTERM');
    await x?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the hall inside Electron and the kiosk connects', async () => {
    x = await startXorg(2);
    child = spawn(electron!, [join(ROOT, 'dist', 'main', 'electron.cjs'), `--data=${dataDir}`], { env: { ...process.env, DISPLAY: x.display }, stdio: 'inherit' });
    let port = 0;
    await waitUntil('host.json', () => {
      port = (JSON.parse(readFileSync(join(dataDir, 'run', 'host.json'), 'utf8')) as { port: number }).port;
      return port > 0;
    }, 60_000);
    await waitUntil('surfaces to connect', async () => {
      const h = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { surfaces: Array<{ connected: boolean }> };
      return h.surfaces.length === 2 && h.surfaces.every((s) => s.connected);
    }, 60_000);
    const h = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { surfaces: Array<{ role: string }> };
    expect(h.surfaces.map((s) => s.role)).toEqual(['kiosk', 'wall']);
  });
});
