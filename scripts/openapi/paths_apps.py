"""Mini-programs, versions and code packages, base-library versions, and operators' takedowns
(src/modules/apps/app_routes.cpp, version_routes.cpp, base_library_routes.cpp)."""
from spec import PAGE_PARAMS, array, integer, nullable, obj, path_param, query_param, ref, string, time

ORDER = 40  # where this area's tags stand in docs/openapi.json

ORG_ID = path_param("orgId", "Organisation id (`org_…`)")
APP_ID = path_param("appId", "Mini-program id (`app_…`), the stable public appId")
VERSION = path_param("version", "Version `MAJOR.MINOR.PATCH`", pattern=r"^\d+\.\d+\.\d+$")
APP_STATUS = ["draft", "online", "offline"]
VERSION_STATUS = ["uploaded", "in_review", "approved", "rejected", "released", "superseded"]
PRIVACY_TYPES = ["userInfo", "phoneNumber", "location", "address", "camera", "microphone", "album", "clipboard",
                 "bluetooth", "contacts", "calendar", "deviceInfo", "wallet", "idCard"]
SHA256 = string(pattern="^[0-9a-f]{64}$")
URL = string(0, 500, description="http(s) URL")
STORED_FILE = obj({"sha256": SHA256, "name": string(), "contentType": string()}, ["sha256", "name", "contentType"],
                  additional=None)


def app_fields(creating):
    fields = {
        "name": string(1, 60),
        "summary": string(0, 120, description="Short description"),
        "description": string(0, 5000, description="Long description; may span lines"),
        "category": string(0, 50),
        "tags": array(string(1, 20), max_items=10, uniqueItems=True),
        "developer": obj({"name": string(0, 100), "email": string(3, 254, format="email"),
                          "phone": string(5, 32)}, description="Developer contact"),
        "privacy": obj({
            "policyUrl": URL,
            "items": array(obj({"dataType": string(enum=PRIVACY_TYPES), "purpose": string(1, 200)},
                               ["dataType", "purpose"]), max_items=20,
                           description="Each kind of user data at most once"),
        }, description="Privacy declaration (隐私配置), shown to users before they authorise"),
        "repositoryUrl": URL,
        "securityRating": string(0, 200, description="Third-party audit rating text"),
        "contracts": array(obj({"chain": string(1, 32, pattern="^[a-z0-9-]+$"),
                                "address": string(1, 128, description="No spaces or control characters"),
                                "name": string(0, 100)}, ["chain", "address"]), max_items=20,
                           description="Contract addresses of a Web3 mini-program"),
    }
    return obj(fields, ["name"] if creating else None)


def add(api):
    api.tag("Mini-programs", "An organisation's mini-programs (小程序): profile, icon, audit certificate, status.")
    api.tag("Versions", "Versions and their code packages: upload, release, rollback, compare, download.")
    api.tag("Base libraries", "Base-library (基础库) versions known to the platform.")
    api.tag("Platform apps", "Operators' view of every mini-program, with takedown and restore.")

    app_schema = app_fields(False)
    app_schema = {**app_schema["properties"]}
    app_properties = {
        "appId": string(), "orgId": string(), **app_schema,
        "icon": nullable(STORED_FILE), "auditCertificate": nullable(STORED_FILE),
        "status": string(enum=APP_STATUS), "offlineBy": nullable(string(enum=["org", "platform"])),
        "offlineReason": nullable(string()), "releasedVersion": nullable(string()),
        "createdBy": string(), "createdAt": time(), "updatedAt": time(),
    }
    app_required = ["appId", "orgId", "name", "status", "releasedVersion", "createdAt", "updatedAt"]
    api.schema("App", obj(app_properties, app_required, additional=None))
    api.schema("PlatformApp", obj({**app_properties, "orgName": string(description="The organisation's name")},
                                  [*app_required, "orgName"], additional=None,
                                  description="A mini-program in the operators' list, with its organisation's name"))
    api.schema("Version", obj({
        "id": string(description="`ver_…`"), "appId": string(), "version": string(),
        "changelog": string(0, 10000), "minBaseLibrary": nullable(string()),
        "sha256": SHA256, "size": integer(), "fileCount": integer(), "unpackedSize": integer(),
        "manifest": nullable(obj({"title": nullable(string(0, 100)), "pages": array(string(1, 256), max_items=500)},
                                 ["title", "pages"], additional=None)),
        "status": string(enum=VERSION_STATUS),
        "signature": nullable(string(description="Base64 Ed25519 signature of the ASCII hex SHA-256; set at the "
                                                 "first release")),
        "uploadedBy": string(), "createdAt": time(), "updatedAt": time(), "releasedAt": nullable(time()),
    }, ["id", "appId", "version", "sha256", "size", "status", "signature", "createdAt"], additional=None))
    api.schema("VersionFile", obj({"path": string(), "size": integer(), "sha256": SHA256},
                                  ["path", "size", "sha256"], additional=None))
    api.schema("BaseLibrary", obj({"version": string(), "status": string(enum=["active", "deprecated"]),
                                   "notes": string(0, 1000), "createdAt": time(), "updatedAt": time()},
                                  ["version", "status", "notes", "createdAt", "updatedAt"], additional=None))
    mini_programs(api)
    versions(api)
    base_libraries(api)
    platform(api)


