#pragma once
// A mini-program's declared domains (issue 15): read, and replace all five lists at once under
// an ETag so two editors cannot overwrite each other. Every entry is checked by the domain rules
// (domain_name.hpp), the platform blocklist and the per-list limit; a refusal is a field error at
// the entry's path (`request[2]`), and nothing is written unless every entry passes.
#include <functional>
#include <optional>
#include <string>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/error.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/domains/domain_set_model.hpp"
#include "modules/domains/effective_lists.hpp"

namespace cove::domains {

// The lists as sent, per kind (kKinds order); an absent kind is an empty list.
using RawLists = std::array<std::vector<std::string>, kKinds.size()>;

// Whether an organisation verified a business domain (the verification service answers).
using VerifiedCheck = std::function<bool(core::Conn& c, const std::string& org_id, const std::string& host)>;

// Whether the If-Match header value names `etag` (a list of strong ETags, or `*`).
bool if_match_satisfied(std::string_view header, std::string_view etag);

class DomainService {
 public:
  DomainService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, const apps::AppsApi& apps,
                const accounts::Quotas& quotas, DomainPolicy policy)
      : db_(db), changes_(changes), clock_(clock), apps_(apps), quotas_(quotas), policy_(policy) {}

  // Until set, every business domain counts as verified.
  void set_verified_check(VerifiedCheck check) { verified_ = std::move(check); }

  DomainSet get(const std::string& org_id, const std::string& app_id) const;
  // Replaces the lists when `if_match` names the current ETag: 428 domains.precondition_required
  // without it, 412 domains.etag_mismatch (details.etag: the current one) when another edit came
  // first. Duplicates (after normalisation) are dropped; an unchanged set keeps its revision.
  // `errors`: what the caller found wrong with the request's shape, reported with the rules'.
  DomainSet replace(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                    const RawLists& raw, const std::optional<std::string>& if_match,
                    core::FieldErrors errors = {});

  DomainLists effective(core::Conn& c, const std::string& org_id, const std::string& app_id) const;
  bool verified(core::Conn& c, const std::string& org_id, const std::string& host) const {
    return !verified_ || verified_(c, org_id, host);
  }
  const DomainPolicy& policy() const { return policy_; }

 private:
  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const apps::AppsApi& apps_;
  const accounts::Quotas& quotas_;
  DomainPolicy policy_;
  VerifiedCheck verified_;
};

}  // namespace cove::domains
