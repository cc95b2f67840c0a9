"""The operation log (操作日志) read by people: an organisation's entries, the operators' whole log, CSV
export and the chain check (docs/api/operation-log.md; src/modules/accounts/operation_log_routes.cpp,
src/core/audit_query.cpp)."""
from spec import PAGE_PARAMS, boolean, integer, nullable, obj, path_param, query_param, string, time

ORDER = 35  # where this area's tags stand in docs/openapi.json

TAG = "Operation log"
ORG_ID = path_param("orgId", "Organisation id (`org_…`)")
ID = string(1, 128, pattern=r"^[A-Za-z0-9_.:@-]+$")


def filters(platform):
    params = [
        query_param("actorId", "Only entries of this actor (user, API key or operator id)", ID),
        query_param("action", "An action (`app.updated`), or a family ending in a dot (`app.`)",
                    string(1, 128, pattern=r"^[a-z0-9_]{1,40}(\.[a-z0-9_]{0,40}){0,3}$")),
        query_param("targetType", "Only entries about this kind of object (`app`, `version`, `org`, …)",
                    string(1, 40, pattern=r"^[a-z0-9_]+$")),
        query_param("targetId", "Only entries about this object (its history)", ID),
        query_param("result", "`failure`: refused or failed attempts (wrong passwords, lockouts, reused "
                    "refresh tokens); `success`: everything else", string(enum=["success", "failure"])),
        query_param("format", "`csv` answers every matching entry (no paging) as a CSV attachment",
                    string(enum=["json", "csv"])),
    ]
    if platform:
        params.insert(0, query_param("orgId", "Only this organisation's entries; `platform` for the entries of "
                                     "no organisation", ID))
    return params + PAGE_PARAMS


def add(api):
    api.tag(TAG, "Who did what, when, from where: every state change's entry, written in its transaction and "
                 "hash-chained (DESIGN.md §5). Entries older than `audit.retentionDays` (≥ 180) are pruned "
                 "behind a checkpoint entry (`audit.pruned`).")
    api.schema("AuditEntry", obj({
        "id": string(description="Sequence number in the chain, as a string"),
        "at": time(),
        "actor": obj({"kind": string(enum=["guest", "user", "api_key", "system"]), "id": string(),
                      "name": string()}, ["kind", "id", "name"]),
        "orgId": string(description="\"\" for platform-level entries"),
        "action": string(description="`org.approved`, `app.updated`, `auth.login_failed`, …"),
        "result": string(enum=["success", "failure"]),
        "target": obj({"type": string(), "id": string()}, ["type", "id"]),
        "before": {"type": "object", "additionalProperties": True, "nullable": True,
                   "description": "Summary before the change (never secrets); null when there is none"},
        "after": {"type": "object", "additionalProperties": True, "nullable": True,
                  "description": "Summary after the change; null when there is none"},
        "ip": string(), "userAgent": string(), "requestId": string()},
        ["id", "at", "actor", "orgId", "action", "result", "target", "before", "after", "ip", "userAgent",
         "requestId"]))
    csv = ("The matching entries, newest first, as RFC 4180 CSV with a UTF-8 BOM "
           "(`format=csv`; `Content-Disposition: attachment`)", string(), "text/csv")
    api.op("GET", "/api/v1/orgs/{orgId}/operation-log", tag=TAG, summary="The organisation's operation log",
           permission="audit:read", params=[ORG_ID, *filters(False)],
           responses={200: api.page_of("AuditEntry")},
           errors={400: ["validation_failed"]},
           description="Newest first. `format=csv` exports every matching entry instead of a page: " + csv[0] + ".")
    api.op("GET", "/api/v1/platform/operation-log", tag=TAG, summary="The whole operation log",
           permission="platform:audit", params=filters(True), responses={200: api.page_of("AuditEntry")},
           errors={400: ["validation_failed"]},
           description="Newest first, every organisation's entries and the platform's own. `format=csv` as for "
                       "an organisation's log.")
    api.op("GET", "/api/v1/platform/operation-log/verify", tag=TAG, summary="Check the hash chain",
           permission="platform:audit",
           responses={200: obj({"ok": boolean(), "entries": integer(0),
                                "headHash": string(description="The newest entry's hash: keep it elsewhere to "
                                                               "detect a rewrite of the whole chain later"),
                                "prunedThrough": nullable(string(description="Entries up to this id were pruned")),
                                "firstBadId": nullable(string(description="The first entry that breaks the chain")),
                                "reason": string()},
                               ["ok", "entries", "headHash", "prunedThrough", "firstBadId", "reason"])},
           description="What `cove audit verify` reports: walks the whole log and names the first broken link "
                       "(an edited, replaced or deleted entry).")
