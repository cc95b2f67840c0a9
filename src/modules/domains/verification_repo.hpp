#pragma once
// SQL for business-domain verification results (webview_verifications).
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"

namespace cove::domains {

struct Verification {
  std::string org_id, host;
  std::string status;  // verified | failed
  std::int64_t checked_ms = 0;
  std::int64_t verified_ms = 0;  // 0: never
  std::string failure;
};

namespace verification_repo {

std::optional<Verification> find(core::Conn& c, const std::string& org_id, const std::string& host);
std::vector<Verification> in_org(core::Conn& c, const std::string& org_id);
void upsert(core::Tx& tx, const Verification& v);
// Verified hosts last checked before `before_ms`, oldest first, at most `limit`.
std::vector<Verification> due(core::Conn& c, std::int64_t before_ms, int limit);
// Whether the organisation still declares `host` as a business domain of any mini-program.
bool declared_in_org(core::Conn& c, const std::string& org_id, const std::string& host);

}  // namespace verification_repo

}  // namespace cove::domains
