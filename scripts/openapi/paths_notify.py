"""Notification center (通知中心): every user's inbox fed by outbox events, its live stream and the
user's notification preferences (src/modules/notify/*_routes.cpp)."""
from spec import PAGE_PARAMS, array, boolean, integer, nullable, obj, path_param, query_param, ref, string, time

ORDER = 80  # where this area's tags stand in docs/openapi.json

TAG = "Notifications"
NOTIFICATION_ID = path_param("notificationId", "Notification id (`ntf_…`)")
CATEGORIES = ["organisation", "member", "review", "version", "gray", "domain", "certificate", "case", "integration", "security"]
SEVERITIES = ["info", "success", "warning", "error"]
LANGUAGES = ["zh-CN", "en-US"]


def add(api):
    api.tag(TAG, "The signed-in user's inbox: one item per event of interest (an organisation approved, a version "
                 "rejected, a gray step applied, a certificate expiring, a password changed …), delivered exactly "
                 "once per recipient from the outbox, written in the recipient's language (zh-CN unless chosen "
                 "otherwise in the preferences). Who receives what: organisation decisions → the organisation's "
                 "owners and admins; review, release and gray events → owners, admins and developers; new "
                 "organisations → platform admins; versions to review → platform admins and reviewers; membership "
                 "and security events → the account concerned. An inbox keeps the newest 2,000 items. Reading and "
                 "deleting are the user's own and write no operation-log entry.")
    notification = api.schema("Notification", obj({
        "id": string(example="ntf_4n8Jd2kQ0Zb7YwVf1Lx3Tc"),
        "kind": string(description="The event topic, e.g. `org.approved`"),
        "category": string(enum=CATEGORIES), "severity": string(enum=SEVERITIES),
        "orgId": nullable(string(description="The organisation it concerns")),
        "title": string(), "body": string(),
        "link": string(description="A console path to open, or empty"),
        "data": {"type": "object", "description": "The event's payload"},
        "read": boolean(), "createdAt": time(), "readAt": nullable(time()),
    }, ["id", "kind", "category", "severity", "orgId", "title", "body", "link", "data", "read", "createdAt",
        "readAt"], additional=None))
    preferences = api.schema("NotificationPreferences", obj({
        "language": string(enum=LANGUAGES),
        "items": array(obj({"kind": string(), "category": string(enum=CATEGORIES),
                            "security": boolean(description="Security kinds cannot be turned off"),
                            "inbox": boolean(), "email": boolean()},
                           ["kind", "category", "security", "inbox", "email"], additional=None)),
    }, ["language", "items"], additional=None))
    unread = obj({"unreadCount": integer(0)}, ["unreadCount"], additional=None)

    base = "/api/v1/me/notifications"
    api.op("GET", base, tag=TAG, summary="My notifications, newest first", permission="self",
           params=[*PAGE_PARAMS,
                   query_param("unread", "Only unread ones (true)", string(enum=["true", "false", "1", "0"])),
                   query_param("category", "Only this category", string(enum=CATEGORIES))],
           responses={200: api.page_of("Notification")}, errors={400: ["validation_failed"]})
    api.op("GET", base + "/unread-count", tag=TAG, summary="How many of my notifications are unread",
           permission="self", responses={200: unread})
    api.op("POST", base + "/{notificationId}/read", tag=TAG, summary="Mark one notification read",
           permission="self", params=[NOTIFICATION_ID], body=obj({}), body_required=False,
           responses={200: notification}, errors={400: ["validation_failed"], 404: ["notify.not_found"], 413: []},
           description="Marking a read notification again changes nothing.")
    api.op("POST", base + "/read-all", tag=TAG, summary="Mark all my notifications read", permission="self",
           body=obj({}), body_required=False,
           responses={200: obj({"marked": integer(0), "unreadCount": integer(0)}, ["marked", "unreadCount"],
                               additional=None)},
           errors={400: ["validation_failed"], 413: []})
    api.op("DELETE", base + "/{notificationId}", tag=TAG, summary="Delete one notification from my inbox",
           permission="self", params=[NOTIFICATION_ID], responses={204: None}, errors={404: ["notify.not_found"]})
    api.op("GET", base + "/stream", tag=TAG, summary="Live updates of my inbox (Server-Sent Events)",
           permission="self",
           responses={200: ("An event stream that stays open: `ready` at once and `unread` when reading changes "
                            "the count (data `{\"unreadCount\": n}`), `notification` for each new item (data "
                            "`{\"item\": Notification, \"unreadCount\": n}`), a comment line every 15 s.",
                            string(), "text/event-stream")},
           errors={503: ["notify.too_many_streams"]},
           description="Send the access token in the Authorization header (read the stream with fetch; "
                       "EventSource cannot send headers). A user holds at most `notify.streamsPerUser` streams: a "
                       "new one ends their oldest. The stream ends when the server stops; reconnect then.")

    prefs = "/api/v1/me/notification-preferences"
    api.op("GET", prefs, tag=TAG, summary="My notification preferences: every kind and channel", permission="self",
           responses={200: preferences})
    api.op("PUT", prefs, tag=TAG, summary="Change my notification preferences (kinds not listed stay)",
           permission="self",
           body=obj({"language": string(enum=LANGUAGES),
                     "items": array(obj({"kind": string(1, 64), "inbox": boolean(), "email": boolean()}, ["kind"]),
                                    max_items=64)}),
           responses={200: preferences}, errors={400: ["validation_failed"], 413: []},
           description="An item's absent channel takes the kind's default. A security kind with `inbox` or "
                       "`email` false is a 400 (field code `cannot_mute`).")

    add_mail(api)


