#include "modules/notify/article_catalog_source.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "modules/notify/article_repo.hpp"

namespace cove::notify {

std::shared_ptr<const ArticleCatalog> ArticleCatalogSource::load_part(core::Conn& c, std::int64_t /*now_ms*/) const {
  auto out = std::make_shared<ArticleCatalog>();
  for (auto& a : article_repo::published(c)) {
    RuntimeArticle r;
    r.id = a.id;
    r.org_id = a.org_id;
    r.category = a.category;
    r.publish_ms = a.publish_ms.value_or(a.updated_ms);
    r.host_app_ids = a.host_app_ids;
    if (a.cover) {
      r.cover_sha256 = a.cover->sha256;
      r.cover_type = a.cover->content_type;
    }
    nlohmann::json item = {
        {"id", a.id},
        {"title", a.title},
        {"summary", a.summary},
        {"category", a.category},
        {"tags", a.tags},
        {"coverUrl", a.cover ? nlohmann::json(fmt::format("/runtime/v1/articles/{}/cover", a.id)) : nlohmann::json(nullptr)},
        {"platform", a.org_id.empty()},
        {"publishedAt", core::format_rfc3339_millis(r.publish_ms)},
        {"updatedAt", core::format_rfc3339_millis(a.updated_ms)}};
    r.item = item.dump();
    item["html"] = a.body_html;
    item["text"] = a.body_text;
    r.body = item.dump();
    r.etag = fmt::format("\"{}\"", core::crypto::sha256_hex(r.body).substr(0, 32));
    out->by_id.emplace(r.id, out->articles.size());
    out->articles.push_back(std::move(r));
  }
  return out;
}

}  // namespace cove::notify
