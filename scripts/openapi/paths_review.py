"""Version review (审核 / 待办中心): submission with automated pre-checks, the reviewers' queue,
claims and decisions, and the review policy (src/modules/review/*_routes.cpp)."""
from spec import PAGE_PARAMS, array, boolean, integer, nullable, obj, path_param, query_param, ref, string, time

ORDER = 70  # where this area's tags stand in docs/openapi.json

APP_ID = path_param("appId", "Mini-program id (`app_…`)")
ORG_ID = path_param("orgId", "Organisation id (`org_…`)")
VERSION = path_param("version", "Version (x.y.z)")
REVIEW_ID = path_param("reviewId", "Review id (`rev_…`)")
TAG = "Reviews"
TAG_OPS = "Review queue"
STATUS = ["submitted", "in_review", "approved", "rejected", "withdrawn"]
CATEGORIES = ["content", "privacy", "functionality", "security", "qualification", "other"]
CHECKS = ["structure", "limits", "dynamic_code", "privacy", "domains", "keywords"]


def add(api):
    api.tag(TAG, "Version review: while `review.required` holds for the organisation (platform setting, default "
                 "on, with a per-organisation override set by operators) a version is released only after a "
                 "reviewer approved it. Submit → `submitted` (automated pre-checks run on the worker pool) → "
                 "`in_review` (all checks pass or warn) or `rejected` (a check failed; the evidence is the "
                 "reason) → `approved` | `rejected` by a reviewer; the organisation may withdraw before a "
                 "decision. The version's own status is `in_review` while its review is open, then `approved` or "
                 "`rejected`; a withdrawn version is `uploaded` again. One open review per mini-program.")
    api.tag(TAG_OPS, "The reviewers' queue (待办中心, permission `platform:review`): oldest first, claim an item so "
                     "two reviewers do not work on the same one (claims expire after `claimMinutes`), approve or "
                     "reject with a reason category.")
    evidence = obj({"file": string(), "line": nullable(integer(1)), "excerpt": string()}, ["file", "line", "excerpt"],
                   additional=None)
    check = api.schema("ReviewCheck", obj({
        "name": string(enum=CHECKS), "result": string(enum=["pass", "warn", "fail"]), "summary": string(),
        "evidence": array(evidence, max_items=20, description="Where the check found what it reports"),
        "details": {"type": "object", "description": "Check-specific figures (hosts found, APIs used, counts)"},
    }, ["name", "result", "summary", "evidence", "details"], additional=None))
    counts = obj({"pass": integer(0), "warn": integer(0), "fail": integer(0)}, ["pass", "warn", "fail"],
                 additional=None)
    claim = nullable(obj({"userId": string(), "name": string(), "expiresAt": time()}, ["userId", "name", "expiresAt"],
                         additional=None))
    review_props = {
        "id": string(example="rev_4n8Jd2kQ0Zb7YwVf1Lx3Tc"), "orgId": string(), "appId": string(),
        "appName": string(), "versionId": string(), "version": string(), "status": string(enum=STATUS),
        "notes": string(0, 2000),
        "testAccount": nullable(obj({"username": string(), "password": string(), "note": string()},
                                    ["username", "password", "note"], additional=None)),
        "expedite": boolean(), "releaseOnApproval": boolean(), "submittedBy": string(), "claim": claim,
        "decidedBy": nullable(string(description="A reviewer's user id, or `system` for the pre-checks")),
        "decidedAt": nullable(time()),
        "reasonCategory": nullable(string(enum=CATEGORIES + ["precheck"])), "reason": nullable(string()),
        "createdAt": time(), "updatedAt": time(),
    }
    required = list(review_props)
    api.schema("Review", obj(review_props, required, additional=None))
    with_checks = dict(review_props, checks=array(check), checkCounts=counts,
                       orgName=string(description="Operators' lists only"))
    api.schema("ReviewWithChecks", obj(with_checks, required + ["checks", "checkCounts"], additional=None))
    history = obj({"at": time(), "actorId": string(), "actorName": string(),
                   "action": string(enum=["submitted", "prechecked", "claimed", "approved", "rejected", "withdrawn",
                                          "released", "release_failed"]),
                   "detail": {"type": "object"}}, ["at", "actorId", "actorName", "action", "detail"], additional=None)
    detail = dict(with_checks, history=array(history), releasedVersion=nullable(string()),
                  diff=nullable({"type": "object", "description": "As GET /apps/{appId}/compare answers, from the "
                                                                  "released version to this one"}))
    api.schema("ReviewDetail", obj(detail, required + ["checks", "checkCounts", "history", "releasedVersion",
                                                      "diff", "orgName"], additional=None))
    policy = api.schema("ReviewPolicy", obj({
        "required": boolean(description="Whether a release needs an approved review"),
        "orgOverride": nullable(boolean()), "platformRequired": boolean()},
        ["required", "orgOverride", "platformRequired"], additional=None))
    keyword = obj({"word": string(2, 50), "level": string(enum=["warn", "fail"])}, ["word"])
    api.schema("ReviewSettings", obj({
        "required": boolean(), "keywords": array(keyword, max_items=500),
        "maxFiles": integer(1, 100000), "maxUnpackedBytes": integer(1048576, 4294967296),
        "claimMinutes": integer(1, 1440)}, ["required", "keywords", "maxFiles", "maxUnpackedBytes", "claimMinutes"]))

    versions = "/api/v1/apps/{appId}/versions/{version}"
    api.op("POST", versions + "/submit", tag=TAG, summary="Submit a version for review; the pre-checks run now",
           permission="apps:release", params=[APP_ID, VERSION],
           body=obj({"notes": string(0, 2000),
                     "testAccount": obj({"username": string(1, 100), "password": string(0, 100),
                                         "note": string(0, 500)}, ["username"]),
                     "expedite": boolean(), "releaseOnApproval": boolean(
                         description="Release as soon as a reviewer approves")}), body_required=False,
           responses={202: ("Accepted", obj({"reviewId": string(), "status": string(enum=STATUS),
                                             "review": ref("ReviewWithChecks")}, additional=None))},
           errors={400: ["validation_failed"], 404: ["apps.not_found", "apps.version_not_found"],
                   409: ["review.already_open", "review.not_submittable"], 413: []},
           description="An `uploaded` (or `rejected`) version. The answer comes once the automated pre-checks "
                       "ran: `in_review` (waiting for a reviewer) or `rejected` (a check failed). Events "
                       "`review.submitted`, and `review.rejected` on a failed check.")
    api.op("POST", versions + "/withdraw", tag=TAG, summary="Withdraw a version's review before a decision",
           permission="apps:release", params=[APP_ID, VERSION], body=obj({}), body_required=False,
           responses={200: ref("Review")},
           errors={400: ["validation_failed"], 404: ["apps.not_found", "apps.version_not_found"],
                   409: ["review.not_open"], 413: []},
           description="The version is `uploaded` again. Event `review.withdrawn`.")
    api.op("GET", "/api/v1/apps/{appId}/reviews", tag=TAG, summary="A mini-program's reviews, newest first",
           permission="apps:read", params=[APP_ID, *PAGE_PARAMS], responses={200: api.page_of("ReviewWithChecks")},
           errors={400: ["validation_failed"], 404: ["apps.not_found"]})
    api.op("GET", "/api/v1/orgs/{orgId}/review-policy", tag=TAG, summary="Whether the organisation's releases "
           "need review", permission="apps:read", params=[ORG_ID], responses={200: policy})

    queue = "/api/v1/platform/reviews"
    api.op("GET", queue, tag=TAG_OPS, summary="The review queue, oldest first", permission="platform:review",
           params=[*PAGE_PARAMS, query_param("status", "Only reviews in this state", string(enum=STATUS)),
                   query_param("orgId", "Only this organisation's", string(1, 64)),
                   query_param("expedited", "Only expedited (true) or only normal (false)",
                               string(enum=["true", "false"]))],
           responses={200: api.page_of("ReviewWithChecks")}, errors={400: ["validation_failed"]})
    api.op("GET", queue + "/{reviewId}", tag=TAG_OPS,
           summary="One review: pre-check evidence, history, difference from the released version",
           permission="platform:review", params=[REVIEW_ID], responses={200: ref("ReviewDetail")},
           errors={404: ["review.not_found"]})
    for action, summary, codes in (
            ("claim", "Claim a review for yourself (or renew your claim)", ["review.invalid_transition",
                                                                             "review.claimed"]),
            ("approve", "Approve: the organisation may release (or it is released, when asked at submission)",
             ["review.invalid_transition", "review.claimed"])):
        api.op("POST", f"{queue}/{{reviewId}}/{action}", tag=TAG_OPS, summary=summary, permission="platform:review",
               params=[REVIEW_ID], body=obj({}), body_required=False, responses={200: ref("Review")},
               errors={400: ["validation_failed"], 404: ["review.not_found"], 409: codes, 413: []},
               description="Only `in_review` reviews; 409 `review.claimed` while another reviewer's claim holds.")
    api.op("POST", queue + "/{reviewId}/reject", tag=TAG_OPS, summary="Reject with a reason category and text",
           permission="platform:review", params=[REVIEW_ID],
           body=obj({"reasonCategory": string(enum=CATEGORIES), "reason": string(1, 500)},
                    ["reasonCategory", "reason"]),
           responses={200: ref("Review")},
           errors={400: ["validation_failed"], 404: ["review.not_found"],
                   409: ["review.invalid_transition", "review.claimed"], 413: []},
           description="The version becomes `rejected`. Event `review.rejected`.")
    api.op("GET", "/api/v1/platform/review-settings", tag=TAG_OPS, summary="The platform's review settings",
           permission="platform:read", responses={200: ref("ReviewSettings")})
    api.op("PUT", "/api/v1/platform/review-settings", tag=TAG_OPS,
           summary="Change the review settings (absent fields stay)", permission="platform:settings",
           body=obj({"required": boolean(), "keywords": array(obj({"word": string(2, 50),
                                                                   "level": string(enum=["warn", "fail"])},
                                                                  ["word"]), max_items=500),
                     "maxFiles": integer(1, 100000), "maxUnpackedBytes": integer(1048576, 4294967296),
                     "claimMinutes": integer(1, 1440)}),
           responses={200: ref("ReviewSettings")}, errors={400: ["validation_failed"], 413: []})
    one_org = "/api/v1/platform/orgs/{orgId}/review-policy"
    api.op("GET", one_org, tag=TAG_OPS, summary="An organisation's review policy", permission="platform:read",
           params=[ORG_ID], responses={200: policy})
    api.op("PUT", one_org, tag=TAG_OPS, summary="Override whether an organisation's releases need review",
           permission="platform:orgs", params=[ORG_ID],
           body=obj({"required": nullable(boolean(description="null follows the platform setting"))},
                    ["required"]),
           responses={200: policy}, errors={400: ["validation_failed"], 404: ["orgs.not_found"], 413: []})
