#!/bin/bash
# Sign-in latency (production scrypt cost) and an authenticated 50-row list under wrk.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# COVE_BENCH_BUILD picks another Release build directory (engineers sharing a checkout each keep one).
BUILD="${COVE_BENCH_BUILD:-$ROOT/build-bench}"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target cove -j"$(nproc)" >/dev/null
DATA="$(mktemp -d /tmp/cove-console-bench-XXXXXX)"
COVE_ADMIN_EMAIL=ops@example.com COVE_ADMIN_PASSWORD='Bench-Admin-Pass-1' COVE_HTTP_RATELIMIT_ENABLED=false \
  "$BUILD/cove" serve --listen 127.0.0.1:18095 --data "$DATA" > /tmp/ab-cove.log 2>&1 &
pid=$!
sleep 1.5
B=http://127.0.0.1:18095
for i in $(seq 1 50); do
  curl -s -o /dev/null -X POST $B/api/v1/orgs/register -H 'Content-Type: application/json' \
    -d "{\"name\":\"Org $i\",\"licenseNo\":\"LIC-$i\",\"contactName\":\"C\",\"contactEmail\":\"c$i@example.com\",\"contactPhone\":\"+86 10 1234 5678\",\"owner\":{\"email\":\"owner$i@example.com\",\"password\":\"Owner-Pass-12345\",\"name\":\"Owner $i\"}}"
done
echo "sign-in latency (5 runs, scrypt N=2^15):"
for i in 1 2 3 4 5; do
  curl -s -o /tmp/login.json -w "%{time_total}\n" -X POST $B/api/v1/auth/login -H 'Content-Type: application/json' \
    -d '{"email":"ops@example.com","password":"Bench-Admin-Pass-1"}'
done
TOKEN=$(python3 -c "import json;print(json.load(open('/tmp/login.json'))['accessToken'])")
N=$(curl -s "$B/api/v1/platform/orgs?limit=50" -H "Authorization: Bearer $TOKEN" | python3 -c "import json,sys;print(len(json.load(sys.stdin)['items']))")
echo "rows per page: $N"
wrk -t2 -c64 -d2s -H "Authorization: Bearer $TOKEN" "$B/api/v1/platform/orgs?limit=50" > /dev/null
wrk -t2 -c64 -d10s --latency -H "Authorization: Bearer $TOKEN" "$B/api/v1/platform/orgs?limit=50" | grep -E "Requests/sec|50%|99%|Non-2xx|Transfer"
kill $pid; wait $pid || true
rm -rf "$DATA"
