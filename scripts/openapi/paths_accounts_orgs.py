"""Organisations, platform review, members, invitations, quotas, settings and branding
(docs/api/accounts-orgs.md; src/modules/accounts/org_routes.cpp, platform_org_routes.cpp,
member_routes.cpp, invitation_routes.cpp, settings_routes.cpp)."""
from spec import (PAGE_PARAMS, array, boolean, integer, nullable, obj, path_param, query_param, ref, string, time)

ORDER = 20  # where this area's tags stand in docs/openapi.json

ORG_ID = path_param("orgId", "Organisation id (`org_…`)")
USER_ID = path_param("userId", "User id (`usr_…`)")
ORG_STATUS = ["pending", "active", "rejected", "suspended"]
ROLES = ["owner", "admin", "developer", "viewer"]
INVITE_ROLES = ["admin", "developer", "viewer"]
EMAIL = string(3, 254, format="email")
PHONE = string(5, 32, pattern=r"^\+?[0-9 ().-]+$", description="5–20 digits, optional leading +, spaces, - . ( )")
LICENSE_NO = string(1, 64, pattern="^[A-Za-z0-9-]+$")
REASON = string(1, 500, description="May span lines")
IMAGES = ["logo", "favicon", "loginImage"]

QUOTA_FIELDS = {
    "maxApps": (0, 100000),
    "maxHostApps": (0, 10000),
    "maxMembers": (1, 100000),
    "maxGrayPlans": (0, 1000),
    "maxDomainsPerKind": (1, 1000),
    "maxPackageBytes": (1024 * 1024, 2 * 1024 * 1024 * 1024),
}


