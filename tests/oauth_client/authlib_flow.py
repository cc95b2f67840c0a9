#!/usr/bin/python3
"""A standard OAuth 2 client against the real cove binary (issue 20; ctest: oauth_client).

    /usr/bin/python3 tests/oauth_client/authlib_flow.py path/to/cove

Starts the binary on 127.0.0.1 (ephemeral port, temporary data directory), seeds it through the
REST API (an approved organisation, a released mini-program configured as an OAuth client, a host
app running it), then plays the three parties with Debian's python3-authlib as the mini-program's
back end: the authorization URL with PKCE (S256), the host app's signed authorization call, the
code exchange (client_secret_basic, and client_secret_post for a second grant), userinfo,
introspection, a refresh, reuse of the spent refresh token, and revocation. Access tokens are
verified with authlib's own JOSE implementation against /oauth/jwks.json — not with Cove's code.
Stops the server by its PID.
"""
import base64
import hashlib
import hmac
import http.client
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zipfile

os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # the test server speaks plain HTTP on loopback

from authlib.common.security import generate_token  # noqa: E402
from authlib.integrations.requests_client import OAuth2Session  # noqa: E402
from authlib.jose import JsonWebKey, JsonWebToken  # noqa: E402
from authlib.integrations.base_client.errors import OAuthError  # noqa: E402

REDIRECT = "https://mp.example.com/oauth/callback"
ADMIN = ("oauth-admin@example.com", "OAuth-Client-Pass-1")


def fail(message):
    sys.exit(f"oauth_client: {message}")


class Cove:
    def __init__(self, binary):
        self.work = tempfile.mkdtemp(prefix="cove-oauth-client-")
        self.log_path = os.path.join(self.work, "cove.log")
        env = dict(os.environ, COVE_ADMIN_EMAIL=ADMIN[0], COVE_ADMIN_PASSWORD=ADMIN[1])
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--data",
                                      os.path.join(self.work, "data")], stdout=self.log, stderr=subprocess.STDOUT,
                                     env=env)
        self.url = None
        for _ in range(300):
            if self.proc.poll() is not None:
                fail("cove exited at start:\n" + open(self.log_path).read())
            m = re.search(r'msg="cove listening" url=(\S+)', open(self.log_path).read())
            if m:
                self.url = m.group(1)
                break
            time.sleep(0.05)
        if not self.url:
            fail("cove did not start")
        parsed = urllib.parse.urlsplit(self.url)
        self.host, self.port = parsed.hostname, parsed.port

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        shutil.rmtree(self.work, ignore_errors=True)

    def request(self, method, target, headers=None, body=None):
        """One request with the target sent exactly as given (it is what the SDK signs)."""
        for _ in range(50):
            conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            conn.request(method, target, body=body, headers=headers or {})
            res = conn.getresponse()
            data = res.read()
            conn.close()
            if res.status != 429:
                return res.status, dict(res.getheaders()), data
            time.sleep(float(res.getheader("Retry-After", "1")))
        fail(f"{method} {target}: still rate limited")

    def api(self, method, path, token=None, body=None, raw=None, content_type="application/json", expect=None):
        headers = {}
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        if data is not None:
            headers["Content-Type"] = content_type
        if token:
            headers["Authorization"] = "Bearer " + token
        status, _, text = self.request(method, path, headers, data)
        if status >= 300 or (expect and status != expect):
            fail(f"{method} {path}: {status} {text[:500]!r}")
        return json.loads(text) if text else None


def package():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("app.json", json.dumps({"pages": ["pages/index/index"]}))
        z.writestr("pages/index/index.js", "Page({})")
    return buf.getvalue()


