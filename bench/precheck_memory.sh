#!/usr/bin/env bash
# Memory growth of the automated pre-checks (issue 14) on a 100 MB package: uploads a stored
# (uncompressed) zip of 100 MB of JavaScript with hosts, API calls and keywords spread through it,
# submits it for review and samples the server's resident memory (VmRSS, /proc) every 10 ms while
# the pre-checks run. Prints the growth over the resident size just before the submit, and the time.
# The budget: under 64 MB of growth (the scanner streams 64 KiB chunks; the zip is never loaded).
#
#   bench/precheck_memory.sh [--mb 100]      # COVE_BINARY=path/to/cove skips the Release build
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MB=100
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mb) MB="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

source "$ROOT/bench/lib.sh"
bench_cove_binary

WORK="$(mktemp -d /tmp/cove-precheck-bench-XXXXXX)"
PID=""
cleanup() { bench_stop_cove; rm -rf "$WORK"; }
trap cleanup EXIT

BENCH_ADMIN_EMAIL=precheck@example.com BENCH_ADMIN_PASSWORD='Precheck-Bench-Pass-1'
bench_start_cove

/usr/bin/python3 - "$URL" "$PID" "$MB" "$WORK" <<'PY'
import json, os, sys, threading, time, urllib.request, zipfile

url, pid, mb, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

def call(method, path, token=None, body=None, raw=None, ctype="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(url + path, data=data, method=method)
    if token: req.add_header("Authorization", "Bearer " + token)
    if data is not None: req.add_header("Content-Type", ctype)
    with urllib.request.urlopen(req, timeout=600) as r:
        text = r.read()
        return json.loads(text) if text else None

def rss_kib():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"): return int(line.split()[1])
    return 0

admin = call("POST", "/api/v1/auth/login", body={"email": "precheck@example.com", "password": "Precheck-Bench-Pass-1"})["accessToken"]
org = call("POST", "/api/v1/orgs/register", body={
    "name": "Precheck Org", "licenseNo": "PRECHECK-0001", "contactName": "P", "contactEmail": "p@precheck.example",
    "contactPhone": "+86 21 5555 0000", "owner": {"email": "owner@precheck.example", "password": "Owner-Pass-12345", "name": "O"}})["id"]
call("POST", f"/api/v1/platform/orgs/{org}/approve", admin)
call("PUT", f"/api/v1/platform/orgs/{org}/quotas", admin, {"maxPackageBytes": 512 * 1024 * 1024})
call("PUT", "/api/v1/platform/review-settings", admin,
     {"keywords": [{"word": "lottery"}, {"word": "casino"}, {"word": "jackpot"}], "maxUnpackedBytes": 1024 ** 3})
owner = call("POST", "/api/v1/auth/login", body={"email": "owner@precheck.example", "password": "Owner-Pass-12345"})["accessToken"]
app = call("POST", f"/api/v1/orgs/{org}/apps", owner, {"name": "Big"})["appId"]

# 400 files of JavaScript, stored: every byte is scanned. Long lines (minified code) included.
path = os.path.join(work, "big.zip")
line = ("function f%d(a){return a.map(function(x){return x*2}).filter(Boolean)} "
        "var u='https://api%d.example.com/v1';wx.request({url:u});// lottery\n")
per_file = mb * 1024 * 1024 // 400
with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
    z.writestr("app.json", json.dumps({"pages": ["pages/index/index"]}))
    z.writestr("pages/index/index.js", "Page({})")
    for i in range(400):
        text = "".join(line % (k, k % 50) for k in range(per_file // len(line % (0, 0)) + 1))[:per_file]
        if i % 10 == 0: text = text.replace("\n", ";")  # one long line of several hundred KB
        z.writestr(f"lib/chunk{i:03}.js", text)
size = os.path.getsize(path)
with open(path, "rb") as f:
    call("PUT", f"/api/v1/apps/{app}/versions/1.0.0/package", owner, raw=f.read(), ctype="application/zip")

time.sleep(1)
before = rss_kib()
peak = [before]
done = threading.Event()
def sample():
    while not done.is_set():
        peak[0] = max(peak[0], rss_kib())
        time.sleep(0.01)
t = threading.Thread(target=sample); t.start()
start = time.time()
answer = call("POST", f"/api/v1/apps/{app}/versions/1.0.0/submit", owner, {})
elapsed = time.time() - start
done.set(); t.join()
counts = answer["review"]["checkCounts"]
hosts = next(c for c in answer["review"]["checks"] if c["name"] == "domains")["details"]["hosts"]
print(f"package {size / 1e6:.1f} MB ({size} bytes), 402 files, stored")
print(f"pre-checks: {elapsed:.2f} s, status {answer['status']}, checks {counts}, {len(hosts)} hosts")
print(f"RSS before submit {before / 1024:.1f} MiB, peak during {peak[0] / 1024:.1f} MiB, "
      f"growth {(peak[0] - before) / 1024:.1f} MiB (budget 64 MiB)")
sys.exit(0 if (peak[0] - before) < 64 * 1024 else 1)
PY
