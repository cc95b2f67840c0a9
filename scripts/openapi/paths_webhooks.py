"""Webhooks (issue 17): endpoints of organisations and of the platform, their delivery logs, and the
event catalogue (src/modules/webhooks/*_routes.cpp). Deliveries follow Standard Webhooks."""
from spec import PAGE_PARAMS, array, boolean, integer, nullable, obj, path_param, query_param, ref, string, time

ORDER = 80  # where this area's tags stand in docs/openapi.json

TAG = "Webhooks"
ORG = path_param("orgId", "Organisation id (`org_…`)")
HOOK = path_param("webhookId", "Endpoint id (`whe_…`)")
MSG = path_param("messageId", "Message id (`msg_…`): the `webhook-id` header of its deliveries")
FIELD_CODES = ("`invalid_url`, `http_not_allowed` (config `webhooks.allowHttp`), `private_address` (loopback, "
               "private, link-local literals and `localhost`; config `webhooks.allowPrivateAddresses`), "
               "`credentials_in_url`, `unknown_event_type`, `platform_event` (a type only operators' endpoints "
               "receive), `unknown_app`, `invalid_header_name`, `reserved_header` (Host, Content-Length, "
               "Content-Type, the `webhook-*` signature headers …), `invalid_header_value`, `too_many`, `required`")


