#!/usr/bin/env bash
# Runs every test file with node's own test runner (TypeScript through tsx). Files run two at a time:
# the machine has two cores and the integration tests start their own Redis and HTTP servers.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find test -name '*.test.ts' -not -path '*/fixtures/*' | sort)
if [ ${#files[@]} -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
# A file that hangs past its own timeout can keep the runner waiting on it: bound the whole suite at 30 minutes
# so a hang fails loudly instead of eating CI's 90 minutes. The suite takes about 7 minutes on an idle
# 2-core machine and 14.5 beside a second copy of itself (measured), so the bound leaves room for a loaded machine.
limit="${OGI_TEST_SUITE_TIMEOUT:-1800}"
set +e
timeout --signal=TERM --kill-after=30 "$limit" \
  node --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-2}" --test-timeout=300000 "$@" "${files[@]}"
rc=$?
set -e
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
  echo "test suite stopped after ${limit}s: a test file hung (see the last 'not ok' or unfinished file above)" >&2
fi
exit "$rc"
