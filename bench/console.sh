#!/usr/bin/env bash
# Sign-in latency at the production scrypt cost (N = 2^15): 5 sequential logins with curl. The
# console list under load (auth + 50 rows) is a row of bench/run.sh, beside nginx and the limit.
#
#   bench/console.sh      # COVE_BINARY=path/to/cove skips the Release build
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
bench_cove_binary
DATA="$(mktemp -d /tmp/cove-console-bench-XXXXXX)"
PID=""
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT
COVE_ADMIN_EMAIL=ops@example.com COVE_ADMIN_PASSWORD='Bench-Admin-Pass-1' \
  "$COVE_BINARY" serve --listen 127.0.0.1:18095 --data "$DATA/data" >"$DATA/cove.log" 2>&1 &
PID=$!
B=http://127.0.0.1:18095
for _ in $(seq 1 100); do curl -fsS -o /dev/null "$B/readyz" 2>/dev/null && break; sleep 0.05; done
echo "sign-in latency (5 sequential runs, scrypt N=2^15), load $(cut -d' ' -f1-3 /proc/loadavg):"
for _ in 1 2 3 4 5; do
  curl -fsS -o /dev/null -w "%{time_total}\n" -X POST "$B/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"ops@example.com","password":"Bench-Admin-Pass-1"}'
done
