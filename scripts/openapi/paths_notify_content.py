"""Announcements (公告) and articles (文章发布中心) of the notify module
(src/modules/notify/announcement_routes.cpp, article_routes.cpp) and the runtime's article routes
(src/modules/runtime/article_routes.cpp)."""
from paths_runtime import SIGNED, signed_errors
from spec import PAGE_PARAMS, array, boolean, integer, nullable, obj, path_param, query_param, ref, string, time

ORDER = 82  # after Notifications and E-mail

TAG_ANN = "Announcements"
TAG_ART = "Articles"
TAG_RT = "Runtime articles"
ANNOUNCEMENT_ID = path_param("announcementId", "Announcement id (`ann_…`)")
ARTICLE_ID = path_param("articleId", "Article id (`art_…`)")
SEVERITIES = ["info", "warning", "critical"]
AUDIENCES = ["all", "operators", "orgs"]
ARTICLE_STATES = ["draft", "published", "archived"]
MARKDOWN = ("Markdown (CommonMark with GitHub tables, strikethrough, autolinks and task lists), rendered by "
            "cmark-gfm when written: raw HTML is removed and links or images whose URL is not http, https, mailto "
            "or relative lose it.")


def add(api):
    add_announcements(api)
    add_articles(api)
    add_runtime(api)


def add_announcements(api):
    api.tag(TAG_ANN, "Operators tell console users something — everyone, operators only or the members of chosen "
                     "organisations — for a time window, with a severity; the console shows active ones as a "
                     "banner (each user may close it) and in the message center. " + MARKDOWN)
    api.schema("Announcement", obj({
        "id": string(example="ann_4n8Jd2kQ0Zb7YwVf1Lx3Tc"), "title": string(), "bodyMarkdown": string(),
        "bodyHtml": string(description="Sanitised HTML"), "severity": string(enum=SEVERITIES),
        "audience": string(enum=AUDIENCES), "orgIds": array(string()), "startsAt": time(),
        "endsAt": nullable(time()), "status": string(enum=["scheduled", "active", "ended"]),
        "createdBy": string(), "createdAt": time(), "updatedAt": time()},
        ["id", "title", "bodyMarkdown", "bodyHtml", "severity", "audience", "orgIds", "startsAt", "endsAt", "status",
         "createdBy", "createdAt", "updatedAt"], additional=None))
    mine = api.schema("MyAnnouncement", obj({
        "id": string(), "title": string(), "bodyHtml": string(), "severity": string(enum=SEVERITIES),
        "startsAt": time(), "endsAt": nullable(time()), "read": boolean(),
        "dismissed": boolean(description="The user closed its banner")},
        ["id", "title", "bodyHtml", "severity", "startsAt", "endsAt", "read", "dismissed"], additional=None))

    def fields(creating):
        return obj({"title": string(1, 200), "body": string(1, 20000, description="Markdown"),
                    "severity": string(enum=SEVERITIES, default="info"),
                    "audience": string(enum=AUDIENCES, default="all"),
                    "orgIds": array(string(1, 64), max_items=100, description="For audience `orgs`"),
                    "startsAt": time(description="Default: now"),
                    "endsAt": nullable(time(description="Null: until deleted"))},
                   ["title", "body"] if creating else None)

    base = "/api/v1/platform/announcements"
    perm = "platform:content"
    api.op("GET", base, tag=TAG_ANN, summary="Announcements, newest first", permission=perm,
           params=[*PAGE_PARAMS, query_param("status", "Only in this state now",
                                             string(enum=["scheduled", "active", "ended"]))],
           responses={200: api.page_of("Announcement")}, errors={400: ["validation_failed"]})
    api.op("POST", base, tag=TAG_ANN, summary="Publish an announcement", permission=perm, body=fields(True),
           responses={201: ref("Announcement")},
           errors={400: ["validation_failed"], 409: ["notify.too_many_announcements"], 413: []},
           description="Field codes: `unknown_org` (orgIds[i]), `before_start` (endsAt). Event "
                       "`announcement.created`. At most 10,000 announcements are kept.")
    api.op("GET", base + "/{announcementId}", tag=TAG_ANN, summary="One announcement", permission=perm,
           params=[ANNOUNCEMENT_ID], responses={200: ref("Announcement")},
           errors={404: ["notify.announcement_not_found"]})
    api.op("PATCH", base + "/{announcementId}", tag=TAG_ANN, summary="Edit an announcement", permission=perm,
           params=[ANNOUNCEMENT_ID], body=fields(False), responses={200: ref("Announcement")},
           errors={400: ["validation_failed"], 404: ["notify.announcement_not_found"], 413: []},
           description="Absent fields stay; `endsAt: null` removes the end. Event `announcement.updated` "
                       "(none when nothing changed).")
    api.op("DELETE", base + "/{announcementId}", tag=TAG_ANN, summary="Delete an announcement", permission=perm,
           params=[ANNOUNCEMENT_ID], responses={204: None}, errors={404: ["notify.announcement_not_found"]},
           description="Event `announcement.deleted`.")

    me = "/api/v1/me/announcements"
    api.op("GET", me, tag=TAG_ANN, summary="The active announcements meant for me, newest first",
           permission="self",
           responses={200: obj({"items": array(mine, max_items=50)}, ["items"], additional=None)},
           errors={400: ["validation_failed"]})
    for action, what in (("read", "Mark an announcement read"),
                         ("dismiss", "Close an announcement's banner (and mark it read)")):
        api.op("POST", me + "/{announcementId}/" + action, tag=TAG_ANN, summary=what, permission="self",
               params=[ANNOUNCEMENT_ID], body=obj({}), body_required=False, responses={200: mine},
               errors={400: ["validation_failed"], 404: ["notify.announcement_not_found"], 413: []},
               description="404 for one that is not active or not meant for the caller.")
    api.op("POST", "/api/v1/markdown/preview", tag=TAG_ANN,
           summary="Render Markdown as announcements and articles store it (nothing is written)",
           permission="self", body=obj({"markdown": string(0, 100000)}, ["markdown"]),
           responses={200: obj({"html": string(), "text": string()}, ["html", "text"], additional=None)},
           errors={400: ["validation_failed"], 413: []})


