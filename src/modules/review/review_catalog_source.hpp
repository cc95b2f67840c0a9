#pragma once
// The review part of the runtime catalog: what users are shown about a mini-program's review and
// violations (Chainless §2.1, §2.4.3) — whether the version they run was approved, a violation case
// that is open or ended in a takedown, and the first-use safety notice operators configure. Added
// to each answer's `profile` while the snapshot is built, so a runtime request reads no SQL.
#include <cstdint>
#include <string>
#include <unordered_map>

#include "modules/platform/catalog_sources.hpp"

namespace cove::review {

inline constexpr std::string_view kCatalogPart = "review";

struct ReviewRuntimeData {
  // appId → version → when it was approved (Unix ms).
  std::unordered_map<std::string, std::unordered_map<std::string, std::int64_t>> approved;
  struct OpenCase {
    std::string status;  // open | taken_down
    std::int64_t report_count = 0;
    std::int64_t last_report_ms = 0;
  };
  std::unordered_map<std::string, OpenCase> cases;  // by appId
  std::string safety_notice;
};

class ReviewCatalogSource final : public modules::TypedCatalogSource<ReviewRuntimeData> {
 public:
  std::string_view name() const override { return kCatalogPart; }
  // Approvals, cases and the settings (the safety notice) change what profiles show.
  std::vector<std::string> topics() const override { return {"review.", "case."}; }
  std::shared_ptr<const ReviewRuntimeData> load_part(core::Conn& c, std::int64_t now_ms) const override;
  void add_app_fields(const void* part, std::string_view host_app_id, std::string_view app_id,
                      nlohmann::json& body) const override;
};

}  // namespace cove::review
