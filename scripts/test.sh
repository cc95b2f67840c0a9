#!/usr/bin/env bash
# The README's second command: installs the dependencies, builds everything in build-test/ with
# warnings as errors (ccache keeps rebuilds fast) and runs every test suite. Exits non-zero if
# the build or any test fails. COVE_JOBS sets build parallelism (default: all cores).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

jobs="${COVE_JOBS:-$(nproc)}"
# Let ccache share results between clones of the repository (CI builds a fresh clone each time).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
generator=()
[[ -f build-test/CMakeCache.txt ]] || generator=(-G Ninja)
cmake -S . -B build-test "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DCOVE_WERROR=ON -DCOVE_TESTS=ON
cmake --build build-test -j "$jobs"

# Unit and API suites (the API suite also runs the built binary: CLI, signals, backups).
(cd build-test && ctest --output-on-failure)

# Web console end-to-end tests (tests/e2e, Playwright against build-test/cove) plug in here:
# tests/e2e/run.sh receives the binary and must exit non-zero on failure.
if [[ -x tests/e2e/run.sh ]]; then
  tests/e2e/run.sh "$PWD/build-test/cove"
fi

echo "test: all suites passed"
