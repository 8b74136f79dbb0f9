// `npm run dist`: builds RedHall and packages it with electron-builder (electron-builder.yml).
//
//   npm run dist                 Linux AppImage + .deb (and the unpacked dir) on Linux, NSIS on Windows
//   npm run dist -- --dir        only the unpacked app (release/linux-unpacked), no installer tools needed
//   npm run dist -- --no-build   package what dist/ holds now
//   npm run dist -- --out DIR    write to DIR instead of release/
//
// Electron itself comes from ELECTRON_DIST (an unpacked Electron folder) or node_modules/electron/dist;
// electron-builder is never allowed to download it. Without either, `--dir --stand-in` packages
// the app around a stand-in folder that holds only Electron's version and licence and a script
// named `electron` that says it is not Electron: the app's resources (asar, runtime dependencies,
// extra resources) are built and can be checked, but the result does not run and no installer
// is made from it. Every run prints what it used and how big the result is.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = resolve(opt('out') ?? join(root, 'release'));
const dirOnly = flag('dir');

/** Where a real unpacked Electron is, if anywhere. */
function realElectron() {
  const candidates = [process.env.ELECTRON_DIST, join(root, 'node_modules/electron/dist')].filter(Boolean);
  return candidates.find((d) => existsSync(join(d, process.platform === 'win32' ? 'electron.exe' : 'electron')));
}

/** A folder electron-builder accepts as Electron that is plainly not Electron (see the header). */
function standIn() {
  const dir = join(out, '.electron-stand-in');
  mkdirSync(dir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'));
  writeFileSync(join(dir, 'version'), pkg.version);
  writeFileSync(join(dir, 'LICENSE'), readFileSync(join(root, 'node_modules/electron/LICENSE')));
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "RedHall: this build holds a stand-in, not Electron (no Electron binary on the build machine). Build again with ELECTRON_DIST set." >&2\nexit 1\n');
  chmodSync(join(dir, 'electron'), 0o755);
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  return dir;
}

function size(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((n, e) => n + size(join(path, e)), 0);
}
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;

let electronDist = realElectron();
let standingIn = false;
if (!electronDist) {
  if (!(dirOnly && flag('stand-in'))) {
    console.error('dist: no Electron here (set ELECTRON_DIST to an unpacked Electron folder, or install it without ELECTRON_SKIP_BINARY_DOWNLOAD).');
    console.error('      `npm run dist -- --dir --stand-in` packages the app around a stand-in to check its contents.');
    process.exit(1);
  }
  electronDist = standIn();
  standingIn = true;
}
console.log(`dist: Electron from ${electronDist}${standingIn ? ' (STAND-IN: the result does not run)' : ''}`);

if (!flag('no-build')) execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });

const { build, Platform } = await import('electron-builder');
const platform = process.platform === 'win32' ? Platform.WINDOWS : Platform.LINUX;
const targets = dirOnly ? ['dir'] : platform === Platform.LINUX ? ['dir', 'AppImage', 'deb'] : ['nsis'];
await build({
  projectDir: root,
  targets: platform.createTarget(targets),
  config: {
    extends: join(root, 'electron-builder.yml'),
    electronDist,
    directories: { output: out, buildResources: join(root, 'build') },
    // No native modules: nothing to rebuild, no Electron headers to download.
    npmRebuild: false,
    publish: null,
  },
});

const unpacked = join(out, platform === Platform.LINUX ? 'linux-unpacked' : 'win-unpacked');
const resources = join(unpacked, 'resources');
console.log(`dist: ${unpacked}: ${mb(size(unpacked))} (app.asar ${mb(size(join(resources, 'app.asar')))}${existsSync(join(resources, 'app.asar.unpacked')) ? `, app.asar.unpacked ${mb(size(join(resources, 'app.asar.unpacked')))}` : ''})`);
for (const f of readdirSync(out)) if (/\.(AppImage|deb|exe)$/.test(f)) console.log(`dist: ${f}: ${mb(size(join(out, f)))}`);
if (standingIn) console.log('dist: made around the stand-in: the app resources are real, the Electron runtime is not; no installer was made.');
