#pragma once
// What the apps module offers the modules after it (DESIGN.md §1): the versions a gray release
// may serve, releasing inside another module's transaction, package signatures, SDK request
// authentication for every module that serves host apps, the runtime catalog part
// (runtime_view.hpp, source name "apps"), its events, quota keys and shared errors.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/db.hpp"
#include "core/error.hpp"
#include "core/event_type.hpp"
#include "core/principal.hpp"
#include "http/types.hpp"
#include "modules/apps/sdk_directory.hpp"
#include "modules/apps/search_source.hpp"

namespace cove::apps {

// Quotas this module declares (modules/platform/quota_registry.hpp).
namespace quotas {
inline constexpr std::string_view kMaxApps = "maxApps";
inline constexpr std::string_view kMaxHostApps = "maxHostApps";
inline constexpr std::string_view kMaxPackageBytes = "maxPackageBytes";
}  // namespace quotas

// The runtime catalog part this module provides (modules/platform/catalog_sources.hpp): a
// RuntimeData (runtime_view.hpp).
inline constexpr std::string_view kCatalogPart = "apps";

// A version as a gray release sees it: whether it may be served to some users ahead of everyone.
struct GrayCandidate {
  std::string version_id;
  std::string version;
  std::string status;  // the version's status
  bool releasable = false;  // uploaded or approved
  bool newer_than_released = false;
  std::string released_version;  // "" when nothing is released
  std::string app_status;        // draft | online | offline
  std::string package_sha256;
  std::int64_t package_size = 0;
  std::string min_base_library;
};

// Throws core::Error to refuse serving a version to everyone — the release route, a gray plan's
// start and its completion (a later module, review, requires approval). `status` is the version's
// status; called inside the releasing transaction, before anything is written.
using ReleaseGuard = std::function<void(core::Conn& c, const std::string& org_id, const std::string& app_id,
                                        const std::string& status)>;

// A version as the review module sees it when an organisation submits it.
struct ReviewTarget {
  std::string app_name;
  std::string version_id;
  std::string version;
  std::string status;
  std::string package_sha256;
  std::int64_t package_size = 0;
  std::int64_t file_count = 0;
  std::int64_t unpacked_size = 0;
  std::string released_version;  // "" when nothing is released
};

// A mini-program as a violation case names it (review's reports and takedowns), found by its
// public appId alone: reports name a mini-program, not its organisation.
struct CaseSubject {
  std::string org_id;
  std::string name;
  std::string status;      // draft | online | offline
  std::string offline_by;  // "" | org | platform
};

// Throws core::Error to refuse deleting a version (called inside the deleting transaction).
using VersionDeleteGuard =
    std::function<void(core::Tx& tx, const std::string& org_id, const std::string& version_id)>;

// Signed SDK requests (DESIGN.md §4.1, §7): headers X-Cove-Sdk-Key, X-Cove-Bundle-Id,
// X-Cove-Timestamp (Unix seconds), X-Cove-Nonce (16–64 visible ASCII) and X-Cove-Signature =
// lowercase hex HMAC-SHA256(sdkSecret, METHOD "\n" TARGET "\n" TIMESTAMP "\n" NONCE), TARGET the
// path and query exactly as sent; a request with a body appends "\n" + the lowercase hex SHA-256
// of the body, and a caller may name further signed lines (the OAuth call signs its X-Cove-User
// header). Failures are 401 runtime.unauthenticated, runtime.clock_skew, runtime.unknown_sdk_key,
// runtime.bad_signature, runtime.bundle_mismatch or runtime.replay; a disabled host app (or one of
// an inactive organisation) is 403 runtime.host_app_disabled. One nonce cache serves every module.
class SdkAuth {
 public:
  virtual ~SdkAuth() = default;
  // The calling host app; throws core::Error otherwise. The result stays valid while held.
  virtual std::shared_ptr<const SdkHost> verify(const http::Request& req,
                                                std::initializer_list<std::string_view> extra_lines = {}) const = 0;
};

class AppsApi {
 public:
  virtual ~AppsApi() = default;
  virtual const SdkAuth& sdk_auth() const = 0;
  // The Ed25519 public key (SubjectPublicKeyInfo PEM) that verifies package signatures.
  virtual const std::string& signing_public_pem() const = 0;
  // The base64 Ed25519 signature of a package, as the runtime returns it.
  virtual std::string sign_package(const std::string& sha256) const = 0;

  // For gray release. nullopt when the mini-program or version does not exist in the org.
  virtual std::optional<GrayCandidate> gray_candidate(core::Conn& c, const std::string& org_id,
                                                      const std::string& app_id,
                                                      const std::string& version) const = 0;
  // The x.y.z served to everyone, if any.
  virtual std::optional<std::string> released_version(core::Conn& c, const std::string& org_id,
                                                      const std::string& app_id) const = 0;
  virtual bool app_exists(core::Conn& c, const std::string& org_id, const std::string& app_id) const = 0;
  // Releases the version to everyone inside the caller's transaction, with the release route's rules.
  virtual void release_in(core::Tx& tx, const core::Actor& actor, const std::string& org_id,
                          const std::string& app_id, const std::string& version) = 0;
  // Call before serving.
  virtual void add_version_delete_guard(VersionDeleteGuard guard) = 0;
  virtual void add_release_guard(ReleaseGuard guard) = 0;

  // For review. nullopt when the mini-program or version does not exist in the org.
  virtual std::optional<ReviewTarget> review_target(core::Conn& c, const std::string& org_id,
                                                    const std::string& app_id, const std::string& version) const = 0;
  // Moves a version between the review states — uploaded, in_review, approved, rejected — inside
  // the caller's transaction; the caller logs the change (it is the review's). 409
  // apps.not_reviewable when the version is released or superseded.
  virtual void set_review_status(core::Tx& tx, const std::string& org_id, const std::string& version_id,
                                 const std::string& status, std::int64_t now_ms) = 0;
  // The file-level difference between two versions, as GET /apps/{appId}/compare answers it.
  virtual nlohmann::json compare(const std::string& org_id, const std::string& app_id, const std::string& from,
                                 const std::string& to) const = 0;

