"""Host apps (宿主 App), their SDK credentials, and their associations with mini-programs with the
custom API and menu grants (src/modules/apps/host_app_routes.cpp, association_routes.cpp)."""
from spec import PAGE_PARAMS, array, boolean, obj, path_param, query_param, ref, string, time

ORDER = 50  # where this area's tags stand in docs/openapi.json

ORG_ID = path_param("orgId", "Organisation id (`org_…`)")
HOST_APP_ID = path_param("hostAppId", "Host app id (`hst_…`)")
APP_ID = path_param("appId", "Mini-program id (`app_…`)")
TAG = "Host apps"

BUNDLE = obj({
    "platform": string(enum=["ios", "android", "harmony"]),
    "id": string(3, 155, description=(
        "Reverse-DNS, at least two dot-separated segments. ios: letters, digits and `-`, at most 155 characters; "
        "android: segments start with a letter, then letters, digits and `_`, at most 150; harmony: starts with a "
        "letter; letters, digits and `_`; 7–128 characters."), example="com.example.wallet"),
}, ["platform", "id"])
BUNDLES = array(BUNDLE, max_items=6, minItems=1,
                description="At least one; at most 2 per platform; each (platform, id) once. Answered sorted by "
                            "platform, then id.")
CUSTOM_API = obj({
    "name": string(2, 64, pattern="^[a-z][A-Za-z0-9]*$", example="getUserWallet",
                   description="The name mini-program code calls; unique within the host app"),
    "description": string(0, 200),
}, ["name"])
MENU = obj({
    "id": string(1, 64, pattern="^[A-Za-z][A-Za-z0-9_-]*$", example="share_to_chat",
                 description="Unique within the host app"),
    "title": string(1, 40),
}, ["id", "title"])
CUSTOM_APIS = array(CUSTOM_API, max_items=50,
                    description="Custom APIs the host app offers mini-programs (API与菜单管理). Replacing the list drops "
                                "grants naming APIs no longer defined.")
MENUS = array(MENU, max_items=20,
              description="Menu items the host app offers mini-programs. Replacing the list drops grants naming "
                          "items no longer defined.")
SECRET = string(description="`cove_ss_` + 43 base64url characters (256 random bits). The HMAC key of runtime "
                            "request signatures. Shown only in this response: store it in the host app now.",
                pattern="^cove_ss_[A-Za-z0-9_-]{43}$")


