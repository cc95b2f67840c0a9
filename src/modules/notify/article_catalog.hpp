#pragma once
// The runtime catalog part of articles (文章发布中心, issue 16): every published article with its
// answers precomputed while the snapshot is built, so /runtime/v1/articles is a scan of this
// list and a copy of strings — no SQL and no JSON building on the request path. An article
// scheduled for later is in the part already; the request compares its time with the clock, so
// it appears on time without a rebuild.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cove::notify {

// The part's name in the snapshot (modules/platform/catalog_sources.hpp).
inline constexpr std::string_view kArticlesCatalogPart = "articles";

struct RuntimeArticle {
  std::string id;
  std::string org_id;  // "" for a platform-wide article
  std::string category;
  std::int64_t publish_ms = 0;
  std::vector<std::string> host_app_ids;  // empty: every host app of its owner (all, for the platform)
  std::string item;  // the list entry (JSON object text)
  std::string body;  // the whole answer: the entry plus html and text (JSON object text)
  std::string etag;  // quoted, over body
  std::string cover_sha256;  // "" without a cover
  std::string cover_type;

  // Whether a host app of organisation `host_org_id` may show it at `now_ms`.
  bool visible_to(std::string_view host_app_id, std::string_view host_org_id, std::int64_t now_ms) const {
    if (publish_ms > now_ms) return false;
    if (!org_id.empty() && org_id != host_org_id) return false;
    if (host_app_ids.empty()) return true;
    for (const auto& id : host_app_ids) {
      if (id == host_app_id) return true;
    }
    return false;
  }
};

struct ArticleCatalog {
  std::vector<RuntimeArticle> articles;  // newest publish time first, then id descending
  std::unordered_map<std::string, std::size_t> by_id;
};

}  // namespace cove::notify
