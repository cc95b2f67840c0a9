"""Sign-in, sessions, passwords, 2FA, /me and platform operators (docs/api/accounts-auth.md;
src/modules/accounts/auth_routes.cpp, me_routes.cpp, operator_routes.cpp)."""
from spec import (PAGE_PARAMS, array, boolean, integer, nullable, obj, path_param, query_param, ref, string, time)

ORDER = 10  # where this area's tags stand in docs/openapi.json

PASSWORD = string(1, 256)
CODE = string(1, 32)
USER_ID = path_param("userId", "User id (`usr_…`)")
ROLES = ["owner", "admin", "developer", "viewer"]
PLATFORM_ROLES = ["platform_admin", "platform_reviewer"]
RESTRICTIONS = ["auth.password_change_required", "auth.2fa_enrollment_required"]
LOCKED = "auth.locked"


def add(api):
    api.tag("Auth", "Sign-in, token refresh, sign-out, password change and two-factor authentication.")
    api.tag("Me", "The signed-in user: profile, organisations and sessions.")
    api.tag("Operators", "Platform operators (platform_admin, platform_reviewer).")

    api.schema("User", obj({
        "id": string(), "email": string(format="email"), "name": string(),
        "platformRole": nullable(string(enum=PLATFORM_ROLES)),
        "status": string(enum=["active", "disabled"]),
        "twoFactorEnabled": boolean(), "mustChangePassword": boolean(), "createdAt": time(),
    }, ["id", "email", "name", "platformRole", "status", "twoFactorEnabled", "mustChangePassword", "createdAt"],
        additional=None))
    api.schema("Session", obj({
        "id": string(), "userAgent": string(), "ip": string(description="Latest sign-in or refresh"),
        "createdAt": time(), "lastUsedAt": time(), "expiresAt": time(), "current": boolean(),
    }, ["id", "userAgent", "ip", "createdAt", "lastUsedAt", "expiresAt", "current"], additional=None))
    api.schema("SessionGrant", obj({
        "accessToken": string(description="HS256 JWT {sub, sid, typ:\"access\", iat, exp}"),
        "expiresIn": integer(description="Seconds (security setting accessTtlSeconds)"),
        "user": ref("User"),
    }, ["accessToken", "expiresIn", "user"], additional=None,
        description="Also sets the `cove_refresh` cookie (HttpOnly; Secure; SameSite=Strict; Path=/api/v1/auth)."))
    api.schema("Me", obj({
        "user": ref("User"),
        "platformRole": nullable(string(enum=PLATFORM_ROLES)),
        "platformPermissions": array(string()),
        "orgs": array(obj({"id": string(), "name": string(),
                           "status": string(enum=["pending", "active", "rejected", "suspended"]),
                           "role": string(enum=ROLES), "permissions": array(string())},
                          ["id", "name", "status", "role", "permissions"], additional=None)),
        "restriction": nullable(string(enum=RESTRICTIONS)),
    }, ["user", "platformRole", "platformPermissions", "orgs", "restriction"], additional=None))
    api.schema("TemporaryPassword", obj({
        "temporaryPassword": string(description="Shown once; must be changed at the next sign-in"),
        "mustChangePassword": boolean(enum=[True]),
    }, ["temporaryPassword", "mustChangePassword"], additional=None))
    api.schema("RecoveryCodes", obj({
        "recoveryCodes": array(string(pattern="^[a-z0-9]{5}-[a-z0-9]{5}$"), description="Shown once"),
    }, ["recoveryCodes"], additional=None))

    grant = ("Signed in; sets the `cove_refresh` cookie", ref("SessionGrant"))
    auth = "/api/v1/auth"
    api.op("POST", auth + "/login", tag="Auth", summary="Sign in with email and password (and a TOTP code)",
           permission="open",
           body=obj({"email": string(1, 254), "password": PASSWORD, "totp": string(1, 32),
                     "recoveryCode": string(1, 32, description="Single use; case, dashes and spaces ignored")},
                    ["email", "password"]),
           responses={200: grant},
           errors={400: ["validation_failed"], 401: ["auth.invalid_credentials", "auth.totp_required",
                                                     "auth.totp_invalid"],
                   403: ["auth.account_disabled"], 413: [], 429: [LOCKED, "rate_limited"]},
           description="Wrong email or password answer the same 401. After `lockoutMaxFailures` failures for an "
                       "address, or `ipMaxFailures` from one IP, sign-in answers 429 `auth.locked` with "
                       "`Retry-After` for `lockoutMinutes`, whether or not the account exists.")
    api.op("POST", auth + "/refresh", tag="Auth", summary="Exchange the refresh cookie for a new access token",
           permission="open", security=[{"refreshCookie": []}], responses={200: grant},
           errors={400: ["validation_failed"], 401: ["auth.refresh_invalid", "auth.refresh_reused"], 413: []},
           description="Uses the `cove_refresh` cookie (no body fields) and rotates it. Presenting an already "
                       "rotated token revokes the whole session (401 `auth.refresh_reused`).")
    api.op("POST", auth + "/logout", tag="Auth", summary="Sign out: revoke this session", permission="open",
           security=[{"refreshCookie": []}, {"bearerAuth": []}, {}],
           responses={204: None}, errors={400: ["validation_failed"], 413: []},
           description="Revokes the session named by the `cove_refresh` cookie, else the bearer token's; clears "
                       "the cookie. 204 also when there was nothing to revoke.")
    api.op("POST", auth + "/logout-all", tag="Auth", summary="Sign out everywhere: revoke every session",
           permission="self", responses={204: None}, errors={400: ["validation_failed"], 413: []})
    api.op("POST", auth + "/password", tag="Auth", summary="Change the password",
           permission="self", body=obj({"currentPassword": PASSWORD, "newPassword": PASSWORD},
                                       ["currentPassword", "newPassword"]),
           responses={204: None}, errors={400: ["validation_failed"], 413: [], 429: [LOCKED, "rate_limited"]},
           description="Policy: `passwordMinLength`, `passwordMinClasses`, no reuse of the last `passwordHistory` "
                       "(field errors `currentPassword: incorrect`, `newPassword: too_short | too_long | too_weak "
                       "| reused`). Clears must-change and expiry; revokes the user's other sessions.")
    api.op("POST", auth + "/2fa/enroll", tag="Auth", summary="Start TOTP enrolment", permission="self",
           responses={200: obj({"secret": string(description="Base32"), "otpauthUri": string()},
                               ["secret", "otpauthUri"], additional=None)},
           errors={400: ["validation_failed"], 409: ["auth.totp_already_enabled"], 413: []})
    api.op("POST", auth + "/2fa/confirm", tag="Auth", summary="Confirm TOTP enrolment with a code",
           permission="self", body=obj({"code": CODE}, ["code"]), responses={200: ref("RecoveryCodes")},
           errors={400: ["validation_failed"], 409: ["auth.totp_not_pending", "auth.totp_already_enabled"],
                   413: []})
    api.op("POST", auth + "/2fa/disable", tag="Auth", summary="Turn TOTP off", permission="self",
           body=obj({"password": PASSWORD, "code": string(1, 32, description="A current or recovery code")},
                    ["password", "code"]),
           responses={204: None},
           errors={400: ["validation_failed"], 409: ["auth.totp_not_enabled"], 413: [],
                   429: [LOCKED, "rate_limited"]})
    api.op("POST", auth + "/2fa/recovery-codes", tag="Auth", summary="Replace the recovery codes",
           permission="self", body=obj({"code": string(1, 32, description="A current or recovery code")}, ["code"]),
           responses={200: ref("RecoveryCodes")},
           errors={400: ["validation_failed"], 409: ["auth.totp_not_enabled"], 413: [],
                   429: [LOCKED, "rate_limited"]})

    me = "/api/v1/me"
    api.op("GET", me, tag="Me", summary="The signed-in user, their organisations and permissions",
           permission="self", responses={200: ref("Me")})
    api.op("PATCH", me, tag="Me", summary="Update the profile", permission="self",
           body=obj({"name": string(1, 100)}), responses={200: ref("Me")},
           errors={400: ["validation_failed"], 413: []})
    api.op("GET", me + "/sessions", tag="Me", summary="Active sessions, newest first", permission="self",
           params=PAGE_PARAMS, responses={200: api.page_of("Session")}, errors={400: ["validation_failed"]})
    api.op("DELETE", me + "/sessions/{sessionId}", tag="Me", summary="Revoke one of the caller's sessions",
           permission="self", params=[path_param("sessionId", "Session id (`ses_…`)")], responses={204: None},
           errors={404: ["sessions.not_found"]})

    api.op("GET", "/api/v1/setup", tag="Operators", summary="Whether the first-run setup link can still be used",
           permission="open", responses={200: obj({"available": boolean()}, ["available"], additional=None)},
           description="True while no platform admin exists and the server issued a setup link at start-up "
                       "(no COVE_ADMIN_EMAIL / COVE_ADMIN_PASSWORD configured). The console's /setup page asks first.")
    api.op("POST", "/api/v1/setup", tag="Operators", summary="Create the first platform admin with the setup link",
           permission="open",
           body=obj({"token": string(1, 128, description="The part after `#` of the `/setup#…` path the server "
                                                         "logged at start-up"),
                     "email": string(1, 254, format="email"), "name": string(1, 100),
                     "password": string(1, 256, description="Must meet the password policy")},
                    ["token", "email", "name", "password"]),
           responses={201: ("Created", ref("User"))},
           errors={400: ["validation_failed"], 403: ["setup.invalid_token"], 404: ["setup.not_available"],
                   409: ["users.email_taken"], 413: []},
           description="Works once: the token is retired when the admin is created (a refused password leaves it "
                       "valid). The token lives in memory, so a restart issues a new link; it is 256 random bits "
                       "and the per-IP rate limit of /api/ applies.")

    ops = "/api/v1/platform/operators"
    perm = "platform:operators"
    api.op("GET", ops, tag="Operators", summary="List operators, oldest first", permission=perm,
           params=[*PAGE_PARAMS, query_param("role", "Only this role", string(enum=PLATFORM_ROLES)),
                   query_param("status", "Only this status", string(enum=["active", "disabled"]))],
           responses={200: api.page_of("User")}, errors={400: ["validation_failed"]})
    api.op("POST", ops, tag="Operators", summary="Create an operator (must change the password at first sign-in)",
           permission=perm,
           body=obj({"email": string(1, 254, format="email"), "name": string(1, 100),
                     "role": string(enum=PLATFORM_ROLES, default="platform_admin"),
                     "password": string(1, 256, description="Optional; generated and returned when absent")},
                    ["email", "name"]),
           responses={201: ("Created", obj({"user": ref("User"),
                                            "temporaryPassword": string(description="Only when none was given; "
                                                                                    "shown once")},
                                           ["user"], additional=None))},
           errors={400: ["validation_failed"], 409: ["users.email_taken"], 413: []})
    api.op("PATCH", ops + "/{userId}", tag="Operators", summary="Change an operator's role or status",
           permission=perm, params=[USER_ID],
           body=obj({"role": string(enum=PLATFORM_ROLES), "status": string(enum=["active", "disabled"])},
                    description="At least one field"),
           responses={200: ref("User")},
           errors={400: ["validation_failed"], 404: ["operators.not_found"], 409: ["operators.last_admin"],
                   413: []},
           description="Disabling revokes the operator's sessions. The last active platform_admin cannot be "
                       "demoted or disabled.")
    api.op("DELETE", ops + "/{userId}", tag="Operators", summary="Take the operator role away (the account stays)",
           permission=perm, params=[USER_ID], responses={204: None},
           errors={404: ["operators.not_found"], 409: ["operators.last_admin"]})
    api.op("POST", "/api/v1/platform/users/{userId}/reset-password", tag="Operators",
           summary="Reset any user's password to a temporary one", permission=perm, params=[USER_ID],
           responses={200: ref("TemporaryPassword")}, errors={404: ["users.not_found"], 413: []},
           description="No body fields. The user must change it at the next sign-in; all their sessions are "
                       "revoked.")
