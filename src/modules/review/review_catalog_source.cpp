#include "modules/review/review_catalog_source.hpp"

#include <optional>

#include "core/clock.hpp"
#include "modules/review/review_policy.hpp"

namespace cove::review {

std::shared_ptr<const ReviewRuntimeData> ReviewCatalogSource::load_part(core::Conn& c, std::int64_t /*now_ms*/) const {
  auto data = std::make_shared<ReviewRuntimeData>();
  c.for_each("SELECT app_id, version, decided_ms FROM reviews WHERE status = 'approved'", [&](core::Row& r) {
    std::string app_id, version;
    std::optional<std::int64_t> decided;
    r.read(app_id, version, decided);
    data->approved[app_id][version] = decided.value_or(0);
  });
  c.for_each(
      "SELECT app_id, status, report_count, last_report_ms FROM violation_cases WHERE status IN ('open', 'taken_down')",
      [&](core::Row& r) {
        std::string app_id;
        ReviewRuntimeData::OpenCase oc;
        r.read(app_id, oc.status, oc.report_count, oc.last_report_ms);
        data->cases.emplace(std::move(app_id), std::move(oc));
      });
  data->safety_notice = policy_repo::settings(c).safety_notice;
  return data;
}

void ReviewCatalogSource::add_app_fields(const void* part, std::string_view /*host_app_id*/, std::string_view app_id,
                                         nlohmann::json& body) const {
  if (!part || !body.contains("profile")) return;
  const auto& data = *static_cast<const ReviewRuntimeData*>(part);
  auto& profile = body["profile"];
  const auto version = body.value("version", std::string());
  // The version this answer serves: approved by a reviewer, or released while review was not
  // required for its organisation.
  nlohmann::json review = {{"status", "not_reviewed"}, {"approvedAt", nullptr}};
  if (const auto app = data.approved.find(std::string(app_id)); app != data.approved.end()) {
    if (const auto v = app->second.find(version); v != app->second.end()) {
      review = {{"status", "approved"},
                {"approvedAt", v->second > 0 ? nlohmann::json(core::format_rfc3339_millis(v->second)) : nullptr}};
    }
  }
  profile["review"] = std::move(review);
  if (const auto c = data.cases.find(std::string(app_id)); c != data.cases.end()) {
    profile["violation"] = {{"status", c->second.status},
                            {"reportCount", c->second.report_count},
                            {"lastReportAt", core::format_rfc3339_millis(c->second.last_report_ms)}};
  } else {
    profile["violation"] = nullptr;
  }
  profile["safetyNotice"] = data.safety_notice.empty() ? nlohmann::json(nullptr) : nlohmann::json(data.safety_notice);
}

}  // namespace cove::review
