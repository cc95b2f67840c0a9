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
    add_versions(api)
    add_cases(api)


def add_versions(api):
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
    shot = obj({"sha256": string(), "name": string(), "contentType": string(), "size": integer(0)},
               ["sha256", "name", "contentType", "size"], additional=None)
    with_checks = dict(review_props, checks=array(check), checkCounts=counts,
                       orgName=string(description="Operators' lists only"),
                       screenshots=array(shot, max_items=3, description="A rejection's screenshots"))
    api.schema("ReviewWithChecks", obj(with_checks, required + ["checks", "checkCounts", "screenshots"],
                                       additional=None))
    history = obj({"at": time(), "actorId": string(), "actorName": string(),
                   "action": string(enum=["submitted", "prechecked", "claimed", "approved", "rejected", "withdrawn",
                                          "released", "release_failed"]),
                   "detail": {"type": "object"}}, ["at", "actorId", "actorName", "action", "detail"], additional=None)
    detail = dict(with_checks, history=array(history), releasedVersion=nullable(string()),
                  diff=nullable({"type": "object", "description": "As GET /apps/{appId}/compare answers, from the "
                                                                  "released version to this one"}))
    api.schema("ReviewDetail", obj(detail, required + ["checks", "checkCounts", "screenshots", "history",
                                                      "releasedVersion", "diff", "orgName"], additional=None))
    policy = api.schema("ReviewPolicy", obj({
        "required": boolean(description="Whether a release needs an approved review"),
        "orgOverride": nullable(boolean()), "platformRequired": boolean()},
        ["required", "orgOverride", "platformRequired"], additional=None))
    keyword = obj({"word": string(2, 50), "level": string(enum=["warn", "fail"])}, ["word"])
    api.schema("ReviewSettings", obj({
        "required": boolean(), "keywords": array(keyword, max_items=500),
        "maxFiles": integer(1, 100000), "maxUnpackedBytes": integer(1048576, 4294967296),
        "claimMinutes": integer(1, 1440),
        "safetyNotice": string(0, 2000, description="Shown to users before they first open a mini-program "
                                                    "(the runtime profile's safetyNotice); empty for none")},
        ["required", "keywords", "maxFiles", "maxUnpackedBytes", "claimMinutes", "safetyNotice"]))

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
           body=obj({"reasonCategory": string(enum=CATEGORIES), "reason": string(1, 500),
                     "screenshots": array(string(description="PNG or JPEG, base64, ≤ 1 MiB"), max_items=3)},
                    ["reasonCategory", "reason"]),
           responses={200: ref("Review")},
           errors={400: ["validation_failed"], 404: ["review.not_found"],
                   409: ["review.invalid_transition", "review.claimed"], 413: []},
           description="The version becomes `rejected`; the screenshots are shown to the organisation with the "
                       "reason. Event `review.rejected`.")
    shot_file = {200: ("The screenshot, as an attachment; ETag is its SHA-256", string(format="binary"),
                       "application/octet-stream"), 304: ("Not modified (If-None-Match)", None)}
    sha = path_param("sha256", "The file's SHA-256 (lowercase hex)")
    api.op("GET", queue + "/{reviewId}/files/{sha256}", tag=TAG_OPS, summary="A rejection's screenshot",
           permission="platform:review", params=[REVIEW_ID, sha], responses=shot_file,
           errors={404: ["review.not_found", "review.file_not_found"]})
    api.op("GET", "/api/v1/apps/{appId}/reviews/{reviewId}/files/{sha256}", tag=TAG,
           summary="A screenshot of a rejection of the organisation's version", permission="apps:read",
           params=[APP_ID, REVIEW_ID, sha], responses=shot_file,
           errors={404: ["apps.not_found", "review.not_found", "review.file_not_found"]})
    api.op("GET", "/api/v1/platform/review-settings", tag=TAG_OPS, summary="The platform's review settings",
           permission="platform:read", responses={200: ref("ReviewSettings")})
    api.op("PUT", "/api/v1/platform/review-settings", tag=TAG_OPS,
           summary="Change the review settings (absent fields stay)", permission="platform:settings",
           body=obj({"required": boolean(), "keywords": array(obj({"word": string(2, 50),
                                                                   "level": string(enum=["warn", "fail"])},
                                                                  ["word"]), max_items=500),
                     "maxFiles": integer(1, 100000), "maxUnpackedBytes": integer(1048576, 4294967296),
                     "claimMinutes": integer(1, 1440), "safetyNotice": string(0, 2000)}),
           responses={200: ref("ReviewSettings")}, errors={400: ["validation_failed"], 413: []})
    one_org = "/api/v1/platform/orgs/{orgId}/review-policy"
    api.op("GET", one_org, tag=TAG_OPS, summary="An organisation's review policy", permission="platform:read",
           params=[ORG_ID], responses={200: policy})
    api.op("PUT", one_org, tag=TAG_OPS, summary="Override whether an organisation's releases need review",
           permission="platform:orgs", params=[ORG_ID],
           body=obj({"required": nullable(boolean(description="null follows the platform setting"))},
                    ["required"]),
           responses={200: policy}, errors={400: ["validation_failed"], 404: ["orgs.not_found"], 413: []})


