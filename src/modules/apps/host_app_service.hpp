#pragma once
// Host apps of an organisation (宿主 App, 应用管理): create (quota-checked), edit, disable,
// delete, and the SDK credentials.
//
// Credentials: `sdkKey` is a public id (`sdk_` + 22 base62 characters) the SDK sends with every
// runtime request; `sdkSecret` is 256 random bits (`cove_ss_` + base64url) that keys the request
// HMAC. The runtime must recompute that HMAC, so the secret cannot be stored hashed like a
// password or API key: it is sealed (AES-256-GCM, key in data/secrets/) and opened only to build
// the runtime catalog. It is answered once, at creation and at rotation, and never appears in a
// GET, the log, the operation log or an event.
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/principal.hpp"
#include "core/sealed_box.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/host_app_model.hpp"
#include "modules/apps/host_app_repo.hpp"

namespace cove::apps {

// A host app with the secret that was just issued for it.
struct HostAppWithSecret {
  HostApp host_app;
  std::string sdk_secret;
};

class HostAppService {
 public:
  // `sealed` seals SDK secrets at rest (the key the SDK directory opens them with).
  HostAppService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock,
                 const accounts::Quotas& quotas, const core::SealedBox& sealed)
      : db_(db), changes_(changes), clock_(clock), quotas_(quotas), sealed_(sealed) {}

  // 403 quota.exceeded past the organisation's maxHostApps.
  HostAppWithSecret create(const core::Actor& actor, const std::string& org_id, const HostAppFields& fields);
  HostApp get(const std::string& org_id, const std::string& host_app_id) const;  // 404 host_apps.not_found
  core::Page<HostApp> list(const host_app_repo::HostAppFilter& filter,
                            const core::PageRequest& page) const;
  // Replacing the custom API or menu definitions drops the grants that name ones no longer defined.
  HostApp update(const core::Actor& actor, const std::string& org_id, const std::string& host_app_id,
                 const HostAppFields& fields);
  // Removes the host app with its bundle ids and associations.
  void remove(const core::Actor& actor, const std::string& org_id, const std::string& host_app_id);
  // Issues a new secret; the old one stops working as soon as the runtime catalog refreshes. The
  // sdkKey, bundle ids and associations stay as they are.
  HostAppWithSecret rotate_secret(const core::Actor& actor, const std::string& org_id,
                                  const std::string& host_app_id);

 private:
  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const accounts::Quotas& quotas_;
  const core::SealedBox& sealed_;
};

}  // namespace cove::apps
