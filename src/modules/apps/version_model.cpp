#include "modules/apps/version_model.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "modules/apps/model_json.hpp"

namespace cove::apps {

nlohmann::json to_json(const Version& v) {
  return {{"id", v.id},
          {"appId", v.app_id},
          {"version", v.version},
          {"changelog", v.changelog},
          {"minBaseLibrary", text_or_null(v.min_base_library)},
          {"sha256", v.package_sha256},
          {"size", v.package_size},
          {"fileCount", v.file_count},
          {"unpackedSize", v.unpacked_size},
          {"manifest", v.manifest},
          {"status", v.status},
          {"signature", text_or_null(v.signature)},
          {"uploadedBy", v.uploaded_by},
          {"createdAt", core::format_rfc3339_millis(v.created_ms)},
          {"updatedAt", core::format_rfc3339_millis(v.updated_ms)},
          {"releasedAt", v.released_ms > 0 ? nlohmann::json(core::format_rfc3339_millis(v.released_ms))
                                           : nlohmann::json(nullptr)}};
}

int compare_versions(const Version& a, const Version& b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  return 0;
}

core::SemVer parse_release_version(const std::string& text, std::string_view example) {
  auto v = core::SemVer::parse(text);
  if (!v || !v->is_release() || !v->build.empty() || text.size() > 32) {
    core::FieldErrors errors;
    errors.add("version", "invalid_format",
               fmt::format("Use a version of the form MAJOR.MINOR.PATCH, such as {}", example));
    errors.throw_if_any();
  }
  return *v;
}

nlohmann::json to_json(const VersionFile& f) {
  return {{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}};
}

}  // namespace cove::apps
