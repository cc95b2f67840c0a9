#!/usr/bin/env python3
"""Seeds a running Cove for the runtime benchmarks and writes pre-signed SDK requests.

    runtime_setup.py seed  BASE_URL ADMIN_EMAIL ADMIN_PASSWORD WORK_DIR [--apps 1000] [--hosts 100]
    runtime_setup.py sign  WORK_DIR KIND COUNT FILES NAME  # KIND = resolve | gray | package

`seed` registers an organisation (approved by the operator), creates the mini-programs with one
released version each (all sharing one 1 MiB package, so the download benchmark has one file), and
the host apps, each associated with its own apps / hosts of them (1,000 across 100 by default). It
saves what `sign` needs to WORK_DIR/seed.json, a sample runtime answer to WORK_DIR/resolve.json and
the package to WORK_DIR/package.zip (the nginx baselines serve those files).

It also gives one mini-program ("the gray app", associated with every host app) five running gray
plans of mixed rules — a 10,000-id UID list, platform + lenient OS version, a regex on the device
model, a sticky 20 % rollout, and a custom attribute with a CIDR on the caller's address — so the
`gray` requests (users that mostly fall through all five) measure rule evaluation on the hot path.

`sign` writes COUNT signed requests split over FILES files (WORK_DIR/NAME.N), one per line:
target, sdk key, bundle id, timestamp, nonce, signature — tab-separated, for bench/runtime.lua.
Each request has a fresh nonce (the server refuses replays), so COUNT must exceed what wrk sends.
"""
import hashlib
import hmac
import io
import json
import os
import random
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
    owner = call(base, "POST", "/api/v1/auth/login",
                 body={"email": "owner@bench.example", "password": "Bench-Owner-Pass-9"})["accessToken"]
    pkg = package_bytes()
    with open(os.path.join(work, "package.zip"), "wb") as f:
        f.write(pkg)
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
    sha = hashlib.sha256(pkg).hexdigest()
    with open(os.path.join(work, "seed.json"), "w") as f:
        json.dump({"hosts": host_list, "packageSha256": sha, "grayApp": gray_app}, f)
    # One answer as the runtime gives it, for nginx to serve as the same-size static file.
    line = signed(host_list[0], f"/runtime/v1/apps/{host_list[0]['apps'][0]}?uid=u1&platform=ios")
    req = urllib.request.Request(base + line[0], headers=line[1])
    deadline = time.time() + 10
    while True:
        try:
            with urllib.request.urlopen(req) as res, open(os.path.join(work, "resolve.json"), "wb") as f:
                f.write(res.read())
            break
        except urllib.error.HTTPError:
            if time.time() > deadline:
                raise
            time.sleep(0.1)
            line = signed(host_list[0], line[0])
            req = urllib.request.Request(base + line[0], headers=line[1])


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


def gray_target(app, n, rnd):
    """A user of the gray app: about 1 in 50 matches a plan, the rest are evaluated against all five."""
    platform = rnd.choice(["ios", "android", "harmony"])
    model = rnd.choice(["iPhone15,2", "Pixel 7", "Mate 60", "Pixel 8 Pro"])
    network = rnd.choice(["wifi", "4g"] * 24 + ["5g"])
    return (f"/runtime/v1/apps/{app}?uid=u{n}&platform={platform}&osVersion=4.{n % 10}"
            f"&deviceModel={model.replace(' ', '%20')}&network={network}&ctx.channel=stable")


def signed(host, target, ts=None):
    ts = str(ts or int(time.time()))
    nonce = os.urandom(12).hex()
    sig = hmac.new(host["sdkSecret"].encode(), f"GET\n{target}\n{ts}\n{nonce}".encode(), hashlib.sha256).hexdigest()
    return target, {"X-Cove-Sdk-Key": host["sdkKey"], "X-Cove-Bundle-Id": host["bundle"], "X-Cove-Timestamp": ts,
                    "X-Cove-Nonce": nonce, "X-Cove-Signature": sig}


def sign(work, kind, count, files, name):
    with open(os.path.join(work, "seed.json")) as f:
        s = json.load(f)
    rnd = random.Random(11)
    ts = str(int(time.time()))
    outs = [open(os.path.join(work, f"{name}.{i}"), "w") for i in range(files)]
    for n in range(count):
        host = s["hosts"][rnd.randrange(len(s["hosts"]))]
        if kind == "resolve":
            target = f"/runtime/v1/apps/{host['apps'][rnd.randrange(len(host['apps']))]}?uid=u{n}&platform=ios"
        elif kind == "gray":
            target = gray_target(s["grayApp"], n, rnd)
        else:
            target = f"/runtime/v1/packages/{s['packageSha256']}"
        nonce = os.urandom(12).hex()
        sig = hmac.new(host["sdkSecret"].encode(), f"GET\n{target}\n{ts}\n{nonce}".encode(),
                       hashlib.sha256).hexdigest()
        outs[n % files].write("\t".join([target, host["sdkKey"], host["bundle"], ts, nonce, sig]) + "\n")
    for o in outs:
        o.close()


if __name__ == "__main__":
    if len(sys.argv) >= 6 and sys.argv[1] == "seed":
        args = sys.argv[2:]
        opts = {"--apps": 1000, "--hosts": 100}
        for i in range(4, len(args) - 1, 2):
            opts[args[i]] = int(args[i + 1])
        seed(args[0], args[1], args[2], args[3], opts["--apps"], opts["--hosts"])
    elif len(sys.argv) == 7 and sys.argv[1] == "sign":
        sign(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        sys.exit(__doc__)
