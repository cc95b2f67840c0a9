"""The runtime API for host-app SDKs (src/modules/runtime/runtime_routes.cpp; docs/api/apps-runtime.md).

Routes are open to the console's credentials and authenticate with the signed headers instead
(securitySchemes runtimeSdkKey + runtimeSignature)."""
from spec import array, integer, nullable, obj, path_param, query_param, ref, string

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
        "domains": obj({k: array(string()) for k in ("request", "socket", "upload", "download", "webview")},
                       ["request", "socket", "upload", "download", "webview"],
                       description="The hosts the mini-program may use per channel (domains module): declared + "
                                   "platform whitelist − blocklist, `scheme://host[:port]`, `*.` wildcards admit "
                                   "names below"),
    }, ["appId", "name", "version", "versionId", "package", "minBaseLibrary", "privacy", "allowedApis",
        "allowedMenus", "gray"], additional=None))

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
