#!/usr/bin/env bash
# The whole test suite: unit, simulation (SIM_SEEDS seeds on 3 and 5 nodes), integration (real processes).
# Ends with one summary line "N passed, N failed" read by CI.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh || exit 1
report=$(mktemp -t tskube-vitest-XXXXXX.json)
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
node scripts/test-summary.mjs "$report" || status=1
rm -f "$report"
exit $status
