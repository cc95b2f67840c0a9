#pragma once
// The automated pre-checks (自动化初审) of a submitted package, run on a worker thread (never an
// I/O thread). The zip is streamed entry by entry in 64 KiB chunks, so memory stays flat whatever
// the package size; each check answers pass, warn or fail with evidence (file, line, excerpt):
//
//   structure     app.json at the root, valid, with a non-empty "pages" list, each page present
//   limits        file count and unpacked bytes against the platform's limits (warn above 80 %)
//   dynamic_code  eval(…) or new Function(…) in script files — fail
//   privacy       APIs that need a privacy declaration (kPrivacyApis, docs/api/review.md) called
//                 in code but missing from app.json "requiredPrivateInfos" — fail
//   domains       https:// and wss:// hosts referenced in text files — reported (warn) for the
//                 reviewer until the domains module checks them against the configured list
//   keywords      the operators' keyword list over text files, case-insensitive — warn or fail
//                 as each keyword's level says
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "modules/review/review_model.hpp"
#include "modules/review/review_policy.hpp"

namespace cove::review {

struct PrecheckOptions {
  std::int64_t max_files = 5000;
  std::int64_t max_unpacked_bytes = 200LL * 1024 * 1024;
  std::vector<Keyword> keywords;
};

// At most this many evidence items per check (the rest are counted in details.matches).
inline constexpr std::size_t kMaxEvidence = 20;
// At most this many distinct hosts reported.
inline constexpr std::size_t kMaxHosts = 200;

struct PrivacyApi {
  std::string_view api;
  std::string_view data;  // what it reveals, for the reviewer
};
// APIs that need a privacy declaration; docs/api/review.md has the same table.
inline constexpr PrivacyApi kPrivacyApis[] = {
    {"getLocation", "location"},        {"getFuzzyLocation", "location"},
    {"chooseLocation", "location"},     {"startLocationUpdate", "location"},
    {"startLocationUpdateBackground", "location"},
    {"chooseAddress", "address"},       {"chooseImage", "photos, camera"},
    {"chooseMedia", "photos, camera"},  {"chooseVideo", "videos, camera"},
    {"saveImageToPhotosAlbum", "photos"}, {"getPhoneNumber", "phone number"},
    {"getUserProfile", "profile"},      {"getUserInfo", "profile"},
    {"startRecord", "microphone"},      {"getRecorderManager", "microphone"},
    {"getClipboardData", "clipboard"},  {"chooseContact", "contacts"},
    {"addPhoneContact", "contacts"},    {"getWeRunData", "health"},
};

// The checks in the order above. A package that cannot be opened gives one failed structure check.
std::vector<CheckResult> run_prechecks(const std::filesystem::path& zip, const PrecheckOptions& options);

}  // namespace cove::review
