#!/usr/bin/env bash
# CPU of an idle `cove serve`: after a burst of outbox events has been handled, nothing should run
# but timers (the outbox dispatcher polls once a second for other processes' events). Reads
# utime + stime of the process and of each thread from /proc before and after the window.
#
#   bench/outbox_idle.sh [--seconds 10]      # COVE_BINARY=path/to/cove skips the Release build
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_IDLE=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_IDLE="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

source "$ROOT/bench/lib.sh"
bench_cove_binary

WORK="$(mktemp -d /tmp/cove-idle-bench-XXXXXX)"
PID=""
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

: >"$WORK/cove.log"  # exists before the wait loop reads it
COVE_ADMIN_EMAIL=idle@example.com COVE_ADMIN_PASSWORD='Idle-Bench-Pass-1' \
  "$COVE_BINARY" serve --listen 127.0.0.1:0 --data "$WORK/data" >"$WORK/cove.log" 2>&1 &
PID=$!
URL=""
for _ in $(seq 1 150); do
  URL="$(sed -n 's/.*msg="cove listening" url=\([^ ]*\).*/\1/p' "$WORK/cove.log" | head -n 1)"
  [[ -n "$URL" ]] && curl -fsS -o /dev/null "$URL/readyz" 2>/dev/null && break
  URL=""
  sleep 0.1
done
[[ -n "$URL" ]] || { echo "cove did not become ready" >&2; cat "$WORK/cove.log" >&2; exit 1; }

# Work for the dispatcher: each registration commits outbox events (and a catalog rebuild).
for i in $(seq 1 20); do
  curl -sS -o /dev/null -X POST "$URL/api/v1/orgs/register" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Idle Org $i\",\"licenseNo\":\"LIC-IDLE-$i\",\"contactName\":\"C\",\"contactEmail\":\"c$i@idle.example\",\"contactPhone\":\"+86 10 1234 5678\",\"owner\":{\"email\":\"owner$i@idle.example\",\"password\":\"Owner-Pass-12345\",\"name\":\"Owner $i\"}}"
done
for _ in $(seq 1 100); do
  curl -fsS "$URL/metrics" | grep -qx 'cove_outbox_lag_events 0' && break
  sleep 0.1
done
sleep 2  # let the last rebuild and the registrations' password hashing finish

TICKS="$(getconf CLK_TCK)"
ticks() { sed 's/^.*) //' "$1" | awk '{ print $12 + $13 }'; }  # utime + stime, after "pid (comm) "
declare -A before
for task in /proc/"$PID"/task/*; do before[${task##*/}]="$(ticks "$task/stat")"; done
total_before="$(ticks /proc/"$PID"/stat)"
sleep "$SECONDS_IDLE"
total_after="$(ticks /proc/"$PID"/stat)"

busy_threads=0
threads=0
for task in /proc/"$PID"/task/*; do
  tid="${task##*/}"
  threads=$((threads + 1))
  used=$(( $(ticks "$task/stat") - ${before[$tid]:-0} ))
  ((used > 0)) && busy_threads=$((busy_threads + 1))
done
awk -v t="$((total_after - total_before))" -v hz="$TICKS" -v s="$SECONDS_IDLE" -v n="$threads" -v b="$busy_threads" \
  'BEGIN { printf "idle cove over %d s: %.2f s CPU (%.2f %% of one core), %d threads, %d of them ran\n", s, t / hz, 100 * t / hz / s, n, b }'
