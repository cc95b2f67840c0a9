#pragma once
// A review of one submitted version, as stored in `reviews`, with its pre-check results and history.
//
//   submitted (pre-checks running) ──all pass/warn──► in_review ──approve──► approved
//        │                        └──any fail──► rejected (automatic)   └──reject──► rejected
//        └───────── withdraw (organisation, before a decision) ─────────► withdrawn
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cove::review {

struct Evidence {
  std::string file;
  std::int64_t line = 0;  // 1-based; 0 when the finding is about the whole file or package
  std::string excerpt;
  bool operator==(const Evidence&) const = default;
};

// One automated pre-check's outcome.
struct CheckResult {
  std::string name;    // structure | limits | dynamic_code | privacy | domains | keywords
  std::string result;  // pass | warn | fail
  std::string summary;
  std::vector<Evidence> evidence;  // bounded (precheck.hpp)
  nlohmann::json details = nlohmann::json::object();
  bool operator==(const CheckResult&) const = default;
};

struct HistoryEntry {
  std::int64_t seq = 0;
  std::int64_t at_ms = 0;
  std::string actor_id, actor_name, action;
  nlohmann::json detail = nlohmann::json::object();
};

struct Review {
  std::string id;  // rev_…
  std::string org_id, app_id, app_name, version_id, version;
  std::string status = "submitted";
  std::string notes;
  nlohmann::json test_account = nullptr;  // {username, password, note} or null
  bool expedite = false;
  bool release_on_approval = false;
  std::string submitted_by;
  std::int64_t checks_lease_ms = 0;
  std::string claimed_by, claimed_by_name;
  std::int64_t claim_expires_ms = 0;
  std::string decided_by;
  std::int64_t decided_ms = 0;
  std::string reason_category, reason;
  std::int64_t created_ms = 0, updated_ms = 0;

  bool open() const { return status == "submitted" || status == "in_review"; }
  // Someone other than `user_id` holds an unexpired claim.
  bool claimed_by_other(const std::string& user_id, std::int64_t now_ms) const {
    return !claimed_by.empty() && claimed_by != user_id && claim_expires_ms > now_ms;
  }
};

// The review as lists show it; `now_ms` decides whether its claim still holds.
nlohmann::json to_json(const Review& r, std::int64_t now_ms);
nlohmann::json to_json(const CheckResult& c);
nlohmann::json to_json(const HistoryEntry& h);
// {pass, warn, fail} counts of a review's checks.
nlohmann::json check_counts(const std::vector<CheckResult>& checks);

// Reasons a reviewer may give for a rejection (the console's categories).
inline constexpr const char* kReasonCategories[] = {"content", "privacy", "functionality", "security",
                                                     "qualification", "other"};
bool known_reason_category(const std::string& category);

}  // namespace cove::review
