#!/usr/bin/env bash
# OAuth under load (issue 20): code exchanges at POST /oauth/token (each a fresh single-use code,
# PKCE verified, client_secret_basic, an ES256 JWT signed and a refresh token stored: one SQLite
# write transaction per request) and GET /oauth/userinfo (JWT verified, the grant read). Codes are
# issued beforehand through the host app's signed authorization call; wrk (bench/oauth.lua) then
# spends them, split between its threads so none is sent twice. Prints wrk's req/s and latency for
# each, and the number of non-2xx answers (should be 0).
#
#   bench/oauth.sh [--codes 20000] [--duration 5] [--connections 8]   # COVE_BINARY=path/to/cove skips the build
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CODES=20000
DURATION=5
CONNECTIONS=8
THREADS=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --codes) CODES="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
for tool in wrk curl; do command -v "$tool" >/dev/null || { echo "oauth.sh needs $tool" >&2; exit 2; }; done

source "$ROOT/bench/lib.sh"
bench_cove_binary

WORK="$(mktemp -d /tmp/cove-oauth-bench-XXXXXX)"
PID=""
cleanup() {
  bench_stop_cove
  rm -rf "$WORK"
}
trap cleanup EXIT

# One client machine: the per-IP request limit would pace it, not Cove.
export COVE_LOG_ACCESSLOG=false COVE_HTTP_RATELIMIT_ENABLED=false
BENCH_ADMIN_EMAIL=oauth-bench@example.com BENCH_ADMIN_PASSWORD='OAuth-Bench-Pass-1'
bench_start_cove
echo "$THREADS" >"$WORK/threads.txt"

/usr/bin/python3 - "$URL" "$WORK" "$CODES" "$BENCH_ADMIN_EMAIL" "$BENCH_ADMIN_PASSWORD" <<'PY'
import base64, concurrent.futures, hashlib, hmac, http.client, io, json, os, sys, time, urllib.parse, zipfile
base, work, count, email, password = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
u = urllib.parse.urlsplit(base)
REDIRECT = "https://mp.example.com/cb"

def call(method, path, token=None, body=None, raw=None, ctype="application/json", headers=None, conn=None):
    own = conn is None
    conn = conn or http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    h = dict(headers or {})
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    if data is not None:
        h["Content-Type"] = ctype
    if token:
        h["Authorization"] = "Bearer " + token
    conn.request(method, path, data, h)
    res = conn.getresponse()
    text = res.read()
    if own:
        conn.close()
    if res.status >= 300:
        sys.exit(f"{method} {path}: {res.status} {text[:300]!r}")
    return json.loads(text) if text else None

admin = call("POST", "/api/v1/auth/login", body={"email": email, "password": password})["accessToken"]
login = {"email": "owner@oauth-bench.example", "password": "OAuth-Owner-Pass-9"}
org = call("POST", "/api/v1/orgs/register", body={"name": "OAuth Bench", "licenseNo": "OAUTH-BENCH-1",
           "contactName": "Owner", "contactEmail": login["email"], "contactPhone": "+86 21 5555 0000",
           "owner": dict(login, name="Owner")})["id"]
call("POST", f"/api/v1/platform/orgs/{org}/approve", admin)
call("PUT", f"/api/v1/platform/orgs/{org}/review-policy", admin, {"required": False})
owner = call("POST", "/api/v1/auth/login", body=login)["accessToken"]
app = call("POST", f"/api/v1/orgs/{org}/apps", owner, {"name": "Bench OAuth"})["appId"]
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("app.json", json.dumps({"pages": ["pages/index/index"]}))
    z.writestr("pages/index/index.js", "Page({})")
call("PUT", f"/api/v1/apps/{app}/versions/1.0.0/package", owner, raw=buf.getvalue(), ctype="application/zip")
call("POST", f"/api/v1/apps/{app}/versions/1.0.0/release", owner)
host = call("POST", f"/api/v1/orgs/{org}/host-apps", owner,
            {"name": "Bench Wallet", "bundleIds": [{"platform": "ios", "id": "com.bench.wallet"}]})
call("PUT", f"/api/v1/host-apps/{host['id']}/apps/{app}", owner)
call("PUT", f"/api/v1/platform/apps/{app}/oauth-scopes", admin, {"scopes": ["basic"]})
call("PUT", f"/api/v1/apps/{app}/oauth", owner, {"enabled": True, "redirectUris": [REDIRECT], "scopes": ["basic"]})
secret = call("POST", f"/api/v1/apps/{app}/oauth/secret", owner)["clientSecret"]

verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
target = "/oauth/authorize?" + urllib.parse.urlencode({"response_type": "code", "client_id": app,
    "redirect_uri": REDIRECT, "scope": "basic", "state": "s", "code_challenge": challenge,
    "code_challenge_method": "S256"})

def issue(n):
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    out = []
    for i in range(n):
        user = base64.urlsafe_b64encode(json.dumps({"uid": f"u{os.getpid()}-{time.monotonic_ns()}-{i}"}).encode()).rstrip(b"=").decode()
        for _ in range(100):
            ts, nonce = str(int(time.time())), os.urandom(12).hex()
            sig = hmac.new(host["sdkSecret"].encode(), f"GET\n{target}\n{ts}\n{nonce}\n{user}".encode(), hashlib.sha256).hexdigest()
            conn.request("GET", target, headers={"X-Cove-Sdk-Key": host["sdkKey"], "X-Cove-Bundle-Id": "com.bench.wallet",
                         "X-Cove-Timestamp": ts, "X-Cove-Nonce": nonce, "X-Cove-Signature": sig, "X-Cove-User": user,
                         "Accept": "application/json"})
            res = conn.getresponse()
            text = res.read()
            if res.status == 200:
                out.append(json.loads(text)["code"])
                break
            if b"unknown_sdk_key" not in text:
                sys.exit(f"authorize: {res.status} {text[:300]!r}")
            time.sleep(0.05)
    return out

start = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    codes = [c for part in pool.map(issue, [count // 8] * 8) for c in part]
issued = time.monotonic() - start
basic = base64.b64encode(f"{app}:{secret}".encode()).decode()
conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
first = codes.pop()
body = urllib.parse.urlencode({"grant_type": "authorization_code", "code": first, "redirect_uri": REDIRECT,
                               "code_verifier": verifier})
conn.request("POST", "/oauth/token", body, {"Authorization": "Basic " + basic,
             "Content-Type": "application/x-www-form-urlencoded"})
res = conn.getresponse()
access = json.loads(res.read())["access_token"]
for name, value in (("codes.txt", "\n".join(codes) + "\n"), ("basic.txt", basic), ("verifier.txt", verifier),
                    ("redirect.txt", urllib.parse.quote(REDIRECT, safe="")), ("access.txt", access)):
    with open(os.path.join(work, name), "w") as f:
        f.write(value)
print(f"issued {len(codes) + 1} codes through the signed authorization call in {issued:.1f} s "
      f"({(len(codes) + 1) / issued:.0f}/s, 8 client threads)")
PY

run() {
  local kind="$1"
  echo "== $kind: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/bench/oauth.lua" "$URL" -- "$kind" "$WORK" |
    grep -E "Requests/sec|Non-2xx|Latency|50%|99%|requests in"
}
run token
run userinfo
