#pragma once
// Platform operators (运营方 staff): platform_admin and platform_reviewer users. Operators manage
// each other; the platform never loses its last active platform_admin (409
// `operators.last_admin`). `cove admin create-operator` builds it without a server, which is
// why it takes the operation log itself: its changes announce no event, and the CLI has no outbox.
#include <optional>
#include <string>
#include <vector>

#include "core/audit_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/error.hpp"
#include "core/password.hpp"
#include "core/page.hpp"
#include "modules/accounts/settings_service.hpp"
#include "modules/accounts/setup_link.hpp"
#include "modules/accounts/user_model.hpp"

namespace cove::accounts {

struct NewOperator {
  std::string email;
  std::string name;
  std::string role = "platform_admin";
  std::optional<std::string> password;  // none: a temporary one is generated
  bool must_change_password = true;     // an initial password someone else chose
};

struct CreatedOperator {
  User user;
  std::optional<std::string> temporary_password;  // when generated; shown once
};

struct OperatorChange {
  std::optional<std::string> role;
  std::optional<std::string> status;  // active | disabled
};

// A core::Error in one line, field errors included ("password: Use at least 10 characters"), for
// messages outside HTTP (start-up, the CLI).
std::string describe_error(const core::Error& error);

class OperatorService {
 public:
  OperatorService(core::Db& db, core::AuditLog& audit, const core::Clock& clock,
                  const SettingsService& settings, core::password::Cost cost)
      : db_(db), audit_(audit), clock_(clock), settings_(settings), cost_(cost) {}

  core::Page<User> list(const std::optional<std::string>& role, const std::optional<std::string>& status,
                         const core::PageRequest& page) const;
  // 400 with field errors (email, name, role, password), 409 `users.email_taken`. Slow (hashing).
  CreatedOperator create(const core::Actor& actor, const NewOperator& op);
  // 404 `operators.not_found` for a user who is not an operator, 400 for bad values, 409
  // `operators.last_admin`. Disabling signs the operator out everywhere.
  User update(const core::Actor& actor, const std::string& user_id, const OperatorChange& change);
  // Takes the operator role away (the account stays, e.g. for its org memberships).
  void remove(const core::Actor& actor, const std::string& user_id);
  bool has_active_admin() const;

 private:
  core::Db& db_;
  core::AuditLog& audit_;
  const core::Clock& clock_;
  const SettingsService& settings_;
  core::password::Cost cost_;
};

// At start: creates the first platform operator from admin.email / admin.password
// (COVE_ADMIN_EMAIL / COVE_ADMIN_PASSWORD) when the platform has none; with neither set, issues
// the setup link and logs it. Throws std::runtime_error when the named operator cannot be created.
void ensure_first_operator(OperatorService& operators, SetupLink& setup, const std::string& admin_email,
                           const std::string& admin_password);

}  // namespace cove::accounts
