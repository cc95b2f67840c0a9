#pragma once
// The apps module's public service interface for the modules after it (DESIGN.md §1): the
// runtime's view of mini-programs and host apps, and the package-signing public key.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/db.hpp"
#include "core/principal.hpp"
#include "modules/apps/runtime_view.hpp"

namespace cove::apps {

// A version as a gray release sees it: whether it may be served to some users ahead of everyone.
struct GrayCandidate {
  std::string version_id;
  std::string version;
  std::string status;          // the version's status
  bool releasable = false;     // uploaded or approved
  bool newer_than_released = false;
  std::string released_version;  // "" when nothing is released
  std::string app_status;        // draft | online | offline
  std::string package_sha256;
  std::int64_t package_size = 0;
  std::string min_base_library;
};

// Throws core::Error to refuse deleting a version (called inside the deleting transaction).
using VersionDeleteGuard =
    std::function<void(core::Tx& tx, const std::string& org_id, const std::string& version_id)>;

class AppsApi {
 public:
  virtual ~AppsApi() = default;
  // Everything the runtime catalog is built from.
  virtual RuntimeData runtime_data(core::Conn& c) const = 0;
  // The Ed25519 public key (SubjectPublicKeyInfo PEM) that verifies package signatures.
  virtual const std::string& signing_public_pem() const = 0;

  // For gray release (issue 5). nullopt when the mini-program or version does not exist in the org.
  virtual std::optional<GrayCandidate> gray_candidate(core::Conn& c, const std::string& org_id,
                                                      const std::string& app_id,
                                                      const std::string& version) const = 0;
  // The x.y.z served to everyone, if any.
  virtual std::optional<std::string> released_version(core::Conn& c, const std::string& org_id,
                                                      const std::string& app_id) const = 0;
  // Whether the mini-program exists in the organisation.
  virtual bool app_exists(core::Conn& c, const std::string& org_id, const std::string& app_id) const = 0;
  // Releases the version to everyone inside the caller's transaction, with the release route's rules.
  virtual void release_in(core::Tx& tx, const core::Actor& actor, const std::string& org_id,
                          const std::string& app_id, const std::string& version) = 0;
  // The base64 Ed25519 signature of a package, as the runtime returns it.
  virtual std::string sign_package(const std::string& sha256) const = 0;
  // Call before serving.
  virtual void add_version_delete_guard(VersionDeleteGuard guard) = 0;
};

}  // namespace cove::apps
