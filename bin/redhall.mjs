#!/usr/bin/env node
// The installed `redhall` command runs the built CLI (npm run build).
await import('../dist/main/cli.mjs');
