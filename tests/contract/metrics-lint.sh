#!/usr/bin/env bash
# Checks what GET /metrics exposes against Prometheus's own linter (ctest: metrics_lint):
#   tests/contract/metrics-lint.sh path/to/cove
# Starts the binary on 127.0.0.1 (ephemeral port, temp data directory), calls a few routes so the
# lazily created series exist (HTTP by route and status, DB time, outbox, runtime catalog), scrapes
# /metrics and pipes it to `promtool check metrics` (Debian's prometheus package). Fails on any
# problem promtool reports, lint warnings included, and stops the server by its PID.
set -euo pipefail

binary="${1:?usage: tests/contract/metrics-lint.sh path/to/cove}"
[[ -x "$binary" ]] || { echo "metrics-lint: $binary is not an executable" >&2; exit 2; }
command -v promtool >/dev/null ||
  { echo "metrics-lint: promtool is missing (scripts/install-deps.sh installs prometheus)" >&2; exit 2; }

work="$(mktemp -d /tmp/cove-metrics-lint-XXXXXX)"
pid=""
cleanup() {
  if [[ -n "$pid" ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

admin_email="metrics@example.com"
admin_password="Metrics-Lint-Pass-1"
# The log exists before the server starts: the redirect below opens it in the child, which may run
# after the first read of the wait loop.
: >"$work/cove.log"
COVE_ADMIN_EMAIL="$admin_email" COVE_ADMIN_PASSWORD="$admin_password" \
  "$binary" serve --listen 127.0.0.1:0 --data "$work/data" >"$work/cove.log" 2>&1 &
pid=$!

url=""
for _ in $(seq 1 150); do
  url="$(sed -n 's/.*msg="cove listening" url=\([^ ]*\).*/\1/p' "$work/cove.log" | head -n 1)"
  [[ -n "$url" ]] && curl -fsS -o /dev/null "$url/readyz" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "metrics-lint: cove exited at start:" >&2; cat "$work/cove.log" >&2; exit 1; }
  url=""
  sleep 0.1
done
[[ -n "$url" ]] || { echo "metrics-lint: cove did not become ready within 15 s" >&2; cat "$work/cove.log" >&2; exit 1; }

# Status codes of these calls are not the point; the series they create are.
call() { curl -sS -o /dev/null "$@" || true; }
json='Content-Type: application/json'
call "$url/healthz"
call "$url/"                                                  # the console (SPA fallback)
call "$url/api/v1/no-such-route"                              # 404, route "unmatched"
call -X POST "$url/healthz"                                   # 405
call -X POST "$url/api/v1/auth/login" -H "$json" -d "{\"email\":\"$admin_email\",\"password\":\"wrong-password\"}"
token="$(curl -sS -X POST "$url/api/v1/auth/login" -H "$json" \
  -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" |
  sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')"
[[ -n "$token" ]] || { echo "metrics-lint: the operator could not sign in" >&2; exit 1; }
call "$url/api/v1/me" -H "Authorization: Bearer $token"
# A registration commits outbox events, which make the runtime rebuild its catalog.
call -X POST "$url/api/v1/orgs/register" -H "$json" -d '{"name":"Metrics Org","licenseNo":"LIC-METRICS-1",
  "contactName":"C","contactEmail":"c@metrics.example","contactPhone":"+86 10 1234 5678",
  "owner":{"email":"owner@metrics.example","password":"Owner-Pass-12345","name":"Owner"}}'
call "$url/runtime/v1/apps/app_missing"                       # unsigned: 401
call "$url/runtime/v1/signing-key"

curl -fsS "$url/metrics" >"$work/metrics.txt"

# The scrape must hold every kind of series, or a clean lint would prove little.
for series in 'cove_http_requests_total{' 'cove_http_request_duration_seconds_bucket{' \
  'cove_http_requests_in_flight ' 'cove_http_connections ' 'cove_db_busy_seconds_total ' \
  'cove_outbox_lag_events ' 'cove_runtime_catalog_rebuilds_total ' 'cove_runtime_catalog_age_seconds ' \
  'cove_runtime_nonces ' 'cove_data_free_bytes '; do
  grep -qF "$series" "$work/metrics.txt" || {
    echo "metrics-lint: /metrics has no $series series" >&2
    exit 1
  }
done

# promtool exits 1 on a parse error and 3 on lint problems; it prints nothing when all is well.
status=0
problems="$(promtool check metrics <"$work/metrics.txt" 2>&1)" || status=$?
if ((status != 0)) || [[ -n "$problems" ]]; then
  echo "metrics-lint: promtool check metrics (exit $status) on $url/metrics:" >&2
  echo "$problems" >&2
  exit 1
fi
echo "metrics-lint: $(grep -c '^# TYPE' "$work/metrics.txt") metric families, $(grep -vc '^#' "$work/metrics.txt") samples: promtool finds no problem"
