#include "modules/accounts/identity_repo.hpp"

namespace cove::accounts::identity_repo {

void read_row(core::Row& r, UserRow& u) {
  r.read(u.name, u.platform_role, u.status, u.must_change_password, u.password_changed_ms, u.has_2fa);
}

void read_row(core::Row& r, MembershipRow& m) { r.read(m.org_id, m.role, m.org_status, m.org_requires_2fa); }

void read_row(core::Row& r, KeyRow& k) {
  bool current_secret = false;
  std::optional<std::int64_t> previous_until_ms;
  r.read(k.id, k.org_id, k.name, k.scopes, k.allowed_ips, k.org_status, k.creator_role, k.expires_ms,
         current_secret, previous_until_ms);
  if (!current_secret) k.grace_until_ms = previous_until_ms.value_or(0);
}

std::optional<std::int64_t> live_session_expiry(core::Conn& c, const std::string& session_id,
                                                const std::string& user_id, std::int64_t now_ms) {
  return c.query_one<std::int64_t>(
      "SELECT expires_ms FROM sessions WHERE id = ? AND user_id = ? AND revoked_ms IS NULL AND expires_ms > ?",
      session_id, user_id, now_ms);
}

std::optional<UserRow> find_user(core::Conn& c, const std::string& user_id) {
  return c.query_one<UserRow>(
      "SELECT name, platform_role, status, must_change_password, password_changed_ms, totp_secret IS NOT NULL "
      "FROM users WHERE id = ?",
      user_id);
}

std::vector<MembershipRow> memberships(core::Conn& c, const std::string& user_id) {
  return c.query_all<MembershipRow>(
      "SELECT m.org_id, m.role, o.status, o.require_2fa OR o.require_2fa_imposed_by IS NOT NULL "
      "FROM org_members m JOIN orgs o ON o.id = m.org_id "
      "WHERE m.user_id = ?",
      user_id);
}

std::optional<KeyRow> find_key(core::Conn& c, const std::string& secret_hash, std::int64_t now_ms) {
  return c.query_one<KeyRow>(
      "SELECT k.id, k.org_id, k.name, k.scopes, k.allowed_ips, o.status, "
      "COALESCE((SELECT m.role FROM org_members m JOIN users u ON u.id = m.user_id "
      "WHERE m.org_id = k.org_id AND m.user_id = k.created_by AND u.status = 'active'), ''), "
      "k.expires_ms, k.secret_hash = ?1, k.previous_until_ms "
      "FROM api_keys k JOIN orgs o ON o.id = k.org_id "
      "WHERE (k.secret_hash = ?1 OR (k.previous_hash = ?1 AND k.previous_until_ms > ?2)) "
      "AND k.revoked_ms IS NULL AND k.expires_ms > ?2",
      secret_hash, now_ms);
}

}  // namespace cove::accounts::identity_repo
