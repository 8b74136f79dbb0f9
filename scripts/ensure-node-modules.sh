#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than the lock file.
# Electron's binary is fetched from outside the npm registry; skip it unless asked for.
set -euo pipefail
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "redhall: installing npm dependencies"
  npm ci --no-audit --no-fund
fi