def seed(cove):
    admin = cove.api("POST", "/api/v1/auth/login", body={"email": ADMIN[0], "password": ADMIN[1]})["accessToken"]
    owner_login = {"email": "owner@oauth.example", "password": "OAuth-Owner-Pass-9"}
    org = cove.api("POST", "/api/v1/orgs/register", body={
        "name": "OAuth Org", "licenseNo": "OAUTH-0001", "contactName": "Owner", "contactEmail": "owner@oauth.example",
        "contactPhone": "+86 21 5555 0000", "owner": dict(owner_login, name="Owner")})["id"]
    cove.api("POST", f"/api/v1/platform/orgs/{org}/approve", admin)
    cove.api("PUT", f"/api/v1/platform/orgs/{org}/review-policy", admin, {"required": False})
    owner = cove.api("POST", "/api/v1/auth/login", body=owner_login)["accessToken"]
    app = cove.api("POST", f"/api/v1/orgs/{org}/apps", owner, {"name": "Weather"})["appId"]
    cove.api("PUT", f"/api/v1/apps/{app}/versions/1.0.0/package", owner, raw=package(), content_type="application/zip")
    cove.api("POST", f"/api/v1/apps/{app}/versions/1.0.0/release", owner)
    bundle = "com.example.wallet"
    host = cove.api("POST", f"/api/v1/orgs/{org}/host-apps", owner,
                    {"name": "Wallet", "bundleIds": [{"platform": "android", "id": bundle}]})
    cove.api("PUT", f"/api/v1/host-apps/{host['id']}/apps/{app}", owner)
    cove.api("PUT", f"/api/v1/platform/apps/{app}/oauth-scopes", admin, {"scopes": ["basic", "email"]})
    cove.api("PUT", f"/api/v1/apps/{app}/oauth", owner,
             {"enabled": True, "redirectUris": [REDIRECT], "scopes": ["basic", "email"]})
    secret = cove.api("POST", f"/api/v1/apps/{app}/oauth/secret", owner, expect=201)["clientSecret"]
    return app, secret, dict(host, bundle=bundle)


def host_authorize(cove, host, authorization_url, user):
    """The host app's signed call: the signed string gains "\\n" + X-Cove-User."""
    parts = urllib.parse.urlsplit(authorization_url)
    target = parts.path + "?" + parts.query
    user_header = base64.urlsafe_b64encode(json.dumps(user).encode()).rstrip(b"=").decode()
    for _ in range(200):  # the SDK directory learns of a new host app a moment after it is created
        ts, nonce = str(int(time.time())), os.urandom(12).hex()
        payload = f"GET\n{target}\n{ts}\n{nonce}\n{user_header}"
        headers = {"X-Cove-Sdk-Key": host["sdkKey"], "X-Cove-Bundle-Id": host["bundle"], "X-Cove-Timestamp": ts,
                   "X-Cove-Nonce": nonce, "X-Cove-User": user_header,
                   "X-Cove-Signature": hmac.new(host["sdkSecret"].encode(), payload.encode(), hashlib.sha256).hexdigest()}
        status, res_headers, body = cove.request("GET", target, headers)
        if b"runtime.unknown_sdk_key" not in body:
            break
        time.sleep(0.05)
    if status != 302:
        fail(f"authorize: {status} {body!r}")
    return res_headers["Location"]