def add(api):
    api.tag("Organisations", "Registration, profile and licence attachment of an organisation.")
    api.tag("Platform review", "Operators review organisations and set their quotas.")
    api.tag("Members", "An organisation's members and their roles.")
    api.tag("Invitations", "Invitation links for new and existing accounts.")
    api.tag("Settings", "Platform-wide security settings, quota defaults and branding.")

    api.schema("Quotas", obj({k: integer(lo, hi) for k, (lo, hi) in QUOTA_FIELDS.items()}, list(QUOTA_FIELDS),
                             additional=None))
    api.schema("QuotaOverrides", obj({k: nullable(integer(lo, hi)) for k, (lo, hi) in QUOTA_FIELDS.items()},
                                     description="null (or absent in a request) = the platform default"))
    attachment = obj({"name": string(), "contentType": string(enum=["image/png", "image/jpeg", "application/pdf"]),
                      "sha256": string(pattern="^[0-9a-f]{64}$")}, ["name", "contentType", "sha256"], additional=None)
    api.schema("Attachment", attachment)
    api.schema("Org", obj({
        "id": string(), "name": string(2, 100), "licenseNo": string(description="Business licence number"),
        "contactName": string(1, 100),
        "contactEmail": EMAIL, "contactPhone": PHONE, "licenseAttachment": nullable(attachment),
        "status": string(enum=ORG_STATUS), "statusReason": nullable(string()),
        "require2fa": boolean(description="Members must use two-factor authentication: the organisation's own "
                                          "choice or a platform operator's"),
        "require2faImposedAt": nullable(time(description="When a platform operator required 2FA of every member; "
                                                         "null when no operator does")),
        "reviewedAt": nullable(time()), "createdAt": time(), "updatedAt": time(),
    }, ["id", "name", "licenseNo", "contactName", "contactEmail", "contactPhone", "licenseAttachment", "status",
        "statusReason", "require2fa", "require2faImposedAt", "reviewedAt", "createdAt", "updatedAt"],
        additional=None))
    api.schema("OrgDetails", {"allOf": [ref("Org"), obj({
        "quotas": ref("Quotas"), "usage": obj({"members": integer()}, ["members"], additional=None),
        "quotaUsage": {"type": "object", "additionalProperties": integer(0),
                       "description": "Current usage by quota key (the keys of `quotas`), for usage / limit"}},
        ["quotas", "usage", "quotaUsage"], additional=None)]})
    api.schema("PlatformOrgDetails", {"allOf": [ref("OrgDetails"), obj({"quotaOverrides": ref("QuotaOverrides")},
                                                                       ["quotaOverrides"], additional=None)]})
    api.schema("OrgQuotas", obj({"overrides": ref("QuotaOverrides"), "effective": ref("Quotas"),
                                 "defaults": ref("Quotas")}, ["overrides", "effective", "defaults"], additional=None))
    api.schema("Member", obj({
        "userId": string(), "email": string(format="email"), "name": string(), "role": string(enum=ROLES),
        "status": string(enum=["active", "disabled"]), "twoFactorEnabled": boolean(),
        "mustChangePassword": boolean(), "joinedAt": time(),
    }, ["userId", "email", "name", "role", "status", "twoFactorEnabled", "mustChangePassword", "joinedAt"],
        additional=None))
    api.schema("Invitation", obj({
        "id": string(), "email": string(format="email"), "role": string(enum=INVITE_ROLES),
        "status": string(enum=["pending", "accepted", "revoked", "expired"]),
        "invitedBy": obj({"id": string(), "name": nullable(string())}, ["id", "name"], additional=None),
        "createdAt": time(), "expiresAt": time(), "acceptedAt": nullable(time()), "revokedAt": nullable(time()),
    }, ["id", "email", "role", "status", "invitedBy", "createdAt", "expiresAt", "acceptedAt", "revokedAt"],
        additional=None))
    api.schema("SecuritySettings", obj({
        "lockoutMaxFailures": integer(1, 100, default=5),
        "lockoutMinutes": integer(1, 1440, default=15),
        "ipMaxFailures": integer(1, 10000, default=50),
        "passwordMinLength": integer(8, 128, default=10),
        "passwordMinClasses": integer(1, 4, default=3),
        "passwordExpiryDays": integer(0, 3650, default=0, description="0 = passwords do not expire"),
        "passwordHistory": integer(0, 24, default=5),
        "accessTtlSeconds": integer(60, 3600, default=900),
        "refreshTtlDays": integer(1, 365, default=30),
        "require2faOperators": boolean(default=False),
        "corsOrigins": array(string(1, 200, description="scheme://host[:port], no path"), max_items=20),
        "apiKeyRequestsPerMinute": integer(1, 100000, default=600),
        "invitationTtlHours": integer(1, 720, default=72),
    }, description="In a PATCH every field is optional; only those present change."))
    api.schema("BrandingSettings", obj({
        "productName": string(1, 60), "loginTitle": string(0, 100), "loginText": string(0, 1000),
        "copyright": string(0, 200),
        "logoSha256": string(), "faviconSha256": string(), "loginImageSha256": string(),
        "logoUrl": nullable(string()), "faviconUrl": nullable(string()), "loginImageUrl": nullable(string()),
    }, ["productName", "loginTitle", "loginText", "copyright", "logoSha256", "faviconSha256", "loginImageSha256",
        "logoUrl", "faviconUrl", "loginImageUrl"], additional=None,
        description="A hash of \"\" / a URL of null means the built-in image."))
    api.schema("Branding", obj({
        "productName": string(), "loginTitle": string(), "loginText": string(), "copyright": string(),
        "logoUrl": nullable(string()), "faviconUrl": nullable(string()), "loginImageUrl": nullable(string()),
    }, ["productName", "loginTitle", "loginText", "copyright", "logoUrl", "faviconUrl", "loginImageUrl"],
        additional=None, description="Each URL is null (use the built-in image) or /api/v1/branding/<image>?v=<hash>"))

    orgs(api)
    review(api)
    members(api)
    invitations(api)
    settings(api)


