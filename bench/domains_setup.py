#!/usr/bin/env python3
"""Declares or clears domains for bench/domains_resolve.sh, on a Cove seeded by runtime_setup.py.

    domains_setup.py declare BASE_URL ADMIN_EMAIL ADMIN_PASSWORD WORK_DIR
    domains_setup.py clear   BASE_URL ADMIN_EMAIL ADMIN_PASSWORD WORK_DIR

`declare` gives every mini-program of WORK_DIR/client.tsv five domains in each of its five lists
(request, socket, upload, download, webview — webview ones unverified, so the runtime leaves them
out as it must) and puts five hosts on the platform whitelist; `clear` empties the lists and the
whitelist again. Each PUT carries the ETag just read (If-Match), as the console does.
"""
import json
import sys
import urllib.request

from runtime_setup import call, client_file

OWNER = ("owner@bench.example", "Bench-Owner-Pass-9")
WHITELIST = [f"cdn{i}.platform-bench.example" for i in range(5)]


def lists(app_index):
    d = lambda kind, i: f"{kind}{i}-app{app_index}.bench.example"
    return {"request": [f"https://{d('api', i)}" for i in range(5)],
            "socket": [f"wss://{d('push', i)}" for i in range(5)],
            "upload": [f"https://{d('up', i)}" for i in range(5)],
            "download": [f"https://{d('dl', i)}" for i in range(5)],
            "webview": [f"https://{d('web', i)}" for i in range(5)]}


def put_lists(base, token, app, body):
    req = urllib.request.Request(base + f"/api/v1/apps/{app}/domains", method="GET")
    req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as res:
        etag = res.headers["ETag"]
    req = urllib.request.Request(base + f"/api/v1/apps/{app}/domains", data=json.dumps(body).encode(), method="PUT")
    req.add_header("Authorization", "Bearer " + token)
    req.add_header("Content-Type", "application/json")
    req.add_header("If-Match", etag)
    with urllib.request.urlopen(req) as res:
        res.read()


def main():
    action, base, email, password, work = sys.argv[1:6]
    hosts, extra = client_file(work)
    apps = sorted({a for h in hosts for a in h["apps"]} | ({extra["gray"]} if "gray" in extra else set()))
    admin = call(base, "POST", "/api/v1/auth/login", body={"email": email, "password": password})["accessToken"]
    owner = call(base, "POST", "/api/v1/auth/login", body={"email": OWNER[0], "password": OWNER[1]})["accessToken"]
    empty = {k: [] for k in ("request", "socket", "upload", "download", "webview")}
    for i, app in enumerate(apps):
        put_lists(base, owner, app, lists(i) if action == "declare" else empty)
    listed = {e["host"] for e in call(base, "GET", "/api/v1/platform/domain-whitelist", admin)["items"]}
    for host in WHITELIST:
        if action == "declare" and host not in listed:
            call(base, "POST", "/api/v1/platform/domain-whitelist", admin, {"host": host})
        elif action == "clear" and host in listed:
            call(base, "DELETE", f"/api/v1/platform/domain-whitelist/{host}", admin)
    print(f"{action}: {len(apps)} mini-programs, whitelist {len(WHITELIST) if action == 'declare' else 0} hosts")


if __name__ == "__main__":
    main()
