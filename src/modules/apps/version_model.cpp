#include "modules/apps/version_model.hpp"

#include "core/clock.hpp"

namespace cove::apps {

nlohmann::json to_json(const Version& v) {
  const auto text_or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
  };
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

nlohmann::json to_json(const VersionFile& f) {
  return {{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}};
}

}  // namespace cove::apps
