#pragma once
// What the domains module offers the modules after it (DESIGN.md §1): a mini-program's declared
// and effective domain lists (the review pre-check compares the hosts found in a package with
// them), the runtime catalog part (source name "domains"), its events and the quota key.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/db.hpp"
#include "core/event_type.hpp"
#include "modules/domains/domain_name.hpp"

namespace cove::domains {

// The quota this module declares: entries in one list of one mini-program.
inline constexpr std::string_view kMaxDomainsPerKind = "maxDomainsPerKind";

// The runtime catalog part this module provides: a DomainsRuntimeData.
inline constexpr std::string_view kCatalogPart = "domains";

// One list per kind, in kKinds order, each entry canonical ("https://host[:port]").
using DomainLists = std::array<std::vector<std::string>, kKinds.size()>;

inline std::size_t kind_index(DomainKind kind) { return static_cast<std::size_t>(kind); }

// {"request": [...], "socket": [...], "upload": [...], "download": [...], "webview": [...]}
nlohmann::json lists_json(const DomainLists& lists);

struct DomainsRuntimeData {
  // The `domains` object of each mini-program's runtime answer, by appId.
  std::unordered_map<std::string, nlohmann::json> by_app;
  // The answer of a mini-program that declared nothing: the platform whitelist alone.
  nlohmann::json whitelist_only;
};

class DomainsApi {
 public:
  virtual ~DomainsApi() = default;
  // What the organisation declared for the mini-program (empty lists when nothing).
  virtual DomainLists declared(core::Conn& c, const std::string& org_id, const std::string& app_id) const = 0;
  // What the runtime hands the SDK: declared + platform whitelist − blocklist, webview domains only
  // once verified.
  virtual DomainLists effective(core::Conn& c, const std::string& org_id, const std::string& app_id) const = 0;
};

// The host of a canonical entry ("https://a.example.com:8443" → "a.example.com").
std::string host_of(std::string_view canonical);

// Whether `url` (scheme://host[:port][/…]) is admitted by one of the canonical `entries` — the
// SDK's check, for the review pre-check: same scheme, same port, host equal or under a wildcard.
bool admits(const std::vector<std::string>& entries, std::string_view url);

// Events of the domains module (outbox topics; payloads in camelCase JSON).
namespace events {

// A mini-program's lists were replaced.
struct AppDomainsUpdated {
  static constexpr std::string_view kTopic = "app_domains.updated";
  std::string org_id, app_id;
  std::int64_t revision = 0;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &AppDomainsUpdated::org_id), core::field("appId", &AppDomainsUpdated::app_id),
                      core::field("revision", &AppDomainsUpdated::revision)};
  }
};

// The blocklist now names a host a mini-program declares (one event per mini-program).
struct AppDomainsBlocked {
  static constexpr std::string_view kTopic = "app_domains.blocked";
  std::string org_id, app_id, blocked_host;
  std::vector<std::string> values;  // the declared entries it blocks
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &AppDomainsBlocked::org_id), core::field("appId", &AppDomainsBlocked::app_id),
                      core::field("blockedHost", &AppDomainsBlocked::blocked_host),
                      core::field("values", &AppDomainsBlocked::values)};
  }
};

// An entry of the platform whitelist or blocklist was added or removed.
template <const char* Topic>
struct PlatformListEvent {
  static constexpr std::string_view kTopic = Topic;
  std::string list, host;
  static constexpr auto fields() {
    return std::tuple{core::field("list", &PlatformListEvent::list), core::field("host", &PlatformListEvent::host)};
  }
};
inline constexpr char kPlatformDomainAdded[] = "platform_domains.added";
inline constexpr char kPlatformDomainRemoved[] = "platform_domains.removed";
using PlatformDomainAdded = PlatformListEvent<kPlatformDomainAdded>;
using PlatformDomainRemoved = PlatformListEvent<kPlatformDomainRemoved>;

// A business domain was checked: verified, or failed (by a person's check or the periodic
// re-check, which announces only a change from verified to failed).
template <const char* Topic>
struct WebviewDomainEvent {
  static constexpr std::string_view kTopic = Topic;
  std::string org_id, host, failure;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &WebviewDomainEvent::org_id), core::field("host", &WebviewDomainEvent::host),
                      core::field("failure", &WebviewDomainEvent::failure)};
  }
};
inline constexpr char kWebviewDomainVerified[] = "webview_domain.verified";
inline constexpr char kWebviewDomainVerificationFailed[] = "webview_domain.verification_failed";
using WebviewDomainVerified = WebviewDomainEvent<kWebviewDomainVerified>;
using WebviewDomainVerificationFailed = WebviewDomainEvent<kWebviewDomainVerificationFailed>;

// Certificates (证书管理): stored or deleted, and the expiry alerts of the daily job.
template <const char* Topic>
struct CertificateEvent {
  static constexpr std::string_view kTopic = Topic;
  std::string certificate_id, scope, org_id;
  std::vector<std::string> names;
  std::string not_after;
  std::int64_t days_left = 0;
  static constexpr auto fields() {
    return std::tuple{core::field("certificateId", &CertificateEvent::certificate_id),
                      core::field("scope", &CertificateEvent::scope), core::field("orgId", &CertificateEvent::org_id),
                      core::field("names", &CertificateEvent::names),
                      core::field("notAfter", &CertificateEvent::not_after),
                      core::field("daysLeft", &CertificateEvent::days_left)};
  }
};
inline constexpr char kCertificateCreated[] = "certificate.created";
inline constexpr char kCertificateDeleted[] = "certificate.deleted";
inline constexpr char kCertificateExpiring[] = "certificate.expiring";
inline constexpr char kCertificateExpired[] = "certificate.expired";
using CertificateCreated = CertificateEvent<kCertificateCreated>;
using CertificateDeleted = CertificateEvent<kCertificateDeleted>;
using CertificateExpiring = CertificateEvent<kCertificateExpiring>;
using CertificateExpired = CertificateEvent<kCertificateExpired>;

}  // namespace events

}  // namespace cove::domains