CASE_ID = path_param("caseId", "Violation case id (`cas_…`)")
SHA256 = path_param("sha256", "A file's SHA-256 (lowercase hex)")
TAG_CASES = "Violation cases"
CASE_STATUS = ["open", "dismissed", "warned", "taken_down", "restored"]
REPORT_CATEGORIES = ["fraud", "illegal", "privacy", "malicious", "copyright", "other"]
SIGNED = [{"runtimeSdkKey": [], "runtimeSignature": []}]
RUNTIME_401 = ["runtime.unauthenticated", "runtime.clock_skew", "runtime.unknown_sdk_key", "runtime.bad_signature",
               "runtime.bundle_mismatch", "runtime.replay"]


def add_cases(api):
    api.tag(TAG_CASES, "Violation reports and cases (举报处理). End users report a mini-program through their host "
                       "app (signed runtime route); organisation members and operators report in the console. "
                       "Reports on one mini-program group into its one case with a count: `open` → `dismissed` | "
                       "`warned` | `taken_down` (the mini-program goes offline by the platform); the organisation "
                       "appeals a takedown once, an operator upholds it or restores the mini-program (`restored`). "
                       "A new report opens a closed case (dismissed, warned, restored) again; reports on a taken-down "
                       "mini-program are counted. Reports are limited to ten an hour per reporter (HTTP 429 "
                       "`cases.too_many_reports`). Events `case.reported`, `case.dismissed`, `case.warned`, "
                       "`case.taken_down`, `case.appealed`, `case.appeal_upheld`, `case.restored`.")
    case_props = {
        "id": string(example="cas_4n8Jd2kQ0Zb7YwVf1Lx3Tc"), "orgId": string(), "appId": string(), "appName": string(),
        "status": string(enum=CASE_STATUS),
        "reportCount": integer(0, description="Every report, ever"),
        "openReports": integer(0, description="Reports since the case last opened"),
        "categories": {"type": "object", "additionalProperties": {"type": "integer"},
                       "description": "Reports per category since the case last opened"},
        "resolution": nullable(string(description="The operator's reason, warning or note; shown to the "
                                                  "organisation")),
        "decidedBy": nullable(string()), "decidedAt": nullable(time()),
        "takedowns": integer(0), "lastReportAt": nullable(time()), "createdAt": time(), "updatedAt": time(),
    }
    case_required = list(case_props)
    api.schema("ViolationCase", obj(dict(case_props, orgName=string(description="In lists and the detail")),
                                    case_required, additional=None))
    report = api.schema("ViolationReport", obj({
        "id": string(), "source": string(enum=["runtime", "org", "platform"]),
        "category": string(enum=REPORT_CATEGORIES), "text": string(), "screenshots": array(string()),
        "createdAt": time(),
        "uid": nullable(string(description="Operators only")), "deviceId": nullable(string(description="Operators only")),
        "hostAppId": nullable(string(description="Operators only")),
        "reporterId": nullable(string(description="Operators only")),
        "reporterOrgId": nullable(string(description="Operators only")),
    }, ["id", "source", "category", "text", "screenshots", "createdAt"], additional=None))
    appeal = api.schema("CaseAppeal", obj({
        "id": string(), "caseId": string(), "takedown": integer(1), "status": string(enum=["pending", "upheld",
                                                                                             "restored"]),
        "text": string(), "attachments": array(string()), "filedBy": string(), "decidedBy": nullable(string()),
        "decision": nullable(string()), "createdAt": time(), "decidedAt": nullable(time()),
    }, ["id", "caseId", "takedown", "status", "text", "attachments", "filedBy", "decidedBy", "decision", "createdAt",
        "decidedAt"], additional=None))
    history = obj({"seq": integer(1), "at": time(), "actorId": string(), "actorName": string(),
                   "action": string(enum=["opened", "reopened", "reported", "dismissed", "warned", "taken_down",
                                          "appealed", "appeal_upheld", "restored"]),
                   "detail": {"type": "object"}}, ["seq", "at", "actorId", "actorName", "action", "detail"],
                  additional=None)
    file = obj({"sha256": string(), "name": string(), "contentType": string(), "size": integer(0)},
               ["sha256", "name", "contentType", "size"], additional=None)
    api.schema("ViolationCaseDetail", obj(dict(case_props, orgName=string(), reports=array(report, description=(
        "The newest 50")), history=array(history), appeals=array(appeal), files=array(file)),
        case_required + ["orgName", "reports", "history", "appeals", "files"], additional=None))
    receipt = obj({"reportId": string(), "category": string(enum=REPORT_CATEGORIES), "createdAt": time()},
                  ["reportId", "category", "createdAt"], additional=None)
    screenshots = array(string(description="PNG or JPEG, base64, ≤ 1 MiB"), max_items=3)
    report_fields = {"category": string(enum=REPORT_CATEGORIES), "text": string(1, 1000), "screenshots": screenshots}

    api.op("POST", "/runtime/v1/apps/{appId}/reports", tag=TAG_CASES, summary="An end user reports a mini-program",
           permission="open", security=SIGNED, params=[APP_ID],
           body=obj(dict(report_fields, uid=string(1, 128), deviceId=string(1, 128)), ["category", "text"]),
           responses={202: ("Received", receipt)},
           errors={400: ["validation_failed"], 401: RUNTIME_401, 403: ["runtime.host_app_disabled"],
                   404: ["runtime.app_not_found", "runtime.not_associated"], 413: [],
                   429: ["cases.too_many_reports"]},
           description="Signed like every runtime call, the body's SHA-256 included. Limited per reporter: the "
                       "host app's user (`uid`), else the device (`deviceId`), else the address.")
    api.op("POST", "/api/v1/orgs/{orgId}/reports", tag=TAG_CASES, summary="A member reports a mini-program",
           permission="apps:read", params=[ORG_ID],
           body=obj(dict(report_fields, appId=string(1, 64)), ["appId", "category", "text"]),
           responses={202: ("Received", receipt)},
           errors={400: ["validation_failed"], 404: ["apps.not_found"], 413: [], 429: ["cases.too_many_reports"]},
           description="About any mini-program, by its public appId; the reporter does not see the case.")
    api.op("POST", "/api/v1/platform/reports", tag=TAG_CASES, summary="An operator files a report",
           permission="platform:review", body=obj(dict(report_fields, appId=string(1, 64)),
                                                  ["appId", "category", "text"]),
           responses={202: ("Received", receipt)},
           errors={400: ["validation_failed"], 404: ["apps.not_found"], 413: []})

    status_param = query_param("status", "Only cases in this state", string(enum=CASE_STATUS))
    app_param = query_param("appId", "Only this mini-program's case", string(1, 64))
    cases = "/api/v1/platform/cases"
    api.op("GET", cases, tag=TAG_CASES, summary="Violation cases, newest first", permission="platform:review",
           params=[*PAGE_PARAMS, status_param, app_param,
                   query_param("orgId", "Only this organisation's", string(1, 64))],
           responses={200: api.page_of("ViolationCase")}, errors={400: ["validation_failed"]})
    api.op("GET", cases + "/{caseId}", tag=TAG_CASES, summary="One case: reports, history, appeals, files",
           permission="platform:review", params=[CASE_ID], responses={200: ref("ViolationCaseDetail")},
           errors={404: ["cases.not_found"]})
    api.op("GET", cases + "/{caseId}/reports", tag=TAG_CASES, summary="A case's reports, newest first",
           permission="platform:review", params=[CASE_ID, *PAGE_PARAMS], responses={200: api.page_of(
               "ViolationReport")}, errors={400: ["validation_failed"], 404: ["cases.not_found"]})
    file_responses = {200: ("The file (PNG, JPEG or PDF), as an attachment; ETag is its SHA-256",
                            string(format="binary"), "application/octet-stream"),
                      304: ("Not modified (If-None-Match)", None)}
    api.op("GET", cases + "/{caseId}/files/{sha256}", tag=TAG_CASES, summary="A screenshot or appeal attachment",
           permission="platform:review", params=[CASE_ID, SHA256], responses=file_responses,
           errors={404: ["cases.not_found", "cases.file_not_found"]})
    for action, field, required, summary, codes, event in (
            ("dismiss", "note", False, "Dismiss the reports", ["cases.invalid_transition"], "case.dismissed"),
            ("warn", "message", True, "Warn the organisation (the message is shown to it)",
             ["cases.invalid_transition"], "case.warned"),
            ("takedown", "reason", True, "Take the mini-program down (the reason is shown to the organisation)",
             ["cases.invalid_transition", "apps.invalid_transition"], "case.taken_down"),
            ("uphold", "note", False, "Uphold the takedown: the appeal is refused", ["cases.no_pending_appeal"],
             "case.appeal_upheld"),
            ("restore", "note", False, "Grant the appeal: the mini-program is restored", ["cases.no_pending_appeal"],
             "case.restored")):
        api.op("POST", f"{cases}/{{caseId}}/{action}", tag=TAG_CASES, summary=summary, permission="platform:review",
               params=[CASE_ID], body=obj({field: string(1, 500)}, [field] if required else []),
               body_required=required, responses={200: ref("ViolationCase")},
               errors={400: ["validation_failed"], 404: ["cases.not_found"], 409: codes, 413: []},
               description=f"Event `{event}`." + (" Also the apps module's takedown (`app.taken_down`, "
                                                  "`app.status_changed`) in the same transaction."
                                                  if action == "takedown" else
                                                  " Also the apps module's restore (`app.restored`)."
                                                  if action == "restore" else ""))

    api.op("GET", "/api/v1/orgs/{orgId}/cases", tag=TAG_CASES, summary="The organisation's cases, newest first",
           permission="apps:read", params=[ORG_ID, *PAGE_PARAMS, status_param, app_param],
           responses={200: api.page_of("ViolationCase")}, errors={400: ["validation_failed"]})
    api.op("GET", "/api/v1/cases/{caseId}", tag=TAG_CASES,
           summary="One of the organisation's cases (reporters are not named)", permission="apps:read",
           params=[CASE_ID], responses={200: ref("ViolationCaseDetail")}, errors={404: ["cases.not_found"]})
    api.op("GET", "/api/v1/cases/{caseId}/files/{sha256}", tag=TAG_CASES,
           summary="A screenshot or attachment of the organisation's case", permission="apps:read",
           params=[CASE_ID, SHA256], responses=file_responses,
           errors={404: ["cases.not_found", "cases.file_not_found"]})
    api.op("POST", "/api/v1/cases/{caseId}/appeal", tag=TAG_CASES, summary="Appeal the takedown (once per takedown)",
           permission="apps:release", params=[CASE_ID],
           body=obj({"text": string(1, 2000),
                     "attachments": array(obj({"name": string(1, 200),
                                               "data": string(description="PNG, JPEG or PDF, base64, ≤ 2 MiB")},
                                              ["name", "data"]), max_items=5)}, ["text"]),
           responses={201: ("Filed", ref("CaseAppeal"))},
           errors={400: ["validation_failed"], 404: ["cases.not_found"],
                   409: ["cases.not_taken_down", "cases.appeal_exists"], 413: []},
           description="Event `case.appealed`.")
