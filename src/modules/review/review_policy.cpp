#include "modules/review/review_policy.hpp"

#include <fmt/format.h>

namespace cove::review {

nlohmann::json to_json(const ReviewSettings& s) {
  auto keywords = nlohmann::json::array();
  for (const auto& k : s.keywords) keywords.push_back({{"word", k.word}, {"level", k.level}});
  return {{"required", s.required},
          {"keywords", std::move(keywords)},
          {"maxFiles", s.max_files},
          {"maxUnpackedBytes", s.max_unpacked_bytes},
          {"claimMinutes", s.claim_minutes},
          {"safetyNotice", s.safety_notice}};
}

namespace {

// The stored document was written by to_json(); a missing key keeps the default (older documents).
ReviewSettings from_stored(const nlohmann::json& doc) {
  ReviewSettings s;
  s.required = doc.value("required", s.required);
  s.max_files = doc.value("maxFiles", s.max_files);
  s.max_unpacked_bytes = doc.value("maxUnpackedBytes", s.max_unpacked_bytes);
  s.claim_minutes = doc.value("claimMinutes", s.claim_minutes);
  s.safety_notice = doc.value("safetyNotice", s.safety_notice);
  for (const auto& k : doc.value("keywords", nlohmann::json::array()))
    s.keywords.push_back({k.value("word", ""), k.value("level", "warn")});
  return s;
}

}  // namespace

ReviewSettings read_settings(core::JsonInput& in, ReviewSettings current) {
  if (const auto required = in.optional_bool("required")) current.required = *required;
  if (const auto v = in.optional_int("maxFiles", 1, 100000)) current.max_files = *v;
  if (const auto v = in.optional_int("maxUnpackedBytes", 1024 * 1024, 4LL * 1024 * 1024 * 1024))
    current.max_unpacked_bytes = *v;
  if (const auto v = in.optional_int("claimMinutes", 1, 24 * 60)) current.claim_minutes = *v;
  if (const auto v = in.optional_string("safetyNotice",
                                        {.min_chars = 0, .max_chars = kMaxSafetyNoticeChars, .multiline = true}))
    current.safety_notice = *v;
  if (const auto* list = in.take("keywords")) {
    if (!list->is_array()) {
      in.add_error("keywords", "invalid_type", "A list of {word, level}");
    } else if (list->size() > kMaxKeywords) {
      in.add_error("keywords", "too_many", fmt::format("At most {} keywords", kMaxKeywords));
    } else {
      std::vector<Keyword> out;
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (!(*list)[i].is_object()) {
          in.add_error(fmt::format("keywords[{}]", i), "invalid_type", "An object {word, level}");
          continue;
        }
        core::JsonInput item((*list)[i], in.errors(), fmt::format("keywords[{}].", i));
        Keyword k;
        k.word = item.required_string("word", {.min_chars = 2, .max_chars = kMaxKeywordChars});
        if (const auto level = item.optional_string("level", {.min_chars = 1, .max_chars = 10})) {
          if (*level != "warn" && *level != "fail")
            item.add_error(item.field_name("level"), "unknown_value", "Use warn or fail");
          k.level = *level;
        }
        item.check_unknown();
        out.push_back(std::move(k));
      }
      current.keywords = std::move(out);
    }
  }
  return current;
}

namespace policy_repo {

ReviewSettings settings(core::Conn& c) {
  const auto doc = c.query_one<nlohmann::json>("SELECT document FROM review_settings WHERE id = 1");
  return doc ? from_stored(*doc) : ReviewSettings{};
}

void save_settings(core::Tx& tx, const ReviewSettings& s, std::int64_t now_ms) {
  tx.exec(
      "INSERT INTO review_settings(id, document, updated_ms) VALUES(1, ?1, ?2) "
      "ON CONFLICT(id) DO UPDATE SET document = ?1, updated_ms = ?2",
      to_json(s), now_ms);
}

std::optional<bool> org_override(core::Conn& c, const std::string& org_id) {
  return c.query_one<bool>("SELECT required FROM review_org_policies WHERE org_id = ?", org_id);
}

void set_org_override(core::Tx& tx, const std::string& org_id, std::optional<bool> required, std::int64_t now_ms) {
  if (!required) {
    tx.exec("DELETE FROM review_org_policies WHERE org_id = ?", org_id);
    return;
  }
  tx.exec(
      "INSERT INTO review_org_policies(org_id, required, updated_ms) VALUES(?1, ?2, ?3) "
      "ON CONFLICT(org_id) DO UPDATE SET required = ?2, updated_ms = ?3",
      org_id, *required, now_ms);
}

}  // namespace policy_repo

bool review_required(core::Conn& c, const std::string& org_id) {
  if (const auto o = policy_repo::org_override(c, org_id)) return *o;
  return policy_repo::settings(c).required;
}

}  // namespace cove::review