TAG_MAIL = "E-mail"
TOKEN = path_param("token", "The token of an e-mailed password-reset link")


def add_mail(api):
    api.tag(TAG_MAIL, "E-mail over SMTP (libcurl: STARTTLS or implicit TLS, AUTH when a user is set). Operators keep "
                      "the settings (permission `platform:settings`; until they save, the `mail.*` configuration "
                      "keys apply); the password is sealed at rest and never answered. Notifications whose "
                      "e-mail channel is on are queued in the transaction that delivers them and sent by a "
                      "background sender: a 4xx reply or a connection failure is retried with exponential backoff "
                      "(`mail.retryBaseSeconds`, `mail.maxAttempts`), a 5xx reply fails at once, at most "
                      "`mail.maxPerMinute` a minute. The log shows recipient, subject, state, attempts and the "
                      "server's last reply — never a body. Forgot password: a request e-mails a single-use link "
                      "(30 minutes) to `http.publicUrl` + `/reset-password/{token}`.")
    settings = api.schema("MailSettings", obj({
        "host": string(), "port": integer(1, 65535), "security": string(enum=["none", "starttls", "tls"]),
        "username": string(), "passwordSet": boolean(), "fromAddress": string(), "fromName": string(),
        "configured": boolean(description="A host and a from address are set"),
        "source": string(enum=["config", "console"]), "updatedAt": nullable(time())},
        ["host", "port", "security", "username", "passwordSet", "fromAddress", "fromName", "configured", "source",
         "updatedAt"], additional=None))
    api.schema("MailMessage", obj({
        "id": string(example="mail_4n8Jd2kQ0Zb7YwVf1Lx3Tc"),
        "kind": string(description="A notification kind, `test` or `password_reset`"),
        "to": string(), "subject": string(), "security": boolean(),
        "state": string(enum=["queued", "sent", "failed"]), "attempts": integer(0),
        "nextAttemptAt": nullable(time()), "lastReply": string(description="The SMTP server's last reply line"),
        "createdAt": time(), "sentAt": nullable(time())},
        ["id", "kind", "to", "subject", "security", "state", "attempts", "nextAttemptAt", "lastReply", "createdAt",
         "sentAt"], additional=None))
    api.op("GET", "/api/v1/platform/mail-settings", tag=TAG_MAIL, summary="The SMTP settings",
           permission="platform:settings", responses={200: settings})
    api.op("PUT", "/api/v1/platform/mail-settings", tag=TAG_MAIL, summary="Save the SMTP settings",
           permission="platform:settings",
           body=obj({"host": string(1, 253), "port": integer(1, 65535),
                     "security": string(enum=["none", "starttls", "tls"]), "username": string(0, 254),
                     "password": string(0, 512, description="Absent keeps the stored one; empty removes it"),
                     "fromAddress": string(3, 254), "fromName": string(0, 100)},
                    ["host", "port", "security", "fromAddress"]),
           responses={200: settings}, errors={400: ["validation_failed"], 413: []})
    api.op("POST", "/api/v1/platform/mail-settings/test", tag=TAG_MAIL,
           summary="Send a test e-mail now with the saved settings", permission="platform:settings",
           body=obj({"to": string(3, 254), "language": string(enum=["zh-CN", "en-US"])}, ["to"]),
           responses={200: obj({"sent": boolean(), "code": integer(0, description="The SMTP reply code, 0 when "
                                                                                  "no server answered"),
                                "reply": string()}, ["sent", "code", "reply"], additional=None)},
           errors={400: ["validation_failed"], 409: ["notify.mail_not_configured"], 413: []},
           description="Waits for the SMTP server (at most `mail.smtp.timeoutSeconds`); the answer says whether "
                       "it accepted the message and what it replied. The attempt is in the mail log.")
    api.op("GET", "/api/v1/platform/mail-log", tag=TAG_MAIL, summary="Outgoing e-mail, newest first",
           permission="platform:settings",
           params=[*PAGE_PARAMS, query_param("state", "Only in this state", string(enum=["queued", "sent",
                                                                                        "failed"]))],
           responses={200: api.page_of("MailMessage")}, errors={400: ["validation_failed"]})

    reset = "/api/v1/auth/password-reset"
    api.op("POST", reset, tag=TAG_MAIL, summary="Forgot password: e-mail a reset link", permission="open",
           body=obj({"email": string(3, 254)}, ["email"]),
           responses={202: obj({"accepted": boolean()}, ["accepted"], additional=None)},
           errors={400: ["validation_failed"], 409: ["notify.mail_not_configured"], 413: []},
           description="The same answer whether or not the address has an account. At most one mail per account a "
                       "minute; a new link replaces older ones. The mail is written in the language of "
                       "`Accept-Language` (en… → en-US, else zh-CN).")
    api.op("GET", reset + "/{token}", tag=TAG_MAIL, summary="Check a reset link", permission="open", params=[TOKEN],
           responses={200: obj({"email": string(description="Masked: `f•••@example.com`"), "expiresAt": time()},
                               ["email", "expiresAt"], additional=None)},
           errors={404: ["notify.reset_link_not_found"], 410: ["notify.reset_link_gone"]})
    api.op("POST", reset + "/{token}", tag=TAG_MAIL, summary="Set a new password with a reset link",
           permission="open", params=[TOKEN], body=obj({"newPassword": string(1, 256)}, ["newPassword"]),
           responses={204: None},
           errors={400: ["validation_failed"], 404: ["notify.reset_link_not_found"], 410: ["notify.reset_link_gone"],
                   413: []},
           description="The password policy applies (field `newPassword`; the link stays usable then). Every "
                       "session of the account ends; the owner is notified (`user.password_changed`).")
