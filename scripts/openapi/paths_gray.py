"""Gray releases (灰度发布): rules, UID lists, staged plans, simulation and evaluation
(src/modules/gray/*_routes.cpp). The rule shape is fixed and shared with the console."""
from spec import PAGE_PARAMS, array, boolean, integer, nullable, obj, path_param, query_param, ref, string, time

ORDER = 60  # where this area's tags stand in docs/openapi.json

ORG_ID = path_param("orgId", "Organisation id (`org_…`)")
APP_ID = path_param("appId", "Mini-program id (`app_…`)")
PLAN_ID = path_param("planId", "Gray plan id (`gpl_…`)")
LIST_ID = path_param("listId", "UID list id (`ulst_…`)")
TAG_PLANS = "Gray plans"
TAG_LISTS = "UID lists"

ATTRIBUTES = ("`uid`, `platform`, `osVersion`, `deviceModel`, `network`, `region`, `sdkVersion`, `hostApp` (the "
              "host app id), `ip` (the caller's address), `now`, `deviceId`, or `ctx.<key>` (a custom pair the host "
              "app sends as `ctx.<key>=` in the runtime query)")
OPERATORS = ["IN", "NOT_IN", "STR_CONTAINS", "STR_STARTS_WITH", "STR_ENDS_WITH", "NUM_EQ", "NUM_GT", "NUM_GTE",
             "NUM_LT", "NUM_LTE", "DATE_AFTER", "DATE_BEFORE", "SEMVER_EQ", "SEMVER_GT", "SEMVER_GTE", "SEMVER_LT",
             "SEMVER_LTE", "VERSION_EQ", "VERSION_GT", "VERSION_GTE", "VERSION_LT", "VERSION_LTE", "REGEX", "IN_CIDR",
             "IS_TRUE", "IS_FALSE"]
CONTEXT = {"type": "object", "maxProperties": 64, "additionalProperties": string(0, 256),
           "description": "Attribute name → value, e.g. {\"uid\": \"u1\", \"osVersion\": \"17.2\", \"ctx.channel\": "
                          "\"beta\"}. Names: " + ATTRIBUTES + " (not `now`: give it as the request's `now`).",
           "example": {"uid": "u-1001", "platform": "ios", "osVersion": "17.2"}}
NOW = time(description="Evaluate as of this time (default: now); `DATE_*` conditions and schedules read it")