def list_params():
    return [query_param("status", "Only this status", string(enum=APP_STATUS)),
            query_param("category", "Only this category", string(max_length=50)),
            query_param("q", "Substring of the name, or the exact appId", string(max_length=100)), *PAGE_PARAMS]


def mini_programs(api):
    tag = "Mini-programs"
    api.op("GET", "/api/v1/orgs/{orgId}/apps", tag=tag, summary="List the organisation's mini-programs, newest first",
           permission="apps:read", params=[ORG_ID, *list_params()], responses={200: api.page_of("App")},
           errors={400: ["validation_failed"]})
    api.op("POST", "/api/v1/orgs/{orgId}/apps", tag=tag, summary="Create a mini-program (draft)",
           permission="apps:write", params=[ORG_ID], body=app_fields(True), responses={201: ref("App")},
           errors={400: ["validation_failed", "invalid_json"], 403: ["quota.exceeded"], 413: []},
           description="Counts against the organisation's `maxApps` quota. Event `app.created`.")
    api.op("GET", "/api/v1/apps/{appId}", tag=tag, summary="One mini-program", permission="apps:read",
           params=[APP_ID], responses={200: ref("App")}, errors={404: ["apps.not_found"]})
    api.op("PATCH", "/api/v1/apps/{appId}", tag=tag, summary="Edit a mini-program; absent fields stay",
           permission="apps:write", params=[APP_ID], body=app_fields(False), responses={200: ref("App")},
           errors={400: ["validation_failed", "invalid_json"], 404: ["apps.not_found"], 413: []})
    api.op("DELETE", "/api/v1/apps/{appId}", tag=tag, summary="Delete a draft or offline mini-program",
           permission="apps:write", params=[APP_ID], responses={204: None},
           errors={404: ["apps.not_found"], 409: ["apps.online"]},
           description="Deletes its versions and associations too; its package files are collected later.")
    for kind, limit, types in (("icon", 1024 * 1024, "PNG or JPEG"),
                               ("audit-certificate", 10 * 1024 * 1024, "PDF, PNG or JPEG")):
        params = [APP_ID] + ([query_param("filename", "Stored file name", string(1, 200))]
                             if kind == "audit-certificate" else [])
        api.op("PUT", f"/api/v1/apps/{{appId}}/{kind}", tag=tag,
               summary=f"Upload the {kind.replace('-', ' ')} ({types}, ≤ {limit // (1024 * 1024)} MiB)",
               permission="apps:write", params=params,
               body={"application/octet-stream": string(format="binary", maxLength=limit)},
               responses={200: STORED_FILE},
               errors={400: ["empty_body", "validation_failed"], 404: ["apps.not_found"], 413: ["payload_too_large"],
                       415: ["unsupported_media_type"]},
               description="The type is decided by the file's magic bytes; the request's Content-Type is ignored.")
        api.op("GET", f"/api/v1/apps/{{appId}}/{kind}", tag=tag, summary=f"Download the {kind.replace('-', ' ')}",
               permission="apps:read", params=[APP_ID],
               responses={200: ("The file, with ETag", string(format="binary"), "application/octet-stream"),
                          304: ("Not modified (If-None-Match)", None)},
               errors={404: ["apps.not_found", "apps.no_file"]})
    api.op("POST", "/api/v1/apps/{appId}/offline", tag=tag, summary="Take an online mini-program offline",
           permission="apps:release", params=[APP_ID], body=obj({"reason": string(0, 500)}), body_required=False,
           responses={200: ref("App")},
           errors={400: ["validation_failed"], 404: ["apps.not_found"], 409: ["apps.invalid_transition"], 413: []},
           description="online → offline (by the organisation). Event `app.status_changed`.")
    api.op("POST", "/api/v1/apps/{appId}/online", tag=tag, summary="Bring a mini-program the organisation took "
           "offline back online", permission="apps:release", params=[APP_ID], body=obj({}), body_required=False,
           responses={200: ref("App")},
           errors={400: ["validation_failed"], 404: ["apps.not_found"],
                   409: ["apps.invalid_transition", "apps.taken_down", "apps.not_released"], 413: []},
           description="An operator's takedown cannot be undone here (`apps.taken_down`).")


