"""Building blocks for docs/openapi.json: the document skeleton, shared components (errors,
pagination, security schemes) and `Api.op()`, which records one operation with its permission,
parameters, body, responses and error codes.

Every operation carries `x-cove-permission` ("open", "self" or a permission string);
tests/api/openapi_test.cpp checks it, and the set of (method, path) pairs, against the routes
the server registers, so the document cannot drift from the code.
"""

ERROR_RESPONSES = {
    400: ("ValidationFailed", "The request is malformed or fails validation (`validation_failed`, `invalid_json`)."),
    401: ("Unauthenticated", "No valid credentials (`unauthenticated`)."),
    403: ("Forbidden", "The caller lacks the permission (`forbidden`), must fix something first "
                       "(`auth.password_change_required`, `auth.2fa_enrollment_required`) or hit a quota "
                       "(`quota.exceeded`)."),
    404: ("NotFound", "No such resource, or it belongs to another organisation (ids cannot be probed)."),
    405: ("MethodNotAllowed", "The path exists but not with this method (`method_not_allowed`)."),
    409: ("Conflict", "The request conflicts with the current state, or (with `Idempotency-Key`) the first request "
                      "with this key is still running (`idempotency.in_progress`, see `Retry-After`) or completed "
                      "with a response too large to keep (`idempotency.response_not_stored`)."),
    410: ("Gone", "The resource existed but can no longer be used."),
    412: ("PreconditionFailed", "The resource changed since the caller read it: its ETag no longer matches "
                                "`If-Match` (`details.etag` is the current one)."),
    413: ("PayloadTooLarge", "The body exceeds the route's limit (`payload_too_large`)."),
    415: ("UnsupportedMediaType", "The body's type is not accepted for this route."),
    422: ("IdempotencyKeyReused", "The `Idempotency-Key` was already used for a different request "
                                  "(`idempotency.key_reused`)."),
    428: ("PreconditionRequired", "The route replaces a resource only under `If-Match` with the ETag the caller "
                                  "read."),
    429: ("RateLimited", "Too many requests (`rate_limited`); see `Retry-After` and `details.retryAfterSeconds`."),
    503: ("ServiceUnavailable", "The server cannot take this request now (a capacity limit); retry later."),
    507: ("StorageFull", "The server's data directory has no space left (`storage_full`); nothing was written. "
                         "Retry after `Retry-After` seconds."),
}

# What any request can be refused with before it reaches a route (src/http/session.cpp): documented
# as a 4XX range on the operations that have no refusal of their own (health, metrics, the signing
# key), so that every operation says what a 4xx from it means.
REQUEST_REJECTED = ("RequestRejected", "The server refused the request itself: not valid HTTP/1.1 or a malformed "
                                       "target (400 `bad_request`), a body over `http.bodyLimitBytes` (413 "
                                       "`payload_too_large`), headers over `http.headerLimitBytes` (431 "
                                       "`request_header_too_large`).")


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def string(min_length=None, max_length=None, **extra):
    s = {"type": "string"}
    if min_length is not None:
        s["minLength"] = min_length
    if max_length is not None:
        s["maxLength"] = max_length
    s.update(extra)
    return s


def integer(minimum=None, maximum=None, **extra):
    s = {"type": "integer", "format": "int64"}
    if minimum is not None:
        s["minimum"] = minimum
    if maximum is not None:
        s["maximum"] = maximum
    s.update(extra)
    return s


def boolean(**extra):
    return {"type": "boolean", **extra}


def time(**extra):
    return {"type": "string", "format": "date-time", "description": "RFC 3339, UTC, milliseconds", **extra}


def nullable(schema):
    if "$ref" in schema:
        # OpenAPI 3.0 ignores siblings of $ref, and validators refuse null through allOf: inline it.
        raise ValueError("nullable() needs an inline schema, not a $ref")
    out = {**schema, "nullable": True}
    if "enum" in out:  # OpenAPI 3.0: an enum must list null itself for null to validate
        out["enum"] = [*out["enum"], None]
    return out


def array(items, max_items=None, **extra):
    s = {"type": "array", "items": items}
    if max_items is not None:
        s["maxItems"] = max_items
    s.update(extra)
    return s


def obj(properties, required=None, description=None, additional=False):
    s = {"type": "object", "properties": properties}
    if required:
        s["required"] = list(required)
    if description:
        s["description"] = description
    # Request bodies are strict (unknown fields are a 400); responses may grow new fields.
    if additional is not None:
        s["additionalProperties"] = additional
    return s


def path_param(name, description, **schema):
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "string", **schema}}


