#pragma once
// The articles part of the runtime catalog (article_catalog.hpp): every published article, its
// list entry and whole answer precomputed. Rebuilt on `article.` events; host apps deleted or
// retargeted need no rebuild (their rows go with them, cascading).
#include "modules/notify/article_catalog.hpp"
#include "modules/platform/catalog_sources.hpp"

namespace cove::notify {

class ArticleCatalogSource final : public modules::TypedCatalogSource<ArticleCatalog> {
 public:
  std::string_view name() const override { return kArticlesCatalogPart; }
  std::vector<std::string> topics() const override { return {"article."}; }
  std::shared_ptr<const ArticleCatalog> load_part(core::Conn& c, std::int64_t now_ms) const override;
};

}  // namespace cove::notify