def versions(api):
    tag = "Versions"
    base = "/api/v1/apps/{appId}/versions"
    api.op("GET", base, tag=tag, summary="List versions, newest first", permission="apps:read",
           params=[APP_ID, *PAGE_PARAMS], responses={200: api.page_of("Version")},
           errors={400: ["validation_failed"], 404: ["apps.not_found"]})
    api.op("GET", base + "/{version}", tag=tag, summary="One version", permission="apps:read",
           params=[APP_ID, VERSION], responses={200: ref("Version")}, errors={404: ["apps.version_not_found"]})
    api.op("PATCH", base + "/{version}", tag=tag, summary="Edit the changelog or the base-library minimum",
           permission="apps:write", params=[APP_ID, VERSION],
           body=obj({"changelog": string(0, 10000), "minBaseLibrary": string(0, 32, description=(
               "A version from GET /api/v1/base-libraries; empty = any"))}),
           responses={200: ref("Version")},
           errors={400: ["validation_failed", "invalid_json"], 404: ["apps.version_not_found"], 413: []})
    api.op("DELETE", base + "/{version}", tag=tag, summary="Delete a version that was never released",
           permission="apps:write", params=[APP_ID, VERSION], responses={204: None},
           errors={404: ["apps.version_not_found"], 409: ["apps.version_released", "apps.version_in_gray_plan",
                                                         "review.version_under_review"]})
    api.op("GET", base + "/{version}/files", tag=tag, summary="The files of a version's package",
           permission="apps:read", params=[APP_ID, VERSION],
           responses={200: obj({"items": array(ref("VersionFile")), "nextCursor": nullable(string()),
                                "total": integer(0)}, ["items", "nextCursor", "total"], additional=None)},
           errors={404: ["apps.version_not_found"]})
    api.op("PUT", base + "/{version}/package", tag=tag, summary="Upload a code package as a new version",
           permission="apps:write", params=[APP_ID, VERSION],
           body={"application/zip": string(format="binary"), "application/octet-stream": string(format="binary")},
           responses={201: ("Uploaded; Location names the version", ref("Version"))},
           errors={400: ["validation_failed", "empty_body", "packages.not_a_zip", "packages.corrupt",
                         "packages.unsafe_path", "packages.invalid_name_encoding", "packages.control_character",
                         "packages.special_file", "packages.name_collision", "packages.too_many_entries",
                         "packages.too_large", "packages.zip_bomb", "packages.bad_manifest"],
                   404: ["apps.not_found"], 409: ["apps.version_exists", "apps.version_not_increasing"],
                   413: ["payload_too_large", "quota.exceeded"]},
           description=(
               "The raw zip is the body (streamed to disk while hashed). The organisation's `maxPackageBytes` "
               "quota refuses a larger Content-Length before the body is read. Versions must strictly increase. "
               "The zip must have a readable central directory, safe relative entry names (no `..`, absolute "
               "paths, backslashes or symlinks; valid UTF-8 without control characters, NUL or bidirectional "
               "overrides; no device, FIFO or socket entries; no two names equal after Unicode NFKC case "
               "folding), at most 10,000 entries, 512 MiB unpacked and a 200× expansion ratio. An `app.json` at the root gives the manifest (`pages`, and `title` or "
               "`window.navigationBarTitleText`). Event `version.uploaded`."))
    api.op("GET", base + "/{version}/package", tag=tag, summary="Download a version's package",
           permission="apps:read", params=[APP_ID, VERSION],
           responses={200: ("The zip; ETag is its SHA-256", string(format="binary"), "application/zip"),
                      206: ("The requested byte range (Range)", string(format="binary"), "application/zip"),
                      304: ("Not modified (If-None-Match)", None),
                      416: ("Range not satisfiable", ref("Error"))},
           errors={404: ["apps.version_not_found", "apps.package_missing"]})
    api.op("POST", base + "/{version}/release", tag=tag, summary="Release this version to everyone",
           permission="apps:release", params=[APP_ID, VERSION], body=obj({}), body_required=False,
           responses={200: ref("Version")},
           errors={400: ["validation_failed"], 404: ["apps.version_not_found", "apps.not_found"],
                   409: ["apps.already_released", "apps.use_rollback", "apps.not_releasable",
                         "apps.version_older_than_released", "review.approval_required"], 413: []},
           description=("The version must be releasable (uploaded, or approved once review exists) and newer than "
                        "the released one, which becomes `superseded`. The package's SHA-256 is signed (Ed25519) "
                        "at the first release. A draft mini-program goes online. Event `version.released`."))
    api.op("POST", base + "/{version}/rollback", tag=tag, summary="Roll back to a previously released version",
           permission="apps:release", params=[APP_ID, VERSION], body=obj({}), body_required=False,
           responses={200: ref("Version")},
           errors={400: ["validation_failed"], 404: ["apps.version_not_found"], 409: ["apps.not_rollback_target"],
                   413: []},
           description="Re-releases a `superseded` version in one call; the current one becomes `superseded`.")
    api.op("GET", "/api/v1/apps/{appId}/compare", tag=tag, summary="Compare two versions file by file",
           permission="apps:read",
           params=[APP_ID, {**query_param("from", "Older version", string(1, 32)), "required": True},
                   {**query_param("to", "Newer version", string(1, 32)), "required": True}],
           responses={200: obj({
               "from": ref("Version"), "to": ref("Version"),
               "files": obj({"added": array(ref("VersionFile")), "removed": array(ref("VersionFile")),
                             "changed": array(obj({"path": string(),
                                                   "from": obj({"size": integer(), "sha256": SHA256}),
                                                   "to": obj({"size": integer(), "sha256": SHA256})},
                                                  additional=None)),
                             "unchanged": integer()}, additional=None)}, ["from", "to", "files"], additional=None)},
           errors={400: ["validation_failed"], 404: ["apps.version_not_found"]})


