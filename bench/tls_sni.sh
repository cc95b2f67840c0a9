#!/usr/bin/env bash
# TLS handshakes per second with 1 SNI certificate and with 100 (issue 15), against the same
# binary in one run, driven by the same client (bench/tls_handshakes.c: every connection a full
# handshake — no session cache, no tickets — with an SNI name, the presented certificate's CN
# checked against the name asked).
#
#   bench/tls_sni.sh [--duration 10] [--threads 2] [--rounds 2]
#   COVE_BINARY=path/to/cove skips the Release build (bench/lib.sh).
#
# One Cove, started with a default certificate (http.tls.cert). Row "1 certificate": one platform
# certificate uploaded (a0.test), the client asks for a0.test. Row "100 certificates": 99 more
# uploaded (a1.test … a99.test) through the API while the server runs, the client asks for all 100
# names in turn. The store only grows within a round, so each round restarts the server on a fresh
# data directory. All certificates are P-256: the handshake's cryptography is the same in both
# rows; what differs is the selection.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=10
THREADS=2
ROUNDS=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
for tool in cc openssl curl python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
source "$ROOT/bench/lib.sh"
bench_cove_binary

WORK="$(mktemp -d /tmp/cove-bench-tls-XXXXXX)"
PORT=18443
COVE_PID=""
cleanup() {
  if [[ -n "$COVE_PID" ]]; then kill "$COVE_PID" 2>/dev/null || true; wait "$COVE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
ADMIN_EMAIL=bench-admin@example.com
ADMIN_PASSWORD=Bench-Admin-Pass-9

cc -O2 -pthread -o "$WORK/tls_handshakes" "$ROOT/bench/tls_handshakes.c" -lssl -lcrypto
# Certificates are made before any server starts, so nothing slow happens between the rows.
cert() {  # name
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/$1.key" \
    -out "$WORK/$1.pem" -days 30 -subj "/CN=$1" -addext "subjectAltName=DNS:$1" 2>/dev/null
}
cert default.test
for i in $(seq 0 99); do cert "a$i.test"; done

start_cove() {
  rm -rf "$WORK/data"
  COVE_ADMIN_EMAIL="$ADMIN_EMAIL" COVE_ADMIN_PASSWORD="$ADMIN_PASSWORD" COVE_LOG_ACCESSLOG=false \
    COVE_HTTP_TLS_CERT="$WORK/default.test.pem" COVE_HTTP_TLS_KEY="$WORK/default.test.key" \
    COVE_HTTP_RATELIMIT_REQUESTSPERSECOND=1000000 COVE_HTTP_RATELIMIT_BURST=10000000 \
    "$COVE_BINARY" serve --listen "127.0.0.1:$PORT" --data "$WORK/data" >"$WORK/cove.log" 2>&1 &
  COVE_PID=$!
  for _ in $(seq 1 100); do
    curl -ksf "https://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  TOKEN=$(curl -ksf "https://127.0.0.1:$PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
}
stop_cove() { kill "$COVE_PID"; wait "$COVE_PID" 2>/dev/null || true; COVE_PID=""; }
upload() {  # name
  python3 -c 'import json,sys; print(json.dumps({"certificate": open(sys.argv[1]).read(), "privateKey": open(sys.argv[2]).read()}))' \
    "$WORK/$1.pem" "$WORK/$1.key" >"$WORK/body.json"
  curl -ksf -o /dev/null "https://127.0.0.1:$PORT/api/v1/platform/certificates" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data-binary "@$WORK/body.json"
}
measure() {  # label names…
  local label="$1"; shift
  "$WORK/tls_handshakes" "$PORT" 2 "$THREADS" "$@" >/dev/null  # warm-up, same client
  local line
  line=$("$WORK/tls_handshakes" "$PORT" "$DURATION" "$THREADS" "$@")
  echo "$label: $line"
  RATE=$(sed -E 's/.*per_second=([0-9]+).*/\1/' <<<"$line")
}

ALL=()
for i in $(seq 0 99); do ALL+=("a$i.test"); done
echo "cove $("$COVE_BINARY" version 2>/dev/null | head -1); $(nproc) cores; client threads $THREADS; ${DURATION}s per row"
for round in $(seq 1 "$ROUNDS"); do
  start_cove
  upload a0.test
  measure "round $round, 1 certificate   " a0.test
  ONE=$RATE
  for i in $(seq 1 99); do upload "a$i.test"; done
  measure "round $round, 100 certificates" "${ALL[@]}"
  HUNDRED=$RATE
  python3 -c "import sys; print(f'round {sys.argv[1]}: 100 / 1 = {int(sys.argv[3]) / int(sys.argv[2]):.3f}')" "$round" "$ONE" "$HUNDRED"
  stop_cove
done
