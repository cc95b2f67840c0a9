"""Domains (域名管理): a mini-program's declared domains per channel, the platform's whitelist and
blocklist (src/modules/domains/*_routes.cpp). The runtime answer carries the effective lists."""
from spec import array, integer, nullable, obj, path_param, ref, string, time

ORDER = 70  # where this area's tags stand in docs/openapi.json

APP_ID = path_param("appId", "Mini-program id (`app_…`)")
HOST = path_param("host", "A host name as listed (ASCII; a Unicode name is converted to punycode)")
TAG_APP = "Domains"
TAG_PLATFORM = "Platform domain lists"
TAG_CERTS = "Certificates"
CERT_ID = path_param("certificateId", "Certificate id (`crt_…`)")
ORG = path_param("orgId", "Organisation id (`org_…`)")
KINDS = ["request", "socket", "upload", "download", "webview"]
RULE_CODES = ("`scheme_required`, `scheme_not_allowed` (https:// only; wss:// for socket), `ip_literal` (any IP "
              "form a URL parser accepts: `127.0.0.1`, `0x7f.1`, `2130706433`, `0177.0.0.1`, `[::1]`), "
              "`localhost_not_allowed`, `invalid_host`, `invalid_idn`, `path_not_allowed` (no path, query or "
              "fragment), `userinfo_not_allowed`, `invalid_port`, `port_not_allowed` (webview: default port only), "
              "`wildcard_not_allowed` (config `domains.allowWildcards`), `invalid_wildcard`, `wildcard_too_broad`, "
              "`blocked` (the platform blocklist), `too_long`, `invalid_type`; `too_many` at the list's own path "
              "when it passes the organisation's `maxDomainsPerKind` quota (default 20)")


