#pragma once
// Organisation quotas (the FinClip "license" limits), declared by the module that owns what
// they count: apps declares maxApps, gray maxGrayPlans. Accounts stores the platform defaults and
// per-organisation overrides by key and enforces them (accounts/quota_service.hpp), without
// knowing any one of them.
//
//   ctx.quotas.declare({.key = "maxGrayPlans", .description = "running or paused gray plans",
//                       .default_limit = 5, .min = 0, .max = 1000, .usage = count_live_plans});
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"

namespace cove::modules {

struct QuotaDecl {
  std::string key;  // its name in the API and in stored documents ("maxApps")
  std::string description;
  std::int64_t default_limit = 0;
  std::int64_t min = 0;  // the range an operator may set
  std::int64_t max = 0;
  // What an organisation uses now, shown beside the limit; empty for size limits.
  std::function<std::int64_t(core::Conn&, const std::string& org_id)> usage = {};
};

class QuotaRegistry {
 public:
  // Throws std::logic_error for a key declared twice or an empty range.
  void declare(QuotaDecl decl);
  const QuotaDecl* find(std::string_view key) const;
  const std::vector<QuotaDecl>& declarations() const { return decls_; }

 private:
  std::vector<QuotaDecl> decls_;
};

}  // namespace cove::modules