def add_articles(api):
    api.tag(TAG_ART, "Articles for host apps' end users (文章发布中心). Organisations write them for their own host "
                     "apps (`hostAppIds` empty: all of them); operators write platform-wide ones (empty: every host "
                     "app). draft → published (now, or from `publishAt`) → archived; an archived article may be "
                     "published again. Each owner keeps at most 1,000. " + MARKDOWN)
    cover = obj({"sha256": string(), "contentType": string(), "size": integer(0),
                 "url": string(description="GET it with the console's credentials")},
                ["sha256", "contentType", "size", "url"], additional=None)
    api.schema("Article", obj({
        "id": string(example="art_4n8Jd2kQ0Zb7YwVf1Lx3Tc"),
        "orgId": nullable(string(description="Null for a platform-wide article")),
        "title": string(), "summary": string(), "bodyMarkdown": string(), "bodyHtml": string(),
        "category": string(), "tags": array(string()), "hostAppIds": array(string()), "cover": nullable(cover),
        "state": string(enum=ARTICLE_STATES), "publishAt": nullable(time()), "createdBy": string(),
        "createdAt": time(), "updatedAt": time()},
        ["id", "orgId", "title", "summary", "bodyMarkdown", "bodyHtml", "category", "tags", "hostAppIds", "cover",
         "state", "publishAt", "createdBy", "createdAt", "updatedAt"], additional=None))

    def fields(creating):
        return obj({"title": string(1, 200), "body": string(1, 100000, description="Markdown"),
                    "category": string(1, 50), "summary": string(0, 500),
                    "tags": array(string(1, 30), max_items=10),
                    "hostAppIds": array(string(1, 64), max_items=100),
                    "publishAt": nullable(time(description="A schedule kept until publishing"))},
                   ["title", "body", "category"] if creating else None)

    for org in (True, False):
        collection = "/api/v1/orgs/{orgId}/articles" if org else "/api/v1/platform/articles"
        item = "/api/v1/articles/{articleId}" if org else "/api/v1/platform/articles/{articleId}"
        read, write = ("apps:read", "articles:write") if org else ("platform:content", "platform:content")
        owner = "the organisation's" if org else "the platform's"
        lead = [path_param("orgId", "Organisation id")] if org else []
        not_found = ["notify.article_not_found"]
        api.op("GET", collection, tag=TAG_ART, summary=f"List {owner} articles, newest first", permission=read,
               params=[*lead, *PAGE_PARAMS, query_param("state", "Only in this state", string(enum=ARTICLE_STATES)),
                       query_param("category", "Only this category", string(1, 50))],
               responses={200: api.page_of("Article")}, errors={400: ["validation_failed"]})
        api.op("POST", collection, tag=TAG_ART, summary=f"Write a draft of {owner} articles", permission=write,
               params=lead, body=fields(True), responses={201: ref("Article")},
               errors={400: ["validation_failed"], 409: ["notify.too_many_articles"], 413: []},
               description="Field code `unknown_host_app` (hostAppIds[i]) for a host app that does not exist"
                           + (" or is another organisation's." if org else ".") + " Event `article.created`.")
        api.op("GET", item, tag=TAG_ART, summary="One article", permission=read, params=[ARTICLE_ID],
               responses={200: ref("Article")}, errors={404: not_found})
        api.op("PATCH", item, tag=TAG_ART, summary="Edit an article (in any state)", permission=write,
               params=[ARTICLE_ID], body=fields(False), responses={200: ref("Article")},
               errors={400: ["validation_failed"], 404: not_found, 413: []},
               description="Absent fields stay. Event `article.updated` (none when nothing changed).")
        api.op("DELETE", item, tag=TAG_ART, summary="Delete an article", permission=write, params=[ARTICLE_ID],
               responses={204: None}, errors={404: not_found}, description="Event `article.deleted`.")
        api.op("POST", item + "/publish", tag=TAG_ART, summary="Publish a draft or archived article",
               permission=write, params=[ARTICLE_ID],
               body=obj({"publishAt": nullable(time(description="Default: the saved schedule if ahead, else now"))}),
               body_required=False, responses={200: ref("Article")},
               errors={400: ["validation_failed"], 404: not_found, 409: ["notify.invalid_article_transition"],
                       413: []},
               description="Host apps see it from `publishAt`. Event `article.published`.")
        api.op("POST", item + "/archive", tag=TAG_ART, summary="Archive a published article", permission=write,
               params=[ARTICLE_ID], body=obj({}), body_required=False, responses={200: ref("Article")},
               errors={400: ["validation_failed"], 404: not_found, 409: ["notify.invalid_article_transition"],
                       413: []},
               description="Host apps no longer see it. Event `article.archived`.")
        api.op("PUT", item + "/cover", tag=TAG_ART, summary="Upload the cover image (PNG or JPEG, ≤ 2 MiB)",
               permission=write, params=[ARTICLE_ID],
               body={"application/octet-stream": string(format="binary", maxLength=2 * 1024 * 1024)},
               responses={200: cover},
               errors={400: ["empty_body", "validation_failed"], 404: not_found, 413: ["payload_too_large"],
                       415: ["unsupported_media_type"]},
               description="The type is decided by the file's magic bytes. Event `article.updated`.")
        api.op("GET", item + "/cover", tag=TAG_ART, summary="Download the cover image", permission=read,
               params=[ARTICLE_ID],
               responses={200: ("The image, with ETag", string(format="binary"), "application/octet-stream"),
                          304: ("Not modified (If-None-Match)", None)},
               errors={404: [*not_found, "notify.no_cover"]})


