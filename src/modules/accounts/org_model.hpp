#pragma once
// Organisations (机构) as stored in `orgs`, and the field rules shared by registration, members
// and invitations.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/json_input.hpp"
#include "core/json_writer.hpp"

namespace cove::accounts {

// A stored file: the licence scan of an organisation.
struct Attachment {
  std::string sha256;
  std::string name;          // as uploaded, for Content-Disposition
  std::string content_type;  // image/png, image/jpeg or application/pdf (checked by magic bytes)
  bool operator==(const Attachment&) const = default;
};

struct Org {
  std::string id;
  std::string name;
  std::string license_no;
  std::string contact_name;
  std::string contact_email;
  std::string contact_phone;
  std::optional<Attachment> attachment;
  std::string status = "pending";  // pending | active | rejected | suspended
  std::string status_reason;       // why it was rejected or suspended
  bool require_2fa = false;        // the organisation's own choice
  // The operator who requires 2FA of every member ("" = none) and when; only operators lift it.
  std::string require_2fa_imposed_by;
  std::int64_t require_2fa_imposed_ms = 0;
  std::string reviewed_by;  // operator user id, "" before the first decision
  std::int64_t reviewed_ms = 0;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  bool operator==(const Org&) const = default;
};

// The profile an organisation registers with and its members may edit (licence number excepted).
// "require2fa" is the requirement members live under: the organisation's own choice or an
// operator's ("require2faImposedAt" is then set). write_json() is the one definition of the
// document; to_json() parses what it writes.
void write_json(core::JsonWriter& w, const Org& o);
nlohmann::json to_json(const Org& o);


// An organisation with what its console shows next to the profile.
struct OrgDetails {
  Org org;
  std::map<std::string, std::int64_t, std::less<>> quotas;  // effective limits by quota key
  std::map<std::string, std::int64_t, std::less<>> usage;   // current usage by quota key
  std::int64_t members = 0;
};

// The profile plus "quotas" (effective limits), "usage" ({"members": n}) and "quotaUsage"
// ({quota key: n} for the quotas that count something).
nlohmann::json to_json(const OrgDetails& d);

// --- field rules (every input has a limit) ---------------------------------------------------

inline constexpr core::StringRule kOrgNameRule{.min_chars = 2, .max_chars = 100};
inline constexpr core::StringRule kPersonNameRule{.min_chars = 1, .max_chars = 100};
inline constexpr core::StringRule kReasonRule{.min_chars = 1, .max_chars = 500, .multiline = true};

// E-mail, phone and licence-number rules: core/field_rules.hpp.

}  // namespace cove::accounts
