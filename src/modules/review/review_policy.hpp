#pragma once
// The review policy: the platform settings operators maintain (whether a release needs approval,
// the pre-checks' keyword list and limits, how long a claim holds) and the per-organisation
// override of "release needs approval" (trusted organisations self-release). Stored as one JSON
// document in `review_settings` and rows in `review_org_policies`; read inside the caller's
// transaction, so a release and the policy it was judged by are consistent.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/db.hpp"
#include "core/json_input.hpp"

namespace cove::review {

struct Keyword {
  std::string word;             // matched case-insensitively, literally
  std::string level = "warn";   // warn: the reviewer decides; fail: rejects automatically
  bool operator==(const Keyword&) const = default;
};

struct ReviewSettings {
  bool required = true;  // platform default: a release needs an approved review
  std::vector<Keyword> keywords;
  std::int64_t max_files = 5000;                           // files in one package
  std::int64_t max_unpacked_bytes = 200LL * 1024 * 1024;   // bytes unpacked
  std::int64_t claim_minutes = 30;                         // how long a reviewer's claim holds
  // Shown to a user before they first open a mini-program (the runtime's profile); "" = none.
  std::string safety_notice;
  bool operator==(const ReviewSettings&) const = default;
};

inline constexpr std::size_t kMaxKeywords = 500;
inline constexpr std::size_t kMaxKeywordChars = 50;
inline constexpr std::size_t kMaxSafetyNoticeChars = 2000;

nlohmann::json to_json(const ReviewSettings& s);
// A PUT body: every field optional, applied over `current`; field errors into `in`.
ReviewSettings read_settings(core::JsonInput& in, ReviewSettings current);

namespace policy_repo {

ReviewSettings settings(core::Conn& c);
void save_settings(core::Tx& tx, const ReviewSettings& s, std::int64_t now_ms);
// The organisation's override, if an operator set one.
std::optional<bool> org_override(core::Conn& c, const std::string& org_id);
void set_org_override(core::Tx& tx, const std::string& org_id, std::optional<bool> required, std::int64_t now_ms);

}  // namespace policy_repo

// Whether releasing a version of this organisation needs an approved review.
bool review_required(core::Conn& c, const std::string& org_id);

}  // namespace cove::review
