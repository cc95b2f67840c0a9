#include "modules/notify/article_model.hpp"

#include "core/clock.hpp"

namespace cove::notify {

nlohmann::json to_json(const Article& a, std::string_view cover_base) {
  nlohmann::json cover = nullptr;
  if (a.cover) {
    cover = {{"sha256", a.cover->sha256},
             {"contentType", a.cover->content_type},
             {"size", a.cover->size},
             {"url", std::string(cover_base)}};
  }
  return {{"id", a.id},
          {"orgId", a.org_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.org_id)},
          {"title", a.title},
          {"summary", a.summary},
          {"bodyMarkdown", a.body_markdown},
          {"bodyHtml", a.body_html},
          {"category", a.category},
          {"tags", a.tags},
          {"hostAppIds", a.host_app_ids},
          {"cover", cover},
          {"state", a.state},
          {"publishAt", a.publish_ms ? nlohmann::json(core::format_rfc3339_millis(*a.publish_ms)) : nlohmann::json(nullptr)},
          {"createdBy", a.created_by},
          {"createdAt", core::format_rfc3339_millis(a.created_ms)},
          {"updatedAt", core::format_rfc3339_millis(a.updated_ms)}};
}

}  // namespace cove::notify
