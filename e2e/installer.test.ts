// What a hall's installer receives: `npm run dist -- --dir` (scripts/dist.mjs, electron-builder.yml)
// packaged into a temporary folder, then its resources checked. With a real Electron (ELECTRON_DIST
// or node_modules/electron/dist) the packaged executable is started too; without one, the app is
// packaged around dist.mjs's stand-in (Electron's version and licence, a script that is not
// Electron), so the packaged main bundle is started in plain Node with a fake Electron module
// instead: the host, the renderer and the demo content all come from the package.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from './wait';

const root = resolve(import.meta.dirname, '..');
const realElectron = [process.env.ELECTRON_DIST, join(root, 'node_modules/electron/dist')].some((d) => d && existsSync(join(d, 'electron')));

let out: string;
let unpacked: string;
let files: string[];
let extracted: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'redhall-dist-'));
  const built = existsSync(join(root, 'dist/renderer/index.html')) && existsSync(join(root, 'dist/main/electron.cjs'));
  const args = ['scripts/dist.mjs', '--dir', '--out', out, ...(realElectron ? [] : ['--stand-in']), ...(built ? ['--no-build'] : [])];
  const log = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // The size, as the dist script printed it.
  console.log(log.split('\n').filter((l) => l.startsWith('dist:')).join('\n'));
  unpacked = join(out, 'linux-unpacked');
  const asar = await import('@electron/asar');
  files = asar.listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
  extracted = join(out, 'extracted');
  asar.extractAll(join(unpacked, 'resources', 'app.asar'), extracted);
}, 300_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the packaged app (electron-builder dir target)', () => {
  it('holds the built renderer with every script and style its pages name, the main bundles, the shared assets and the demo pack', () => {
    for (const f of ['/package.json', '/dist/main/electron.cjs', '/dist/main/preload.cjs', '/assets/screens/fault.html', '/assets/screens/wait.html', '/assets/brand/mark.svg', '/assets/sounds/warn.wav', '/content/demo-hall/pack.yaml']) expect(files).toContain(f);
    for (const page of ['index.html', 'phone/index.html', 'dm/index.html', 'table/index.html']) {
      const html = readFileSync(join(extracted, 'dist/renderer', page), 'utf8');
      const refs = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css|svg))"/g)].map((m) => m[1]!);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect([page, ref, existsSync(resolve(join(extracted, 'dist/renderer', page, '..'), ref))]).toEqual([page, ref, true]);
    }
    expect(JSON.parse(readFileSync(join(extracted, 'package.json'), 'utf8')).main).toBe('dist/main/electron.cjs');
    // Start at boot on Linux: the launcher and the autostart entry the .deb installs.
    for (const f of ['redhall-hall.sh', 'redhall-autostart.desktop']) expect(existsSync(join(unpacked, 'resources/linux', f))).toBe(true);
  });

  it('holds nothing of tests, source maps, sources or dev dependencies, and no node_modules: the main bundle carries its runtime dependencies', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /\.test\.|\/e2e\/|\/bench\/|\/tools\//.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(ts|tsx|mts)$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith('/node_modules'))).toEqual([]);
    expect(files.filter((f) => /^\/(core|main|renderer|scripts)\//.test(f))).toEqual([]);
    // Every module the packaged main process can load is Node's own or Electron (ws's optional
    // native speed-ups are tried in a try/catch): all the rest is inside the bundle.
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    for (const bundle of ['electron.cjs', 'preload.cjs']) {
      const code = readFileSync(join(extracted, 'dist/main', bundle), 'utf8');
      const required = new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]!));
      // ajv and fast-json-stringify carry require("…") as text for their standalone code generation
      // (e.g. `equal.code = 'require("ajv/dist/runtime/equal").default'`), never called here: the
      // start test below runs the bundle under a loader that refuses every module not Node's own.
      const codegenText = /^(ajv\/dist\/runtime\/|ajv-formats\/dist\/formats$|fast-json-stringify\/lib\/)/;
      const outside = [...required].filter((m) => !builtins.has(m) && m !== 'electron' && !m.startsWith('.') && !codegenText.test(m));
      expect([bundle, outside.sort()]).toEqual([bundle, ['bufferutil', 'utf-8-validate'].filter((m) => required.has(m))]);
    }
  });

  it('prints its size', () => {
    const size = (p: string): number => Number(execFileSync('du', ['-sb', p], { encoding: 'utf8' }).split('\t')[0]);
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    console.log(`packaged app: ${mb(size(unpacked))} unpacked, app.asar ${mb(size(join(unpacked, 'resources/app.asar')))}${realElectron ? '' : ' (around the stand-in: a real Electron adds about 250 MB)'}`);
    expect(size(join(unpacked, 'resources/app.asar'))).toBeGreaterThan(0);
  });

  it('starts from its own files: the packaged main bundle runs the hall (fake Electron module, plain Node)', async () => {
    const data = join(out, 'data');
    const script = join(out, 'start-packaged.cjs');
    writeFileSync(script, PACKAGED_START);
    let child: ChildProcess | undefined;
    try {
      let text = '';
      child = spawn(process.execPath, [script, extracted, data], { cwd: out, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.on('data', (b: Buffer) => (text += b.toString()));
      child.stderr!.on('data', (b: Buffer) => (text += b.toString()));
      await waitUntil('the packaged hall to listen', () => /PORT (\d+)/.test(text), 60_000);
      const port = Number(/PORT (\d+)/.exec(text)![1]);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(readFileSync(join(extracted, 'dist/renderer/index.html'), 'utf8'));
      const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { surfaces: { id: string; role: string }[] };
      expect(health.surfaces.map((s) => s.role)).toEqual(['kiosk', 'wall']);
      // The demo pack, installed from the package's content/ into the data folder, is served.
      expect((await fetch(`http://127.0.0.1:${port}/packs/demo-hall/media/map/park.svg`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/shared/screens/fault.html`)).status).toBe(200);
      // Each display got a window at its surface's page.
      expect(text).toMatch(/LOADED http:\/\/127\.0\.0\.1:\d+\/#\/kiosk\?surface=/);
      expect(text).toMatch(/LOADED http:\/\/127\.0\.0\.1:\d+\/#\/wall\?surface=/);
    } finally {
      child?.kill('SIGTERM');
    }
  }, 120_000);

  it.skipIf(!realElectron)('starts as the packaged executable (needs a real Electron: none on this machine, only the stand-in)', () => {
    // With a real Electron the executable itself must come up; --version exits at once.
    const v = execFileSync(join(unpacked, 'redhall'), ['--version'], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    expect(v.trim()).toMatch(/^v\d+\./);
  });
});

// Runs the packaged electron.cjs with a fake Electron module: two displays, windows that record
// the page they load. Nothing here comes from the repository: only the extracted package.
const PACKAGED_START = String.raw`
const Module = require('node:module');
const [appDir, dataDir] = process.argv.slice(2);
const displays = [{ id: 1, label: 'A', bounds: { x: 0, y: 0, width: 1920, height: 1080 } }, { id: 2, label: 'B', bounds: { x: 1920, y: 0, width: 1920, height: 1080 } }];
class Win {
  constructor() {
    this.destroyed = false;
    this.webContents = { on() {}, setWindowOpenHandler() {}, setVisualZoomLevelLimits() {}, forcefullyCrashRenderer() {}, reload() {},
      session: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } };
  }
  once() {}
  show() {}
  async loadURL(url) { console.log('LOADED ' + url); }
  destroy() { this.destroyed = true; }
  isDestroyed() { return this.destroyed; }
}
const electron = {
  app: { requestSingleInstanceLock: () => true, quit: () => process.exit(0), on() {}, whenReady: async () => {}, getAppPath: () => appDir },
  screen: { getAllDisplays: () => displays, getPrimaryDisplay: () => displays[0] },
  powerSaveBlocker: { start: () => 1, stop() {} },
  BrowserWindow: Win,
};
// Anything the bundle asks for beyond Node's own modules and 'electron' fails loudly.
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'electron') return electron;
  if (!Module.isBuiltin(request) && !request.startsWith('.') && !request.startsWith('/')) throw new Error('packaged app asked for ' + request);
  return load.call(this, request, parent, isMain);
};
const main = require(appDir + '/dist/main/electron.cjs');
main.runElectronMain(electron, ['electron', 'x', '--data=' + dataDir, '--port=0'], appDir + '/dist/main/preload.cjs')
  .then((hall) => { console.log('PORT ' + hall.host.port); process.on('SIGTERM', () => hall.stop().finally(() => process.exit(0))); })
  .catch((e) => { console.error('FAILED ' + (e && e.stack || e)); process.exit(1); });
`;
