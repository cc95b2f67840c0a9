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
cleanup() { bench_stop_cove; rm -rf "$WORK"; }
trap cleanup EXIT

BENCH_ADMIN_EMAIL=idle@example.com BENCH_ADMIN_PASSWORD='Idle-Bench-Pass-1'
bench_start_cove

# Work for the dispatcher: each registration commits outbox events (and a catalog rebuild).
for i in $(seq 1 20); do
  curl -sS -o /dev/null -X POST "$URL/api/v1/orgs/register" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Idle Org $i\",\"licenseNo\":\"LIC-IDLE-$i\",\"contactName\":\"C\",\"contactEmail\":\"c$i@idle.example\",\"contactPhone\":\"+86 10 1234 5678\",\"owner\":{\"email\":\"owner$i@idle.example\",\"password\":\"Owner-Pass-12345\",\"name\":\"Owner $i\"}}"
done
for _ in $(seq 1 100); do
  curl -fsS "$URL/metrics" | grep -x 'cove_outbox_lag_events 0' >/dev/null && break
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
