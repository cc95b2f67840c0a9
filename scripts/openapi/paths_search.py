"""Search (issue 18; src/modules/search/search_routes.cpp; docs/search.md): host apps search what they
may run, organisations their own mini-programs, operators all of them; the index's status and rebuild."""
from paths_runtime import SIGNED, signed_errors
from spec import array, boolean, integer, nullable, obj, path_param, query_param, string, time

ORDER = 85  # where this area's tags stand in docs/openapi.json

TAG = "Search"
Q = query_param("q", "What to search for: 1–100 characters with at least one letter, digit or Hanzi. Chinese "
                     "substrings, pinyin (`weixin`) and initials (`wx`), traditional characters, full-width Latin; "
                     "typos in Latin words of 5+ letters; the last word also matches as a prefix",
                string(1, 100))
LIMIT = query_param("limit", "Page size", integer(1, 50, default=20))
CURSOR = query_param("cursor", "nextCursor of the previous page (the first 500 results are paged)",
                     string(max_length=20))
CATEGORY = query_param("category", "Only this category", string(1, 100))
TAG_PARAM = query_param("tag", "Only mini-programs with this tag", string(1, 100))
Q_CODES = "Field `q`: `required` (empty), `too_long`, `no_words` (only punctuation or symbols)."


def add(api):
    api.tag(TAG, "Full-text search of mini-programs: names, tags, descriptions, categories, organisation names, "
                 "the released app.json's titles and page paths, Web3 contract names. Ranking: exact name, name "
                 "prefix, name contains the query, then every word matched before typo-tolerant matches before "
                 "some words matched, then field weight (name > tags > description > the rest) by BM25, then "
                 "the most recent release (docs/search.md). Highlights are HTML with `<em>` around matched text "
                 "and everything else escaped. " + Q_CODES)
    runtime_item = api.schema("RuntimeSearchHit", obj({
        "appId": string(), "name": string(), "nameHighlighted": string(description="HTML"),
        "iconUrl": nullable(string(description="GET it signed")),
        "snippet": string(description="HTML: a piece of the description around the match"),
        "category": nullable(string()), "securityRating": nullable(string()),
        "web3": boolean(description="The mini-program declares smart contracts"), "version": string(),
    }, ["appId", "name", "nameHighlighted", "iconUrl", "snippet", "category", "securityRating", "web3", "version"]))
    api.op("GET", "/runtime/v1/search", tag=TAG,
           summary="Search the online mini-programs this host app runs (ETag; If-None-Match answers 304)",
           permission="open", security=SIGNED, params=[Q, CATEGORY, TAG_PARAM, LIMIT, CURSOR],
           responses={200: obj({"items": array(runtime_item), "nextCursor": nullable(string())},
                               ["items", "nextCursor"], additional=None)},
           errors=signed_errors({400: ["validation_failed"]}))
    api.op("GET", "/runtime/v1/search/suggest", tag=TAG,
           summary="Type-ahead: names of matching mini-programs, then popular queries",
           permission="open", security=SIGNED,
           params=[Q, query_param("limit", "How many", integer(1, 20, default=8))],
           responses={200: obj({"suggestions": array(string())}, ["suggestions"], additional=None)},
           errors=signed_errors({400: ["validation_failed"]}))

    facet = array(obj({"value": string(), "count": integer(0)}, ["value", "count"]))
    item = api.schema("SearchHit", obj({
        "appId": string(), "name": string(), "nameHighlighted": string(description="HTML"), "orgId": string(),
        "orgName": string(), "status": string(enum=["draft", "online", "offline"]), "category": nullable(string()),
        "snippet": string(description="HTML"), "releasedVersion": nullable(string()), "updatedAt": time(),
    }, ["appId", "name", "nameHighlighted", "orgId", "orgName", "status", "category", "snippet",
        "releasedVersion", "updatedAt"]))
    answer = obj({"items": array(item), "nextCursor": nullable(string()),
                  "total": integer(0, description="Results ranked (at most 500)"),
                  "facets": obj({"status": facet, "category": facet, "orgId": facet}, ["status", "category", "orgId"],
                                description="Counts of the query in the caller's scope, before the filters")},
                 ["items", "nextCursor", "total", "facets"], additional=None)
    status = query_param("status", "Only this status", string(enum=["draft", "online", "offline"]))
    api.op("GET", "/api/v1/orgs/{orgId}/search", tag=TAG, summary="Search the organisation's mini-programs",
           permission="apps:read", params=[path_param("orgId", "Organisation id (`org_…`)"), Q, status, CATEGORY,
                                           TAG_PARAM, LIMIT, CURSOR],
           responses={200: answer}, errors={400: ["validation_failed"]})
    api.op("GET", "/api/v1/platform/search", tag=TAG, summary="Search every organisation's mini-programs",
           permission="platform:read",
           params=[Q, status, query_param("orgId", "Only this organisation's", string(1, 64)), CATEGORY, TAG_PARAM,
                   LIMIT, CURSOR],
           responses={200: answer}, errors={400: ["validation_failed"]})
    index_status = api.schema("SearchIndexStatus", obj({
        "format": integer(1, description="The index format; a newer one is rebuilt at start"),
        "documents": integer(0), "state": string(enum=["ready", "rebuilding"]),
        "progress": nullable(integer(0, description="Mini-programs indexed so far by the running rebuild")),
        "complete": boolean(description="The last rebuild finished"),
        "lastRebuild": nullable(obj({"finishedAt": time(), "documents": integer(0), "removed": integer(0),
                                     "millis": integer(0)}, ["finishedAt", "documents", "removed", "millis"])),
    }, ["format", "documents", "state", "progress", "complete", "lastRebuild"]))
    api.op("GET", "/api/v1/platform/search/status", tag=TAG, summary="The search index's state",
           permission="platform:read", responses={200: index_status})
    api.op("POST", "/api/v1/platform/search/reindex", tag=TAG,
           summary="Rebuild the search index in the background (searches keep answering meanwhile)",
           permission="platform:settings", responses={202: ("Started", index_status)},
           errors={409: ["search.reindex_running"]})
