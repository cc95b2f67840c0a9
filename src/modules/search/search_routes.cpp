// Search routes (issue 18, docs/search.md): host apps search what they may run (signed like every
// runtime route, apps::SdkAuth); organisations search their own mini-programs and operators all
// of them, with facets; operators see the index's state and start a rebuild.
#include "modules/search/search_routes.hpp"

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "http/query_input.hpp"

namespace cove::search {

namespace {

constexpr core::StringRule kFilterRule{.min_chars = 1, .max_chars = 100};

struct Parsed {
  SearchRequest request;
};

SearchRequest read_request(const http::Request& req, http::QueryInput& in, int default_limit) {
  SearchRequest r;
  r.q = req.query_param("q").value_or("");
  r.limit = static_cast<int>(in.optional_int("limit", 1, kMaxPageSize).value_or(default_limit));
  if (const auto cursor = req.query_param("cursor")) {
    if (const auto offset = SearchService::offset_of(*cursor)) {
      r.offset = *offset;
    } else {
      in.add_error("cursor", "invalid", "Use the nextCursor of the previous page");
    }
  }
  r.scope.category = in.optional_string("category", kFilterRule);
  r.scope.tag = in.optional_string("tag", kFilterRule);
  return r;
}

std::string next_cursor_json(const SearchResult& result) {
  return result.next_offset ? nlohmann::json(SearchService::cursor_of(*result.next_offset)).dump() : "null";
}

nlohmann::json text_or_null(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

http::Response with_etag(const http::Request& req, std::string body) {
  const auto etag = std::string("\"") + core::crypto::sha256_hex(body).substr(0, 32) + "\"";
  auto res = req.headers.get("If-None-Match") == etag ? http::Response::empty(304)
                                                      : http::Response::json_text(200, std::move(body));
  res.headers.set("ETag", etag);
  res.headers.set("Cache-Control", "private, no-cache");
  return res;
}

nlohmann::json console_item(const Ranked& x) {
  const auto& h = x.hit;
  return {{"appId", h.app_id},
          {"name", h.name},
          {"nameHighlighted", SearchService::marked_to_html(h.name_marked)},
          {"orgId", h.org_id},
          {"orgName", h.org_name},
          {"status", h.status},
          {"category", text_or_null(h.category)},
          {"snippet", SearchService::marked_to_html(h.snippet_marked)},
          {"releasedVersion", text_or_null(h.released_version)},
          {"updatedAt", core::format_rfc3339_millis(h.updated_ms)}};
}

http::Response console_search(const SearchServices& s, http::Request& req, Scope scope) {
  http::QueryInput in(req);
  auto r = read_request(req, in, 20);
  if (!scope.org_id) scope.filter_org_id = in.optional_string("orgId", {.min_chars = 1, .max_chars = 64});
  scope.status = in.one_of("status", {"draft", "online", "offline"});
  scope.category = r.scope.category;
  scope.tag = r.scope.tag;
  in.finish();
  r.scope = scope;
  const auto result = s.search.search(r);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& x : result.page) items.push_back(console_item(x));
  // Facets count the query in the caller's scope before the facet filters, so every choice shows
  // what picking it would give.
  Scope facet_scope;
  facet_scope.org_id = scope.org_id;
  nlohmann::json body = {{"items", std::move(items)},
                         {"nextCursor", result.next_offset ? nlohmann::json(SearchService::cursor_of(*result.next_offset))
                                                           : nlohmann::json(nullptr)},
                         {"total", result.total},
                         {"facets", s.search.facets(r.q, facet_scope)}};
  return http::Response::json(200, body);
}

}  // namespace

void mount_search_routes(http::Router& router, const SearchServices& s) {
  auto runtime = router.group("/runtime/v1");

  runtime
      .get("/search",
           [&s](http::Request& req) {
             const auto host = s.apps.sdk_auth().verify(req);
             http::QueryInput in(req);
             auto r = read_request(req, in, 20);
             in.finish();
             r.scope.host_app_id = host->id;
             const auto result = s.search.search(r);
             if (r.offset == 0) s.search.count_query(r.q);
             std::string body = "{\"items\":[";
             bool first = true;
             for (const auto& x : result.page) {
               const auto& h = x.hit;
               nlohmann::json item = {
                   {"appId", h.app_id},
                   {"name", h.name},
                   {"nameHighlighted", SearchService::marked_to_html(h.name_marked)},
                   {"iconUrl", h.has_icon ? nlohmann::json("/runtime/v1/apps/" + h.app_id + "/icon") : nlohmann::json(nullptr)},
                   {"snippet", SearchService::marked_to_html(h.snippet_marked)},
                   {"category", text_or_null(h.category)},
                   {"securityRating", text_or_null(h.security_rating)},
                   {"web3", h.has_contracts},
                   {"version", h.released_version}};
               if (!first) body += ',';
               body += item.dump();
               first = false;
             }
             body += "],\"nextCursor\":" + next_cursor_json(result) + "}";
             return with_etag(req, std::move(body));
           })
      .open();

  runtime
      .get("/search/suggest",
           [&s](http::Request& req) {
             const auto host = s.apps.sdk_auth().verify(req);
             http::QueryInput in(req);
             const auto limit = static_cast<int>(in.optional_int("limit", 1, 20).value_or(8));
             in.finish();
             Scope scope;
             scope.host_app_id = host->id;
             const auto names = s.search.suggest(req.query_param("q").value_or(""), scope, limit);
             return with_etag(req, nlohmann::json{{"suggestions", names}}.dump());
           })
      .open();

  router.group("/api/v1/orgs")
      .get("/{orgId}/search",
           [&s](http::Request& req) {
             Scope scope;
             scope.org_id = req.org_id;
             return console_search(s, req, scope);
           })
      .permission("apps:read");

  auto platform = router.group("/api/v1/platform/search");
  platform.get("", [&s](http::Request& req) { return console_search(s, req, Scope{}); }).permission("platform:read");
  platform.get("/status", [&s](http::Request&) { return http::Response::json(200, s.status()); })
      .permission("platform:read");
  platform
      .post("/reindex",
            [&s](http::Request& req) {
              if (!s.reindex(req.actor())) {
                throw core::Error(409, "search.reindex_running", "The index is already being rebuilt");
              }
              return http::Response::json(202, s.status());
            })
      .permission("platform:settings");
}

}  // namespace cove::search
