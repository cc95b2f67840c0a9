#pragma once
// Organisations (机构) as stored in `orgs`, and the field rules shared by registration, members
// and invitations.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/json_input.hpp"
#include "core/json_writer.hpp"
#include "modules/accounts/settings_model.hpp"

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

// Per-organisation quota limits set by operators (`org_quotas`); nullopt = the platform default.
struct QuotaOverrides {
  std::optional<std::int64_t> max_apps;
  std::optional<std::int64_t> max_host_apps;
  std::optional<std::int64_t> max_members;
  std::optional<std::int64_t> max_gray_plans;
  std::optional<std::int64_t> max_package_bytes;
};

nlohmann::json to_json(const QuotaOverrides& q);  // same keys as QuotaSettings, null = default

// An organisation with what its console shows next to the profile.
struct OrgDetails {
  Org org;
  QuotaSettings quotas;  // effective limits
  std::int64_t members = 0;
};

// The profile plus "quotas" (effective) and "usage" ({"members": n}).
nlohmann::json to_json(const OrgDetails& d);

// --- field rules (every input has a limit) ---------------------------------------------------

inline constexpr core::StringRule kOrgNameRule{.min_chars = 2, .max_chars = 100};
inline constexpr core::StringRule kPersonNameRule{.min_chars = 1, .max_chars = 100};
inline constexpr core::StringRule kReasonRule{.min_chars = 1, .max_chars = 500, .multiline = true};

// Reads a required (or, with `required` false, optional) field and checks its shape; problems
// are recorded as field errors on `in`. Emails come back lower-cased.
std::optional<std::string> read_email(core::JsonInput& in, const char* name, bool required);
std::optional<std::string> read_phone(core::JsonInput& in, const char* name, bool required);
std::optional<std::string> read_license_no(core::JsonInput& in, const char* name);

bool valid_email(std::string_view email);            // local@domain.tld, ≤ 254 bytes, no spaces
bool valid_phone(std::string_view phone);            // digits with + ( ) - . and spaces, 5–20 digits
bool valid_license_no(std::string_view license_no);  // 1–64 of [A-Za-z0-9-]

}  // namespace cove::accounts
