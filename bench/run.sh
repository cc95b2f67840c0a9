#!/usr/bin/env bash
# Cove, nginx and the limit in the same run (DESIGN.md §12), each row driven by one client script.
#
#   bench/run.sh [--duration 10] [--connections 64] [--threads 2] [--paced-rate 10000,20000]
#                [--rounds 1] [--rows healthz,console,resolve,gray,package,paced-resolve,paced-gray]
#                [--access-log on|off]
#   COVE_BINARY=path/to/cove skips the Release build (COVE_BENCH_BUILD picks its directory).
#
# For every row the three servers answer the same requests, sent by the same wrk script
# (bench/client.lua, or bench/paced.lua for the paced rows), with the same bytes:
#   cove   — the Release build, default settings (access log on unless --access-log off; the per-IP
#            rate limit on, raised to its ceiling so one loopback client is never refused);
#   nginx  — Debian's, tuned as its users run it: `access_log off`, `open_file_cache`, sendfile,
#            one worker per core, long keep-alive; it serves Cove's answers as static files, with
#            the same extra headers, and ignores the signature headers;
#   limit  — bench/limit_server.c: two epoll threads with SO_REUSEPORT sending Cove's captured
#            answer, every byte of it, for every request: what this machine can do at all.
# Each wrk run is cross-checked with the server's own request counter (bench/measure.py) and
# rows whose figures disagree by more than 5 %, saw non-2xx answers, or (paced) answered less
# than offered are flagged (bench/slow_init_check.sh shows the check catching a slow init()).
# Results: bench/results/<timestamp>.md (copy a run into docs/benchmarks.md, with the command,
# date and machine) and the raw figures beside it as .jsonl.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=10
CONNECTIONS=64
WRK_THREADS=2
PACED_RATES=10000,20000
ROUNDS=1
ROWS_WANTED="healthz,console,resolve,gray,package,paced-resolve,paced-gray"
ACCESS_LOG=on
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) WRK_THREADS="$2"; shift 2 ;;
    --paced-rate) PACED_RATES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --rows) ROWS_WANTED="$2"; shift 2 ;;
    --access-log) ACCESS_LOG="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ "$ACCESS_LOG" == on || "$ACCESS_LOG" == off ]] || { echo "--access-log on|off" >&2; exit 2; }

for tool in wrk nginx cc python3 curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh" >&2; exit 1; }
done

source "$ROOT/bench/lib.sh"
bench_cove_binary

WORK="$(mktemp -d /tmp/cove-bench-XXXXXX)"
# nginx workers run as an unprivileged user when started by root: they must be able to read
# the static files.
chmod 755 "$WORK"
COVE_PORT=18080
NGINX_PORT=18081
NGINX_STATUS_PORT=18082
LIMIT_PORT=18083
LIMIT_COUNTER_PORT=18084
COVE_PID=""
NGINX_PID=""
LIMIT_PID=""
stop() {  # pid
  [[ -n "$1" ]] || return 0
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  # A server that died during the run leaves its log for the reader.
  if [[ -n "$COVE_PID" ]] && ! kill -0 "$COVE_PID" 2>/dev/null; then
    echo "cove exited during the benchmark; the end of its log:" >&2
    tail -n 30 "$WORK/cove.log" >&2 || true
  fi
  stop "$LIMIT_PID"
  stop "$NGINX_PID"
  stop "$COVE_PID"
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

cc -O2 -o "$WORK/limit_server" "$ROOT/bench/limit_server.c" -lpthread
cc -O2 -shared -fPIC -o "$WORK/sdk_sign.so" "$ROOT/bench/sdk_sign.c" -lcrypto

# --- Cove ----------------------------------------------------------------------------------
ADMIN_EMAIL="bench-admin@example.com"
ADMIN_PASSWORD="Bench-Admin-Pass-$RANDOM-9"
COVE_ACCESS_LOG=$([[ "$ACCESS_LOG" == on ]] && echo true || echo false)
COVE_ADMIN_EMAIL="$ADMIN_EMAIL" COVE_ADMIN_PASSWORD="$ADMIN_PASSWORD" COVE_LOG_ACCESSLOG="$COVE_ACCESS_LOG" \
  COVE_HTTP_RATELIMIT_REQUESTSPERSECOND=1000000 COVE_HTTP_RATELIMIT_BURST=10000000 \
  "$COVE_BINARY" serve --listen "127.0.0.1:$COVE_PORT" --data "$WORK/data" >"$WORK/cove.log" 2>&1 &
COVE_PID=$!
echo "cove: access log $ACCESS_LOG, rate limit 1,000,000/s per IP, http.threads = cores ($(nproc))" >&2
wait_http "http://127.0.0.1:$COVE_PORT/healthz"

echo "seeding 1,000 mini-programs, 100 host apps, 50 organisations..." >&2
SETUP="$ROOT/bench/runtime_setup.py"
python3 "$SETUP" seed "http://127.0.0.1:$COVE_PORT" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$WORK"
python3 "$SETUP" console "http://127.0.0.1:$COVE_PORT" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$WORK"
for kind in healthz console resolve gray package; do
  python3 "$SETUP" capture "http://127.0.0.1:$COVE_PORT" "$WORK" "$kind"
done
GRAY_APP="$(awk -F'\t' '$1 == "gray" { print $2 }' "$WORK/client.tsv")"

# --- nginx serving Cove's answers as static files ------------------------------------------
mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs" "$WORK/nginx/tmp"
for kind in healthz console resolve gray; do cp "$WORK/$kind.body" "$WORK/nginx/html/$kind.json"; done
cp "$WORK/package.body" "$WORK/nginx/html/package.zip"
# Cove's extra headers for each answer (nginx writes its own Date, Content-Length, ETag...).
headers() {  # kind
  sed -n '2,$p' "$WORK/$1.response" | sed '/^\r$/,$d' | tr -d '\r' |
    awk -F': ' 'tolower($1) !~ /^(date|content-length|content-type|etag|server|connection|last-modified|accept-ranges)$/ {
      v = substr($0, length($1) + 3)
      if ($1 == "X-Request-Id") v = "$request_id"
      gsub(/"/, "\\\"", v)
      printf "      add_header %s \"%s\" always;\n", $1, v }'
}
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes $(nproc);
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  open_file_cache max=1000 inactive=60s;
  open_file_cache_valid 60s;
  open_file_cache_errors on;
  types { application/json json; application/zip zip; }
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT reuseport;
    root $WORK/nginx/html;
    location = /healthz {
      rewrite ^ /healthz.json break;
$(headers healthz)
    }
    location = /api/v1/platform/orgs {
      rewrite ^ /console.json break;
$(headers console)
    }
    location = /runtime/v1/apps/$GRAY_APP {
      rewrite ^ /gray.json break;
$(headers gray)
    }
    location ^~ /runtime/v1/apps/ {
      rewrite ^ /resolve.json break;
$(headers resolve)
    }
    location ^~ /runtime/v1/packages/ {
      rewrite ^ /package.zip break;
$(headers package)
    }
  }
  server {
    listen 127.0.0.1:$NGINX_STATUS_PORT;
    location / { stub_status; }
  }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
