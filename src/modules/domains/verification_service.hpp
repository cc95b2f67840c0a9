#pragma once
// Business-domain verification (issue 15): Cove gives each organisation a file name and content
// (derived from a server secret, so nothing is stored until a check runs); a web-view domain
// counts — reaches the runtime — only after Cove fetched https://<host>/<file name> and found
// exactly that content. Verified hosts are re-checked periodically; a failed check marks the host
// unverified and emits webview_domain.verification_failed.
#include <memory>
#include <string>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "http/guarded_fetch.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/domains/verification_repo.hpp"

namespace cove::domains {

struct VerificationFile {
  std::string file_name;  // "cove-verify-<hex>.txt"
  std::string content;
};

struct VerifyOptions {
  http::FetchOptions fetch;
  std::int64_t recheck_ms = 24LL * 3600 * 1000;
};

// The `verification` item of a business domain: verified, failed or unverified (never checked).
nlohmann::json verification_json(const std::string& host, const std::optional<Verification>& v);

class VerificationService {
 public:
  VerificationService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, const apps::AppsApi& apps,
                      const http::GuardedFetcher& fetcher, std::string secret, VerifyOptions options)
      : db_(db), changes_(changes), clock_(clock), apps_(apps), fetcher_(fetcher), secret_(std::move(secret)),
        options_(std::move(options)) {}

  VerificationFile file_for(const std::string& org_id) const;
  // Checks a business domain the mini-program declares (404 domains.webview_not_declared
  // otherwise) now; blocking (a route marked .blocking()).
  Verification verify(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                      const std::string& host);
  // Re-checks up to `limit` verified hosts whose last check is older than the re-check period
  // (the background job); returns how many were checked.
  int recheck_due(int limit);
  bool verified(core::Conn& c, const std::string& org_id, const std::string& host) const;
  // verification_json() of each business domain among `webview` (canonical entries).
  nlohmann::json statuses(const std::string& org_id, const std::vector<std::string>& webview) const;
  // Every check result of the organisation.
  std::vector<Verification> in_org(const std::string& org_id) const;

 private:
  Verification check(const std::string& org_id, const std::string& host) const;
  void record(const core::Actor& actor, const Verification& v, const std::optional<Verification>& before);

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const apps::AppsApi& apps_;
  const http::GuardedFetcher& fetcher_;
  std::string secret_;
  VerifyOptions options_;
};

}  // namespace cove::domains
