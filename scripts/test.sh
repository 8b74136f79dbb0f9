#!/usr/bin/env bash
# `npm test`: install what is missing, then typecheck, lint, build and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
bash scripts/system-deps.sh test
npm run --silent typecheck
npm run --silent lint
npm run --silent build
mkdir -p .data
set +e
npx vitest run --reporter=default --reporter=json --outputFile.json=.data/vitest.json "$@"
code=$?
set -e
node scripts/test-summary.mjs .data/vitest.json
exit $code
