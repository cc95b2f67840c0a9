#!/usr/bin/env bash
# Search with a large catalogue (issue 18): seeds COUNT mini-programs (default 100,000) straight
# into the database, rebuilds the index with `cove search reindex` (build time, database growth,
# peak memory), then drives the runtime search with wrk (bench/client.lua, kind `search`):
# throughput at 64 connections beside the runtime resolve, and p99 at a paced load.
#
#   bench/search.sh [COUNT]        (COVE_BINARY=… to skip the build; RATE per thread, default 500)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/lib.sh"
COUNT="${1:-100000}"
RATE="${RATE:-500}"
WORK="$(mktemp -d)"
PID=""
trap 'bench_stop_cove; rm -rf "$WORK"' EXIT
bench_cove_binary
cc -O2 -shared -fPIC -o "$WORK/sdk_sign.so" "$ROOT/bench/sdk_sign.c" -lcrypto

BENCH_ADMIN_EMAIL="bench-admin@example.com"
BENCH_ADMIN_PASSWORD="Bench-Admin-Pass-$RANDOM-9"
export COVE_HTTP_RATELIMIT_REQUESTSPERSECOND=1000000 COVE_HTTP_RATELIMIT_BURST=10000000 COVE_LOG_ACCESSLOG=false
bench_start_cove
python3 "$ROOT/bench/runtime_setup.py" seed "$URL" "$BENCH_ADMIN_EMAIL" "$BENCH_ADMIN_PASSWORD" "$WORK" --apps 10 --hosts 1 >&2
bench_stop_cove

DB="$WORK/data/cove.db"
python3 "$ROOT/bench/search_seed.py" "$DB" "$WORK" "$COUNT" >&2
before=$(stat -c %s "$DB")
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$WORK/reindex.rss" "$COVE_BINARY" search reindex --data "$WORK/data" >"$WORK/reindex.out"
end=$(date +%s.%N)
python3 - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("PRAGMA wal_checkpoint(TRUNCATE)"); db.close()
PY
after=$(stat -c %s "$DB")
echo "index build: $(cat "$WORK/reindex.out")"
echo "index build wall time: $(python3 -c "print(round($end - $start, 1))") s, peak RSS $(( $(cat "$WORK/reindex.rss") / 1024 )) MiB"
echo "database: $(( before / 1048576 )) MiB before the index, $(( after / 1048576 )) MiB after (+$(( (after - before) / 1048576 )) MiB)"

bench_start_cove
run() {  # kind, extra wrk args…
  local kind="$1"; shift
  wrk -t2 -c64 -d10s "$@" -s "$ROOT/bench/client.lua" "$URL" -- "$kind" "$WORK" | grep wrk-result
}
echo "throughput, 64 connections, 10 s:"
echo "  search:  $(run search)"
echo "  resolve: $(run resolve)"
echo "paced, 64 connections, $RATE req/s per thread (2 threads):"
echo "  search:  $(wrk -t2 -c64 -d10s -s "$ROOT/bench/paced.lua" "$URL" -- search "$WORK" "$RATE" | grep wrk-result)"
