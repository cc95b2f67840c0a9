#!/usr/bin/env bash
# Runs the console's end-to-end tests against a built cove binary:
#   tests/e2e/run.sh path/to/cove
# Installs playwright-core (no browser download: it drives Debian's /usr/bin/chromium, or
# $CHROMIUM), then runs every *.test.mjs with node's test runner. Screenshots, the server log and
# metrics.json go to tests/e2e/artifacts/. Exits non-zero when a test fails.
set -euo pipefail

binary="${1:?usage: tests/e2e/run.sh path/to/cove}"
[[ -x "$binary" ]] || { echo "e2e: $binary is not an executable" >&2; exit 2; }
COVE_BINARY="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
export COVE_BINARY
cd "$(dirname "$0")"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$CHROMIUM" ]] || { echo "e2e: no chromium at $CHROMIUM (scripts/install-deps.sh installs it)" >&2; exit 2; }

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# The lock file pins playwright-core; skip npm when that exact lock is installed already.
if ! cmp -s package-lock.json node_modules/.cove-installed-lock 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.cove-installed-lock
fi

suites=(console.test.mjs gray.test.mjs console-more.test.mjs setup.test.mjs polish.test.mjs oplog.test.mjs review.test.mjs domains.test.mjs cases.test.mjs certificates.test.mjs notify.test.mjs webhooks.test.mjs articles.test.mjs search.test.mjs oauth.test.mjs)
# A test file missing from the list above would never run, and nothing would say so.
for file in *.test.mjs; do
  [[ " ${suites[*]} " == *" $file "* ]] || { echo "e2e: $file is not in run.sh's list of suites" >&2; exit 2; }
done

# A fresh artifacts folder each run, except before/: pictures of an older console kept for comparison.
mkdir -p artifacts && find artifacts -mindepth 1 -maxdepth 1 ! -name before -exec rm -rf {} +
# Each file's tests run in order (a file's tests share its story's state); flags that Node 18 knows.
node --test --test-reporter=spec "${suites[@]}"
