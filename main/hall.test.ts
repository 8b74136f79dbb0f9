import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHall, type RunningHall } from './hall';
import type { Shell } from './shell/types';

// The host as the hall assembles it (every route and hook registered), not a bare app.
const noScreens: Shell = {
  name: 'chromium',
  displays: async () => ({ displays: [{ index: 0, name: 'TEST0', x: 0, y: 0, width: 1920, height: 1080, primary: true }], source: 'test' }),
  open: async () => {},
  restart: () => {},
  running: () => false,
  close: async () => {},
};

let hall: RunningHall | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await hall?.stop();
  hall = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('assembled host', () => {
  it('keeps the sandbox policy on pack files and the page policy on pages', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'redhall-hall-'));
    hall = await startHall({ rootDir: resolve(import.meta.dirname, '..'), dataDir, port: 0, shell: noScreens, log: () => {} });
    const base = `http://127.0.0.1:${hall.host.port}`;
    const svg = await fetch(`${base}/packs/demo-hall/media/images/red-boat.svg`);
    expect(svg.status).toBe(200);
    const policy = svg.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain('sandbox');
    expect(policy).not.toContain("script-src 'self'");
    const health = await fetch(`${base}/api/health`);
    expect(health.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('knows the hall by the LAN names hall.yaml gives (hostNames) and refuses others', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'redhall-hall-'));
    const hallFile = join(dataDir, 'hall.yaml');
    writeFileSync(hallFile, 'listen: lan\nhostNames: [redhall.lan]\n');
    hall = await startHall({ rootDir: resolve(import.meta.dirname, '..'), dataDir, hallFile, port: 0, shell: noScreens, log: () => {} });
    const port = hall.host.port;
    const status = (host: string) =>
      new Promise<number>((ok, fail) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/health', headers: { host } }, (res) => {
          res.resume();
          ok(res.statusCode ?? 0);
        });
        req.on('error', fail);
        req.end();
      });
    expect(await status(`redhall.lan:${port}`)).toBe(200);
    expect(await status(`REDHALL.LAN:${port}`)).toBe(200);
    expect(await status(`evil.example:${port}`)).toBe(403);
  });
});