  // For violation cases (review). nullopt when no mini-program has this appId.
  virtual std::optional<CaseSubject> case_subject(core::Conn& c, const std::string& app_id) const = 0;
  // Whether the host app runs this mini-program (an SDK may only report what it serves).
  virtual bool serves(core::Conn& c, const std::string& host_app_id, const std::string& app_id) const = 0;
  // The operators' takedown and restore (POST /platform/apps/{appId}/takedown, /restore) inside
  // the caller's transaction, with their rules, operation-log entry and app.status_changed event.
  // 409 apps.invalid_transition when it is already down (take_down_in) or not down (restore_in).
  virtual void take_down_in(core::Tx& tx, const core::Actor& actor, const std::string& app_id,
                            const std::string& reason) = 0;
  virtual void restore_in(core::Tx& tx, const core::Actor& actor, const std::string& app_id) = 0;

  // For search (search_source.hpp): every mini-program in appId order, a page at a time, and one.
  virtual std::vector<SearchSource> search_sources(core::Conn& c, const std::string& after_app_id,
                                                   int limit) const = 0;
  virtual std::optional<SearchSource> search_source(core::Conn& c, const std::string& app_id) const = 0;
};

// Events of the apps module (outbox topics; payloads in camelCase JSON).
namespace events {

template <const char* Topic>
struct AppEvent {
  static constexpr std::string_view kTopic = Topic;
  std::string org_id, app_id;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &AppEvent::org_id), core::field("appId", &AppEvent::app_id)};
  }
};
inline constexpr char kAppCreated[] = "app.created";
inline constexpr char kAppUpdated[] = "app.updated";
inline constexpr char kAppDeleted[] = "app.deleted";
using AppCreated = AppEvent<kAppCreated>;
using AppUpdated = AppEvent<kAppUpdated>;  // its fields or its icon (what the runtime serves)
using AppDeleted = AppEvent<kAppDeleted>;

// draft → online (first release), online ⇄ offline (the organisation or a takedown).
struct AppStatusChanged {
  static constexpr std::string_view kTopic = "app.status_changed";
  std::string org_id, app_id, status;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &AppStatusChanged::org_id), core::field("appId", &AppStatusChanged::app_id),
                      core::field("status", &AppStatusChanged::status)};
  }
};

template <const char* Topic>
struct VersionEvent {
  static constexpr std::string_view kTopic = Topic;
  std::string org_id, app_id, version_id, version;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &VersionEvent::org_id), core::field("appId", &VersionEvent::app_id),
                      core::field("versionId", &VersionEvent::version_id),
                      core::field("version", &VersionEvent::version)};
  }
};
inline constexpr char kVersionUploaded[] = "version.uploaded";
inline constexpr char kVersionUpdated[] = "version.updated";
inline constexpr char kVersionDeleted[] = "version.deleted";
using VersionUploaded = VersionEvent<kVersionUploaded>;
using VersionUpdated = VersionEvent<kVersionUpdated>;
using VersionDeleted = VersionEvent<kVersionDeleted>;

// A version now served to everyone, by a release or a rollback.
struct VersionReleased {
  static constexpr std::string_view kTopic = "version.released";
  std::string org_id, app_id, version_id, version;
  nlohmann::json previous_version;  // the x.y.z it replaced, or null
  bool rollback = false;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &VersionReleased::org_id), core::field("appId", &VersionReleased::app_id),
                      core::field("versionId", &VersionReleased::version_id),
                      core::field("version", &VersionReleased::version),
                      core::field("previousVersion", &VersionReleased::previous_version),
                      core::field("rollback", &VersionReleased::rollback)};
  }
};

template <const char* Topic>
struct HostAppEvent {
  static constexpr std::string_view kTopic = Topic;
  std::string org_id, host_app_id;
  std::string change;  // "secret" when the SDK secret was rotated, else ""
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &HostAppEvent::org_id), core::field("hostAppId", &HostAppEvent::host_app_id),
                      core::field("change", &HostAppEvent::change)};
  }
};
inline constexpr char kHostAppCreated[] = "host_app.created";
inline constexpr char kHostAppUpdated[] = "host_app.updated";
inline constexpr char kHostAppDeleted[] = "host_app.deleted";
using HostAppCreated = HostAppEvent<kHostAppCreated>;
using HostAppUpdated = HostAppEvent<kHostAppUpdated>;
using HostAppDeleted = HostAppEvent<kHostAppDeleted>;

// A mini-program associated with a host app, its grants changed, or the association removed.
struct AssociationChanged {
  static constexpr std::string_view kTopic = "association.changed";
  std::string org_id, host_app_id, app_id, app_org_id;
  bool associated = false;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &AssociationChanged::org_id),
                      core::field("hostAppId", &AssociationChanged::host_app_id),
                      core::field("appId", &AssociationChanged::app_id),
                      core::field("appOrgId", &AssociationChanged::app_org_id),
                      core::field("associated", &AssociationChanged::associated)};
  }
};

}  // namespace events

namespace errors {

inline core::Error not_found() { return core::Error::not_found("apps.not_found", "No such mini-program"); }
inline core::Error version_not_found() {
  return core::Error::not_found("apps.version_not_found", "No such version of this mini-program");
}
inline core::Error host_app_not_found() {
  return core::Error::not_found("host_apps.not_found", "No such host app");
}

}  // namespace errors

}  // namespace cove::apps
