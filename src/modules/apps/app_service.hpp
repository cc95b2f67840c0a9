#pragma once
// Mini-programs: create (quota-checked), edit, delete, icon and audit certificate, and the
// status machine:
//
//   draft ──first release──► online ◄──online (org)── offline (by org)
//                              │ └────offline (org)───────►┘
//   any ──takedown (operator, reason)──► offline (by platform) ──restore (operator)──► online|draft
//
// An operator takedown cannot be undone by the organisation. Deleting is refused while online.
#include <filesystem>
#include <string>
#include <vector>

#include "core/principal.hpp"
#include "modules/apps/app_model.hpp"
#include "modules/apps/app_repo.hpp"
#include "modules/apps/apps_context.hpp"

namespace cove::apps {

inline constexpr std::uint64_t kMaxIconBytes = 1024 * 1024;
inline constexpr std::uint64_t kMaxCertificateBytes = 10ULL * 1024 * 1024;

// A stored blob ready to be served.
struct BlobFile {
  StoredFile file;
  std::filesystem::path path;
  std::uint64_t size = 0;
};

// An uploaded temp file, hashed while it streamed in.
struct Upload {
  std::filesystem::path path;
  std::string sha256;
  std::uint64_t size = 0;
};

class AppService {
 public:
  explicit AppService(AppsContext& ctx) : ctx_(ctx) {}

  App create(const core::Actor& actor, const std::string& org_id, const AppFields& fields);
  App get(const std::string& org_id, const std::string& app_id) const;  // 404 apps.not_found
  App update(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
             const AppFields& f);
  void remove(const core::Actor& actor, const std::string& org_id, const std::string& app_id);
  std::vector<App> list(const app_repo::AppFilter& filter, const core::PageRequest& page) const;

  // PNG or JPEG, at most kMaxIconBytes (415 / 413 otherwise).
  App set_icon(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
               const Upload& up);
  // PDF, PNG or JPEG; an empty name becomes "audit-certificate.<ext>".
  App set_certificate(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                      const Upload& up, const std::string& file_name);
  BlobFile icon(const std::string& org_id, const std::string& app_id) const;         // 404 when none
  BlobFile certificate(const std::string& org_id, const std::string& app_id) const;  // 404 when none

  // The organisation's own switch (apps:release): 409 apps.invalid_transition otherwise,
  // 409 apps.taken_down when an operator took it down.
  App take_offline(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                   const std::string& reason);
  App bring_online(const core::Actor& actor, const std::string& org_id, const std::string& app_id);
  // Operators (platform:review); the reason is required and shown to the organisation.
  App take_down(const core::Actor& actor, const std::string& app_id, const std::string& reason);
  App restore(const core::Actor& actor, const std::string& app_id);

 private:
  App change_status(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                    const std::function<void(App&)>& apply, const char* action);
  std::string org_of(const std::string& app_id) const;  // 404 when unknown
  BlobFile blob_file(const std::optional<StoredFile>& f, const char* what) const;

  AppsContext& ctx_;
};

}  // namespace cove::apps