def add(api):
    add_certificates(api)
    api.tag(TAG_APP, "The hosts a mini-program's code may talk to, per channel: `request`, `socket`, `upload`, "
                     "`download` (服务域名) and `webview` (业务域名). Entries are `https://host[:port]` "
                     "(`wss://` for socket), stored lower case in punycode without the default port; duplicates "
                     "are dropped. Each refusal is a field error at the entry's path (`request[2]`): " + RULE_CODES +
                     ". The lists are replaced as a whole under the ETag GET answers: PUT without `If-Match` is "
                     "428 `domains.precondition_required`, with a stale one 412 `domains.etag_mismatch` (both with "
                     "`details.etag`, the current one); `If-Match: *` overwrites whatever is stored. The runtime "
                     "answer's `domains` object carries the effective lists: declared + platform whitelist − "
                     "blocklist.")
    api.tag(TAG_PLATFORM, "Operators' lists. A whitelist host is usable by every mini-program, on the channels the "
                          "entry names, without declaring it (may be a `*.` wildcard); a blocklist host and every "
                          "name below it is refused in declarations and removed from what the runtime hands out. "
                          "Adding a blocklist host flags the mini-programs that declare a host it covers (answered "
                          "as `flaggedApps`, one `app_domains.blocked` event each). At most 1000 hosts a list.")

    lists = {k: array(string(1, 300), max_items=1000) for k in KINDS}
    api.schema("DomainLists", obj({
        **lists,
        "revision": integer(0, description="+1 on each change; the ETag is this number, quoted"),
        "updatedAt": nullable(time()),
        "verification": array(ref("DomainVerification"), description="Each business domain's check state"),
    }, KINDS + ["revision", "updatedAt", "verification"]))
    api.schema("PlatformDomain", obj({
        "host": string(), "kinds": array(string(enum=KINDS), description="Whitelist: the channels; blocklist: []"),
        "note": string(0, 200), "createdBy": string(), "createdAt": time(),
    }, ["host", "kinds", "note", "createdBy", "createdAt"]))
    flagged = api.schema("FlaggedApp", obj({
        "orgId": string(), "appId": string(), "blockedHost": string(),
        "values": array(string(), description="`<kind>: <entry>` for each declared entry the host covers"),
    }, ["orgId", "appId", "blockedHost", "values"]))

    base = "/api/v1/apps/{appId}/domains"
    api.op("GET", base, tag=TAG_APP, summary="A mini-program's declared domains, with their ETag",
           permission="apps:read", params=[APP_ID], responses={200: ref("DomainLists")},
           errors={404: ["apps.not_found"]})
    api.op("PUT", base, tag=TAG_APP, summary="Replace all five lists (If-Match required)",
           permission="domains:write", params=[APP_ID],
           body=obj({k: array(string(1, 300), max_items=1000) for k in KINDS},
                    description="An absent list is empty"),
           responses={200: ref("DomainLists")},
           errors={400: ["validation_failed"], 404: ["apps.not_found"], 412: ["domains.etag_mismatch"],
                   413: [], 428: ["domains.precondition_required"]})

    for name in ("whitelist", "blocklist"):
        path = f"/api/v1/platform/domain-{name}"
        body = {"host": string(1, 300), "note": string(0, 200)}
        if name == "whitelist":
            body["kinds"] = array(string(enum=KINDS), max_items=5, description="Default: every channel")
        created = ref("PlatformDomain") if name == "whitelist" else {
            "allOf": [ref("PlatformDomain"), obj({"flaggedApps": array(flagged)}, ["flaggedApps"], additional=None)]}
        api.op("GET", path, tag=TAG_PLATFORM, summary=f"The platform domain {name}", permission="platform:read",
               responses={200: api.page_of("PlatformDomain")})
        api.op("POST", path, tag=TAG_PLATFORM, summary=f"Add a host to the {name}", permission="platform:domains",
               body=obj(body, ["host"]), responses={201: ("Added", created)},
               errors={400: ["validation_failed"], 409: ["domains.list_entry_exists", "domains.list_full"], 413: []})
        api.op("DELETE", path + "/{host}", tag=TAG_PLATFORM, summary=f"Remove a host from the {name}",
               permission="platform:domains", params=[HOST], responses={204: None},
               errors={404: ["domains.list_entry_not_found"]})
    verification = api.schema("DomainVerification", obj({
        "host": string(), "status": string(enum=["verified", "failed", "unverified"]),
        "checkedAt": nullable(time()), "verifiedAt": nullable(time()),
        "failure": nullable(string(description="Why the last check failed: `<reason>: <text>`, the reason one of "
                                               "refused_address, redirect_refused, too_many_redirects, too_large, "
                                               "timeout, tls, dns, connect, status, content")),
    }, ["host", "status", "checkedAt", "verifiedAt", "failure"]))
    api.op("GET", "/api/v1/orgs/{orgId}/domain-verification", tag=TAG_APP,
           summary="The organisation's verification file for business domains, and its check results",
           description="Publish `content` as `https://<host>/<fileName>` (a trailing newline is tolerated), then "
                       "verify the host. The file is derived from a server secret: the same for the organisation "
                       "every time.",
           permission="apps:read", params=[path_param("orgId", "Organisation id (`org_…`)")],
           responses={200: obj({"fileName": string(), "content": string(), "urlTemplate": string(),
                                "checks": array(verification)},
                               ["fileName", "content", "urlTemplate", "checks"])})
    api.op("POST", "/api/v1/apps/{appId}/domains/webview/{host}/verify", tag=TAG_APP,
           summary="Check a declared business domain now",
           description="Fetches `https://<host>/<fileName>` over verified TLS (10 s, 64 KiB, redirects only to the "
                       "same host, loopback/private/link-local addresses refused after DNS unless "
                       "`domains.verify.allowPrivateAddresses`). A failed check is still a 200 with `status: "
                       "failed` and the reason; only verified business domains reach the runtime. Verified hosts "
                       "are re-checked every `domains.verify.recheckHours`; a failure there emits "
                       "`webview_domain.verification_failed`.",
           permission="domains:write", params=[APP_ID, HOST], responses={200: verification},
           errors={404: ["apps.not_found", "domains.webview_not_declared"]})
    api.op("GET", "/api/v1/platform/flagged-domains", tag=TAG_PLATFORM,
           summary="Mini-programs that declare a host the blocklist covers (at most 1000; `total` counts all)",
           permission="platform:read", responses={200: api.page_of("FlaggedApp")})


