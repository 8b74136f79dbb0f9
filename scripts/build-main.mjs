// Bundles main/ for Node (the CLI and host) and Electron (main process and preload).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', packages: 'external', sourcemap: true, target: 'node20.19', logLevel: 'warning' };
// main/host uses import.meta.url (createRequire); in the CommonJS Electron bundle it becomes this file's URL.
const cjs = {
  format: 'cjs',
  external: ['electron'],
  define: { 'import.meta.url': '__redhallMetaUrl' },
  banner: { js: "const __redhallMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};
// ws's optional native speed-ups are tried in a try/catch and absent here.
const selfContained = { packages: 'bundle', external: ['electron', 'bufferutil', 'utf-8-validate'] };
// The CLI carries its dependencies too: one file for Node to compile instead of hundreds to
// resolve, read and link (a third less CPU before `redhall start` does anything; a restarted hall
// must be back on its screens within seconds). CommonJS packages inside an ES module need
// `require`, `__filename` and `__dirname`, which the banner gives them.
const esmSelfContained = {
  ...selfContained,
  banner: {
    js: [
      "import { createRequire as __redhallCreateRequire } from 'node:module';",
      "import { fileURLToPath as __redhallFileURLToPath } from 'node:url';",
      "import { dirname as __redhallDirname } from 'node:path';",
      'const require = __redhallCreateRequire(import.meta.url);',
      'const __filename = __redhallFileURLToPath(import.meta.url);',
      'const __dirname = __redhallDirname(__filename);',
    ].join(' '),
  },
};
await Promise.all([
  build({ ...common, entryPoints: ['main/cli/index.ts'], format: 'esm', ...esmSelfContained, outfile: 'dist/main/cli.mjs' }),
  // The Electron bundles carry their dependencies inside: the packaged app (npm run dist) ships
  // no node_modules at all, so nothing of the renderer's libraries or the dev tools comes along.
  build({ ...common, entryPoints: ['main/shell/electron-main.ts'], ...cjs, ...selfContained, outfile: 'dist/main/electron.cjs' }),
  build({ ...common, entryPoints: ['main/shell/preload.ts'], ...cjs, ...selfContained, outfile: 'dist/main/preload.cjs' }),
]);
