#!/usr/bin/env bash
# The README's second command: installs the dependencies, builds everything in build-test/ with
# warnings as errors (ccache keeps rebuilds fast) and runs every test suite. Exits non-zero if
# the build or any test fails, and if a suite is missing or could not run: a suite that is
# silently skipped would let "all suites passed" lie. COVE_JOBS sets build parallelism (default:
# all cores).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

jobs="${COVE_JOBS:-$(nproc)}"
# Let ccache share results between clones of the repository (CI builds a fresh clone each time).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
generator=()
[[ -f build-test/CMakeCache.txt ]] || generator=(-G Ninja)
# COVE_WEB and COVE_TESTS are set every time: a cache left with either off would drop suites.
cmake -S . -B build-test "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DCOVE_WERROR=ON -DCOVE_TESTS=ON \
      -DCOVE_WEB=ON
cmake --build build-test -j "$jobs"

# Every ctest suite that must run; ctest itself only runs what happens to be registered.
#   unit, conformance, api   Catch2 (tests/unit, tests/conformance, tests/api: also runs the binary)
#   web_unit_tests           the console's Vitest suite (web/tests)
#   metrics_lint             /metrics of a running server through promtool (tests/contract)
#   openapi_lint             docs/openapi.json generated and lint-clean under Redocly (tests/contract)
#   error_codes              docs/error-codes.json current with the source (scripts/error_codes.py)
#   oauth_client             the real binary signed into by Debian's python3-authlib (tests/oauth_client)
required=(unit conformance api web_unit_tests metrics_lint openapi_lint error_codes oauth_client)
registered="$(cd build-test && ctest -N | sed -n 's/^ *Test *#[0-9]*: *//p')"
for suite in "${required[@]}"; do
  if ! grep -qx "$suite" <<<"$registered"; then
    echo "test: the $suite suite is not registered in build-test; it would not run" >&2
    exit 1
  fi
done
(cd build-test && ctest --output-on-failure --no-tests=error)

# Web console end-to-end tests (Playwright against build-test/cove): tests/e2e/run.sh receives the
# binary and exits non-zero on failure. Missing or not executable, it is a failure, not a skip.
e2e=tests/e2e/run.sh
if [[ ! -f "$e2e" ]]; then
  echo "test: $e2e is missing: the end-to-end suite cannot run" >&2
  exit 1
fi
if [[ ! -x "$e2e" ]]; then
  echo "test: $e2e is not executable, so the end-to-end suite cannot run" \
       "(restore its mode: chmod +x $e2e; git update-index --chmod=+x $e2e)" >&2
  exit 1
fi
"$e2e" "$PWD/build-test/cove"

echo "test: all suites passed (ctest: ${required[*]}; end to end: $e2e)"
