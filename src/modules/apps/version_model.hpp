#pragma once
// Versions of a mini-program and their code packages, as stored in `app_versions`.
//
//   uploaded ──submit (review module)──► in_review ──► approved | rejected;  in_review ──withdraw──► uploaded
//   (in_review covers both the review's `submitted` — pre-checks running — and `in_review`)
//   uploaded | approved ──release──► released ──(another release or a rollback)──► superseded
//   superseded ──rollback──► released
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/semver.hpp"

namespace cove::apps {

struct Version {
  std::string id;  // ver_…
  std::string app_id;
  std::string org_id;
  std::string version;  // x.y.z
  std::int64_t major = 0, minor = 0, patch = 0;
  std::string changelog;
  std::string min_base_library;  // "" = any
  std::string package_sha256;
  std::int64_t package_size = 0;
  std::int64_t file_count = 0;
  std::int64_t unpacked_size = 0;
  nlohmann::json manifest = nullptr;  // {title, pages} from app.json, or null
  std::string status = "uploaded";
  std::string signature;  // base64 Ed25519 of the hex SHA-256; set at the first release
  std::string uploaded_by;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::int64_t released_ms = 0;  // 0 = never released
  bool operator==(const Version&) const = default;
};

nlohmann::json to_json(const Version& v);

// Negative, zero or positive as `a` is older than, the same as or newer than `b` (major.minor.patch).
int compare_versions(const Version& a, const Version& b);

// A version as an organisation or operator names one: MAJOR.MINOR.PATCH, at most 32 characters,
// no pre-release or build part. Otherwise 400 validation_failed on the field "version", whose
// message shows `example`.
core::SemVer parse_release_version(const std::string& text, std::string_view example);

// Whether the version's status lets it be released; release guards (the review module's
// "approval required") may refuse an uploaded one.
inline bool releasable(const Version& v) { return v.status == "uploaded" || v.status == "approved"; }

struct VersionFile {
  std::string path;
  std::int64_t size = 0;
  std::string sha256;
};

nlohmann::json to_json(const VersionFile& f);

}  // namespace cove::apps
