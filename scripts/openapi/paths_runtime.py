"""The runtime API for host-app SDKs (src/modules/runtime/runtime_routes.cpp; docs/api/apps-runtime.md).

Routes are open to the console's credentials and authenticate with the signed headers instead
(securitySchemes runtimeSdkKey + runtimeSignature)."""
from spec import array, integer, nullable, obj, path_param, query_param, ref, string, time

ORDER = 90  # where this area's tags stand in docs/openapi.json

SIGNED = [{"runtimeSdkKey": [], "runtimeSignature": []}]
RUNTIME_401 = ["runtime.unauthenticated", "runtime.clock_skew", "runtime.unknown_sdk_key", "runtime.bad_signature",
               "runtime.bundle_mismatch", "runtime.replay"]
CONTEXT = ["uid", "platform", "osVersion", "deviceModel", "network", "region", "sdkVersion", "deviceId"]


def signed_errors(extra):
    errors = {401: RUNTIME_401, 403: ["runtime.host_app_disabled"]}
    errors.update(extra)
    return errors


def add(api):
    tag = "Runtime"
    api.tag(tag, "What host-app SDKs call on every launch, signed with the host app's sdkKey and sdkSecret "
                 "(HMAC-SHA256 over METHOD, TARGET, TIMESTAMP and NONCE).")
    profile = api.schema("RuntimeProfile", obj({
        "appId": string(), "name": string(), "developer": string(description="The organisation that publishes it"),
        "iconUrl": nullable(string(description="GET it signed: /runtime/v1/apps/{appId}/icon")),
        "summary": string(), "description": string(), "category": nullable(string()),
        "repositoryUrl": nullable(string(description="Open-source repository")),
        "auditCertificate": nullable(obj({"name": string(), "contentType": string(), "url": string()},
                                         ["name", "contentType", "url"], additional=None)),
        "contracts": array({"type": "object", "description": "{chain, address, name}"}),
        "securityRating": nullable(string()), "version": string(), "updatedAt": time(),
        "review": obj({"status": string(enum=["approved", "not_reviewed"]), "approvedAt": nullable(time())},
                      ["status", "approvedAt"], additional=None,
                      description="Whether this version was approved by a reviewer (review module)"),
        "violation": nullable(obj({"status": string(enum=["open", "taken_down"]), "reportCount": integer(0),
                                   "lastReportAt": time()}, ["status", "reportCount", "lastReportAt"],
                                  additional=None, description="An open violation case (review module)")),
        "safetyNotice": nullable(string(description="The platform's first-use safety notice")),
    }, ["appId", "name", "developer", "iconUrl", "summary", "description", "category", "repositoryUrl",
        "auditCertificate", "contracts", "securityRating", "version", "updatedAt"], additional=None,
        description="What users are shown about a mini-program (trust data)"))
    api.schema("RuntimeApp", obj({
        "appId": string(), "name": string(), "version": string(), "versionId": string(),
        "package": obj({"url": string(), "sha256": string(pattern="^[0-9a-f]{64}$"), "size": integer(),
                        "signature": string(description="Base64 Ed25519 signature of the ASCII hex SHA-256; verify "
                                                        "with GET /runtime/v1/signing-key")},
                       ["url", "sha256", "size", "signature"], additional=None),
        "minBaseLibrary": nullable(string()),
        "privacy": {"type": "object", "description": "The mini-program's privacy declaration"},
        "allowedApis": array(string()), "allowedMenus": array(string()),
        "gray": nullable({"type": "object", "description": "Set by the gray-release module when a plan decides"}),
        "profile": profile,
        "domains": obj({k: array(string()) for k in ("request", "socket", "upload", "download", "webview")},
                       ["request", "socket", "upload", "download", "webview"],
                       description="The hosts the mini-program may use per channel (domains module): declared + "
                                   "platform whitelist − blocklist, `scheme://host[:port]`, `*.` wildcards admit "
                                   "names below"),
    }, ["appId", "name", "version", "versionId", "package", "minBaseLibrary", "privacy", "allowedApis",
        "allowedMenus", "gray", "profile"], additional=None))

    context = [query_param(name, "User context, for gray-release rules (≤ 256 bytes)", string(max_length=256))
               for name in CONTEXT]
    api.op("GET", "/runtime/v1/apps/{appId}", tag=tag, summary="Which version this user should run",
           permission="open", security=SIGNED,
           params=[path_param("appId", "Mini-program id"), *context],
           responses={200: ("The version to run; ETag over the answer", ref("RuntimeApp")),
                      304: ("Not modified (If-None-Match)", None)},
           errors=signed_errors({400: ["validation_failed"],
                                 404: ["runtime.app_not_found", "runtime.not_associated", "runtime.not_released",
                                       "runtime.app_offline"]}),
           description="Also accepts `ctx.<key>` parameters (custom context, ≤ 64 parameters in all); anything "
                       "else is a 400.")
    api.op("GET", "/runtime/v1/apps/{appId}/profile", tag=tag, summary="What users are shown about a mini-program",
           permission="open", security=SIGNED, params=[path_param("appId", "Mini-program id")],
           responses={200: ("The answer's `profile`; ETag over it", ref("RuntimeProfile")),
                      304: ("Not modified (If-None-Match)", None)},
           errors=signed_errors({404: ["runtime.app_not_found", "runtime.not_associated", "runtime.not_released",
                                       "runtime.app_offline"]}),
           description="For the wallet's 小程序属性 page: served from the catalog like the answer itself.")
    for kind, what in (("icon", "The mini-program's icon (PNG or JPEG)"),
                       ("certificate", "Its third-party audit certificate (PDF or image), as an attachment")):
        api.op("GET", f"/runtime/v1/apps/{{appId}}/{kind}", tag=tag, summary=what, permission="open",
               security=SIGNED, params=[path_param("appId", "Mini-program id")],
               responses={200: ("The file; ETag is its SHA-256", string(format="binary"), "application/octet-stream"),
                          304: ("Not modified (If-None-Match)", None)},
               errors=signed_errors({404: ["runtime.app_not_found", "runtime.not_associated",
                                           "runtime.file_not_found"]}))
    api.op("GET", "/runtime/v1/apps", tag=tag, summary="The host app's online mini-programs, in appId order",
           permission="open", security=SIGNED,
           params=[query_param("limit", "Page size", integer(1, 200, default=50)),
                   query_param("cursor", "nextCursor of the previous page", string(max_length=200))],
           responses={200: obj({"items": array(ref("RuntimeApp")), "nextCursor": nullable(string())},
                               ["items", "nextCursor"], additional=None)},
           errors=signed_errors({400: ["validation_failed"]}))
    api.op("GET", "/runtime/v1/packages/{sha256}", tag=tag, summary="A package the host app may run",
           permission="open", security=SIGNED,
           params=[path_param("sha256", "The package's SHA-256 (lowercase hex)")],
           responses={200: ("The zip; ETag is its SHA-256, cached immutably", string(format="binary"),
                            "application/zip"),
                      206: ("The requested byte range (Range)", string(format="binary"), "application/zip"),
                      304: ("Not modified (If-None-Match)", None),
                      416: ("Range not satisfiable", ref("Error"))},
           errors=signed_errors({404: ["runtime.package_not_found"]}))
    api.op("GET", "/runtime/v1/signing-key", tag=tag, summary="The Ed25519 public key that signs released packages",
           permission="open",
           responses={200: ("SubjectPublicKeyInfo PEM", string(), "application/x-pem-file")})