def orgs(api):
    tag = "Organisations"
    api.op("POST", "/api/v1/orgs/register", tag=tag, summary="Register an organisation and its owner (pending review)",
           permission="open",
           body=obj({"name": string(2, 100), "licenseNo": LICENSE_NO, "contactName": string(1, 100),
                     "contactEmail": EMAIL, "contactPhone": PHONE,
                     "owner": obj({"email": EMAIL, "password": string(1, 256, description="Must meet the policy"),
                                   "name": string(1, 100)}, ["email", "password", "name"])},
                    ["name", "licenseNo", "contactName", "contactEmail", "contactPhone", "owner"]),
           responses={201: ("Registered", obj({"id": string(), "status": string(enum=["pending"])},
                                              ["id", "status"], additional=None))},
           errors={400: ["validation_failed", "invalid_json"], 409: ["orgs.owner_exists", "orgs.license_exists"],
                   413: []},
           description="Existing accounts join organisations through invitations.")
    api.op("GET", "/api/v1/orgs/{orgId}", tag=tag, summary="An organisation with its quotas and usage",
           permission="org:read", params=[ORG_ID], responses={200: ref("OrgDetails")})
    api.op("PATCH", "/api/v1/orgs/{orgId}", tag=tag, summary="Update the organisation profile",
           permission="org:manage", params=[ORG_ID],
           body=obj({"name": string(2, 100), "contactName": string(1, 100), "contactEmail": EMAIL,
                     "contactPhone": PHONE, "require2fa": boolean()}),
           responses={200: ref("OrgDetails")},
           errors={400: ["validation_failed"], 409: ["orgs.2fa_imposed"], 413: []},
           description="`require2fa: false` is refused while a platform operator requires 2FA "
                       "(`require2faImposedAt` is set).")
    api.op("POST", "/api/v1/orgs/{orgId}/resubmit", tag=tag, summary="Resubmit a rejected organisation",
           permission="org:manage", params=[ORG_ID],
           body=obj({"name": string(2, 100), "licenseNo": LICENSE_NO, "contactName": string(1, 100),
                     "contactEmail": EMAIL, "contactPhone": PHONE}),
           body_required=False,
           responses={200: ref("OrgDetails")},
           errors={400: ["validation_failed"], 409: ["orgs.invalid_transition", "orgs.license_exists"], 413: []},
           description="A rejected organisation's owner corrects what the operator's reason named (every field "
                       "optional) and sends it back to the review queue: `rejected → pending`, event "
                       "`org.resubmitted`; the rejection and its reason stay in the operation log.")
    api.op("PUT", "/api/v1/orgs/{orgId}/license-attachment", tag=tag,
           summary="Upload the licence scan (PNG, JPEG or PDF, ≤ 10 MiB)", permission="org:manage",
           params=[ORG_ID, query_param("filename", "Stored file name", string(1, 200))],
           body={"application/octet-stream": string(format="binary", maxLength=10 * 1024 * 1024)},
           responses={200: ref("Attachment")},
           errors={400: ["empty_body", "validation_failed"], 413: ["payload_too_large"],
                   415: ["unsupported_media_type"]},
           description="The type is decided by the file's magic bytes; the request's Content-Type is ignored.")
    api.op("GET", "/api/v1/orgs/{orgId}/license-attachment", tag=tag, summary="Download the licence scan",
           permission="org:read", params=[ORG_ID],
           responses={200: ("The file, with Content-Disposition and ETag", string(format="binary"),
                            "application/octet-stream"),
                      304: ("Not modified (If-None-Match)", None)},
           errors={404: ["orgs.no_attachment"]})


def decision(api, name, summary, body, transition, event):
    api.op("POST", f"/api/v1/platform/orgs/{{orgId}}/{name}", tag="Platform review", summary=summary,
           permission="platform:orgs", params=[ORG_ID], body=body, body_required=name in ("reject", "suspend"),
           responses={200: ref("Org")},
           errors={400: ["validation_failed"], 404: ["orgs.not_found"], 409: ["orgs.invalid_transition"], 413: []},
           description=f"{transition}. Writes the operation log and the event `{event}`.")


def review(api):
    tag = "Platform review"
    api.op("GET", "/api/v1/platform/overview", tag=tag, summary="What waits for an operator: one count per item",
           permission="platform:read",
           responses={200: obj({"items": array(obj({
               "key": string(description="Declared by the module that owns the rows: `pendingOrgs` "
                                         "(organisations awaiting approval); later modules add theirs"),
               "count": integer(0)}, ["key", "count"], additional=None))}, ["items"], additional=None)},
           description="Every counter the modules declare (modules/platform/overview_counters.hpp), in a fixed "
                       "order, counted in one read. The console's home (工作台) and menu badges come from it.")
    api.op("GET", "/api/v1/platform/orgs", tag=tag, summary="The review queue: organisations, newest first",
           permission="platform:read",
           params=[query_param("status", "Only this status", string(enum=ORG_STATUS)),
                   query_param("q", "Substring of name, licence number or contact email", string(max_length=100)),
                   *PAGE_PARAMS],
           responses={200: api.page_of("Org")}, errors={400: ["validation_failed"]})
    api.op("GET", "/api/v1/platform/orgs/{orgId}", tag=tag, summary="An organisation with quota overrides",
           permission="platform:read", params=[ORG_ID], responses={200: ref("PlatformOrgDetails")},
           errors={404: ["orgs.not_found"]})
    reason = obj({"reason": REASON}, ["reason"])
    decision(api, "approve", "Approve a pending organisation", obj({}), "pending → active", "org.approved")
    decision(api, "reject", "Reject a pending organisation", reason, "pending → rejected", "org.rejected")
    decision(api, "suspend", "Suspend an active organisation", reason, "active → suspended", "org.suspended")
    decision(api, "reactivate", "Reactivate a suspended organisation", obj({}), "suspended → active",
             "org.reactivated")
    api.op("PUT", "/api/v1/platform/orgs/{orgId}/security", tag=tag,
           summary="Require two-factor authentication of every member", permission="platform:orgs",
           params=[ORG_ID], body=obj({"require2fa": boolean()}, ["require2fa"]), responses={200: ref("Org")},
           errors={400: ["validation_failed"], 404: ["orgs.not_found"], 413: []},
           description="While required, members without 2FA can only enrol (`auth.2fa_enrollment_required`) and the "
                       "organisation cannot turn `require2fa` off. `false` lifts the operator's requirement and "
                       "leaves the organisation's own choice. Writes the operation log (`org.security_updated`) "
                       "and the event `org.updated`; setting what is already set changes nothing.")
    api.op("GET", "/api/v1/platform/orgs/{orgId}/quotas", tag=tag, summary="An organisation's quota overrides",
           permission="platform:orgs", params=[ORG_ID], responses={200: ref("OrgQuotas")},
           errors={404: ["orgs.not_found"]})
    api.op("PUT", "/api/v1/platform/orgs/{orgId}/quotas", tag=tag,
           summary="Replace an organisation's quota overrides", permission="platform:orgs", params=[ORG_ID],
           body=ref("QuotaOverrides"), responses={200: ref("OrgQuotas")},
           errors={400: ["validation_failed"], 404: ["orgs.not_found"], 413: []})


