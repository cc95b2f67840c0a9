"""OAuth 2 for mini-programs (issue 20; src/modules/oauth/*_routes.cpp): the organisation's client
settings, the operators' allowed scopes and signing keys, the OAuth endpoints (RFC 6749 with PKCE,
RFC 8414, 7009, 7662, 9068) and the host app's runtime calls around them."""
from spec import array, boolean, integer, nullable, obj, path_param, query_param, string, time

ORDER = 85  # where this area's tags stand in docs/openapi.json

TAG = "OAuth"
APP = path_param("appId", "Mini-program id (the OAuth client_id)")
SIGNED = [{"runtimeSdkKey": [], "runtimeSignature": []}]
RUNTIME_401 = ["runtime.unauthenticated", "runtime.clock_skew", "runtime.unknown_sdk_key", "runtime.bad_signature",
               "runtime.bundle_mismatch", "runtime.replay"]
SCOPES = ["basic", "phone", "email", "tx.sign", "tx.broadcast", "assets.read", "assets.transfer"]
FORM = "application/x-www-form-urlencoded"
FIELD_CODES = ("`https_required`, `fragment_not_allowed`, `credentials_in_url`, `invalid_url`, `too_long`, "
               "`duplicate`, `too_many`, `required`, `unknown_scope`")


