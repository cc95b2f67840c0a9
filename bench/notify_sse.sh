#!/usr/bin/env bash
# The console list under load (auth + 50 rows, wrk, 64 connections, 2 threads) with and without
# 1,000 live notification streams open (issue 16: "SSE with 1,000 open streams keeps the console
# list benchmark within 10 %"). Same server, same data, measured one after the other; the ratio
# is what counts. The streams belong to 10 operators (100 each: notify.streamsPerUser raised),
# the per-IP connection cap and rate limit are lifted for the one load generator.
#
#   bench/notify_sse.sh [--seconds 10] [--streams 1000]   # COVE_BINARY=path/to/cove skips the build
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
SECONDS_RUN=10
STREAMS=1000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_RUN="$2"; shift 2 ;;
    --streams) STREAMS="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
bench_cove_binary
WORK="$(mktemp -d /tmp/cove-sse-bench-XXXXXX)"
PID=""
SSE_PID=""
cleanup() {
  if [[ -n "$SSE_PID" ]]; then kill "$SSE_PID" 2>/dev/null || true; wait "$SSE_PID" 2>/dev/null || true; fi
  bench_stop_cove
  rm -rf "$WORK"
}
trap cleanup EXIT
BENCH_ADMIN_EMAIL=ops@example.com
BENCH_ADMIN_PASSWORD='Bench-Admin-Pass-1'
export COVE_LOG_ACCESSLOG=false COVE_HTTP_RATELIMIT_ENABLED=false COVE_HTTP_MAXCONNECTIONSPERIP=4000 \
  COVE_NOTIFY_STREAMSPERUSER=100
bench_start_cove

json() { curl -fsS -H 'Content-Type: application/json' "$@"; }
login() { json -X POST "$URL/api/v1/auth/login" -d "{\"email\":\"$1\",\"password\":\"$2\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["accessToken"])'; }
ADMIN="$(login "$BENCH_ADMIN_EMAIL" "$BENCH_ADMIN_PASSWORD")"
# The list the console shows operators: 50 organisations.
for i in $(seq 1 50); do
  json -X POST "$URL/api/v1/orgs/register" -d "{\"name\":\"Bench Org $i\",\"licenseNo\":\"SSE-BENCH-$i\",\"contactName\":\"B\",\"contactEmail\":\"b$i@bench.example\",\"contactPhone\":\"+86 21 5555 0100\",\"owner\":{\"email\":\"owner$i@bench.example\",\"password\":\"Owner-Bench-Pass-$i\",\"name\":\"O\"}}" >/dev/null
done
: >"$WORK/tokens"
for i in $(seq 1 10); do
  json -X POST "$URL/api/v1/platform/operators" -H "Authorization: Bearer $ADMIN" \
    -d "{\"email\":\"sse$i@bench.example\",\"name\":\"SSE $i\",\"role\":\"platform_reviewer\",\"password\":\"Sse-Bench-Pass-$i\"}" >/dev/null
  login "sse$i@bench.example" "Sse-Bench-Pass-$i" >>"$WORK/tokens"
done

cat >"$WORK/list.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $ADMIN"
LUA
TARGET="$URL/api/v1/platform/orgs?limit=50"
run_list() {
  wrk -t1 -c8 -d1s -s "$WORK/list.lua" "$TARGET" >/dev/null  # warm-up
  wrk -t2 -c64 -d"${SECONDS_RUN}s" -s "$WORK/list.lua" "$TARGET" | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx " $4 > "/dev/stderr"}'
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
WITHOUT="$(run_list)"
python3 "$ROOT/bench/sse_streams.py" "$URL" "$WORK/tokens" "$STREAMS" "$WORK/ready" &
SSE_PID=$!
for _ in $(seq 1 600); do [[ -s "$WORK/ready" ]] && break; sleep 0.1; done
read -r OPEN FAILED <"$WORK/ready"
RSS_KB="$(awk '/VmRSS/ {print $2}' /proc/"$PID"/status)"
WITH="$(run_list)"
echo "streams open: $OPEN (failed $FAILED); server RSS with them: $((RSS_KB / 1024)) MiB"
echo "console list req/s without streams: $WITHOUT"
echo "console list req/s with $OPEN streams: $WITH"
python3 -c "print(f'ratio with/without: {float($WITH)/float($WITHOUT):.3f}')"
