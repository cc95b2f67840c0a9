#!/usr/bin/env python3
"""Seeds a running Cove for bench/run.sh and captures what the baselines serve.

    runtime_setup.py seed    BASE_URL ADMIN_EMAIL ADMIN_PASSWORD WORK_DIR [--apps 1000] [--hosts 100]
    runtime_setup.py console BASE_URL ADMIN_EMAIL ADMIN_PASSWORD WORK_DIR
    runtime_setup.py capture BASE_URL WORK_DIR KIND   # healthz | console | resolve | gray | package

`seed` registers an organisation (approved by the operator), creates the mini-programs with one
released version each (all sharing one 1 MiB package, so the download benchmark has one file), and
the host apps, each associated with its own apps / hosts of them (1,000 across 100 by default), and
49 more organisations, so the operator's organisation list has 50 rows. It writes
WORK_DIR/client.tsv for bench/client.lua: one line per host app (id, SDK key, secret, bundle id,
its mini-programs), the gray app and the package's SHA-256.

It also gives one mini-program ("the gray app", associated with every host app) five running gray
plans of mixed rules — a 10,000-id UID list, platform + lenient OS version, a regex on the device
model, a sticky 20 % rollout, and a custom attribute with a CIDR on the caller's address — so the
`gray` requests (users that mostly fall through all five) measure rule evaluation on the hot path.

`console` signs the operator in and puts the bearer token in client.tsv (tokens expire, so
bench/run.sh asks for one just before the console row).

`capture` sends one request of KIND to Cove, built as bench/client.lua builds it, and saves Cove's
answer twice: WORK_DIR/KIND.response, every byte of it (status line, headers, body), for the
limit server to send, and WORK_DIR/KIND.body, the body alone, for nginx to serve as a file.
"""
import hashlib
import hmac
import io
import json
import os
import random
import socket
import sys
import time
import urllib.error
import urllib.request
import zipfile