def add(api):
    api.tag(TAG_PLANS, "A gray plan serves a newer version of a mini-program to the users its rule selects, while "
                       "everyone else keeps the released version: draft → running ⇄ paused → completed (the version "
                       "is released to everyone) or rolled_back. Running plans are evaluated by the runtime in "
                       "priority order (lower first, then oldest); the first that selects the user wins. Rules are "
                       "an OR of groups; a group is an AND of conditions (Unleash client-specification operators, "
                       "plus lenient VERSION_* and IS_TRUE/IS_FALSE), optionally UID lists (the uid is in any of "
                       "them) and optionally a sticky percentage: bucket = murmur3_x86_32(\"<groupId>:<value>\", "
                       "seed 0) % 100 + 1, in when bucket ≤ percentage; groupId defaults to the plan id and the "
                       "value to `uid`, else `deviceId`. A missing attribute makes an operator false (so NOT_IN "
                       "holds); `inverted` flips the result either way; DATE_* compare `now` when the attribute is "
                       "absent. A request without the stickiness value is outside a partial percentage; 100 % "
                       "includes it. Steps grow a sticky share of the rule's users (bucket over "
                       "\"<planId>:<uid or deviceId>\") at scheduled times; a user inside at one step stays inside.")
    api.tag(TAG_LISTS, "Named lists of user ids (导入用户) of an organisation, reusable by any of its plans' groups. "
                       "Uploaded as a text/plain body (one id a line) or text/csv (the first field of each row; a "
                       "first row whose first field is `uid` or `userId` is a header). Lines are trimmed; blank "
                       "lines and lines starting with `#` are skipped; an id is 1–128 bytes of UTF-8 without control "
                       "characters; at most 1,000,000 ids a list and 200 lists an organisation. An upload is "
                       "applied whole or not at all; a bad line answers 400 `uid_lists.bad_line` with "
                       "`details.line`. The runtime holds running plans' lists in memory (exact, O(1) lookups) and "
                       "reloads a list only when its `revision` changes.")

    condition = api.schema("GrayCondition", obj({
        "attribute": string(1, 68, description=ATTRIBUTES),
        "operator": string(enum=OPERATORS),
        "values": array(string(0, 256), max_items=1000,
                        description="One value for single-value operators; none for IS_TRUE/IS_FALSE. REGEX "
                                    "patterns (RE2 syntax, at most 512 bytes) are compiled at save time; SEMVER_* "
                                    "values must be strict SemVer 2.0; VERSION_* dotted numbers (\"17.2\"); IN_CIDR "
                                    "addresses or CIDR blocks; DATE_* RFC 3339 times; NUM_* numbers."),
        "inverted": boolean(description="Negates the result"),
        "caseInsensitive": boolean(description="For IN, NOT_IN and STR_*"),
    }, ["attribute", "operator"]))
    group = api.schema("GrayGroup", obj({
        "conditions": array(condition, max_items=20),
        "uidLists": array(string(1, 64), max_items=10, description="Ids of the organisation's UID lists"),
        "percentage": integer(0, 100),
        "stickiness": string(1, 68, description="`uid`, `deviceId` or `ctx.<key>`; default uid, then deviceId"),
        "groupId": string(1, 64, description="Bucketing group; default the plan id"),
    }, description="All parts must hold. A group with none of them matches everyone."))
    rule = api.schema("GrayRule", obj({"groups": array(group, max_items=20, minItems=1)}, ["groups"]))
    step = obj({"percentage": integer(1, 100), "at": time()}, ["percentage", "at"])
    steps = array(step, max_items=20, description="Percentages and times strictly increasing")
    api.schema("GrayPlan", obj({
        "id": string(example="gpl_4n8Jd2kQ0Zb7YwVf1Lx3Tc"),
        "orgId": string(), "appId": string(), "versionId": string(),
        "version": string(description="The version the plan serves (x.y.z)"),
        "name": string(0, 100),
        "rule": rule,
        "priority": integer(0, 1000, description="Lower is evaluated first"),
        "steps": array(obj({"percentage": integer(1, 100), "at": time(), "applied": boolean()},
                           ["percentage", "at", "applied"], additional=None)),
        "currentPercentage": nullable(integer(0, 100, description="The share of the rule's users who get the "
                                                                  "version now; null without steps")),
        "status": string(enum=["draft", "running", "paused", "completed", "rolled_back"]),
        "createdBy": string(), "createdAt": time(), "updatedAt": time(),
        "startedAt": nullable(time()), "endedAt": nullable(time()),
    }, ["id", "orgId", "appId", "versionId", "version", "name", "rule", "priority", "steps", "currentPercentage",
        "status", "createdBy", "createdAt", "updatedAt", "startedAt", "endedAt"], additional=None))
    api.schema("GrayPlanCreate", obj({"version": string(5, 32), "name": string(0, 100), "rule": rule,
                                      "priority": integer(0, 1000, default=100), "steps": steps},
                                     ["version", "rule"]))
    api.schema("GrayPlanUpdate", obj({"name": string(0, 100), "rule": rule, "priority": integer(0, 1000),
                                      "steps": steps},
                                     description="Absent fields stay. A new schedule starts over: in a running plan "
                                                 "every step already due applies at once."))
    explanation = api.schema("GrayExplanation", obj({
        "matched": boolean(),
        "group": nullable(integer(0, 19, description="The first group that matched")),
        "groups": array(obj({
            "index": integer(0, 19), "matched": boolean(),
            "conditions": array(obj({"attribute": string(), "operator": string(), "values": array(string()),
                                     "inverted": boolean(), "caseInsensitive": boolean(),
                                     "value": nullable(string(description="The context's value")),
                                     "held": boolean(),
                                     "explanation": string(example="osVersion is \"17.1\"; VERSION_GTE 17.2 does "
                                                                   "not hold")}, additional=None)),
            "uidLists": nullable(obj({"held": boolean(), "list": string(), "explanation": string()}, additional=None)),
            "percentage": nullable(obj({"held": boolean(), "percentage": integer(0, 100),
                                        "bucket": nullable(integer(1, 100)), "explanation": string()},
                                       additional=None)),
        }, additional=None)),
        "rollout": nullable(obj({"held": boolean(), "percentage": integer(0, 100), "explanation": string()},
                                additional=None, description="Plans only: the step schedule's share")),
    }, ["matched", "group", "groups"], additional=None))
    api.schema("UidList", obj({
        "id": string(example="ulst_4n8Jd2kQ0Zb7YwVf1Lx3Tc"), "orgId": string(), "name": string(1, 100),
        "description": string(0, 500), "size": integer(0, 1000000, description="Distinct ids"),
        "revision": integer(1, description="+1 on every content change"),
        "createdBy": string(), "createdAt": time(), "updatedAt": time(),
    }, ["id", "orgId", "name", "description", "size", "revision", "createdBy", "createdAt", "updatedAt"],
        additional=None))

    base = "/api/v1/apps/{appId}/gray/plans"
    api.op("GET", base, tag=TAG_PLANS, summary="List a mini-program's gray plans, newest first",
           permission="apps:read",
           params=[APP_ID, *PAGE_PARAMS, query_param("status", "Only plans in this state", string(
               enum=["draft", "running", "paused", "completed", "rolled_back"]))],
           responses={200: api.page_of("GrayPlan")}, errors={400: ["validation_failed"], 404: ["apps.not_found"]})
    api.op("POST", base, tag=TAG_PLANS, summary="Create a gray plan (a draft)", permission="apps:release",
           params=[APP_ID], body=ref("GrayPlanCreate"), responses={201: ("Created", ref("GrayPlan"))},
           errors={400: ["validation_failed"], 404: ["apps.not_found", "apps.version_not_found"],
                   409: ["gray.version_not_releasable", "gray.version_not_newer", "gray.plan_exists"], 413: []},
           description="The version must be releasable (uploaded or approved) and newer than the released one, "
                       "with no other unfinished plan. Rules are validated and compiled now: unknown attributes or "
                       "operators, bad regexes, SemVer, CIDRs, numbers or dates, out-of-range percentages and "
                       "unknown UID lists are field errors at their path, e.g. "
                       "`rule.groups[0].conditions[1].values[0]`. Limits: 20 groups, 20 conditions and 10 UID lists "
                       "a group, 1,000 values of 256 bytes a condition.")
    one = "/api/v1/gray/plans/{planId}"
    api.op("GET", one, tag=TAG_PLANS, summary="Read a gray plan", permission="apps:read", params=[PLAN_ID],
           responses={200: ref("GrayPlan")}, errors={404: ["gray.plan_not_found"]})
    api.op("PATCH", one, tag=TAG_PLANS, summary="Edit a plan's name, rule, priority or steps until it finishes",
           permission="apps:release", params=[PLAN_ID], body=ref("GrayPlanUpdate"), responses={200: ref("GrayPlan")},
           errors={400: ["validation_failed"], 404: ["gray.plan_not_found"], 409: ["gray.plan_finished"], 413: []})
    api.op("DELETE", one, tag=TAG_PLANS, summary="Delete a draft plan", permission="apps:release", params=[PLAN_ID],
           responses={204: None}, errors={404: ["gray.plan_not_found"], 409: ["gray.plan_not_draft"]})
    actions = {
        "start": ("Start a draft plan: the runtime serves its version to the users it selects",
                  "The mini-program must be online and the version still releasable and newer than the released "
                  "one. Counts against the organisation's `maxGrayPlans` quota (running and paused plans). Steps "
                  "already due apply at once.", ["gray.invalid_transition", "gray.app_not_online",
                                                 "gray.version_not_releasable", "gray.version_not_newer"]),
        "pause": ("Pause a running plan: everyone gets the released version", None, ["gray.invalid_transition"]),
        "resume": ("Resume a paused plan; steps that came due meanwhile apply at once", None,
                   ["gray.invalid_transition"]),
        "complete": ("Complete a running or paused plan: release its version to everyone",
                     "Releases the version exactly as the release route does, in the same transaction.",
                     ["gray.invalid_transition", "apps.not_releasable", "apps.version_older_than_released"]),
        "rollback": ("Roll back a running or paused plan: everyone returns to the released version", None,
                     ["gray.invalid_transition"]),
    }
    for action, (summary, description, codes) in actions.items():
        api.op("POST", f"{one}/{action}", tag=TAG_PLANS, summary=summary, permission="apps:release",
               params=[PLAN_ID], body=obj({}), body_required=False, responses={200: ref("GrayPlan")},
               errors={400: ["validation_failed"], 403: ["forbidden", "quota.exceeded"] if action == "start" else [],
                       404: ["gray.plan_not_found"], 409: codes, 413: []},
               description=(description + " " if description else "") +
               "Written to the operation log; the runtime follows within milliseconds. An empty body or `{}`.")
    api.op("POST", one + "/preview", tag=TAG_PLANS, summary="Rollout preview: the share of a sample the plan selects",
           permission="apps:read", params=[PLAN_ID],
           body=obj({"uidList": string(1, 64, description="Every member of this UID list"),
                     "sample": integer(1, 100000, description="Or N synthetic users (default 10,000)"),
                     "context": CONTEXT, "now": NOW}),
           body_required=False,
           responses={200: obj({"planId": string(), "sampleSize": integer(0), "selected": integer(0),
                                "share": {"type": "number", "minimum": 0, "maximum": 1},
                                "percentage": nullable(integer(0, 100))}, additional=None)},
           errors={400: ["validation_failed"], 404: ["gray.plan_not_found", "uid_lists.not_found"], 413: []},
           description="Evaluates the plan as it is now (rule and current step) for each sampled user, who share "
                       "`context`'s other attributes.")
    api.op("POST", "/api/v1/apps/{appId}/gray/simulate", tag=TAG_PLANS,
           summary="Which version would this user get, and why", permission="apps:read", params=[APP_ID],
           body=obj({"context": CONTEXT, "now": NOW}),
           responses={200: obj({
               "appId": string(), "version": nullable(string()),
               "source": string(enum=["gray", "released", "none"]),
               "planId": nullable(string()), "group": nullable(integer(0, 19)), "now": time(),
               "plans": array({"allOf": [obj({"planId": string(), "name": string(), "version": string(),
                                              "priority": integer(0, 1000), "status": string()}, additional=None),
                                         ref("GrayExplanation")]},
                              description="Running and paused plans in evaluation order (paused ones are not "
                                          "evaluated), each explained")}, additional=None)},
           errors={400: ["validation_failed"], 404: ["apps.not_found"], 413: []},
           description="Evaluates the running plans exactly as the runtime does for a request with this context.")
    api.op("POST", "/api/v1/gray/evaluate", tag=TAG_PLANS, summary="Evaluate any rule against a context (tooling)",
           permission="self", body=obj({"rule": rule, "context": CONTEXT, "now": NOW}, ["rule"]),
           responses={200: ref("GrayExplanation")}, errors={400: ["validation_failed"], 413: []},
           description="UID lists are looked up only in organisations where the caller may read mini-programs; "
                       "others contain nobody. Percentages bucket with groupId `evaluate` unless the group names one.")

    lists = "/api/v1/orgs/{orgId}/uid-lists"
    text_body = {"text/plain": string(format="binary"), "text/csv": string(format="binary")}
    api.op("GET", lists, tag=TAG_LISTS, summary="List the organisation's UID lists, newest first",
           permission="apps:read", params=[ORG_ID, *PAGE_PARAMS, query_param("q", "Substring of the name",
                                                                             string(1, 100))],
           responses={200: api.page_of("UidList")}, errors={400: ["validation_failed"]})
    api.op("POST", lists, tag=TAG_LISTS, summary="Create a UID list from an upload (one id a line)",
           permission="apps:release",
           params=[ORG_ID, query_param("name", "The list's name, unique in the organisation", string(1, 100)),
                   query_param("description", "What the list is for", string(0, 500))],
           body=text_body, body_required=False, responses={201: ("Created", ref("UidList"))},
           errors={400: ["validation_failed", "uid_lists.bad_line", "uid_lists.too_large"],
                   409: ["uid_lists.name_taken", "uid_lists.too_many"], 413: [], 415: ["unsupported_media_type"]},
           description="An empty body creates an empty list. `name` is required.")
    one_list = "/api/v1/uid-lists/{listId}"
    api.op("GET", one_list, tag=TAG_LISTS, summary="Read a UID list", permission="apps:read", params=[LIST_ID],
           responses={200: ref("UidList")}, errors={404: ["uid_lists.not_found"]})
    api.op("PATCH", one_list, tag=TAG_LISTS, summary="Rename a UID list or change its description",
           permission="apps:release", params=[LIST_ID],
           body=obj({"name": string(1, 100), "description": string(0, 500)}), responses={200: ref("UidList")},
           errors={400: ["validation_failed"], 404: ["uid_lists.not_found"], 409: ["uid_lists.name_taken"], 413: []})
    api.op("DELETE", one_list, tag=TAG_LISTS, summary="Delete a UID list no unfinished plan uses",
           permission="apps:release", params=[LIST_ID], responses={204: None},
           errors={404: ["uid_lists.not_found"], 409: ["uid_lists.in_use"]},
           description="409 `uid_lists.in_use` names the plans (`details.plans`) that still use it.")
    api.op("GET", one_list + "/members", tag=TAG_LISTS, summary="List a UID list's ids in order",
           permission="apps:read",
           params=[LIST_ID, query_param("limit", "Page size", integer(1, 1000, default=100)),
                   query_param("cursor", "nextCursor of the previous page", string(1, 400)),
                   {"$ref": "#/components/parameters/Offset"}],
           responses={200: obj({"items": array(string()), "nextCursor": nullable(string()),
                                "total": integer(0, description="The list's size")},
                               ["items", "nextCursor", "total"], additional=None)},
           errors={400: ["validation_failed"], 404: ["uid_lists.not_found"]})
    for method, summary in (("PUT", "Replace a UID list's ids with an upload"),
                            ("POST", "Add the ids of an upload to a UID list")):
        api.op(method, one_list + "/members", tag=TAG_LISTS, summary=summary, permission="apps:release",
               params=[LIST_ID], body=text_body, body_required=False, responses={200: ref("UidList")},
               errors={400: ["uid_lists.bad_line", "uid_lists.too_large"], 404: ["uid_lists.not_found"], 413: [],
                       415: ["unsupported_media_type"]},
               description="Applied whole or not at all; the revision grows by one and running plans pick the new "
                           "content up within milliseconds.")
    api.op("GET", one_list + "/members/{uid}", tag=TAG_LISTS, summary="Whether an id is in a UID list",
           permission="apps:read", params=[LIST_ID, path_param("uid", "The user id (percent-encoded)")],
           responses={200: obj({"listId": string(), "uid": string()}, additional=None)},
           errors={404: ["uid_lists.not_found", "uid_lists.not_member"]})