def verify_jwt(cove, token, client_id, scope):
    """With authlib's JOSE, never Cove's: signature by the published key, typ, exp, claims."""
    _, _, jwks = cove.request("GET", "/oauth/jwks.json")
    keys = JsonWebKey.import_key_set(json.loads(jwks))
    claims = JsonWebToken(["ES256"]).decode(token, keys, claims_options={
        "iss": {"essential": True, "value": cove.url}, "exp": {"essential": True},
        "client_id": {"essential": True, "value": client_id}, "sub": {"essential": True}})
    claims.validate()
    if claims.header.get("typ") != "at+jwt":
        fail(f"the access token's typ is {claims.header.get('typ')!r}, not at+jwt (RFC 9068)")
    if claims["scope"] != scope or claims["aud"] != cove.url or "jti" not in claims:
        fail(f"unexpected claims {dict(claims)}")
    return claims


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: authlib_flow.py path/to/cove")
    cove = Cove(sys.argv[1])
    try:
        app, secret, host = seed(cove)
        _, _, meta = cove.request("GET", "/.well-known/oauth-authorization-server")
        meta = json.loads(meta)
        if meta["issuer"] != cove.url or meta["code_challenge_methods_supported"] != ["S256"]:
            fail(f"metadata: {meta}")
        user = {"uid": "alice", "walletAddress": "0xA11CE", "email": "alice@example.com", "confirmed": ["email"]}

        # The mini-program's back end, client_secret_basic.
        client = OAuth2Session(app, secret, scope="basic email", redirect_uri=REDIRECT, code_challenge_method="S256",
                               token_endpoint_auth_method="client_secret_basic")
        verifier = generate_token(64)
        url, state = client.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier)
        location = host_authorize(cove, host, url, user)
        token = client.fetch_token(meta["token_endpoint"], authorization_response=location, state=state,
                                   code_verifier=verifier)
        claims = verify_jwt(cove, token["access_token"], app, "basic email")
        if claims["sub"] != f"{host['id']}:alice":
            fail(f"sub {claims['sub']}")

        info = client.get(meta["userinfo_endpoint"]).json()
        if info.get("uid") != "alice" or info.get("email") != "alice@example.com" or not info.get("email_verified"):
            fail(f"userinfo {info}")
        active = client.introspect_token(meta["introspection_endpoint"], token=token["access_token"]).json()
        if active.get("active") is not True or active.get("client_id") != app:
            fail(f"introspection {active}")

        first_refresh = token["refresh_token"]
        refreshed = client.refresh_token(meta["token_endpoint"], refresh_token=first_refresh)
        if refreshed["refresh_token"] == first_refresh:
            fail("the refresh token was not rotated")
        verify_jwt(cove, refreshed["access_token"], app, "basic email")

        # A spent refresh token is refused, and the family ends with it.
        try:
            client.refresh_token(meta["token_endpoint"], refresh_token=first_refresh)
            fail("a spent refresh token was accepted")
        except OAuthError as e:
            if e.error != "invalid_grant":
                fail(f"reuse answered {e.error}")
        ended = client.introspect_token(meta["introspection_endpoint"], token=refreshed["access_token"]).json()
        if ended.get("active") is not False:
            fail(f"the family survived reuse: {ended}")

        # A second grant, client_secret_post, then revocation (RFC 7009).
        post_client = OAuth2Session(app, secret, scope="basic", redirect_uri=REDIRECT, code_challenge_method="S256",
                                    token_endpoint_auth_method="client_secret_post")
        verifier = generate_token(64)
        url, state = post_client.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier)
        location = host_authorize(cove, host, url, {"uid": "bob"})
        token = post_client.fetch_token(meta["token_endpoint"], authorization_response=location, state=state,
                                        code_verifier=verifier)
        verify_jwt(cove, token["access_token"], app, "basic")
        if post_client.get(meta["userinfo_endpoint"]).json().get("uid") != "bob":
            fail("userinfo for the second grant")
        res = post_client.revoke_token(meta["revocation_endpoint"], token=token["refresh_token"],
                                       token_type_hint="refresh_token")
        if res.status_code != 200:
            fail(f"revoke answered {res.status_code}")
        if post_client.get(meta["userinfo_endpoint"]).status_code != 401:
            fail("the access token still works after its refresh token was revoked")
        try:
            post_client.refresh_token(meta["token_endpoint"], refresh_token=token["refresh_token"])
            fail("a revoked refresh token was accepted")
        except OAuthError as e:
            if e.error != "invalid_grant":
                fail(f"revoked refresh answered {e.error}")

        # A wrong secret is invalid_client.
        bad = OAuth2Session(app, "cove_cs_wrong", redirect_uri=REDIRECT)
        try:
            bad.refresh_token(meta["token_endpoint"], refresh_token="x")
            fail("a wrong client secret was accepted")
        except OAuthError as e:
            if e.error != "invalid_client":
                fail(f"wrong secret answered {e.error}")
        print("oauth_client: authlib drove the whole flow; access tokens verified with authlib.jose")
    finally:
        cove.stop()


if __name__ == "__main__":
    main()
