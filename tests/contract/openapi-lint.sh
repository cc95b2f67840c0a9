#!/usr/bin/env bash
# Checks the API contract, docs/openapi.json (ctest: openapi_lint):
#   1. it is exactly what scripts/openapi/build.py generates from scripts/openapi/*.py;
#   2. Redocly CLI (pinned in package-lock.json here) finds no error and no warning with the
#      recommended-strict ruleset (redocly.yaml), which makes every recommended rule an error.
# Needs python3, node and npm (the npm registry, only while package-lock.json is not installed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

python3 "$root/scripts/openapi/build.py" --check

cd "$here"
# The lock file pins @redocly/cli; skip npm when that exact lock is installed already.
if ! cmp -s package-lock.json node_modules/.cove-installed-lock 2>/dev/null; then
  npm ci --prefer-offline --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.cove-installed-lock
fi

# No usage reports to Redocly and no update check: the lint needs nothing beyond npm.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
out="$(node_modules/.bin/redocly lint --config redocly.yaml --format stylish "$root/docs/openapi.json" 2>&1)" || {
  echo "$out" >&2
  echo "openapi-lint: docs/openapi.json has lint errors (fix scripts/openapi/*.py, then run build.py)" >&2
  exit 1
}
echo "$out"
# recommended-strict leaves no rule at "warn"; this catches one that a change to redocly.yaml adds.
if grep -qiE '\bwarnings?\b' <<<"$out"; then
  echo "openapi-lint: Redocly reported warnings; the contract must lint clean" >&2
  exit 1
fi