def add(api):
    api.tag(TAG, "OAuth 2.1 with PKCE for mini-programs (用户授权): the host app vouches for its signed-in user at "
                 "`GET /oauth/authorize` (SDK-signed; the signed string gains `\\n` + the `X-Cove-User` header), the "
                 "mini-program's back end exchanges the single-use, 5-minute code at `POST /oauth/token` "
                 "(client_secret_basic or client_secret_post with the secret from `POST …/oauth/secret`) for an "
                 "RFC 9068 JWT access token (ES256, keys at `/oauth/jwks.json`, life `oauth.accessTokenMinutes`) "
                 "and a refresh token rotated on every use (reusing one revokes its whole family). Scopes: "
                 + ", ".join(f"`{s}`" for s in SCOPES) + "; a mini-program may request those its organisation "
                 "lists and operators allow. The `/oauth/*` endpoints answer errors as RFC 6749 "
                 "`{error, error_description}`. Field errors of the settings: " + FIELD_CODES + ".")
    oauth_error = api.schema("OAuthError", obj({
        "error": string(description="RFC 6749 error: invalid_request, invalid_client, invalid_grant, "
                                    "unauthorized_client, unsupported_grant_type, invalid_scope, access_denied, "
                                    "unsupported_response_type, invalid_token, server_error, temporarily_unavailable"),
        "error_description": string(),
        "code": string(description="Cove's error code when a shared check refused (runtime.bad_signature …)"),
    }, ["error", "error_description"], additional=None))
    settings = api.schema("OAuthClientSettings", obj({
        "appId": string(), "enabled": boolean(), "redirectUris": array(string()),
        "scopes": array(string(enum=SCOPES), description="What the organisation requests"),
        "allowedScopes": array(string(enum=SCOPES), description="What operators allow (default basic)"),
        "hasSecret": boolean(), "secretCreatedAt": nullable(time()),
        "activeAuthorizations": integer(0, description="Users' live authorizations (no personal data)"),
    }, ["appId", "enabled", "redirectUris", "scopes", "allowedScopes", "hasSecret", "secretCreatedAt",
        "activeAuthorizations"]))
    body = obj({
        "enabled": boolean(),
        "redirectUris": array(string(1, 512), max_items=10,
                              description="Absolute https:// URIs, compared exactly; at least one when enabled"),
        "scopes": array(string(enum=SCOPES), max_items=7),
    }, ["enabled", "redirectUris", "scopes"])
    url = "/api/v1/apps/{appId}/oauth"
    api.op("GET", url, tag=TAG, summary="A mini-program's OAuth client settings", permission="apps:read",
           params=[APP], responses={200: settings}, errors={404: ["apps.not_found"]})
    api.op("PUT", url, tag=TAG, summary="Set a mini-program's OAuth client settings", permission="apps:write",
           params=[APP], body=body, responses={200: settings},
           errors={400: ["validation_failed"], 404: ["apps.not_found"], 413: []})
    api.op("POST", url + "/secret", tag=TAG,
           summary="Create or rotate the client secret (shown only now; the previous one stops working)",
           permission="apps:write", params=[APP],
           responses={201: ("Created", obj({"clientId": string(), "clientSecret": string(description="`cove_cs_…`")},
                                           ["clientId", "clientSecret"]))},
           errors={404: ["apps.not_found"]})
    allowed = obj({"appId": string(), "scopes": array(string(enum=SCOPES)),
                   "requestedScopes": array(string(enum=SCOPES)), "enabled": boolean()},
                  ["appId", "scopes", "requestedScopes", "enabled"])
    purl = "/api/v1/platform/apps/{appId}/oauth-scopes"
    api.op("GET", purl, tag=TAG, summary="The OAuth scopes a mini-program may request", permission="platform:read",
           params=[APP], responses={200: allowed}, errors={404: ["apps.not_found"]})
    api.op("PUT", purl, tag=TAG, summary="Allow a mini-program OAuth scopes", permission="platform:review",
           params=[APP], body=obj({"scopes": array(string(enum=SCOPES), max_items=7)}, ["scopes"]),
           responses={200: allowed}, errors={400: ["validation_failed"], 404: ["apps.not_found"], 413: []})
    key = api.schema("OAuthSigningKey", obj({
        "kid": string(), "alg": string(enum=["ES256"]), "createdAt": time(), "retiredAt": nullable(time()),
        "current": boolean(description="Signs new tokens; retired keys stay published until their tokens expire"),
    }, ["kid", "alg", "createdAt", "retiredAt", "current"]))
    api.op("GET", "/api/v1/platform/oauth/signing-keys", tag=TAG, summary="The access-token signing keys published",
           permission="platform:read", responses={200: obj({"items": array(key)}, ["items"])})
    api.op("POST", "/api/v1/platform/oauth/signing-keys", tag=TAG,
           summary="Rotate: a new signing key; the old one stays published until its tokens expire",
           permission="platform:settings", responses={201: ("Created", key)})

    err = {400: ("RFC 6749 error", oauth_error), 401: ("Client or host-app authentication failed", oauth_error)}
    api.op("GET", "/oauth/authorize", tag=TAG, summary="Authorization endpoint, called by the host app for its user",
           permission="open", security=SIGNED,
           params=[query_param("response_type", "code", string(enum=["code"])),
                   query_param("client_id", "The mini-program's appId", string(1, 64)),
                   query_param("redirect_uri", "One of its registered URIs, exactly", string(1, 512)),
                   query_param("scope", "Space-separated scopes (default basic)", string(0, 200)),
                   query_param("state", "Returned unchanged", string(0, 500)),
                   query_param("code_challenge", "base64url SHA-256 of the verifier", string(43, 43)),
                   query_param("code_challenge_method", "S256 only", string(enum=["S256"])),
                   {"name": "X-Cove-User", "in": "header", "required": True,
                    "description": "base64url of JSON {uid, walletAddress?, phone?, email?, confirmed?: "
                                   "[\"phone\",\"email\"]}; covered by the signature",
                    "schema": string(1, 4096)}],
           responses={200: ("With `Accept: application/json`: the code for in-app use",
                            obj({"code": string(), "state": nullable(string()), "redirectUri": string()},
                                ["code", "state", "redirectUri"])),
                      302: ("To the redirect URI with `code` and `state` (or `error` once the client and URI are "
                            "known good)", None),
                      400: err[400][0:2], 401: err[401][0:2], 403: ("The host app is disabled", oauth_error)})
    token = obj({"access_token": string(description="RFC 9068 JWT, ES256"), "token_type": string(enum=["Bearer"]),
                 "expires_in": integer(1), "refresh_token": string(), "scope": string()},
                ["access_token", "token_type", "expires_in", "refresh_token", "scope"])
    form = {FORM: obj({"grant_type": string(enum=["authorization_code", "refresh_token"]), "code": string(),
                       "redirect_uri": string(), "code_verifier": string(43, 128), "refresh_token": string(),
                       "scope": string(), "client_id": string(), "client_secret": string()}, ["grant_type"])}
    api.op("POST", "/oauth/token", tag=TAG, summary="Token endpoint: exchange a code, or refresh (rotated)",
           permission="open", security=[], body=form, responses={200: token, **err})
    api.op("POST", "/oauth/revoke", tag=TAG, summary="RFC 7009 revocation: ends the token's whole family",
           permission="open", security=[],
           body={FORM: obj({"token": string(), "token_type_hint": string()}, ["token"])},
           responses={200: ("Revoked, or the token was unknown", None), **err})
    api.op("POST", "/oauth/introspect", tag=TAG, summary="RFC 7662 introspection of the client's own tokens",
           permission="open", security=[],
           body={FORM: obj({"token": string(), "token_type_hint": string()}, ["token"])},
           responses={200: obj({"active": boolean()}, ["active"], additional=True), **err})
    userinfo = obj({"sub": string(description="<hostAppId>:<uid>"), "uid": string(), "host_app_id": string(),
                    "wallet_address": string(), "phone_number": string(), "phone_number_verified": boolean(),
                    "email": string(), "email_verified": boolean()}, ["sub"])
    bad_token = {401: ("invalid_token (WWW-Authenticate: Bearer)", oauth_error)}
    api.op("GET", "/oauth/userinfo", tag=TAG, summary="The user's claims, per granted scope", permission="open",
           security=[], responses={200: userinfo, **bad_token})
    api.op("POST", "/oauth/userinfo", tag=TAG, summary="The user's claims, per granted scope", permission="open",
           security=[], body={FORM: obj({"access_token": string()}, [])}, body_required=False,
           responses={200: userinfo, **bad_token, 400: err[400]})
    api.op("GET", "/oauth/jwks.json", tag=TAG, summary="The JWK set that verifies access tokens", permission="open",
           responses={200: ("RFC 7517 key set", obj({"keys": array({"type": "object"})}, ["keys"]),
                            "application/jwk-set+json")})
    api.op("GET", "/.well-known/oauth-authorization-server", tag=TAG, summary="RFC 8414 server metadata",
           permission="open", responses={200: {"type": "object"}, 400: err[400]})

    signed_errors = {401: RUNTIME_401, 403: ["runtime.host_app_disabled"]}
    scope_item = obj({"scope": string(enum=SCOPES),
                      "description": obj({"zh-CN": string(), "en-US": string()}, ["zh-CN", "en-US"])},
                     ["scope", "description"])
    api.op("GET", "/runtime/v1/oauth/scopes", tag=TAG, summary="The consent sheet's scope texts for a mini-program",
           permission="open", security=SIGNED, params=[query_param("appId", "Mini-program id", string(1, 64))],
           responses={200: obj({"appId": string(), "enabled": boolean(), "scopes": array(scope_item)},
                               ["appId", "enabled", "scopes"])},
           errors={**signed_errors, 400: ["validation_failed"], 404: ["apps.not_found"]})
    authz = obj({"appId": string(), "appName": string(), "scopes": array(string(enum=SCOPES)), "createdAt": time(),
                 "updatedAt": time(), "lastUsedAt": nullable(time())},
                ["appId", "appName", "scopes", "createdAt", "updatedAt", "lastUsedAt"])
    api.op("GET", "/runtime/v1/oauth/authorizations", tag=TAG, summary="A user's live authorizations",
           permission="open", security=SIGNED, params=[query_param("uid", "The host app's user", string(1, 128))],
           responses={200: obj({"items": array(authz)}, ["items"])},
           errors={**signed_errors, 400: ["validation_failed"]})
    api.op("DELETE", "/runtime/v1/oauth/authorizations", tag=TAG,
           summary="Revoke a user's authorizations (one mini-program's with appId): refresh tokens at once",
           permission="open", security=SIGNED,
           params=[query_param("uid", "The host app's user", string(1, 128)),
                   query_param("appId", "Only this mini-program", string(1, 64))],
           responses={200: obj({"revoked": integer(0)}, ["revoked"])},
           errors={**signed_errors, 400: ["validation_failed"]})