def members(api):
    tag = "Members"
    base = "/api/v1/orgs/{orgId}/members"
    api.op("GET", base, tag=tag, summary="List members, oldest first", permission="members:read",
           params=[ORG_ID, query_param("role", "Only this role", string(enum=ROLES)), *PAGE_PARAMS],
           responses={200: api.page_of("Member")}, errors={400: ["validation_failed"]})
    api.op("POST", base, tag=tag, summary="Create an account and make it a member", permission="members:manage",
           params=[ORG_ID],
           body=obj({"email": EMAIL, "name": string(1, 100), "role": string(enum=ROLES),
                     "initialPassword": string(1, 256, description="Must meet the policy; must be changed at "
                                                                   "first sign-in")},
                    ["email", "name", "role", "initialPassword"]),
           responses={201: ("Created", ref("Member"))},
           errors={400: ["validation_failed"], 403: ["members.owner_required", "quota.exceeded"],
                   409: ["members.account_exists"], 413: []})
    api.op("GET", base + "/{userId}", tag=tag, summary="One member", permission="members:read",
           params=[ORG_ID, USER_ID], responses={200: ref("Member")}, errors={404: ["members.not_found"]})
    api.op("PATCH", base + "/{userId}", tag=tag, summary="Change a member's role", permission="members:manage",
           params=[ORG_ID, USER_ID], body=obj({"role": string(enum=ROLES)}, ["role"]),
           responses={200: ref("Member")},
           errors={400: ["validation_failed"], 403: ["members.owner_required"], 404: ["members.not_found"],
                   409: ["members.last_owner"], 413: []})
    api.op("DELETE", base + "/{userId}", tag=tag, summary="Remove a member (the account stays)",
           permission="members:manage", params=[ORG_ID, USER_ID], responses={204: None},
           errors={403: ["members.owner_required"], 404: ["members.not_found"], 409: ["members.last_owner"]})
    api.op("POST", base + "/{userId}/reset-password", tag=tag,
           summary="Reset a member's password to a temporary one", permission="members:manage",
           params=[ORG_ID, USER_ID], responses={200: ref("TemporaryPassword")},
           errors={403: ["members.owner_required"], 404: ["members.not_found"],
                   409: ["members.reset_not_allowed"], 413: []})


