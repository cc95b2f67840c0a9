#include "modules/accounts/operator_service.hpp"

#include <fmt/format.h>

#include "core/json_input.hpp"
#include "core/log.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/permissions.hpp"
#include "modules/accounts/session_repo.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

namespace {

constexpr std::size_t kMaxEmailChars = 254;  // RFC 5321 path limit

// A deliberately loose shape check (one @, a dot in the domain, no spaces): the address is
// proven by whoever reads mail there, not by a regex.
bool plausible_email(std::string_view email) {
  if (email.empty() || email.size() > kMaxEmailChars) return false;
  const auto at = email.find('@');
  if (at == 0 || at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos)
    return false;
  const auto domain = email.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '.') return false;
  for (unsigned char c : email) {
    if (c <= 0x20 || c == 0x7F) return false;
  }
  return true;
}

using errors::operator_not_found;

core::Error last_admin() {
  return core::Error::conflict("operators.last_admin",
                               "This is the last active platform admin; make someone else an admin first");
}

nlohmann::json role_and_status(const User& u) { return {{"role", u.platform_role}, {"status", u.status}}; }

}  // namespace

std::string describe_error(const core::Error& error) {
  std::string out = error.message();
  if (error.details().contains("fields")) {
    for (const auto& [field, problem] : error.details()["fields"].items()) {
      out += fmt::format("; {}: {}", field, problem.value("message", problem.value("code", "")));
    }
  }
  return out;
}

core::Page<User> OperatorService::list(const std::optional<std::string>& role,
                                        const std::optional<std::string>& status,
                                        const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return user_repo::list_operators(c, role, status, page); });
}

bool OperatorService::has_active_admin() const {
  return db_.read([](core::Conn& c) { return user_repo::count_platform_admins(c) > 0; });
}

CreatedOperator OperatorService::create(const core::Actor& actor, const NewOperator& op) {
  const auto security = settings_.security();
  core::FieldErrors errors;
  if (!plausible_email(op.email))
    errors.add("email", "invalid", "Enter an email address such as ops@example.com");
  if (auto code = core::check_string(op.name, {.min_chars = 1, .max_chars = 100}); !code.empty()) {
    errors.add("name", code, "Enter a name of 1 to 100 characters");
  }
  if (!modules::PermissionRegistry::is_platform_role(op.role))
    errors.add("role", "invalid", "Must be platform_admin or platform_reviewer");
  if (op.password) {
    db_.read([&](core::Conn& c) { check_new_password(c, *security, *op.password, {}, "password", errors); });
  }
  errors.throw_if_any();

  CreatedOperator created;
  if (!op.password) created.temporary_password = generate_temporary_password(*security);
  const auto hash = core::password::hash(op.password ? *op.password : *created.temporary_password, cost_);
  const auto now = clock_.unix_millis();

  User& u = created.user;
  u = new_account(op.email, op.name, hash, now);
  u.must_change_password = op.must_change_password || created.temporary_password.has_value();
  u.platform_role = op.role;
  db_.write([&](core::Tx& tx) {
    if (user_repo::find_by_email(tx, op.email)) {
      throw core::Error::conflict("users.email_taken", "An account with this email address already exists");
    }
    user_repo::insert(tx, u);
    audit_.record(tx, actor,
                  {.action = "operator.created",
                   .target_type = "user",
                   .target_id = u.id,
                   .after = {{"email", u.email}, {"role", u.platform_role}}});
  });
  return created;
}

User OperatorService::update(const core::Actor& actor, const std::string& user_id,
                             const OperatorChange& change) {
  core::FieldErrors errors;
  if (change.role && !modules::PermissionRegistry::is_platform_role(*change.role)) {
    errors.add("role", "invalid", "Must be platform_admin or platform_reviewer");
  }
  if (change.status && *change.status != "active" && *change.status != "disabled") {
    errors.add("status", "invalid", "Must be active or disabled");
  }
  errors.throw_if_any();

  const auto now = clock_.unix_millis();
  return db_.write([&](core::Tx& tx) {
    const auto before = user_repo::find_by_id(tx, user_id);
    if (!before || before->platform_role.empty()) throw operator_not_found();
    User after = *before;
    if (change.role) after.platform_role = *change.role;
    if (change.status) after.status = *change.status;
    const bool was_admin = before->platform_role == "platform_admin" && before->status == "active";
    const bool stays_admin = after.platform_role == "platform_admin" && after.status == "active";
    if (was_admin && !stays_admin && user_repo::count_platform_admins(tx) <= 1) {
      throw last_admin();
    }
    if (after.platform_role != before->platform_role)
      user_repo::set_platform_role(tx, user_id, after.platform_role, now);
    if (after.status != before->status) {
      user_repo::set_status(tx, user_id, after.status, now);
      if (after.status == "disabled") session_repo::revoke_all_for_user(tx, user_id, now, "user_disabled");
    }
    audit_.record(tx, actor,
                  {.action = "operator.updated",
                   .target_type = "user",
                   .target_id = user_id,
                   .before = role_and_status(*before),
                   .after = role_and_status(after)});
    return *user_repo::find_by_id(tx, user_id);
  });
}

void OperatorService::remove(const core::Actor& actor, const std::string& user_id) {
  const auto now = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    const auto before = user_repo::find_by_id(tx, user_id);
    if (!before || before->platform_role.empty()) throw operator_not_found();
    if (before->platform_role == "platform_admin" && before->status == "active" &&
        user_repo::count_platform_admins(tx) <= 1) {
      throw last_admin();
    }
    user_repo::set_platform_role(tx, user_id, "", now);
    audit_.record(tx, actor,
                  {.action = "operator.removed",
                   .target_type = "user",
                   .target_id = user_id,
                   .before = role_and_status(*before)});
  });
}

void ensure_first_operator(OperatorService& operators, SetupLink& setup, const std::string& admin_email,
                           const std::string& admin_password) {
  if (operators.has_active_admin()) return;
  if (admin_email.empty() && admin_password.empty()) {
    // Nobody named in the configuration: whoever reads this log may create the first admin.
    const auto path = fmt::format("/setup#{}", setup.issue());
    core::log::warn("no platform operator exists: open the one-time setup link (this server's address + path) "
                    "to create the first one, or set COVE_ADMIN_EMAIL and COVE_ADMIN_PASSWORD and restart",
                    {{"path", path}});
    return;
  }
  if (admin_email.empty() || admin_password.empty()) {
    const bool half_set = admin_email.empty() != admin_password.empty();
    core::log::warn(
        "no platform operator exists: set both COVE_ADMIN_EMAIL and COVE_ADMIN_PASSWORD (config admin.email "
        "and "
        "admin.password) and restart, or run `cove admin create-operator`",
        {{"missing", half_set ? (admin_email.empty() ? "admin.email" : "admin.password") : "both"}});
    return;
  }
  try {
    const auto created = operators.create(core::Actor::system("config"), {.email = admin_email,
                                                                          .name = "Platform admin",
                                                                          .role = "platform_admin",
                                                                          .password = admin_password,
                                                                          .must_change_password = false});
    core::log::info("first operator created", {{"email", created.user.email}, {"id", created.user.id}});
  } catch (const core::Error& e) {
    // Starting without the operator the configuration asks for would leave nobody able to sign in.
    throw std::runtime_error("cannot create the first operator from admin.email / admin.password: " +
                             describe_error(e));
  }
}

}  // namespace cove::accounts
