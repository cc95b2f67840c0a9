#!/usr/bin/env bash
# The README's first command: installs the build dependencies, builds an optimised `cove` in
# build/ and runs it on http://127.0.0.1:8080 with its data in ./data. Extra arguments go to
# `cove serve` (e.g. `scripts/run.sh --listen 0.0.0.0:8080`).
#
# The first start creates the platform operator from these variables (ignored afterwards):
#   COVE_ADMIN_EMAIL     default admin@example.com
#   COVE_ADMIN_PASSWORD  default: a random password generated and printed once on first start
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

generator=()
[[ -f build/CMakeCache.txt ]] || generator=(-G Ninja)
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release
cmake --build build --target cove -j "$(nproc)"

export COVE_ADMIN_EMAIL="${COVE_ADMIN_EMAIL:-admin@example.com}"
if [[ ! -e data/cove.db ]]; then
  if [[ -z "${COVE_ADMIN_PASSWORD:-}" ]]; then
    # No shared default password: a fresh one for this installation, shown once.
    COVE_ADMIN_PASSWORD="Cove-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')-9a"
    echo "run: first start; sign in as ${COVE_ADMIN_EMAIL} with password: ${COVE_ADMIN_PASSWORD}"
  else
    echo "run: first start; the platform operator will be ${COVE_ADMIN_EMAIL}"
  fi
  export COVE_ADMIN_PASSWORD
fi
exec build/cove serve --listen 127.0.0.1:8080 --data ./data "$@"
