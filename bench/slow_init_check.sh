#!/usr/bin/env bash
# Shows that bench/measure.py's cross-check catches the fault that inflated the old runtime
# figures: a wrk script whose init() is slow (the old bench/runtime.lua read millions of
# pre-signed requests there). wrk runs each thread's init() before starting that thread and
# starts its clock after the last one, so the first threads work outside the measured window.
#
#   bench/slow_init_check.sh [--seconds 2]
#
# Drives bench/limit_server.c twice with bench/client.lua (kind healthz): as it is, and with
# init() made to spin for --seconds more. Exits 0 when the first run agrees with the server's
# counter and the second is flagged, 1 otherwise. Measure under a quiet machine for figures;
# the verdict does not depend on them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_SLOW=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_SLOW="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
WORK="$(mktemp -d /tmp/cove-slow-init-XXXXXX)"
PID=""
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cc -O2 -o "$WORK/limit_server" "$ROOT/bench/limit_server.c" -lpthread
printf 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{"status":"ok"}' >"$WORK/healthz.response"
"$WORK/limit_server" 18093 "$WORK/healthz.response" 18094 2 &
PID=$!
for _ in $(seq 1 100); do curl -fsS -o /dev/null http://127.0.0.1:18094/ 2>/dev/null && break; sleep 0.05; done

cp "$ROOT/bench/client.lua" "$WORK/slow.lua"
cat >>"$WORK/slow.lua" <<LUA
local client_init = init
function init(args)
  client_init(args)
  local until_ = os.clock() + $SECONDS_SLOW  -- CPU seconds, as reading a large file costs them
  while os.clock() < until_ do end
end
LUA

run() {  # row script
  python3 "$ROOT/bench/measure.py" run "$WORK/results.jsonl" --row "$1" --server limit \
    --counter http://127.0.0.1:18094/ --pid "$PID" -- -t2 -c64 -d5s -s "$2" http://127.0.0.1:18093/ -- healthz "$WORK"
}
echo "bench/client.lua as it is:" >&2
run plain "$ROOT/bench/client.lua"
echo "bench/client.lua with init() ${SECONDS_SLOW} s slower:" >&2
run slow "$WORK/slow.lua"
python3 - "$WORK/results.jsonl" <<'PY'
import json, sys
runs = {r["row"]: r for r in map(json.loads, open(sys.argv[1]))}
plain, slow = runs["plain"], runs["slow"]
ok = not plain["flags"] and any(f.startswith("counter disagrees") for f in slow["flags"])
print(f"plain: wrk {plain['wrk_rps']:,.0f} req/s, server {plain['server_rps']:,.0f}; "
      f"slow init(): wrk {slow['wrk_rps']:,.0f} req/s, server {slow['server_rps']:,.0f} "
      f"(wrk overstates by {slow['wrk_rps'] / slow['server_rps'] - 1:.0%})")
print("the cross-check caught it" if ok else "the cross-check did NOT behave as expected")
sys.exit(0 if ok else 1)
PY
