#!/usr/bin/env bash
# Memory of the operation-log CSV export (issue 14): seeds N entries (default 1,000,000) straight
# into the database of a stopped server, starts it again, downloads
# GET /api/v1/platform/operation-log?format=csv to /dev/null and samples the server's resident memory
# (VmRSS, /proc) every 10 ms meanwhile. Prints rows, bytes, time and the growth over the resident
# size before the export. The export writes 64 KiB blocks to a temporary file on the worker pool and
# sends it with sendfile, so the growth must stay flat (budget: 32 MiB) however many rows match.
#
#   bench/oplog_export.sh [--rows 1000000]      # COVE_BINARY=path/to/cove skips the Release build
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS=1000000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

source "$ROOT/bench/lib.sh"
bench_cove_binary

WORK="$(mktemp -d /tmp/cove-oplog-bench-XXXXXX)"
PID=""
trap 'bench_stop_cove; rm -rf "$WORK"' EXIT
EMAIL=oplog@example.com
PASSWORD='Oplog-Bench-Pass-1'
BENCH_ADMIN_EMAIL=$EMAIL BENCH_ADMIN_PASSWORD=$PASSWORD

bench_start_cove   # creates the data directory, the schema and the first operator
bench_stop_cove
# Entries shaped like real ones (an app edit with before/after summaries, an IP, a browser's user
# agent), ids continuing the chain's sequence. Their hashes are not real: the export does not verify.
sqlite3 "$WORK/data/cove.db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO audit_log(at, actor_kind, actor_id, actor_name, org_id, action, target_type, target_id,
                      before_json, after_json, ip, user_agent, request_id, prev_hash, hash)
SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (i % 150) || ' days'), 'user', 'usr_bench' || (i % 97),
       'Bench User ' || (i % 97), 'org_bench' || (i % 13), 'app.updated', 'app', 'app_bench' || (i % 1000),
       '{"description":"before ' || i || '"}', '{"description":"after ' || i || '"}', '203.0.113.' || (i % 250),
       'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
       'req-' || i, 'bench', 'bench'
FROM n;
SQL
bench_start_cove

/usr/bin/python3 - "$URL" "$PID" "$EMAIL" "$PASSWORD" <<'PY'
import json, sys, threading, time, urllib.request

url, pid, email, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def rss_kib():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"): return int(line.split()[1])
    return 0

req = urllib.request.Request(url + "/api/v1/auth/login", method="POST",
                             data=json.dumps({"email": email, "password": password}).encode(),
                             headers={"Content-Type": "application/json"})
token = json.load(urllib.request.urlopen(req))["accessToken"]
# One page first, so the reader connection and its statement cache are warm before measuring.
page = urllib.request.Request(url + "/api/v1/platform/operation-log?limit=50", headers={"Authorization": "Bearer " + token})
total = json.load(urllib.request.urlopen(page))["total"]

time.sleep(0.5)
before = rss_kib()
peak = [before]
done = threading.Event()
def sample():
    while not done.is_set():
        peak[0] = max(peak[0], rss_kib())
        time.sleep(0.01)
t = threading.Thread(target=sample); t.start()
start = time.time()
export = urllib.request.Request(url + "/api/v1/platform/operation-log?format=csv", headers={"Authorization": "Bearer " + token})
size = lines = 0
with urllib.request.urlopen(export, timeout=3600) as r:
    while True:
        chunk = r.read(1 << 20)
        if not chunk: break
        size += len(chunk)
        lines += chunk.count(b"\n")  # "\r\n" may straddle two chunks; "\n" cannot
elapsed = time.time() - start
done.set(); t.join()
print(f"entries {total}, exported {lines - 1} rows, {size / 1e6:.1f} MB in {elapsed:.1f} s")
print(f"RSS before export {before / 1024:.1f} MiB, peak during {peak[0] / 1024:.1f} MiB, "
      f"growth {(peak[0] - before) / 1024:.1f} MiB (budget 32 MiB)")
sys.exit(0 if lines - 1 >= total and (peak[0] - before) < 32 * 1024 else 1)
PY