def add_runtime(api):
    api.tag(TAG_RT, "The published articles a host app may show its users: platform-wide ones and its own "
                    "organisation's, each meant for this host app or for every host app of its owner, once their "
                    "publish time has come. Signed like every runtime route; served from the catalog snapshot.")
    item = {"id": string(), "title": string(), "summary": string(), "category": string(), "tags": array(string()),
            "coverUrl": nullable(string(description="GET it signed")),
            "platform": boolean(description="A platform-wide article"), "publishedAt": time(), "updatedAt": time()}
    keys = list(item)
    api.schema("RuntimeArticleItem", obj(item, keys, additional=None))
    api.schema("RuntimeArticle", obj({**item, "html": string(description="Sanitised HTML"),
                                      "text": string(description="Plain text")},
                                     [*keys, "html", "text"], additional=None))
    api.op("GET", "/runtime/v1/articles", tag=TAG_RT, summary="Published articles for this host app, newest first",
           permission="open", security=SIGNED,
           params=[query_param("category", "Only this category", string(1, 50)),
                   query_param("limit", "Page size", integer(1, 50, default=20)),
                   query_param("cursor", "nextCursor of the previous page", string(max_length=200))],
           responses={200: ("A page; ETag over it", obj({"items": array(ref("RuntimeArticleItem")),
                                                          "nextCursor": nullable(string())},
                                                         ["items", "nextCursor"], additional=None)),
                      304: ("Not modified (If-None-Match)", None)},
           errors=signed_errors({400: ["validation_failed"]}))
    api.op("GET", "/runtime/v1/articles/{articleId}", tag=TAG_RT, summary="One article with its HTML and text",
           permission="open", security=SIGNED, params=[ARTICLE_ID],
           responses={200: ("The article; ETag over it", ref("RuntimeArticle")),
                      304: ("Not modified (If-None-Match)", None)},
           errors=signed_errors({404: ["runtime.article_not_found"]}))
    api.op("GET", "/runtime/v1/articles/{articleId}/cover", tag=TAG_RT, summary="An article's cover image",
           permission="open", security=SIGNED, params=[ARTICLE_ID],
           responses={200: ("The image; ETag is its SHA-256", string(format="binary"), "application/octet-stream"),
                      304: ("Not modified (If-None-Match)", None)},
           errors=signed_errors({404: ["runtime.article_not_found", "runtime.file_not_found"]}))