wait_http "http://127.0.0.1:$NGINX_PORT/healthz"

# --- load ----------------------------------------------------------------------------------
RESULTS="$WORK/results.jsonl"
CLIENT="$ROOT/bench/client.lua"
PACED="$ROOT/bench/paced.lua"

measure() {  # row server port counter_url pid kind [rate]
  local script=("$CLIENT") offered=()
  if [[ $# -ge 7 ]]; then
    script=("$PACED")
    offered=(--offered "$7")
  fi
  local url="http://127.0.0.1:$3/" args=("$6" "$WORK")
  [[ $# -ge 7 ]] && args+=("$(( $7 / WRK_THREADS ))")
  # Warm-up with the same script, so no server pays first-touch costs in the measured run.
  wrk -t1 -c8 -d1s -s "${script[0]}" "$url" -- "${args[@]}" >/dev/null
  python3 "$ROOT/bench/measure.py" run "$RESULTS" --row "$1" --server "$2" --counter "$4" --pid "$5" "${offered[@]}" \
    -- -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "${script[0]}" "$url" -- "${args[@]}"
}

row() {  # name kind [offered req/s]
  echo "$1" >&2
  [[ "$2" == console ]] && python3 "$SETUP" console "http://127.0.0.1:$COVE_PORT" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$WORK"
  measure "$1" cove "$COVE_PORT" "http://127.0.0.1:$COVE_PORT/metrics" "$COVE_PID" "${@:2}"
  measure "$1" nginx "$NGINX_PORT" "http://127.0.0.1:$NGINX_STATUS_PORT/" "$NGINX_PID" "${@:2}"
  "$WORK/limit_server" "$LIMIT_PORT" "$WORK/$2.response" "$LIMIT_COUNTER_PORT" 2 &
  LIMIT_PID=$!
  wait_http "http://127.0.0.1:$LIMIT_COUNTER_PORT/"
  measure "$1" limit "$LIMIT_PORT" "http://127.0.0.1:$LIMIT_COUNTER_PORT/" "$LIMIT_PID" "${@:2}"
  stop "$LIMIT_PID"
  LIMIT_PID=""
}

wanted() { [[ ",$ROWS_WANTED," == *",$1,"* ]]; }
bytes() { wc -c <"$WORK/$1.body" | tr -d ' '; }

for round in $(seq 1 "$ROUNDS"); do
  tag=""
  [[ "$ROUNDS" -gt 1 ]] && tag=" · round $round"
  wanted healthz && row "\`/healthz\` ($(bytes healthz) B)$tag" healthz
  wanted console && row "console list (bearer token, 50 rows, $(bytes console) B)$tag" console
  wanted resolve && row "runtime resolve (signed, $(bytes resolve) B)$tag" resolve
  wanted gray && row "resolve, 5 running gray plans (signed, $(bytes gray) B)$tag" gray
  wanted package && row "package download (signed, $(bytes package) B)$tag" package
  for rate in ${PACED_RATES//,/ }; do
    wanted paced-resolve && row "runtime resolve, paced at $rate req/s$tag" resolve "$rate"
  done
  for rate in ${PACED_RATES//,/ }; do
    wanted paced-gray && row "resolve, 5 gray plans, paced at $rate req/s$tag" gray "$rate"
  done
done

# --- report --------------------------------------------------------------------------------
mkdir -p "$ROOT/bench/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
REPORT="$ROOT/bench/results/$STAMP.md"
cp "$RESULTS" "$ROOT/bench/results/$STAMP.jsonl"
{
  echo "Run: $(date -u +%Y-%m-%dT%H:%M:%SZ) · $(nproc) cores · wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s," \
    "one script for all three servers · $("$COVE_BINARY" version 2>/dev/null | head -1)" \
    "(tree $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ', src modified'))," \
    "access log **$ACCESS_LOG**, http.threads = cores, rate limit on (1,000,000/s per IP) · $(nginx -v 2>&1 | sed 's/.*: //')," \
    "$(nproc) workers, access_log off, open_file_cache · limit: bench/limit_server.c, 2 threads"
  echo
  python3 "$ROOT/bench/measure.py" report "$RESULTS"
} | tee "$REPORT"
echo
echo "saved to $REPORT"