def query_param(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


PAGE_PARAMS = [{"$ref": "#/components/parameters/Limit"}, {"$ref": "#/components/parameters/Cursor"},
               {"$ref": "#/components/parameters/Offset"}, {"$ref": "#/components/parameters/From"},
               {"$ref": "#/components/parameters/To"}]

IDEMPOTENCY_KEY = {"$ref": "#/components/parameters/IdempotencyKey"}
IDEMPOTENCY_CODES = ["idempotency.in_progress", "idempotency.response_not_stored"]


def takes_idempotency_key(method, path):
    """Mutating /api/v1 operations accept Idempotency-Key (src/http/idempotency.hpp)."""
    return method in ("post", "put", "patch", "delete") and path.startswith("/api/v1/")


class Api:
    def __init__(self):
        self.paths = {}
        self.schemas = {}
        self.tags = []
        self.responses_used = set()  # names under components/responses that an operation refers to

    def tag(self, name, description):
        self.tags.append({"name": name, "description": description})

    def schema(self, name, schema):
        if name in self.schemas:
            raise ValueError(f"schema {name} defined twice")
        self.schemas[name] = schema
        return ref(name)

    def page_of(self, item):
        """A list response {items, nextCursor} of `item` (a schema name)."""
        name = f"{item}Page"
        if name not in self.schemas:
            self.schemas[name] = {"allOf": [ref("Page"), obj({"items": array(ref(item))}, ["items"], additional=None)]}
        return ref(name)

    def op(self, method, path, *, tag, summary, permission, description=None, params=(), body=None,
           body_required=True, responses, errors=None, operation_id=None, security=None):
        """One operation.

        permission: "open", "self", or a permission string ("keys:manage", "platform:orgs").
        body: a schema for an application/json body, or a dict {media type: schema} for raw bodies.
        responses: {status: schema | None | (description, schema | None, media type)}.
        errors: {status: [error codes]} beyond what the permission implies.
        security: overrides the requirement derived from the permission (open routes with their own
        credentials, e.g. the refresh cookie or runtime signatures).
        """
        method = method.lower()
        entry = self.paths.setdefault(path, {})
        if method in entry:
            raise ValueError(f"{method.upper()} {path} documented twice")
        op = {"tags": [tag], "summary": summary, "operationId": operation_id or make_operation_id(method, path),
              "x-cove-permission": permission}
        if description:
            op["description"] = description
        idempotent = takes_idempotency_key(method, path)
        if params or idempotent:
            op["parameters"] = list(params) + ([IDEMPOTENCY_KEY] if idempotent else [])
        if body is not None:
            content = ({"application/json": {"schema": body}} if "type" in body or "$ref" in body or "allOf" in body
                       else {media: {"schema": schema} for media, schema in body.items()})
            op["requestBody"] = {"required": body_required, "content": content}

        op["security"] = security if security is not None else security_for(permission)
        out = {}
        for status, spec in responses.items():
            out[str(status)] = response(status, spec)
        codes = {status: list(listed) for status, listed in (errors or {}).items()}
        for status in implied_errors(method, permission, path, body is not None, params):
            codes.setdefault(status, [])
        if idempotent:
            # A named 409 list must name these too; an unnamed one uses the generic text that does.
            if codes.get(409):
                codes[409] += IDEMPOTENCY_CODES
            codes.setdefault(409, [])
            codes.setdefault(422, [])
        for status in sorted(codes):
            name, text = ERROR_RESPONSES[status]
            listed = codes[status]
            if listed:
                out[str(status)] = {
                    "description": text + " Codes: " + ", ".join(f"`{c}`" for c in listed) + ".",
                    "content": {"application/json": {"schema": ref("ValidationError" if status == 400 else "Error")}},
                    "x-error-codes": listed}
            else:
                out[str(status)] = self.response_ref(name)
        if not any(code.startswith("4") for code in out):
            out["4XX"] = self.response_ref(REQUEST_REJECTED[0])
        op["responses"] = out
        entry[method] = op

    def response_ref(self, name):
        self.responses_used.add(name)
        return {"$ref": f"#/components/responses/{name}"}


def make_operation_id(method, path):
    words = [method]
    for seg in path.split("/"):
        if not seg or seg in ("api", "v1"):
            continue
        if seg.startswith("{"):
            words.append("by_" + seg[1:-1])
        else:
            words.append(seg.replace("-", "_"))
    return "_".join(words)


def security_for(permission):
    if permission == "open":
        return []
    if permission == "self" or permission.startswith("platform:"):
        return [{"bearerAuth": []}]
    return [{"bearerAuth": []}, {"apiKeyAuth": []}]


def implied_errors(method, permission, path, has_body, params):
    out = []
    if has_body:
        out.append(400)
    if permission != "open":
        out += [401, 403]
    if any(p.get("in") == "path" for p in params if isinstance(p, dict)) and permission != "open":
        out.append(404)
    if path.startswith("/api/"):
        out.append(429)
        if method != "get":
            out.append(507)  # any write can meet a full disk
    return out


def response(status, spec):
    """spec: None (no body), a JSON schema, or (description, schema[, media type])."""
    if spec is None:
        return {"description": "No content" if status == 204 else "OK"}
    if not isinstance(spec, tuple):
        spec = ("OK" if status < 300 else "Result", spec)
    description, schema, media = (spec + ("application/json",))[:3]
    r = {"description": description}
    if schema is not None:
        r["content"] = {media: {"schema": schema}}
    return r


def components(api):
    error = obj({
        "code": string(description="Stable machine-readable code, e.g. `orgs.not_found`"),
        "message": string(description="Human-readable explanation"),
        "details": {"type": "object", "description": "Code-specific data", "additionalProperties": True},
        "requestId": string(description="Echoes X-Request-Id; quote it when reporting problems"),
    }, ["code", "message", "details", "requestId"], additional=None)
    field_error = obj({"code": string(description="`required`, `too_long`, `unknown_field`, `out_of_range`, …"),
                       "message": string()}, ["code", "message"], additional=None)
    validation = {"allOf": [ref("Error"), obj({
        "details": obj({"fields": {"type": "object", "additionalProperties": ref("FieldError"),
                                   "description": "Field name (dotted for nested objects) → its first problem"}},
                       ["fields"], additional=None)}, additional=None)]}
    page = obj({"nextCursor": nullable(string(description="Pass as `cursor` for the next page; null on the last page")),
                "total": integer(0, description="How many rows match the list's filters in all (an indexed count)")},
               ["nextCursor", "total"], description="Every list answers {items, nextCursor, total}.", additional=None)
    schemas = {"Error": error, "FieldError": field_error, "ValidationError": validation, "Page": page}
    for name, schema in schemas.items():
        api.schema(name, schema)

    # Only the responses some operation refers to: an unused component documents nothing.
    responses = {}
    for status, (name, text) in [*ERROR_RESPONSES.items(), (400, REQUEST_REJECTED)]:
        if name not in api.responses_used:
            continue
        responses[name] = {"description": text, "content": {"application/json": {
            "schema": ref("ValidationError" if name == "ValidationFailed" else "Error")}}}
        if status in (429, 507):
            responses[name]["headers"] = {"Retry-After": {"schema": {"type": "integer"},
                                                          "description": "Seconds to wait"}}
    return {
        "schemas": dict(sorted(api.schemas.items())),
        "responses": responses,
        "parameters": {
            "Limit": query_param("limit", "Page size", integer(1, 200, default=50)),
            "Cursor": query_param("cursor", "Opaque cursor from the previous page's `nextCursor`",
                                  string(max_length=200)),
            "Offset": query_param("offset", "Rows to skip (numbered pages); not together with `cursor`",
                                  integer(0, 1000000, default=0)),
            "From": query_param("from", "Only rows created at or after this time (RFC 3339; for the operation log, "
                                "the entry's time); field error `invalid_time`", time()),
            "To": query_param("to", "Only rows created before this time (RFC 3339, exclusive); after `from`, "
                              "else field error `before_from`", time()),
            "IdempotencyKey": {
                "name": "Idempotency-Key", "in": "header", "required": False,
                "schema": string(1, 255, pattern="^[\\x21-\\x7E]+$"),
                "description": (
                    "Makes a retry safe: the first response to this key from this principal (user or API key) is "
                    "kept for `http.idempotency.ttlHours` (24 h) and replayed, with `Idempotent-Replayed: true`, "
                    "to a retry of the same request (method, target and body). The same key with a different "
                    "request answers 422 `idempotency.key_reused`; while the first request runs, 409 "
                    "`idempotency.in_progress`. Server errors (5xx) are not kept, so their retry runs again. "
                    "Kept: the status, Content-Type, Location, ETag, Last-Modified, Content-Disposition and a body "
                    "up to 1 MiB; a larger body is not kept and a retry answers 409 "
                    "`idempotency.response_not_stored`. Ignored for unauthenticated requests. 1–255 visible "
                    "ASCII characters, e.g. a UUID."),
            },
        },
        "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                           "description": "Access token from `POST /api/v1/auth/login` or `/auth/refresh` "
                                          "(HS256, 15 minutes by default)."},
            "apiKeyAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "cove_sk_…",
                           "description": "An organisation API key: `Authorization: Bearer cove_sk_…`. Holds its "
                                          "scopes intersected with its creator's current role; rate limited per key; "
                                          "cannot call routes for signed-in users (`self`)."},
            "refreshCookie": {"type": "apiKey", "in": "cookie", "name": "cove_refresh",
                              "description": "Rotating refresh token, HttpOnly; Secure; SameSite=Strict, "
                                             "scoped to /api/v1/auth."},
            "runtimeSdkKey": {"type": "apiKey", "in": "header", "name": "X-Cove-Sdk-Key",
                              "description": "Host app SDK key. Runtime requests also send `X-Cove-Bundle-Id`, "
                                             "`X-Cove-Timestamp` (Unix seconds), `X-Cove-Nonce` (16–64 chars)."},
            "runtimeSignature": {"type": "apiKey", "in": "header", "name": "X-Cove-Signature",
                                 "description": "Lowercase hex HMAC-SHA256(sdkSecret, METHOD + \"\\n\" + TARGET + "
                                                "\"\\n\" + TIMESTAMP + \"\\n\" + NONCE), TARGET = path and query "
                                                "exactly as sent; a request with a body appends \"\\n\" + the "
                                                "lowercase hex SHA-256 of the body."},
        },
    }