def add(api):
    api.tag(TAG, "Endpoints receive Cove's events (`GET /api/v1/webhook-event-types`) as signed POSTs per the "
                 "Standard Webhooks specification: body `{type, timestamp, data}`, headers `webhook-id` (stable "
                 "across retries: the receiver's idempotency key), `webhook-timestamp` (Unix seconds) and "
                 "`webhook-signature` = `v1,<base64 HMAC-SHA256 of \"id.timestamp.body\">` with the endpoint's "
                 "`whsec_` secret (shown once; after a rotation the old secret signs too, space-separated, for 24 "
                 "hours). An event is sent after its change committed and never lost across a crash "
                 "(at-least-once). 2xx is success; anything else or no answer within `webhooks.timeoutSeconds` "
                 "(15) is a failure, retried 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h later (±10 %), then the "
                 "message is `failed`. `410 Gone` disables the endpoint at once, five days of failures without a "
                 "success disable it too (`webhook_endpoint.disabled`). One delivery per endpoint at a time, in "
                 "event order; redirects are never followed; answers are read up to 64 KiB. The receiver's "
                 "address is checked on every delivery: loopback, private, link-local, multicast and metadata "
                 "addresses are refused unless `webhooks.allowPrivateAddresses`. Messages and attempts are kept "
                 "`webhooks.logRetentionDays` (30). Field errors: " + FIELD_CODES + ".")
    health = obj({
        "attempts24h": integer(0), "successRate24h": nullable({"type": "number"}),
        "pending": integer(0, description="Messages waiting for a (re)try"),
        "lastFailureAt": nullable(time()), "lastFailure": nullable(string(description="`HTTP <status>` or the error")),
    }, ["attempts24h", "successRate24h", "pending", "lastFailureAt", "lastFailure"])
    endpoint = api.schema("WebhookEndpoint", obj({
        "id": string(), "orgId": nullable(string(description="null for the platform's")), "url": string(),
        "description": string(0, 500), "events": array(string()), "appIds": array(string()),
        "headers": {"type": "object", "additionalProperties": string()}, "enabled": boolean(),
        "disabledReason": nullable(string(enum=["gone", "failing"])), "secretRotating": boolean(),
        "oldSecretExpiresAt": nullable(time()), "failingSince": nullable(time()), "health": health,
        "createdAt": time(), "updatedAt": time(),
    }, ["id", "orgId", "url", "description", "events", "appIds", "headers", "enabled", "disabledReason",
        "secretRotating", "oldSecretExpiresAt", "failingSince", "health", "createdAt", "updatedAt"]))
    with_secret = {"allOf": [endpoint, obj({"secret": string(description="`whsec_…`, shown only now")}, ["secret"],
                                           additional=None)]}
    message_fields = {
        "id": string(), "endpointId": string(), "eventId": nullable(integer()), "type": string(),
        "appId": nullable(string()), "status": string(enum=["pending", "delivered", "failed"]),
        "attempts": integer(0), "nextAttemptAt": nullable(time()), "lastStatus": nullable(integer()),
        "lastError": nullable(string()), "createdAt": time(), "updatedAt": time(),
    }
    message = api.schema("WebhookMessage", obj(message_fields, list(message_fields)))
    attempt = obj({
        "id": integer(), "trigger": string(enum=["scheduled", "resend", "recover", "test"]),
        "status": nullable(integer(description="The receiver's HTTP status")),
        "error": nullable(string(description="Why there was no answer")),
        "response": string(description="The first 2 KiB of the answer"), "durationMs": integer(0), "createdAt": time(),
    }, ["id", "trigger", "status", "error", "response", "durationMs", "createdAt"])
    detail = {"allOf": [message, obj({"payload": {"type": "object", "description": "The body as sent"},
                                      "attempts": array(attempt)}, ["payload", "attempts"], additional=None)]}
    body = obj({
        "url": string(1, 2000, description="https:// (http:// where `webhooks.allowHttp`)"),
        "description": string(0, 500),
        "events": array(string(1, 100), max_items=100,
                        description="Types, `*`, `<module>.*` (`apps.*`) or `<entity>.*` (`version.*`)"),
        "appIds": array(string(1, 64), max_items=100,
                        description="Only events about these mini-programs (events about none pass); empty: all"),
        "headers": {"type": "object", "maxProperties": 20, "additionalProperties": string(0, 1000),
                    "description": "Sent with every delivery (not Host, Content-Length or the webhook-* headers)"},
        "enabled": boolean(),
    }, [])
    create_body = dict(body, required=["url", "events"])

    for platform in (True, False):
        coll = "/api/v1/platform/webhooks" if platform else "/api/v1/orgs/{orgId}/webhooks"
        one = "/api/v1/platform/webhooks/{webhookId}" if platform else "/api/v1/webhooks/{webhookId}"
        params = [] if platform else [ORG]
        read, manage = ("platform:read", "platform:webhooks") if platform else ("webhooks:manage", "webhooks:manage")
        who = "the platform's" if platform else "the organisation's"
        not_found = {404: ["webhooks.not_found"]}
        api.op("GET", coll, tag=TAG, summary=f"List {who} webhook endpoints with their health", permission=read,
               params=params + PAGE_PARAMS, responses={200: api.page_of("WebhookEndpoint")} if not platform
               else {200: api.page_of("WebhookEndpoint")})
        api.op("POST", coll, tag=TAG, summary=f"Create one of {who} endpoints (the secret is answered once)",
               permission=manage, params=params, body=create_body, responses={201: ("Created", with_secret)},
               errors={400: ["validation_failed"], 403: [] if platform else ["quota.exceeded"],
                       409: ["webhooks.too_many"] if platform else [], 413: []})
        api.op("GET", one, tag=TAG, summary="An endpoint", permission=read, params=[HOOK],
               responses={200: endpoint}, errors=not_found)
        api.op("PATCH", one, tag=TAG, summary="Edit an endpoint (enabling it again clears its failure history)",
               permission=manage, params=[HOOK], body=body, responses={200: endpoint},
               errors={400: ["validation_failed"], 404: ["webhooks.not_found"], 413: []})
        api.op("DELETE", one, tag=TAG, summary="Delete an endpoint with its delivery log", permission=manage,
               params=[HOOK], responses={204: None}, errors=not_found)
        api.op("POST", one + "/rotate-secret", tag=TAG,
               summary="A new signing secret; the old one keeps signing beside it for 24 hours", permission=manage,
               params=[HOOK], responses={200: with_secret}, errors=not_found)
        api.op("POST", one + "/test", tag=TAG, summary="Queue a `ping` message (one attempt, no retries)",
               permission=manage, params=[HOOK], responses={202: ("Queued", message)}, errors=not_found)
        api.op("GET", one + "/messages", tag=TAG, summary="The delivery log, newest first", permission=read,
               params=[HOOK, *PAGE_PARAMS,
                       query_param("status", "Only messages in this state",
                                   string(enum=["pending", "delivered", "failed"])),
                       query_param("type", "Only this event type", string(1, 100))],
               responses={200: api.page_of("WebhookMessage")}, errors={400: ["validation_failed"], **not_found})
        api.op("GET", one + "/messages/{messageId}", tag=TAG, summary="A message with its payload and attempts",
               permission=read, params=[HOOK, MSG], responses={200: detail},
               errors={404: ["webhooks.not_found", "webhooks.message_not_found"]})
        api.op("POST", one + "/messages/{messageId}/resend", tag=TAG, summary="Send a message again now (one attempt)",
               permission=manage, params=[HOOK, MSG], responses={202: ("Queued", message)},
               errors={404: ["webhooks.not_found", "webhooks.message_not_found"], 409: ["webhooks.endpoint_disabled"]})
        api.op("POST", one + "/recover", tag=TAG,
               summary="Send every failed message created since a time again (at most 10,000)", permission=manage,
               params=[HOOK], body=obj({"since": time()}, ["since"]),
               responses={202: ("Queued", obj({"queued": integer(0)}, ["queued"]))},
               errors={400: ["validation_failed"], 404: ["webhooks.not_found"], 409: ["webhooks.endpoint_disabled"]})

    event_type = api.schema("WebhookEventType", obj({
        "type": string(), "module": string(), "description": string(),
        "schema": {"type": "object", "description": "JSON Schema of `data`"},
        "example": {"type": "object", "description": "A `data` that fits the schema"},
        "platformOnly": boolean(description="Delivered to the platform's endpoints only"),
    }, ["type", "module", "description", "schema", "example", "platformOnly"]))
    api.op("GET", "/api/v1/webhook-event-types", tag=TAG, summary="The event types endpoints can subscribe to",
           permission="open", responses={200: obj({"items": array(event_type)}, ["items"])})
