// Bundles main/ for Node (the CLI and host) and Electron (main process and preload).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', packages: 'external', sourcemap: true, target: 'node20', logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['main/cli/index.ts'], format: 'esm', outfile: 'dist/main/cli.mjs' }),
]);