def add_certificates(api):
    api.tag(TAG_CERTS, "TLS certificates (证书管理). Operators store the platform's own (PEM chain, leaf first, and "
                       "the private key, sealed at rest; never answered back); organisations store certificates of "
                       "their service domains for information and expiry alerts (a key sent along is not kept). "
                       "Parsed with OpenSSL: the key must match the leaf, the chain must verify to the included "
                       "certificates (a self-signed one among them is trusted as given) or the system store, and "
                       "an expired or not-yet-valid leaf is refused. Lists are sorted by expiry, soonest first. An "
                       "hourly job emits `certificate.expiring` at 30, 14, 7 and 1 days left and "
                       "`certificate.expired`, each once per certificate. When Cove terminates TLS, a handshake "
                       "whose SNI name a platform certificate covers (exact, or `*.` one label up) is answered "
                       "with it — the newest valid one when several do — from the next handshake after a change; "
                       "any other name gets `http.tls.cert`. Operators may also have Cove generate the key and a "
                       "CSR (`/api/v1/platform/certificate-requests`).")
    cert = api.schema("Certificate", obj({
        "id": string(), "scope": string(enum=["platform", "org"]), "orgId": nullable(string()),
        "names": array(string(), description="DNS subject alternative names (the CN when none)"),
        "subject": string(), "issuer": string(), "serial": string(description="Hex"),
        "notBefore": time(), "notAfter": time(), "daysLeft": integer(description="Negative once expired"),
        "keyType": string(), "keyBits": integer(), "fingerprint": string(description="SHA-256 of the leaf (hex)"),
        "selfSigned": {"type": "boolean"}, "hasKey": {"type": "boolean"}, "createdAt": time(),
    }, ["id", "scope", "orgId", "names", "subject", "issuer", "serial", "notBefore", "notAfter", "daysLeft",
        "keyType", "keyBits", "fingerprint", "selfSigned", "hasKey", "createdAt"]))
    detail = {"allOf": [cert, obj({"chain": string(description="The PEM chain")}, ["chain"], additional=None)]}
    body = obj({"certificate": string(1, 65536, description="PEM chain, leaf first"),
                "privateKey": string(1, 16384, description="Unencrypted PEM key (required for the platform's)")},
               ["certificate"])
    codes = ["validation_failed", "certificates.invalid_pem", "certificates.invalid_key", "certificates.key_mismatch",
             "certificates.expired", "certificates.not_yet_valid", "certificates.bad_chain"]
    for platform in (True, False):
        base = "/api/v1/platform/certificates" if platform else "/api/v1/orgs/{orgId}/certificates"
        params = [] if platform else [ORG]
        read, write = ("platform:read", "platform:domains") if platform else ("apps:read", "domains:write")
        who = "the platform's" if platform else "the organisation's"
        api.op("GET", base, tag=TAG_CERTS, summary=f"List {who} certificates, soonest expiry first", permission=read,
               params=params, responses={200: api.page_of("Certificate")})
        api.op("POST", base, tag=TAG_CERTS, summary=f"Store one of {who} certificates", permission=write,
               params=params, body=body, responses={201: ("Stored", cert)},
               errors={400: codes, 409: ["certificates.too_many"], 413: []})
        api.op("GET", base + "/{certificateId}", tag=TAG_CERTS, summary="A certificate with its chain",
               permission=read, params=params + [CERT_ID], responses={200: detail},
               errors={404: ["certificates.not_found"]})
        api.op("DELETE", base + "/{certificateId}", tag=TAG_CERTS, summary="Delete a certificate", permission=write,
               params=params + [CERT_ID], responses={204: None}, errors={404: ["certificates.not_found"]})
    add_certificate_requests(api, cert, codes)


