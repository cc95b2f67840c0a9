#pragma once
// Platform settings with an in-memory snapshot: reads on the request path are an atomic load;
// updates are validated, written with an operation-log entry in one transaction, and the
// snapshot is swapped after commit. Settings changes announce no event (the snapshot is
// in-process), so it takes the operation log alone; `cove admin` builds it without an outbox.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

#include "core/audit_log.hpp"
#include "core/db.hpp"
#include "core/json_input.hpp"
#include "modules/accounts/settings_model.hpp"

namespace cove::accounts {

// The branding images a platform can replace; named as in the API ("logo", "favicon", "loginImage").
enum class BrandingImage { kLogo, kFavicon, kLoginImage };

class SettingsService {
 public:
  SettingsService(core::Db& db, core::AuditLog& audit, const core::Clock& clock);

  std::shared_ptr<const SecuritySettings> security() const { return security_.load(); }
  std::shared_ptr<const QuotaDefaults> quotas() const { return quotas_.load(); }
  std::shared_ptr<const Branding> branding() const { return branding_.load(); }

  // Partial updates: only the fields present change; unknown fields and bad values are a 400.
  SecuritySettings update_security(const core::Actor& actor, core::JsonInput& in);
  // `edit` changes the stored quota document (accounts/quota_service.hpp reads the fields).
  QuotaDefaults update_quotas(const core::Actor& actor, const std::function<void(nlohmann::json&)>& edit);
  Branding update_branding(const core::Actor& actor, core::JsonInput& in);

  // Points a branding image at a stored blob (`sha256` empty = back to the built-in image).
  Branding set_branding_image(const core::Actor& actor, BrandingImage image, const std::string& sha256);


 private:
  void store(core::Tx& tx, const core::Actor& actor, const std::string& key, const nlohmann::json& before,
             const nlohmann::json& after);
  // Loads the stored document `key` inside a write transaction, applies `edit` (which may throw
  // a validation error), stores it with an operation-log entry when it changed, and swaps
  // `snapshot` after the commit.
  template <class T, class FromJson, class Edit>
  T read_modify_write(const core::Actor& actor, const char* key, FromJson from_json,
                      std::atomic<std::shared_ptr<const T>>& snapshot, Edit edit);

  core::Db& db_;
  core::AuditLog& audit_;
  const core::Clock& clock_;
  std::mutex update_mutex_;  // one settings update at a time, so snapshots swap in commit order
  std::atomic<std::shared_ptr<const SecuritySettings>> security_;
  std::atomic<std::shared_ptr<const QuotaDefaults>> quotas_;
  std::atomic<std::shared_ptr<const Branding>> branding_;
};

}  // namespace cove::accounts