def base_libraries(api):
    tag = "Base libraries"
    lib = path_param("version", "Base-library version `MAJOR.MINOR.PATCH`")
    api.op("GET", "/api/v1/base-libraries", tag=tag, summary="Known base-library versions, newest first",
           permission="self",
           responses={200: obj({"items": array(ref("BaseLibrary")), "nextCursor": nullable(string()),
                                "total": integer(0)}, ["items", "nextCursor", "total"], additional=None)})
    api.op("POST", "/api/v1/platform/base-libraries", tag=tag, summary="Add a base-library version",
           permission="platform:settings", body=obj({"version": string(1, 32), "notes": string(0, 1000)},
                                                    ["version"]),
           responses={201: ref("BaseLibrary")},
           errors={400: ["validation_failed", "invalid_json"],
                   409: ["apps.base_library_exists", "apps.too_many_base_libraries"], 413: []})
    api.op("PATCH", "/api/v1/platform/base-libraries/{version}", tag=tag, summary="Deprecate or annotate one",
           permission="platform:settings", params=[lib],
           body=obj({"status": string(enum=["active", "deprecated"]), "notes": string(0, 1000)}),
           responses={200: ref("BaseLibrary")},
           errors={400: ["validation_failed", "invalid_json"], 404: ["apps.base_library_not_found"], 413: []})
    api.op("DELETE", "/api/v1/platform/base-libraries/{version}", tag=tag, summary="Delete an unused one",
           permission="platform:settings", params=[lib], responses={204: None},
           errors={404: ["apps.base_library_not_found"], 409: ["apps.base_library_in_use"]})


def platform(api):
    tag = "Platform apps"
    api.op("GET", "/api/v1/platform/apps", tag=tag, summary="Every organisation's mini-programs, newest first",
           permission="platform:read",
           params=[query_param("orgId", "Only this organisation", string(max_length=64)), *list_params()],
           responses={200: api.page_of("PlatformApp")}, errors={400: ["validation_failed"]})
    api.op("POST", "/api/v1/platform/apps/{appId}/takedown", tag=tag, summary="Take a mini-program down",
           permission="platform:review", params=[APP_ID], body=obj({"reason": string(1, 500)}, ["reason"]),
           responses={200: ref("App")},
           errors={400: ["validation_failed", "invalid_json"], 404: ["apps.not_found"],
                   409: ["apps.invalid_transition"], 413: []},
           description="→ offline (by the platform); the organisation cannot bring it back online. The reason is "
                       "shown to the organisation.")
    api.op("POST", "/api/v1/platform/apps/{appId}/restore", tag=tag, summary="Restore a mini-program taken down",
           permission="platform:review", params=[APP_ID], body=obj({}), body_required=False,
           responses={200: ref("App")},
           errors={400: ["validation_failed"], 404: ["apps.not_found"], 409: ["apps.invalid_transition"], 413: []},
           description="→ online when it has a released version, else draft.")