def add_certificate_requests(api, cert, codes):
    request = api.schema("CertificateRequest", obj({
        "id": string(description="`csr_…`"), "keyType": string(enum=["RSA-2048", "RSA-3072", "EC-P256"]),
        "keyBits": integer(), "subject": string(description="RFC 2253"),
        "names": array(string(), description="DNS names, lower case, punycode"),
        "csr": string(description="The PKCS#10 request, PEM"), "createdAt": time(),
    }, ["id", "keyType", "keyBits", "subject", "names", "csr", "createdAt"]))
    base = "/api/v1/platform/certificate-requests"
    req_id = path_param("requestId", "Signing request id (`csr_…`)")
    subject = obj({"commonName": string(1, 64, description="One of `names`; the first name by default"),
                   "organization": string(1, 64), "organizationalUnit": string(1, 64), "locality": string(1, 128),
                   "state": string(1, 128), "country": string(1, 2, description="ISO 3166 alpha-2, capitals")})
    body = obj({"keyType": string(enum=["RSA-2048", "RSA-3072", "EC-P256"]),
                "names": array(string(1, 300), max_items=100,
                               description="DNS names (subject alternative names); a leading `*.` covers one label"),
                "subject": subject}, ["keyType", "names"],
               description="Field codes: `unknown_value` (keyType), the host rules at `names[i]` (`ip_literal`, "
                           "`localhost_not_allowed`, `invalid_host`, `invalid_wildcard`, …), `not_in_names` "
                           "(subject.commonName), `invalid_country` (subject.country).")
    api.op("GET", base, tag=TAG_CERTS, summary="List pending certificate signing requests, newest first",
           permission="platform:read", responses={200: api.page_of("CertificateRequest")})
    api.op("POST", base, tag=TAG_CERTS, summary="Generate a key and a certificate signing request",
           description="Cove generates the private key (RSA 2048 or 3072 bits, or ECDSA P-256), seals it at rest and "
                       "answers the PKCS#10 request (SHA-256, the names as subject alternative names). The key is "
                       "never answered; uploading the certificate a CA signed for it completes a platform "
                       "certificate. Runs on the worker pool (RSA generation takes up to a second).",
           permission="platform:domains", body=body, responses={201: ("Generated", request)},
           errors={400: ["validation_failed"], 409: ["certificates.too_many_requests"], 413: []})
    api.op("GET", base + "/{requestId}", tag=TAG_CERTS, summary="A pending signing request",
           permission="platform:read", params=[req_id], responses={200: request},
           errors={404: ["certificates.request_not_found"]})
    api.op("GET", base + "/{requestId}/csr", tag=TAG_CERTS, summary="Download the request as a .csr file",
           permission="platform:read", params=[req_id],
           responses={200: ("The PEM request, with Content-Disposition: attachment", string(), "application/pkcs10")},
           errors={404: ["certificates.request_not_found"]})
    api.op("POST", base + "/{requestId}/certificate", tag=TAG_CERTS,
           summary="Complete a request with the certificate the CA signed",
           description="The chain (leaf first) must be for the generated key (`certificates.key_mismatch`) and pass "
                       "the same checks as an upload. Stores a platform certificate with that key — served by SNI "
                       "from the next handshake — and removes the request, in one transaction.",
           permission="platform:domains", params=[req_id],
           body=obj({"certificate": string(1, 65536, description="PEM chain, leaf first")}, ["certificate"]),
           responses={201: ("Stored", cert)},
           errors={400: [c for c in codes if c != "certificates.invalid_key"], 404: ["certificates.request_not_found"],
                   409: ["certificates.too_many"], 413: []})
    api.op("DELETE", base + "/{requestId}", tag=TAG_CERTS, summary="Delete a pending request and its key",
           permission="platform:domains", params=[req_id], responses={204: None},
           errors={404: ["certificates.request_not_found"]})