def invitations(api):
    tag = "Invitations"
    base = "/api/v1/orgs/{orgId}/invitations"
    token = path_param("token", "The token from the invitation link")
    api.op("POST", base, tag=tag, summary="Invite someone by email (returns the link to share)",
           permission="members:manage", params=[ORG_ID],
           body=obj({"email": EMAIL, "role": string(enum=INVITE_ROLES)}, ["email", "role"]),
           responses={201: ("Created", {"allOf": [ref("Invitation"), obj({"inviteUrl": string(format="uri")},
                                                                         ["inviteUrl"], additional=None)]})},
           errors={400: ["validation_failed"], 403: ["quota.exceeded"],
                   409: ["invitations.already_member", "invitations.already_pending"], 413: []})
    api.op("GET", base, tag=tag, summary="List invitations, newest first", permission="members:read",
           params=[ORG_ID, query_param("status", "Only this status",
                                       string(enum=["pending", "accepted", "revoked", "expired"])), *PAGE_PARAMS],
           responses={200: api.page_of("Invitation")}, errors={400: ["validation_failed"]})
    api.op("DELETE", base + "/{invitationId}", tag=tag, summary="Revoke a pending invitation",
           permission="members:manage", params=[ORG_ID, path_param("invitationId", "Invitation id (`inv_…`)")],
           responses={204: None}, errors={404: ["invitations.not_found"], 409: ["invitations.not_pending"]})
    api.op("GET", "/api/v1/invitations/{token}", tag=tag, summary="What an invitation link offers",
           permission="open", params=[token],
           responses={200: obj({"orgId": string(), "orgName": string(), "email": string(format="email"),
                                "role": string(enum=INVITE_ROLES), "expiresAt": time(), "accountExists": boolean()},
                               ["orgId", "orgName", "email", "role", "expiresAt", "accountExists"], additional=None)},
           errors={404: ["invitations.not_found"], 410: ["invitations.gone"]})
    api.op("POST", "/api/v1/invitations/{token}/accept", tag=tag, summary="Accept an invitation",
           permission="open", params=[token], security=[{"bearerAuth": []}, {}],
           body=obj({"name": string(1, 100), "password": string(1, 256, description="Must meet the policy")},
                    description="For a new account. Signed in with the invited email: no body (or {})."),
           body_required=False,
           responses={200: obj({"orgId": string(), "userId": string(), "role": string(enum=INVITE_ROLES),
                                "accountCreated": boolean()}, ["orgId", "userId", "role", "accountCreated"],
                               additional=None)},
           errors={400: ["validation_failed"], 403: ["invitations.email_mismatch", "forbidden", "quota.exceeded"],
                   404: ["invitations.not_found"], 409: ["invitations.account_exists", "invitations.already_member"],
                   410: ["invitations.gone"], 413: []})


def settings(api):
    tag = "Settings"
    base = "/api/v1/platform/settings"
    docs = [("security", "SecuritySettings", "Security settings", ref("SecuritySettings")),
            ("quotas", "Quotas", "Quota defaults for every organisation",
             obj({k: integer(lo, hi) for k, (lo, hi) in QUOTA_FIELDS.items()})),
            ("branding", "BrandingSettings", "Branding",
             obj({"productName": string(1, 60), "loginTitle": string(0, 100), "loginText": string(0, 1000),
                  "copyright": string(0, 200)}))]
    for name, schema, summary, patch_body in docs:
        api.op("GET", f"{base}/{name}", tag=tag, summary=summary, permission="platform:read",
               responses={200: ref(schema)})
        api.op("PATCH", f"{base}/{name}", tag=tag, summary=f"{summary}: change the fields present",
               permission="platform:settings", body=patch_body, responses={200: ref(schema)},
               errors={400: ["validation_failed"], 413: []})
    for image in IMAGES:
        api.op("PUT", f"{base}/branding/{image}", tag=tag, summary=f"Upload the {image} (PNG, JPEG, SVG or ICO, ≤ 1 MiB)",
               permission="platform:settings",
               body={"application/octet-stream": string(format="binary", maxLength=1024 * 1024)},
               responses={200: ref("BrandingSettings")},
               errors={400: ["empty_body", "branding.unsafe_svg"], 413: ["payload_too_large"],
                       415: ["unsupported_media_type"]},
               description="The type is decided by magic bytes. SVGs with scripts, event handlers, javascript: "
                           "URLs, foreignObject, iframe, embed, object or entity declarations are refused.")
        api.op("DELETE", f"{base}/branding/{image}", tag=tag, summary=f"Go back to the built-in {image}",
               permission="platform:settings", responses={200: ref("BrandingSettings")})
        api.op("GET", f"/api/v1/branding/{image}", tag=tag, summary=f"The {image} image (public)", permission="open",
               params=[query_param("v", "Version from the branding URL; when current, cached immutably",
                                   string(max_length=64))],
               responses={200: ("The image with its Content-Type and ETag", string(format="binary"),
                                "application/octet-stream"),
                          304: ("Not modified (If-None-Match)", None)},
               errors={404: ["branding.not_set"]})
    api.op("GET", "/api/v1/branding", tag=tag, summary="Branding for the sign-in page (public)", permission="open",
           responses={200: ref("Branding")})
