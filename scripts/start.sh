#!/usr/bin/env bash
# `npm start`: install what is missing, build, and start the hall on the bundled demo content.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
bash scripts/system-deps.sh start
npm run --silent build
exec node dist/main/cli.mjs start "$@"
