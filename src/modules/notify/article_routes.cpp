// The article editor's routes (文章发布中心), mounted twice with one shape: an organisation's
// articles (/api/v1/orgs/{orgId}/articles, /api/v1/articles/{articleId}…; another organisation's
// article answers 404) and the platform's own (/api/v1/platform/articles…, operators). Host apps
// read published articles through the runtime API (modules/runtime/article_routes.cpp).
#include <fmt/format.h>

#include "core/json_input.hpp"
#include "http/blob_response.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/notify/content_input.hpp"
#include "modules/notify/markdown_render.hpp"
#include "modules/notify/notify_routes.hpp"

namespace cove::notify {

namespace {

// 100,000 code points of up to 4 bytes, JSON escapes and the short fields.
constexpr std::size_t kBodyLimit = 1024 * 1024;

ArticleFields read_fields(const http::Request& req, bool creating) {
  auto in = core::JsonInput::parse(req.body);
  ArticleFields f;
  const core::StringRule title{.min_chars = 1, .max_chars = kMaxArticleTitleChars};
  const core::StringRule body{.min_chars = 1, .max_chars = kMaxMarkdownChars, .multiline = true};
  const core::StringRule category{.min_chars = 1, .max_chars = kMaxArticleCategoryChars};
  if (creating) {
    f.title = in.required_string("title", title);
    f.body_markdown = in.required_string("body", body);
    f.category = in.required_string("category", category);
  } else {
    f.title = in.optional_string("title", title);
    f.body_markdown = in.optional_string("body", body);
    f.category = in.optional_string("category", category);
  }
  f.summary = in.optional_string("summary", {.min_chars = 0, .max_chars = kMaxArticleSummaryChars, .multiline = true});
  f.tags = read_string_list(in, "tags", kMaxArticleTags, {.min_chars = 1, .max_chars = kMaxArticleTagChars});
  f.host_app_ids = read_string_list(in, "hostAppIds", kMaxArticleTargets, {.min_chars = 1, .max_chars = 64});
  f.publish_ms = read_time(in, "publishAt");
  in.finish();
  return f;
}

std::optional<std::int64_t> read_publish_at(const http::Request& req) {
  auto in = core::JsonInput::parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
  const auto at = read_time(in, "publishAt");
  in.finish();
  return at ? *at : std::nullopt;
}

article_repo::Filter read_filter(http::QueryInput& q) {
  article_repo::Filter f;
  f.state = q.one_of("state", {"draft", "published", "archived"});
  f.category = q.optional_string("category", {.min_chars = 1, .max_chars = kMaxArticleCategoryChars});
  return f;
}

// One family of routes: `owner_of(req)` says whose articles (an org id, or "" for the platform),
// `base` is the path of one article ({articleId} appended), `list_path` the collection's.
template <class OwnerOf>
void mount_family(http::Router& router, ArticleService* service, const std::string& list_prefix,
                  const std::string& list_path, const std::string& item_prefix, const std::string& read_permission,
                  const std::string& write_permission, OwnerOf owner_of) {
  const auto cover_url = [item_prefix](const Article& a) { return fmt::format("{}/{}/cover", item_prefix, a.id); };
  auto list = router.group(list_prefix);
  list.get(list_path,
           [service, owner_of, cover_url](http::Request& req) {
             http::QueryInput q(req);
             const auto filter = read_filter(q);
             const auto page = q.page();
             q.finish();
             return http::Response::json(
                 200, http::page_json(service->list(owner_of(req), filter, page), page,
                                      [](const Article& a) { return core::PageKey{a.created_ms, a.id}; },
                                      [cover_url](const Article& a) { return to_json(a, cover_url(a)); }));
           })
      .permission(read_permission);
  list.post(list_path,
            [service, owner_of, cover_url, item_prefix](http::Request& req) {
              const auto a = service->create(req.actor(), owner_of(req), read_fields(req, true));
              auto res = http::Response::json(201, to_json(a, cover_url(a)));
              res.headers.set("Location", fmt::format("{}/{}", item_prefix, a.id));
              return res;
            })
      .permission(write_permission)
      .body_limit(kBodyLimit);

  auto items = router.group(item_prefix);
  items
      .get("/{articleId}",
           [service, owner_of, cover_url](http::Request& req) {
             const auto a = service->get(owner_of(req), req.param("articleId"));
             return http::Response::json(200, to_json(a, cover_url(a)));
           })
      .permission(read_permission);
  items
      .patch("/{articleId}",
             [service, owner_of, cover_url](http::Request& req) {
               const auto fields = read_fields(req, false);
               const auto a = service->update(req.actor(), owner_of(req), req.param("articleId"), fields);
               return http::Response::json(200, to_json(a, cover_url(a)));
             })
      .permission(write_permission)
      .body_limit(kBodyLimit);
  items
      .del("/{articleId}",
           [service, owner_of](http::Request& req) {
             service->remove(req.actor(), owner_of(req), req.param("articleId"));
             return http::Response::no_content();
           })
      .permission(write_permission);
  items
      .post("/{articleId}/publish",
            [service, owner_of, cover_url](http::Request& req) {
              const auto at = read_publish_at(req);
              const auto a = service->publish(req.actor(), owner_of(req), req.param("articleId"), at);
              return http::Response::json(200, to_json(a, cover_url(a)));
            })
      .permission(write_permission);
  items
      .post("/{articleId}/archive",
            [service, owner_of, cover_url](http::Request& req) {
              if (!req.body.empty()) core::JsonInput::parse(req.body).finish();
              const auto a = service->archive(req.actor(), owner_of(req), req.param("articleId"));
              return http::Response::json(200, to_json(a, cover_url(a)));
            })
      .permission(write_permission);
  // Raw-body upload streamed to disk while hashed, then moved into the blob store (fsync: blocking).
  items
      .put("/{articleId}/cover",
           [service, owner_of, cover_url](http::Request& req) {
             if (!req.upload) throw core::Error::bad_request("empty_body", "Send the cover image as the request body");
             const auto a = service->set_cover(req.actor(), owner_of(req), req.param("articleId"),
                                               {req.upload->path, req.upload->sha256, req.upload->size});
             return http::Response::json(200, to_json(a, cover_url(a))["cover"]);
           })
      .permission(write_permission)
      .stream_to_file(kMaxArticleCoverBytes)
      .blocking();
  items
      .get("/{articleId}/cover",
           [service, owner_of](http::Request& req) {
             const auto f = service->cover(owner_of(req), req.param("articleId"));
             return http::blob_response(req, {.path = f.path,
                                              .size = f.size,
                                              .sha256 = f.sha256,
                                              .content_type = f.content_type,
                                              .cache_control = "private, no-cache"});
           })
      .permission(read_permission);
}

}  // namespace

void mount_article_routes(http::Router& router, const NotifyServices& s) {
  ArticleService* service = &s.articles;
  // An organisation's: the identity middleware resolved {orgId} or {articleId} into req.org_id.
  mount_family(router, service, "/api/v1/orgs", "/{orgId}/articles", "/api/v1/articles", "apps:read",
               "articles:write", [](const http::Request& req) { return req.org_id; });
  // The platform's own: no organisation.
  mount_family(router, service, "/api/v1/platform", "/articles", "/api/v1/platform/articles", "platform:content",
               "platform:content", [](const http::Request&) { return std::string(); });
}

}  // namespace cove::notify