def call(base, method, path, token=None, body=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", content_type)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for _ in range(100):
        try:
            with urllib.request.urlopen(req) as res:
                text = res.read()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            if e.code != 429:  # the per-IP rate limit: wait as told, then retry
                sys.exit(f"{method} {path} failed: {e.code} {e.read().decode(errors='replace')}")
            time.sleep(float(e.headers.get("Retry-After", "1")))
    sys.exit(f"{method} {path}: still rate limited")


def package_bytes():
    rnd = random.Random(7)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("app.json", json.dumps({"pages": ["pages/index/index"], "window": {"navigationBarTitleText": "Bench"}}))
        z.writestr("pages/index/index.js", "Page({})")
        z.writestr("assets/blob.bin", bytes(rnd.getrandbits(8) for _ in range(1024 * 1024 - 512)))
    return buf.getvalue()


def seed(base, email, password, work, apps, hosts):
    admin = call(base, "POST", "/api/v1/auth/login", body={"email": email, "password": password})["accessToken"]
    org = call(base, "POST", "/api/v1/orgs/register", body={
        "name": "Bench Org", "licenseNo": "BENCH-0001", "contactName": "Bench", "contactEmail": "bench@example.com",
        "contactPhone": "+86 21 5555 0000",
        "owner": {"email": "owner@bench.example", "password": "Bench-Owner-Pass-9", "name": "Owner"}})["id"]
    call(base, "POST", f"/api/v1/platform/orgs/{org}/approve", admin)
    call(base, "PUT", f"/api/v1/platform/orgs/{org}/quotas", admin,
         {"maxApps": apps, "maxHostApps": hosts})
    # The runtime benchmark measures serving, not review: a trusted organisation that releases (and
    # gray-releases) without review (issue 14).
    call(base, "PUT", f"/api/v1/platform/orgs/{org}/review-policy", admin, {"required": False})
    owner = call(base, "POST", "/api/v1/auth/login",
                 body={"email": "owner@bench.example", "password": "Bench-Owner-Pass-9"})["accessToken"]
    pkg = package_bytes()
    app_ids = []
    for i in range(apps):
        app = call(base, "POST", f"/api/v1/orgs/{org}/apps", owner, {"name": f"Bench {i}"})["appId"]
        call(base, "PUT", f"/api/v1/apps/{app}/versions/1.0.0/package", owner, raw=pkg,
             content_type="application/zip")
        call(base, "POST", f"/api/v1/apps/{app}/versions/1.0.0/release", owner)
        app_ids.append(app)
    host_list = []
    per_host = max(1, apps // hosts)
    for h in range(hosts):
        bundle = f"com.bench.host{h}"
        host = call(base, "POST", f"/api/v1/orgs/{org}/host-apps", owner,
                    {"name": f"Host {h}", "bundleIds": [{"platform": "ios", "id": bundle}]})
        linked = [app_ids[(h * per_host + k) % apps] for k in range(per_host)]
        for app in linked:
            call(base, "PUT", f"/api/v1/host-apps/{host['id']}/apps/{app}", owner)
        host_list.append({"id": host["id"], "sdkKey": host["sdkKey"], "sdkSecret": host["sdkSecret"], "bundle": bundle,
                          "apps": linked})
    gray_app = seed_gray(base, owner, admin, org, pkg, host_list)
    for i in range(1, 50):  # the operator's console list: 50 organisations in all
        call(base, "POST", "/api/v1/orgs/register", body={
            "name": f"Bench Org {i}", "licenseNo": f"BENCH-LIST-{i:04d}", "contactName": "Bench",
            "contactEmail": f"bench{i}@example.com", "contactPhone": "+86 21 5555 0000",
            "owner": {"email": f"owner{i}@bench.example", "password": "Bench-Owner-Pass-9", "name": f"Owner {i}"}})
    with open(os.path.join(work, "client.tsv"), "w") as f:
        for h in host_list:
            f.write("\t".join(["host", h["id"], h["sdkKey"], h["sdkSecret"], h["bundle"], ",".join(h["apps"])]) + "\n")
        f.write(f"gray\t{gray_app}\npackage\t{hashlib.sha256(pkg).hexdigest()}\n")


GRAY_RULES = [
    {"groups": [{"uidLists": ["{list}"]}]},
    {"groups": [{"conditions": [{"attribute": "platform", "operator": "IN", "values": ["harmony"]},
                                {"attribute": "osVersion", "operator": "VERSION_GTE", "values": ["5.0"]}]}]},
    {"groups": [{"conditions": [{"attribute": "deviceModel", "operator": "REGEX", "values": ["^Pixel [89]( Pro)?$"]}]}]},
    {"groups": [{"conditions": [{"attribute": "network", "operator": "IN", "values": ["5g"]}], "percentage": 20}]},
    {"groups": [{"conditions": [{"attribute": "ctx.channel", "operator": "IN", "values": ["beta", "canary"]},
                                {"attribute": "ip", "operator": "IN_CIDR", "values": ["10.0.0.0/8", "192.168.0.0/16"]}]}]},
]


def seed_gray(base, owner, admin, org, pkg, host_list):
    """One mini-program with five running plans (versions 1.1.0–1.5.0), associated with every host."""
    call(base, "PUT", f"/api/v1/platform/orgs/{org}/quotas", admin,
         {"maxApps": 5000, "maxHostApps": 1000, "maxGrayPlans": 10})
    app = call(base, "POST", f"/api/v1/orgs/{org}/apps", owner, {"name": "Bench gray"})["appId"]
    call(base, "PUT", f"/api/v1/apps/{app}/versions/1.0.0/package", owner, raw=pkg, content_type="application/zip")
    call(base, "POST", f"/api/v1/apps/{app}/versions/1.0.0/release", owner)
    ids = "".join(f"vip-{i}\n" for i in range(10000)).encode()
    lst = call(base, "POST", f"/api/v1/orgs/{org}/uid-lists?name=bench-vip", owner, raw=ids,
               content_type="text/plain")["id"]
    for i, rule in enumerate(GRAY_RULES):
        version = f"1.{i + 1}.0"
        call(base, "PUT", f"/api/v1/apps/{app}/versions/{version}/package", owner, raw=pkg,
             content_type="application/zip")
        rule = json.loads(json.dumps(rule).replace("{list}", lst))
        plan = call(base, "POST", f"/api/v1/apps/{app}/gray/plans", owner,
                    {"version": version, "rule": rule, "priority": i})["id"]
        call(base, "POST", f"/api/v1/gray/plans/{plan}/start", owner)
    for host in host_list:
        call(base, "PUT", f"/api/v1/host-apps/{host['id']}/apps/{app}", owner)
    return app




def client_file(work):
    hosts, extra = [], {}
    with open(os.path.join(work, "client.tsv")) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "host":
                hosts.append({"sdkKey": fields[2], "sdkSecret": fields[3], "bundle": fields[4],
                              "apps": fields[5].split(",")})
            else:
                extra[fields[0]] = fields[1]
    return hosts, extra


def console(base, email, password, work):
    token = call(base, "POST", "/api/v1/auth/login", body={"email": email, "password": password})["accessToken"]
    path = os.path.join(work, "client.tsv")
    with open(path) as f:
        kept = [line for line in f if not line.startswith("console\t")]
    with open(path, "w") as f:
        f.writelines(kept + [f"console\t{token}\n"])


def signed_head(host, target):
    ts = str(int(time.time()))
    nonce = os.urandom(12).hex()
    sig = hmac.new(host["sdkSecret"].encode(), f"GET\n{target}\n{ts}\n{nonce}".encode(), hashlib.sha256).hexdigest()
    return (f"X-Cove-Sdk-Key: {host['sdkKey']}\r\nX-Cove-Bundle-Id: {host['bundle']}\r\nX-Cove-Timestamp: {ts}\r\n"
            f"X-Cove-Nonce: {nonce}\r\nX-Cove-Signature: {sig}\r\n")


def exchange(address, request):
    """Every byte of the answer to one HTTP/1.1 request (Content-Length framing)."""
    with socket.create_connection(address, timeout=10) as s:
        s.sendall(request.encode())
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            if not chunk:
                sys.exit(f"connection closed before the response head: {data!r}")
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = None
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            sys.exit(f"no Content-Length in {head.decode(errors='replace')}")
        while len(body) < length:
            chunk = s.recv(1 << 20)
            if not chunk:
                sys.exit("connection closed inside the body")
            body += chunk
        return head + b"\r\n\r\n", body


def capture(base, work, kind):
    hosts, extra = client_file(work)
    host = hosts[0]
    address = base.removeprefix("http://").rsplit(":", 1)
    address = (address[0], int(address[1]))
    host_line = f"Host: {address[0]}:{address[1]}\r\n"
    if kind == "healthz":
        targets, auth = ["/healthz"], lambda t: ""
    elif kind == "console":
        targets, auth = ["/api/v1/platform/orgs?limit=50"], lambda t: f"Authorization: Bearer {extra['console']}\r\n"
    else:
        auth = lambda t: signed_head(host, t)
        targets = {
            "resolve": [f"/runtime/v1/apps/{host['apps'][0]}?uid=u1&platform=ios"],
            # a user that falls through all five plans, as 49 in 50 of bench/client.lua's do
            "gray": [f"/runtime/v1/apps/{extra['gray']}?uid=u1&platform=ios&osVersion=4.1&deviceModel=Mate%2060"
                     "&network=wifi&ctx.channel=stable"],
            "package": [f"/runtime/v1/packages/{extra['package']}"],
        }[kind]
    deadline = time.time() + 10
    while True:  # the runtime catalog catches up with the last writes within milliseconds
        head, body = exchange(address, f"GET {targets[0]} HTTP/1.1\r\n{host_line}{auth(targets[0])}\r\n")
        if head.startswith(b"HTTP/1.1 200 "):
            break
        if time.time() > deadline:
            sys.exit(f"{kind}: {head.decode(errors='replace')}{body.decode(errors='replace')}")
        time.sleep(0.1)
    with open(os.path.join(work, f"{kind}.response"), "wb") as f:
        f.write(head + body)
    with open(os.path.join(work, f"{kind}.body"), "wb") as f:
        f.write(body)


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) >= 5 and args[0] == "seed":
        opts = {"--apps": 1000, "--hosts": 100}
        for i in range(5, len(args) - 1, 2):
            opts[args[i]] = int(args[i + 1])
        seed(args[1], args[2], args[3], args[4], opts["--apps"], opts["--hosts"])
    elif len(args) == 5 and args[0] == "console":
        console(args[1], args[2], args[3], args[4])
    elif len(args) == 4 and args[0] == "capture":
        capture(args[1], args[2], args[3])
    else:
        sys.exit(__doc__)
