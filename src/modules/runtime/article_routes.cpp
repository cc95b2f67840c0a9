// /runtime/v1/articles (issue 16, 文章发布中心): the published articles a host app may show its
// users — platform-wide ones and its own organisation's, each targeting this host app or every
// host app of its owner — newest first, from the catalog snapshot (notify's articles part), with
// ETags (If-None-Match → 304). Signed like every runtime route (apps::SdkAuth).
#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "http/blob_response.hpp"
#include "http/query_input.hpp"
#include "modules/notify/notify_api.hpp"
#include "modules/runtime/runtime_routes.hpp"

namespace cove::runtime {

namespace {

constexpr int kDefaultLimit = 20;
constexpr int kMaxLimit = 50;

std::shared_ptr<const Catalog> snapshot(const RuntimeServices& s) {
  auto catalog = s.catalog.current();
  if (!catalog) throw core::Error(503, "runtime.unavailable", "The runtime catalog is not ready; retry shortly");
  return catalog;
}

const notify::ArticleCatalog& articles_of(const Catalog& c) {
  return c.parts.get<notify::ArticleCatalog>(notify::kArticlesCatalogPart);
}

http::Response with_etag(const http::Request& req, std::string body, const std::string& etag) {
  auto res = req.headers.get("If-None-Match") == etag ? http::Response::empty(304)
                                                      : http::Response::json_text(200, std::move(body));
  res.headers.set("ETag", etag);
  res.headers.set("Cache-Control", "private, no-cache");
  return res;
}

const notify::RuntimeArticle& visible_article(const RuntimeServices& s, const Catalog& catalog,
                                              const apps::SdkHost& host, const std::string& id) {
  const auto& part = articles_of(catalog);
  const auto it = part.by_id.find(id);
  if (it == part.by_id.end() || !part.articles[it->second].visible_to(host.id, host.org_id, s.clock.unix_millis())) {
    throw core::Error::not_found("runtime.article_not_found", "No published article with this id for this host app");
  }
  return part.articles[it->second];
}

}  // namespace

void mount_article_routes(http::Router& router, const RuntimeServices& s) {
  auto runtime = router.group("/runtime/v1/articles");

  runtime
      .get("",
           [&s](http::Request& req) {
             const auto host = s.apps.sdk_auth().verify(req);
             const auto catalog = snapshot(s);
             http::QueryInput q(req);
             const auto category = q.optional_string("category", {.min_chars = 1, .max_chars = 50});
             const auto limit = static_cast<std::size_t>(q.optional_int("limit", 1, kMaxLimit).value_or(kDefaultLimit));
             const auto cursor_text = q.optional_string("cursor", {.min_chars = 1, .max_chars = 200});
             q.finish();
             std::optional<core::PageKey> after;
             if (cursor_text) {
               after = core::decode_cursor(*cursor_text);
               if (!after) {
                 core::FieldErrors errors;
                 errors.add("cursor", "invalid", "Pass the nextCursor of the previous page unchanged");
                 errors.throw_if_any();
               }
             }
             const auto now = s.clock.unix_millis();
             // The articles part is newest first by (publish time, id): a page starts below the
             // cursor's key and takes `limit` visible articles; one more tells that a next page exists.
             std::vector<const notify::RuntimeArticle*> page;
             bool more = false;
             for (const auto& a : articles_of(*catalog).articles) {
               if (after && !(a.publish_ms < after->ms || (a.publish_ms == after->ms && a.id < after->id))) continue;
               if (category && a.category != *category) continue;
               if (!a.visible_to(host->id, host->org_id, now)) continue;
               if (page.size() == limit) {
                 more = true;
                 break;
               }
               page.push_back(&a);
             }
             std::string body = "{\"items\":[";
             for (std::size_t i = 0; i < page.size(); ++i) {
               if (i > 0) body += ',';
               body += page[i]->item;
             }
             body += "],\"nextCursor\":";
             // fmt, not operator+: GCC 12 warns falsely (-Wrestrict) on a temporary string chain here.
             body += more ? fmt::format("\"{}\"", core::encode_cursor({page.back()->publish_ms, page.back()->id}))
                          : std::string("null");
             body += "}";
             const auto etag = fmt::format("\"{}\"", core::crypto::sha256_hex(body).substr(0, 32));
             return with_etag(req, std::move(body), etag);
           })
      .open();

  runtime
      .get("/{articleId}",
           [&s](http::Request& req) {
             const auto host = s.apps.sdk_auth().verify(req);
             const auto catalog = snapshot(s);
             const auto& a = visible_article(s, *catalog, *host, req.param("articleId"));
             return with_etag(req, a.body, a.etag);
           })
      .open();

  runtime
      .get("/{articleId}/cover",
           [&s](http::Request& req) {
             const auto host = s.apps.sdk_auth().verify(req);
             const auto catalog = snapshot(s);
             const auto& a = visible_article(s, *catalog, *host, req.param("articleId"));
             const auto path = a.cover_sha256.empty() ? std::nullopt : s.blobs.path_of(a.cover_sha256);
             const auto size = path ? s.blobs.size(a.cover_sha256) : std::nullopt;
             if (!path || !size) throw core::Error::not_found("runtime.file_not_found", "This article has no cover image");
             return http::blob_response(req, {.path = *path,
                                              .size = *size,
                                              .sha256 = a.cover_sha256,
                                              .content_type = a.cover_type,
                                              .cache_control = "private, max-age=3600"});
           })
      .open();
}

}  // namespace cove::runtime
