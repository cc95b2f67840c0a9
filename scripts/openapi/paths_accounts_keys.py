"""API keys of an organisation (src/modules/accounts/api_key_routes.cpp)."""
from spec import (PAGE_PARAMS, array, integer, nullable, obj, path_param, query_param, ref, string, time)

ORDER = 30  # where this area's tags stand in docs/openapi.json

SCOPES = ["org:read", "org:manage", "members:read", "members:manage", "apps:read", "apps:write",
          "apps:release", "audit:read"]

ORG_ID = path_param("orgId", "Organisation id (`org_…`)")
KEY_ID = path_param("keyId", "API key id (`key_…`)")


def add(api):
    api.tag("API keys", "Organisation API keys for CI scripts and OpenAPI clients. The secret is shown once, "
                        "at creation and rotation, and stored only as a SHA-256 hash.")
    api.schema("ApiKey", obj({
        "id": string(example="key_4n8Jd2kQ0Zb7YwVf1Lx3Tc"),
        "name": string(max_length=100),
        "prefix": string(description="The secret's first 12 characters, to tell keys apart", example="cove_sk_7Hq2"),
        "scopes": array(string(enum=SCOPES)),
        "allowedIps": array(string(), description="IPs or CIDR ranges the key may be used from; empty = any"),
        "createdBy": obj({"id": string(), "name": string()}, ["id", "name"], additional=None),
        "createdAt": time(),
        "expiresAt": time(),
        "lastUsedAt": nullable(time()),
        "lastUsedIp": nullable(string()),
        "revokedAt": nullable(time()),
        "previousSecretValidUntil": nullable(time(description="While in the future, the secret replaced by the "
                                                                "last rotation still works")),
        "status": string(enum=["active", "expired", "revoked"]),
    }, ["id", "name", "prefix", "scopes", "allowedIps", "createdBy", "createdAt", "expiresAt", "lastUsedAt",
        "lastUsedIp", "revokedAt", "previousSecretValidUntil", "status"], additional=None))
    api.schema("ApiKeyWithSecret", {"allOf": [ref("ApiKey"), obj({
        "secret": string(description="`cove_sk_` + 40 base62 characters. Shown only in this response.",
                         pattern="^cove_sk_[0-9A-Za-z]{40}$")}, ["secret"], additional=None)]})
    api.schema("ApiKeyCreate", obj({
        "name": string(1, 100),
        "scopes": array(string(enum=SCOPES), max_items=32, minItems=1,
                        description="Organisation permissions the caller holds; `keys:manage` cannot be granted to "
                                    "a key"),
        "expiresInDays": integer(1, 365, default=90),
        "allowedIps": array(string(1, 64), max_items=20, description="IPv4/IPv6 addresses or CIDR ranges"),
    }, ["name", "scopes"]))
    api.schema("ApiKeyRotate", obj({
        "graceHours": integer(0, 24, description="How long the replaced secret keeps working; 0 = stops at once"),
    }, ["graceHours"]))

    base = "/api/v1/orgs/{orgId}/api-keys"
    api.op("GET", base, tag="API keys", summary="List the organisation's API keys, newest first",
           permission="keys:manage",
           params=[ORG_ID, *PAGE_PARAMS,
                   query_param("status", "Only keys in this state", string(enum=["active", "expired", "revoked"]))],
           responses={200: api.page_of("ApiKey")}, errors={400: ["validation_failed"]})
    api.op("POST", base, tag="API keys", summary="Create an API key (the secret is in this response only)",
           permission="keys:manage", params=[ORG_ID], body=ref("ApiKeyCreate"),
           responses={201: ("Created", ref("ApiKeyWithSecret"))},
           errors={400: ["validation_failed"], 409: ["api_keys.limit_reached"], 413: []},
           description="Scopes must be organisation permissions the caller holds there (field error `scopes`: "
                       "`unknown_scope`, `not_allowed` for keys:manage, `not_permitted`). At most 100 active keys "
                       "per organisation.")
    api.op("DELETE", base + "/{keyId}", tag="API keys", summary="Revoke an API key (idempotent)",
           permission="keys:manage", params=[ORG_ID, KEY_ID], responses={204: None},
           errors={404: ["api_keys.not_found"]},
           description="Both the current secret and any secret still in its rotation grace period stop working "
                       "at once.")
    api.op("POST", base + "/{keyId}/rotate", tag="API keys", summary="Issue a new secret for an API key",
           permission="keys:manage", params=[ORG_ID, KEY_ID], body=ref("ApiKeyRotate"),
           responses={200: ref("ApiKeyWithSecret")},
           errors={400: ["validation_failed"], 404: ["api_keys.not_found"],
                   409: ["api_keys.revoked", "api_keys.expired"], 413: []},
           description="The key keeps its id, scopes and expiry. The previous secret stays valid for `graceHours` "
                       "(replacing any earlier grace secret).")
