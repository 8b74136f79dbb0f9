#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or was installed from another lock file.
# Electron's binary is fetched from outside the npm registry; skip it unless asked for.
#
# The lock file is compared by content (a sha256 stamp written after each install), not by
# modification time: a fresh checkout or a git worktree gives package-lock.json a new mtime
# without changing a byte, and reinstalling then is slow at best. When node_modules is a link
# to another checkout's packages, `npm ci` would empty that shared folder for everyone using it,
# so a mismatch there is reported instead of installed.
set -euo pipefail
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
stamp=node_modules/.redhall-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)

if [ -f node_modules/.package-lock.json ]; then
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
  fi
  if [ ! -f "$stamp" ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
    # Installed before stamps existed, from a lock file no newer than the install: trust it once.
    echo "$want" >"$stamp"
    exit 0
  fi
fi

if [ -L node_modules ]; then
  echo "redhall: node_modules links to $(readlink node_modules), whose packages were installed from" >&2
  echo "another package-lock.json; install there (npm ci in that checkout), not through the link." >&2
  exit 1
fi
echo "redhall: installing npm dependencies"
npm ci --no-audit --no-fund
echo "$want" >"$stamp"