def add(api):
    api.tag(TAG, "Host apps embed the mini-program SDK. Each has a public `sdkKey` and a secret `sdkSecret` that signs "
                 "runtime requests; the secret is shown once (at creation and rotation) and kept sealed "
                 "(AES-256-GCM) because the runtime must recompute each request's HMAC with it. An organisation "
                 "associates its host apps with its own mini-programs and chooses which custom APIs and menu items "
                 "each may use; operators may associate across organisations. The host app's organisation may "
                 "always change the grants of, or remove, any association of its host app, cross-organisation ones "
                 "included.")
    api.schema("HostApp", obj({
        "id": string(example="hst_4n8Jd2kQ0Zb7YwVf1Lx3Tc"),
        "orgId": string(),
        "name": string(1, 60),
        "sdkKey": string(pattern="^sdk_[0-9A-Za-z]{22}$", description="Public; sent as `X-Cove-Sdk-Key`"),
        "status": string(enum=["active", "disabled"], description="The runtime refuses a disabled host app"),
        "bundleIds": array(BUNDLE),
        "customApis": array(CUSTOM_API),
        "menus": array(MENU),
        "secretRotatedAt": time(description="When the current secret was issued"),
        "createdAt": time(),
        "updatedAt": time(),
    }, ["id", "orgId", "name", "sdkKey", "status", "bundleIds", "customApis", "menus", "secretRotatedAt",
        "createdAt", "updatedAt"], additional=None))
    api.schema("HostAppWithSecret", {"allOf": [ref("HostApp"), obj({"sdkSecret": SECRET}, ["sdkSecret"],
                                                                   additional=None)]})
    api.schema("HostAppCreate", obj({"name": string(1, 60), "bundleIds": BUNDLES, "customApis": CUSTOM_APIS,
                                     "menus": MENUS}, ["name", "bundleIds"]))
    api.schema("HostAppUpdate", obj({"name": string(1, 60), "bundleIds": BUNDLES,
                                     "status": string(enum=["active", "disabled"]),
                                     "customApis": CUSTOM_APIS, "menus": MENUS},
                                    description="Absent fields stay as they are; lists are replaced whole."))
    api.schema("HostAppAssociation", obj({
        "hostAppId": string(),
        "appId": string(),
        "appOrgId": string(description="The mini-program's organisation (another one when `crossOrg`)"),
        "appName": string(),
        "appStatus": string(enum=["draft", "online", "offline"]),
        "allowedApis": array(string(), description="Custom API names granted to this mini-program"),
        "allowedMenus": array(string(), description="Menu item ids granted to this mini-program"),
        "crossOrg": boolean(description="Granted by an operator across organisations"),
        "createdBy": string(description="User or API key id"),
        "createdAt": time(),
        "updatedAt": time(),
    }, ["hostAppId", "appId", "appOrgId", "appName", "appStatus", "allowedApis", "allowedMenus", "crossOrg",
        "createdBy", "createdAt", "updatedAt"], additional=None))
    api.schema("HostAppGrants", obj({
        "allowedApis": array(string(1, 64), max_items=50, uniqueItems=True,
                             description="Names from the host app's `customApis`; absent = none"),
        "allowedMenus": array(string(1, 64), max_items=20, uniqueItems=True,
                              description="Ids from the host app's `menus`; absent = none"),
    }, description="Replaces the association's grants. Each entry must be defined by the host app (field error "
                   "`not_defined`)."))

    base = "/api/v1/orgs/{orgId}/host-apps"
    api.op("GET", base, tag=TAG, summary="List the organisation's host apps, newest first", permission="apps:read",
           params=[ORG_ID, *PAGE_PARAMS,
                   query_param("status", "Only host apps in this state", string(enum=["active", "disabled"])),
                   query_param("q", "Substring of the name, or an exact id or sdkKey", string(1, 100))],
           responses={200: api.page_of("HostApp")}, errors={400: ["validation_failed"]})
    api.op("POST", base, tag=TAG, summary="Create a host app (the SDK secret is in this response only)",
           permission="apps:write", params=[ORG_ID], body=ref("HostAppCreate"),
           responses={201: ("Created", ref("HostAppWithSecret"))},
           errors={400: ["validation_failed"], 403: ["forbidden", "quota.exceeded"], 413: []},
           description="Counts against the organisation's `maxHostApps` quota (403 `quota.exceeded` with details "
                       "{quota, limit, current}). The host app starts `active`.")

    one = "/api/v1/host-apps/{hostAppId}"
    api.op("GET", one, tag=TAG, summary="Read a host app (never its secret)", permission="apps:read",
           params=[HOST_APP_ID], responses={200: ref("HostApp")})
    api.op("PATCH", one, tag=TAG, summary="Edit a host app: name, bundle ids, status, custom APIs and menus",
           permission="apps:write", params=[HOST_APP_ID], body=ref("HostAppUpdate"),
           responses={200: ref("HostApp")}, errors={400: ["validation_failed"], 404: ["host_apps.not_found"], 413: []},
           description="Grants naming custom APIs or menu items that are no longer defined are removed from every "
                       "association. The sdkKey and secret are not editable (see rotate-secret).")
    api.op("DELETE", one, tag=TAG, summary="Delete a host app with its bundle ids and associations",
           permission="apps:write", params=[HOST_APP_ID], responses={204: None},
           errors={404: ["host_apps.not_found"]},
           description="Its SDK credentials stop working; the mini-programs themselves are not touched.")
    api.op("POST", one + "/rotate-secret", tag=TAG, summary="Issue a new SDK secret (shown in this response only)",
           permission="apps:write", params=[HOST_APP_ID], body=obj({}), body_required=False,
           responses={200: ref("HostAppWithSecret")},
           errors={400: ["validation_failed"], 404: ["host_apps.not_found"], 413: []},
           description="The previous secret stops working as soon as the runtime catalog refreshes (no grace "
                       "period). The sdkKey, bundle ids, definitions and associations stay as they are. An empty "
                       "body or `{}`.")

    api.op("GET", one + "/apps", tag=TAG, summary="List the mini-programs a host app may run, with their grants",
           permission="apps:read", params=[HOST_APP_ID, *PAGE_PARAMS],
           responses={200: api.page_of("HostAppAssociation")},
           errors={400: ["validation_failed"], 404: ["host_apps.not_found"]})
    api.op("PUT", one + "/apps/{appId}", tag=TAG, summary="Associate a mini-program and set its grants (idempotent)",
           permission="apps:write", params=[HOST_APP_ID, APP_ID], body=ref("HostAppGrants"), body_required=False,
           responses={200: ref("HostAppAssociation")},
           errors={400: ["validation_failed"], 404: ["host_apps.not_found", "apps.not_found"], 413: []},
           description="The mini-program must belong to the host app's organisation: another organisation's answers "
                       "404 `apps.not_found`, exactly like an unknown id. An existing association (an operator's "
                       "cross-organisation one included) has its grants replaced; the same request again changes "
                       "nothing.")
    api.op("DELETE", one + "/apps/{appId}", tag=TAG, summary="Dissociate a mini-program",
           permission="apps:write", params=[HOST_APP_ID, APP_ID], responses={204: None},
           errors={404: ["host_apps.not_found", "host_apps.not_associated"]},
           description="The host app's organisation may remove any association of its host app, including one an "
                       "operator granted across organisations.")

    platform = "/api/v1/platform/host-apps/{hostAppId}/apps/{appId}"
    api.op("PUT", platform, tag=TAG, summary="Operators: associate any organisation's mini-program with a host app",
           permission="platform:orgs", params=[HOST_APP_ID, APP_ID], body=ref("HostAppGrants"), body_required=False,
           responses={200: ref("HostAppAssociation")},
           errors={400: ["validation_failed"], 404: ["host_apps.not_found", "apps.not_found"], 413: []},
           description="`crossOrg` is true when the mini-program belongs to another organisation than the host app. "
                       "Recorded in the host app's organisation's operation log.")
    api.op("DELETE", platform, tag=TAG, summary="Operators: dissociate a mini-program from a host app",
           permission="platform:orgs", params=[HOST_APP_ID, APP_ID], responses={204: None},
           errors={404: ["host_apps.not_found", "host_apps.not_associated"]})
