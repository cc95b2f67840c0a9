#!/usr/bin/env bash
# Runtime resolve with domains declared vs without (issue 15), against one Cove in one run, driven
# by the same wrk script (bench/client.lua, KIND resolve) with the same arguments: the budget is
# that declaring domains keeps resolve within 5 % of the run without.
#
#   bench/domains_resolve.sh [--duration 10] [--connections 64] [--threads 2] [--rounds 2]
#                            [--apps 200] [--hosts 20]
#   COVE_BINARY=path/to/cove skips the Release build (bench/lib.sh).
#
# Seeds with bench/runtime_setup.py (the runtime benchmark's world, smaller by default), then
# alternates: "without" (no domains, empty whitelist) and "with" (every mini-program declares five
# domains in each of its five lists, five platform whitelist hosts: bench/domains_setup.py). The
# runtime picks a change up through the catalog; a 1 s warm-up with the same script precedes each
# measured run. Each round prints both req/s and the ratio with / without.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=10
CONNECTIONS=64
WRK_THREADS=2
ROUNDS=2
APPS=200
HOSTS=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) WRK_THREADS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --apps) APPS="$2"; shift 2 ;;
    --hosts) HOSTS="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
for tool in wrk cc python3 curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
source "$ROOT/bench/lib.sh"
bench_cove_binary

WORK="$(mktemp -d /tmp/cove-bench-domains-XXXXXX)"
PORT=18090
URL="http://127.0.0.1:$PORT"
COVE_PID=""
cleanup() {
  if [[ -n "$COVE_PID" ]]; then kill "$COVE_PID" 2>/dev/null || true; wait "$COVE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
ADMIN_EMAIL=bench-admin@example.com
ADMIN_PASSWORD=Bench-Admin-Pass-9

cc -O2 -shared -fPIC -o "$WORK/sdk_sign.so" "$ROOT/bench/sdk_sign.c" -lcrypto
COVE_ADMIN_EMAIL="$ADMIN_EMAIL" COVE_ADMIN_PASSWORD="$ADMIN_PASSWORD" COVE_LOG_ACCESSLOG=false \
  COVE_HTTP_RATELIMIT_REQUESTSPERSECOND=1000000 COVE_HTTP_RATELIMIT_BURST=10000000 \
  "$COVE_BINARY" serve --listen "127.0.0.1:$PORT" --data "$WORK/data" >"$WORK/cove.log" 2>&1 &
COVE_PID=$!
for _ in $(seq 1 100); do curl -sf "$URL/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
python3 "$ROOT/bench/runtime_setup.py" seed "$URL" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$WORK" --apps "$APPS" --hosts "$HOSTS" >/dev/null
setup() { PYTHONPATH="$ROOT/bench" python3 "$ROOT/bench/domains_setup.py" "$1" "$URL" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$WORK"; }
check_answer() {  # with|without: a resolve built as client.lua builds it shows the declared lists or not
  python3 "$ROOT/bench/runtime_setup.py" capture "$URL" "$WORK" resolve >/dev/null
  python3 - "$WORK/resolve.body" "$1" <<'PY'
import json, sys
body = json.load(open(sys.argv[1]))
request = body.get("domains", {}).get("request", [])
declared = [d for d in request if "-app" in d]
ok = (len(declared) == 5 and len(request) == 10) if sys.argv[2] == "with" else not request
sys.exit(0 if ok else f"the runtime answer's domains.request is not what was set ({sys.argv[2]}): {request}")
PY
}
measure() {  # label
  wrk -t1 -c8 -d1s -s "$ROOT/bench/client.lua" "$URL" -- resolve "$WORK" >/dev/null
  local out rate
  out=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/bench/client.lua" "$URL" -- resolve "$WORK")
  rate=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  grep -q "Non-2xx" <<<"$out" && { echo "$1: non-2xx answers" >&2; echo "$out" >&2; exit 1; }
  echo "$1: $rate req/s ($(awk '/Latency/ {print "latency avg " $2 ", max " $4}' <<<"$out"))" >&2
  echo "$rate"
}

echo "cove $("$COVE_BINARY" version 2>/dev/null | head -1); $(nproc) cores; $APPS mini-programs over $HOSTS host apps;" \
  "wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s -s bench/client.lua -- resolve"
for round in $(seq 1 "$ROUNDS"); do
  setup clear >&2
  sleep 1  # the catalog rebuild after the last change
  check_answer without
  WITHOUT=$(measure "round $round, without domains")
  setup declare >&2
  sleep 1
  check_answer with
  WITH=$(measure "round $round, with domains   ")
  python3 -c "import sys; print(f'round {sys.argv[1]}: without {float(sys.argv[2]):,.0f} req/s, with {float(sys.argv[3]):,.0f} req/s, with / without = {float(sys.argv[3]) / float(sys.argv[2]):.3f}')" \
    "$round" "$WITHOUT" "$WITH"
done
