#!/usr/bin/env bash
# Cove vs nginx in the same run (DESIGN.md §12). Builds Cove in Release, starts it and nginx (own
# config, loopback ports, stopped by PID), drives both with wrk and prints req/s, p50/p99 and the
# ratio Cove/nginx. Results go to bench/results/<timestamp>.md; copy a run into docs/benchmarks.md.
#
#   bench/run.sh [--duration 10] [--connections 64] [--threads 2]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=10
CONNECTIONS=64
WRK_THREADS=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) WRK_THREADS="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

for tool in wrk nginx cmake; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh" >&2; exit 1; }
done

BUILD="$ROOT/build-bench"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOVE_TESTS=OFF >/dev/null
cmake --build "$BUILD" --target cove -j"$(nproc)" >/dev/null

WORK="$(mktemp -d /tmp/cove-bench-XXXXXX)"
# nginx workers run as an unprivileged user when started by root: they must be able to read
# the static files.
chmod 755 "$WORK"
COVE_PORT=18080
NGINX_PORT=18081
PIDS=()
cleanup() {
  # A server that died during the run leaves its log for the reader.
  if [[ ${#PIDS[@]} -gt 0 ]] && ! kill -0 "${PIDS[0]}" 2>/dev/null; then
    echo "cove exited during the benchmark; the end of its log:" >&2
    tail -n 30 "$WORK/cove.log" >&2 || true
  fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_http() {  # url
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "server at $1 did not come up" >&2
  return 1
}

# --- Cove ----------------------------------------------------------------------------------
ADMIN_EMAIL="bench-admin@example.com"
ADMIN_PASSWORD="Bench-Admin-Pass-$RANDOM-9"
COVE_ADMIN_EMAIL="$ADMIN_EMAIL" COVE_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  "$BUILD/cove" serve --listen "127.0.0.1:$COVE_PORT" --data "$WORK/data" >"$WORK/cove.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$COVE_PORT/healthz"

# --- nginx serving the same bytes as static files ------------------------------------------
mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs"
curl -fsS "http://127.0.0.1:$COVE_PORT/healthz" >"$WORK/nginx/html/healthz.json"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes $(nproc);
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log $WORK/nginx/logs/access.log;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/html;
    default_type application/json;
  }
}
CONF
mkdir -p "$WORK/nginx/tmp"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)
wait_http "http://127.0.0.1:$NGINX_PORT/healthz.json"

# --- load ----------------------------------------------------------------------------------
# Prints "<req/s> <p50 ms> <p99 ms>" for one wrk run.
measure() {  # url [lua script, script argument]
  local out rps p50 p99 script=()
  [[ $# -ge 3 ]] && script=(-s "$2" "$1" -- "$3") || script=("$1")
  out="$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${script[@]}")"
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  if grep -q "Non-2xx" <<<"$out"; then
    echo "wrk saw non-2xx responses for $1:" >&2
    echo "$out" >&2
    # Which statuses, by route (the server counts them), and what the server logged about them.
    curl -fsS "http://127.0.0.1:$COVE_PORT/metrics" 2>/dev/null | grep '^cove_http_requests_total' |
      grep -v 'status="2' >&2 || true
    grep -E 'level=(warn|error)' "$WORK/cove.log" | tail -n 10 >&2 || true
    return 1
  fi
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}
to_ms() {  # wrk prints 1.23ms / 850.00us / 1.02s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    else { printf "%s", v } }'
}

declare -a ROWS
compare() {  # name cove_url nginx_url
  local c n ratio
  # Warm both up so neither pays first-touch costs in the measured run.
  wrk -t1 -c8 -d1s "$2" >/dev/null
  wrk -t1 -c8 -d1s "$3" >/dev/null
  read -r c_rps c_p50 c_p99 <<<"$(measure "$2")"
  read -r n_rps n_p50 n_p99 <<<"$(measure "$3")"
  ratio="$(awk -v a="$c_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", a / b }')"
  ROWS+=("| $1 | $c_rps | $c_p50 | $c_p99 | $n_rps | $n_p50 | $n_p99 | **$ratio** |")
}

compare "small JSON (\`/healthz\`, $(wc -c <"$WORK/nginx/html/healthz.json") B)" \
  "http://127.0.0.1:$COVE_PORT/healthz" "http://127.0.0.1:$NGINX_PORT/healthz.json"

# --- runtime: signed SDK requests against 1,000 mini-programs across 100 host apps -----------
# Every request carries a fresh nonce (replays are refused), so they are signed in advance, just
# before each run (timestamps must be within the server's clock-skew window).
echo "seeding 1,000 mini-programs and 100 host apps..." >&2
python3 "$ROOT/bench/runtime_setup.py" seed "http://127.0.0.1:$COVE_PORT" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$WORK"
cp "$WORK/resolve.json" "$WORK/nginx/html/resolve.json"
cp "$WORK/package.zip" "$WORK/nginx/html/package.zip"

compare_signed() {  # name kind requests-per-second-ceiling nginx_url
  # Each wrk thread replays its own file, and one thread may get most of the CPU: every file holds
  # enough for the whole run at the ceiling rate, or a fast thread would wrap into replays (401).
  local count=$(( $3 * (DURATION + 2) * WRK_THREADS )) c_rps c_p50 c_p99 n_rps n_p50 n_p99 ratio
  # Separate files for the warm-up: a replayed nonce would be refused.
  python3 "$ROOT/bench/runtime_setup.py" sign "$WORK" "$2" "$(( $3 * 2 ))" "$WRK_THREADS" "$2.warm"
  python3 "$ROOT/bench/runtime_setup.py" sign "$WORK" "$2" "$count" "$WRK_THREADS" "$2.req"
  local url="http://127.0.0.1:$COVE_PORT/" lua="$ROOT/bench/runtime.lua"
  wrk -t"$WRK_THREADS" -c8 -d1s -s "$lua" "$url" -- "$WORK/$2.warm" >/dev/null
  wrk -t1 -c8 -d1s "$4" >/dev/null
  read -r c_rps c_p50 c_p99 <<<"$(measure "$url" "$lua" "$WORK/$2.req")"
  read -r n_rps n_p50 n_p99 <<<"$(measure "$4")"
  ratio="$(awk -v a="$c_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", a / b }')"
  ROWS+=("| $1 | $c_rps | $c_p50 | $c_p99 | $n_rps | $n_p50 | $n_p99 | **$ratio** |")
}

compare_signed "runtime resolve (signed, $(wc -c <"$WORK/resolve.json") B answer)" resolve 350000 \
  "http://127.0.0.1:$NGINX_PORT/resolve.json"
compare_signed "runtime resolve with 5 running gray plans (mixed rules)" gray 350000 \
  "http://127.0.0.1:$NGINX_PORT/resolve.json"
# Latency at equal offered load: both servers paced at 1 request per ms per connection.
compare_paced() {  # name kind nginx_url
  local count=$(( 70000 * (DURATION + 2) * WRK_THREADS )) c_rps c_p50 c_p99 n_rps n_p50 n_p99 ratio
  python3 "$ROOT/bench/runtime_setup.py" sign "$WORK" "$2" "$count" "$WRK_THREADS" "$2.paced"
  local url="http://127.0.0.1:$COVE_PORT/" paced="$ROOT/bench/paced.lua"
  export COVE_BENCH_SCRIPT="$ROOT/bench/runtime.lua"
  read -r c_rps c_p50 c_p99 <<<"$(measure "$url" "$paced" "$WORK/$2.paced")"
  export COVE_BENCH_SCRIPT=""
  read -r n_rps n_p50 n_p99 <<<"$(measure "$3" "$paced" "")"
  unset COVE_BENCH_SCRIPT
  ratio="$(awk -v a="$c_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", a / b }')"
  ROWS+=("| $1 | $c_rps | $c_p50 | $c_p99 | $n_rps | $n_p50 | $n_p99 | **$ratio** |")
}
compare_paced "runtime resolve, paced (64 conns × 1 req/ms)" resolve "http://127.0.0.1:$NGINX_PORT/resolve.json"
compare_paced "resolve with 5 gray plans, paced (64 conns × 1 req/ms)" gray "http://127.0.0.1:$NGINX_PORT/resolve.json"

compare_signed "package download (signed, $(wc -c <"$WORK/package.zip") B)" package 20000 \
  "http://127.0.0.1:$NGINX_PORT/package.zip"

# --- report --------------------------------------------------------------------------------
mkdir -p "$ROOT/bench/results"
REPORT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "Run: $(date -u +%Y-%m-%dT%H:%M:%SZ) · $(nproc) cores · wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s · cove $("$BUILD/cove" version 2>/dev/null | head -1) · $(nginx -v 2>&1)"
  echo
  echo "| scenario | cove req/s | cove p50 ms | cove p99 ms | nginx req/s | nginx p50 ms | nginx p99 ms | cove/nginx |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$REPORT"
echo
echo "saved to $REPORT"
