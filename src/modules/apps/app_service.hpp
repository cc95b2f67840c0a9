#pragma once
// Mini-programs: create (quota-checked), edit, delete, icon and audit certificate, and the
// status machine:
//
//   draft ──first release──► online ◄──online (org)── offline (by org)
//                              │ └────offline (org)───────►┘
//   any ──takedown (operator, reason)──► offline (by platform) ──restore (operator)──► online|draft
//
// An operator takedown cannot be undone by the organisation. Deleting is refused while online.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/blob_store.hpp"
#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/principal.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/app_model.hpp"
#include "modules/apps/app_repo.hpp"
#include "modules/apps/blob_file.hpp"

namespace cove::apps {

inline constexpr std::uint64_t kMaxIconBytes = 1024 * 1024;
inline constexpr std::uint64_t kMaxCertificateBytes = 10ULL * 1024 * 1024;

class AppService {
 public:
  AppService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, core::BlobStore& blobs,
             const accounts::Quotas& quotas)
      : db_(db), changes_(changes), clock_(clock), blobs_(blobs), quotas_(quotas) {}

  // 403 quota.exceeded past the organisation's maxApps.
  App create(const core::Actor& actor, const std::string& org_id, const AppFields& fields);
  App get(const std::string& org_id, const std::string& app_id) const;  // 404 apps.not_found
  App update(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
             const AppFields& f);
  void remove(const core::Actor& actor, const std::string& org_id, const std::string& app_id);
  core::Page<App> list(const app_repo::AppFilter& filter, const core::PageRequest& page) const;

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
  // The same inside a caller's transaction (a violation case's takedown and restore).
  App take_down_in(core::Tx& tx, const core::Actor& actor, const std::string& app_id, const std::string& reason);
  App restore_in(core::Tx& tx, const core::Actor& actor, const std::string& app_id);

 private:
  App change_status(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                    const std::function<void(App&)>& apply, const char* action);
  App change_status_in(core::Tx& tx, const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                       const std::function<void(App&)>& apply, const char* action);
  BlobFile blob_file(const std::optional<StoredFile>& f, const char* what) const;

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  core::BlobStore& blobs_;
  const accounts::Quotas& quotas_;
};

}  // namespace cove::apps
