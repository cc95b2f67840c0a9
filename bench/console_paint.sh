#!/usr/bin/env bash
# First contentful paint of the console's sign-in page in headless chromium, against a fresh
# `cove serve` on a loopback port (bench/console_paint.mjs does the measuring).
#
#   bench/console_paint.sh [--runs 10]      # COVE_BINARY=path/to/cove skips the Release build
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

source "$ROOT/bench/lib.sh"
bench_cove_binary
export COVE_BINARY
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$CHROMIUM" ]] || { echo "no chromium at $CHROMIUM (scripts/install-deps.sh installs it)" >&2; exit 2; }

# playwright-core as the e2e suite pins it (no browser download).
cd "$ROOT/tests/e2e"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if ! cmp -s package-lock.json node_modules/.cove-installed-lock 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.cove-installed-lock
fi
node "$ROOT/bench/console_paint.mjs" "$RUNS"
