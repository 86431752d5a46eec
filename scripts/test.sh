#!/usr/bin/env bash
# The whole test suite: type-check and lint, then unit, simulation (SIM_SEEDS seeds, default 2000, on 3 and 5
# nodes) and integration (real processes) tests. Ends with one summary line "N passed, N failed" read by CI.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh || exit 1
echo "test: type-checking tests and linting"
npx tsc -p tsconfig.test.json || exit 1
npx biome check . || exit 1
report=$(mktemp -t tskube-vitest-XXXXXX.json)
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
node scripts/test-summary.mjs "$report" || status=1
rm -f "$report"
exit $status
