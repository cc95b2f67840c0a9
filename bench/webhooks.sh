#!/usr/bin/env bash
# Webhook delivery under load (issue 17): N events (default 10,000 — PATCHes of four mini-programs by
# four clients at once, each an app.updated event) fanned out to 10 endpoints of one organisation on a local receiver,
# one of which never answers (it sleeps past webhooks.timeoutSeconds) all the while. Prints the
# deliveries per second to the nine healthy endpoints and the latency from the event's commit (the
# envelope's timestamp) to the receiver reading it: p50, p99, max. Cove's own count of delivered
# messages (GET …/messages?status=delivered) is printed beside the receiver's.
#
#   bench/webhooks.sh [--events 10000]      # COVE_BINARY=path/to/cove skips the Release build
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS=10000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --events) EVENTS="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

source "$ROOT/bench/lib.sh"
bench_cove_binary

WORK="$(mktemp -d /tmp/cove-webhooks-bench-XXXXXX)"
PID=""
RECEIVER=""
cleanup() {
  bench_stop_cove
  if [[ -n "$RECEIVER" ]]; then kill "$RECEIVER" 2>/dev/null || true; wait "$RECEIVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The receiver: answers 200 at once on /ok<N>, sleeps 20 s on /slow; appends "<path> <latency ms>"
# per delivery (receipt time minus the envelope's timestamp) to a file.
cat >"$WORK/receiver.py" <<'PY'
import http.server, json, sys, time, datetime
out = open(sys.argv[1], 'a', buffering=1)
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', '0')))
        now = time.time()
        if self.path == '/slow':
            time.sleep(20)
        else:
            ts = json.loads(body)['timestamp']
            sent = datetime.datetime.fromisoformat(ts.replace('Z', '+00:00')).timestamp()
            out.write(f"{self.path} {(now - sent) * 1000:.1f} {now:.3f}\n")
        self.send_response(200)
        self.send_header('Content-Length', '0')
        self.end_headers()
    def log_message(self, *a):
        pass
class S(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
s = S(('127.0.0.1', 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
: >"$WORK/deliveries.txt"
/usr/bin/python3 "$WORK/receiver.py" "$WORK/deliveries.txt" >"$WORK/receiver.port" &
RECEIVER=$!
for _ in $(seq 1 50); do [[ -s "$WORK/receiver.port" ]] && break; sleep 0.1; done
PORT="$(cat "$WORK/receiver.port")"

# The load is one client: the per-IP request limit would pace it, not Cove.
export COVE_WEBHOOKS_ALLOWHTTP=true COVE_WEBHOOKS_ALLOWPRIVATEADDRESSES=true COVE_LOG_ACCESSLOG=false COVE_HTTP_RATELIMIT_ENABLED=false
BENCH_ADMIN_EMAIL=hooks-bench@example.com BENCH_ADMIN_PASSWORD='Hooks-Bench-Pass-1'
bench_start_cove

/usr/bin/python3 - "$URL" "$PORT" "$EVENTS" "$WORK/deliveries.txt" <<'PY'
import http.client, json, sys, threading, time, urllib.parse
url, port, events, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
u = urllib.parse.urlparse(url)
conn = http.client.HTTPConnection(u.hostname, u.port)
def call(method, p, token=None, body=None):
    global conn
    h = {'Content-Type': 'application/json'}
    if token: h['Authorization'] = 'Bearer ' + token
    try:
        conn.request(method, p, json.dumps(body) if body is not None else None, h)
        r = conn.getresponse()
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
        # The server closed the idle keep-alive connection while the deliveries ran: reconnect.
        conn = http.client.HTTPConnection(u.hostname, u.port)
        conn.request(method, p, json.dumps(body) if body is not None else None, h)
        r = conn.getresponse()
    data = r.read()
    if r.status == 429:  # the per-user request limit: wait as told, then again
        time.sleep(json.loads(data)['details'].get('retryAfterSeconds', 1))
        return call(method, p, token, body)
    if r.status >= 300: raise SystemExit(f"{method} {p}: {r.status} {data[:300]!r}")
    return json.loads(data) if data else None
admin = call('POST', '/api/v1/auth/login', body={'email': 'hooks-bench@example.com', 'password': 'Hooks-Bench-Pass-1'})['accessToken']
org = call('POST', '/api/v1/orgs/register', body={'name': 'Bench Org', 'licenseNo': 'BENCH-2026-01', 'contactName': 'B',
      'contactEmail': 'b@bench.example', 'contactPhone': '+86 21 5555 0100',
      'owner': {'email': 'owner@bench.example', 'password': 'Owner-Bench-Passw0rd', 'name': 'O'}})['id']
call('POST', f'/api/v1/platform/orgs/{org}/approve', admin)
owner = call('POST', '/api/v1/auth/login', body={'email': 'owner@bench.example', 'password': 'Owner-Bench-Passw0rd'})['accessToken']
PRODUCERS = 4  # clients changing mini-programs at once, so events arrive faster than one client's round trips
apps = [call('POST', f'/api/v1/orgs/{org}/apps', owner, {'name': f'Bench app {i}'})['appId'] for i in range(PRODUCERS)]
hooks = []
for i in range(9):
    hooks.append(call('POST', f'/api/v1/orgs/{org}/webhooks', owner, {'url': f'http://127.0.0.1:{port}/ok{i}', 'events': ['app.updated']})['id'])
call('POST', f'/api/v1/orgs/{org}/webhooks', owner, {'url': f'http://127.0.0.1:{port}/slow', 'events': ['app.updated']})
def produce(k):
    c = http.client.HTTPConnection(u.hostname, u.port)
    h = {'Content-Type': 'application/json', 'Authorization': 'Bearer ' + owner}
    for i in range(k, events, PRODUCERS):
        while True:
            c.request('PATCH', f'/api/v1/apps/{apps[k]}', json.dumps({'description': f'revision {i}'}), h)
            r = c.getresponse(); data = r.read()
            if r.status != 429: break
            time.sleep(json.loads(data)['details'].get('retryAfterSeconds', 1))
        if r.status >= 300: raise SystemExit(f"PATCH: {r.status} {data[:300]!r}")
start = time.time()
producers = [threading.Thread(target=produce, args=(k,)) for k in range(PRODUCERS)]
for t in producers: t.start()
for t in producers: t.join()
committed = time.time()
want = events * 9
deadline = time.time() + 600
while True:
    with open(path) as f: lines = f.read().splitlines()
    if len(lines) >= want or time.time() > deadline: break
    time.sleep(0.5)
lat = sorted(float(l.split()[1]) for l in lines)
last = max(float(l.split()[2]) for l in lines) if lines else start
counted = sum(call('GET', f'/api/v1/webhooks/{h}/messages?status=delivered&limit=1', owner)['total'] for h in hooks)
# How long Cove's HTTP client took per attempt (its own measure), over a sample of messages.
sample = call('GET', f'/api/v1/webhooks/{hooks[0]}/messages?limit=50', owner)['items']
durations = sorted(a['durationMs'] for m in sample
                   for a in call('GET', f"/api/v1/webhooks/{hooks[0]}/messages/{m['id']}", owner)['attempts'])
pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] if lat else float('nan')
print(f"events {events} in {committed - start:.1f} s ({events / (committed - start):.0f}/s committed); "
      f"deliveries to 9 healthy endpoints: receiver {len(lines)} of {want}, cove counted {counted} delivered")
print(f"delivery throughput {len(lines) / (last - start):.0f}/s over {last - start:.1f} s from the first commit; "
      f"commit→receipt p50 {pct(0.50):.0f} ms, p99 {pct(0.99):.0f} ms, max {lat[-1] if lat else float('nan'):.0f} ms "
      f"(one endpoint timing out all the while)")
if durations:
    print(f"attempt duration as Cove measured it (50 messages of one endpoint): median {durations[len(durations) // 2]} ms, "
          f"max {durations[-1]} ms")
PY
