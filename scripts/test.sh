#!/usr/bin/env bash
# Runs every test file with node's own test runner (TypeScript through tsx). Files run two at a time:
# the machine has two cores and the integration tests start their own Redis and HTTP servers.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find test -name '*.test.ts' -not -path '*/fixtures/*' | sort)
if [ ${#files[@]} -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
exec node --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-2}" --test-timeout=300000 "$@" "${files[@]}"
