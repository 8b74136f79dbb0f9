#!/usr/bin/env bash
# `npm test`: install what is missing, then typecheck, lint, build and run every test.
#
# The e2e files run one after another (real Chromium on Xorg monitors) and are most of the time,
# so they start as soon as the build is done; typecheck and lint (at a lower CPU priority, from
# the start) and the unit tests (from the end of the build) run beside them in their own
# processes, their output kept in .data/test-logs/ and printed once everything has finished.
# One vitest run could not do this: it runs its projects one after the other, and on two cores
# its default pool has a single worker. The exit code is non-zero when any step failed.
#
# `npm test -- ARGS` (a file, a filter, a project) runs one vitest with ARGS, as before.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
bash scripts/system-deps.sh test
mkdir -p .data

if [ $# -gt 0 ]; then
  npm run --silent typecheck
  npm run --silent lint
  npm run --silent build
  set +e
  npx vitest run --reporter=default --reporter=json --outputFile.json=.data/vitest.json "$@"
  code=$?
  set -e
  node scripts/test-summary.mjs .data/vitest.json
  exit $code
fi

logs=.data/test-logs
rm -rf "$logs" .data/vitest.json .data/vitest-unit.json .data/vitest-e2e.json
mkdir -p "$logs"
# Typecheck, then lint, one after the other (each wants a core and a good deal of memory).
(
  set +e
  nice -n 10 npm run --silent typecheck >"$logs/typecheck.log" 2>&1
  echo $? >"$logs/typecheck.code"
  nice -n 10 npm run --silent lint >"$logs/lint.log" 2>&1
  echo $? >"$logs/lint.code"
) &
checks=$!

set +e
npm run --silent build
build=$?
unit=1
e2e=1
if [ $build -eq 0 ]; then
  npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=.data/vitest-unit.json >"$logs/unit.log" 2>&1 &
  unitpid=$!
  npx vitest run --project e2e --reporter=default --reporter=json --outputFile.json=.data/vitest-e2e.json
  e2e=$?
  wait $unitpid
  unit=$?
  echo
  echo "=== unit tests (ran beside the e2e files) ==="
  cat "$logs/unit.log"
else
  echo "redhall: the build failed; no tests were run" >&2
fi
wait $checks
typecheck=$(cat "$logs/typecheck.code" 2>/dev/null || echo 1)
lint=$(cat "$logs/lint.code" 2>/dev/null || echo 1)
set -e
for step in typecheck lint; do
  if [ "${!step}" -ne 0 ] || [ -s "$logs/$step.log" ]; then
    echo
    echo "=== $step (exit ${!step}) ==="
    cat "$logs/$step.log"
  fi
done

verdict() { [ "$1" -eq 0 ] && echo ok || echo FAILED; }
echo "steps: typecheck $(verdict "$typecheck"), lint $(verdict "$lint"), build $(verdict $build), unit tests $(verdict $unit), e2e tests $(verdict $e2e)"
# The closing line CI reads: the unit and e2e reports together (also kept as .data/vitest.json).
node scripts/test-summary.mjs --merge .data/vitest.json .data/vitest-unit.json .data/vitest-e2e.json
[ "$typecheck" -eq 0 ] && [ "$lint" -eq 0 ] && [ $build -eq 0 ] && [ $unit -eq 0 ] && [ $e2e -eq 0 ]
