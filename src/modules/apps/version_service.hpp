#pragma once
// Versions and code packages: upload (validated zip, strictly increasing semver, org package
// quota), edit, delete (never-released only), release, rollback, compare and download.
#include <optional>
#include <string>
#include <vector>

#include "core/blob_store.hpp"
#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/principal.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/apps/blob_file.hpp"
#include "modules/apps/package_signer.hpp"
#include "modules/apps/version_model.hpp"

namespace cove::apps {

struct VersionPatch {
  std::optional<std::string> changelog;
  std::optional<std::string> min_base_library;  // "" clears it
};

struct VersionDiff {
  Version from;
  Version to;
  std::vector<VersionFile> added;
  std::vector<VersionFile> removed;
  std::vector<std::pair<VersionFile, VersionFile>> changed;  // (from, to)
  std::int64_t unchanged = 0;
};

nlohmann::json to_json(const VersionDiff& d);

class VersionService {
 public:
  // `quotas` gives the organisation's maxPackageBytes; `signer` signs a package at its first release.
  VersionService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, core::BlobStore& blobs,
                 const accounts::Quotas& quotas, const PackageSigner& signer)
      : db_(db), changes_(changes), clock_(clock), blobs_(blobs), quotas_(quotas), signer_(signer) {}

  // Later modules that refer to versions (gray plans) refuse a deletion by throwing core::Error
  // inside the deleting transaction. Call before serving: the guards are read without a lock.
  void add_delete_guard(VersionDeleteGuard guard) { delete_guards_.push_back(std::move(guard)); }
  // Later modules that may refuse a release (review) — the same, read without a lock.
  void add_release_guard(ReleaseGuard guard) { release_guards_.push_back(std::move(guard)); }
  // Throws what the first refusing release guard throws.
  void check_release_guards(core::Conn& c, const Version& v) const;

  // Validates the uploaded zip and records the version as `uploaded`. Reads the whole package
  // (zip inspection): call from a blocking route. Errors: 400 validation_failed (version), 400
  // packages.* (zip), 409 apps.version_exists / apps.version_not_increasing, 413 quota.exceeded.
  Version upload(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                 const std::string& version, const Upload& package);
  Version get(const std::string& org_id, const std::string& app_id, const std::string& version) const;
  core::Page<Version> list(const std::string& org_id, const std::string& app_id,
                            const core::PageRequest& page) const;
  std::vector<VersionFile> files(const std::string& org_id, const std::string& app_id,
                                 const std::string& version) const;
  Version update(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                 const std::string& version, const VersionPatch& patch);
  void remove(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
              const std::string& version);

  // Serves this version to everyone: it must be releasable and newer than the released one.
  Version release(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                  const std::string& version);
  // The same inside the caller's transaction (a gray plan completing releases its version).
  Version release_in(core::Tx& tx, const core::Actor& actor, const std::string& org_id,
                     const std::string& app_id, const std::string& version);
  // Re-releases an earlier, previously released version in one call.
  Version rollback(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                   const std::string& version);
  VersionDiff compare(const std::string& org_id, const std::string& app_id, const std::string& from,
                      const std::string& to) const;
  BlobFile package(const std::string& org_id, const std::string& app_id, const std::string& version) const;

  // The largest package the organisation may upload (its quota).
  std::uint64_t package_limit(const std::string& org_id) const;

 private:
  // A rollback re-releases a superseded version; both are the same state change.
  Version make_released(core::Tx& tx, const core::Actor& actor, Version target, bool rollback);

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  core::BlobStore& blobs_;
  const accounts::Quotas& quotas_;
  const PackageSigner& signer_;
  std::vector<VersionDeleteGuard> delete_guards_;
  std::vector<ReleaseGuard> release_guards_;
};

}  // namespace cove::apps
