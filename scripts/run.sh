#!/usr/bin/env bash
# The README's first command: installs the build dependencies, builds an optimised `cove` in
# build/ and runs it on http://127.0.0.1:8080 with its data in ./data. Extra arguments go to
# `cove serve` (e.g. `scripts/run.sh --listen 0.0.0.0:8080`).
#
# The first start creates the platform operator from these variables (ignored afterwards):
#   COVE_ADMIN_EMAIL     default admin@example.com
#   COVE_ADMIN_PASSWORD  default Cove-Admin-Change-Me-1 (change it after signing in, or set
#                        your own before the first start)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

generator=()
[[ -f build/CMakeCache.txt ]] || generator=(-G Ninja)
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release
cmake --build build --target cove -j "$(nproc)"

export COVE_ADMIN_EMAIL="${COVE_ADMIN_EMAIL:-admin@example.com}"
export COVE_ADMIN_PASSWORD="${COVE_ADMIN_PASSWORD:-Cove-Admin-Change-Me-1}"
if [[ ! -e data/cove.db ]]; then
  echo "run: first start; the platform operator will be ${COVE_ADMIN_EMAIL}"
fi
exec build/cove serve --listen 127.0.0.1:8080 --data ./data "$@"
