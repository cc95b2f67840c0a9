#include "modules/accounts/identity.hpp"

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/cidr.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/jwt.hpp"
#include "core/log.hpp"
#include "modules/accounts/permissions.hpp"

namespace cove::accounts {

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
// last_used_* on API keys is written at most this often per key: a CI burst is one write.
constexpr std::int64_t kKeyUseWriteIntervalMs = 60 * 1000;

std::optional<std::string_view> bearer_token(const http::Request& req) {
  const auto auth = req.headers.get("Authorization");
  if (!auth || auth->size() < 8 || !http::iequals(auth->substr(0, 7), "Bearer ")) return std::nullopt;
  auto token = auth->substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  if (token.empty() || token.size() > 4096) return std::nullopt;
  return token;
}

core::Principal::Kind kind_of(const core::Principal& p) { return p.kind; }

}  // namespace

Identity::Identity(core::Db& db, const core::Clock& clock, SettingsService& settings,
                   const modules::PermissionRegistry& permissions, const modules::OrgResolverRegistry& resolvers,
                   std::string jwt_key)
    : db_(db),
      clock_(clock),
      settings_(settings),
      jwt_key_(std::move(jwt_key)),
      permissions_(permissions),
      resolvers_(resolvers),
      users_(db),
      keys_(db) {}

void Identity::identify(http::Request& req) {
  const auto token = bearer_token(req);
  if (!token) return;
  std::shared_ptr<const core::Principal> p;
  if (token->starts_with(kApiKeyPrefix)) {
    p = from_api_key(*token, req.remote_ip);
  } else {
    p = from_access_token(*token);
  }
  if (p) req.principal = std::move(p);
}

std::shared_ptr<const core::Principal> Identity::from_access_token(std::string_view token) {
  const auto v = core::jwt::verify(token, jwt_key_, clock_.unix_seconds());
  if (!v.ok()) return nullptr;
  const auto& c = v.claims;
  // Every access token belongs to a session, so revoking the session revokes the token: an empty
  // `sid` must not skip that check.
  if (!c.contains("sub") || !c["sub"].is_string() || !c.contains("sid") || !c["sid"].is_string() ||
      c["sid"].get_ref<const std::string&>().empty() || c.value("typ", "") != "access") {
    return nullptr;
  }
  const auto user_id = c["sub"].get<std::string>();
  const auto session_id = c["sid"].get<std::string>();
  const auto now = clock_.unix_millis();
  const auto security = settings_.security();
  // Ids are ours (signed into the token), so a separator they never contain keeps keys apart.
  const auto cache_key = session_id + '\n' + user_id;
  if (auto hit = users_.get(cache_key, security, now)) return *hit;
  const auto generation = users_.generation();
  auto valid_until = std::numeric_limits<std::int64_t>::max();
  auto p = load_user_at(user_id, session_id, *security, now, valid_until);
  if (p) users_.put(cache_key, p, generation, security, now, valid_until);
  return p;
}

std::shared_ptr<const core::Principal> Identity::load_user_at(const std::string& user_id,
                                                              const std::string& session_id,
                                                              const SecuritySettings& security,
                                                              std::int64_t now,
                                                              std::int64_t& valid_until_ms) {
  return db_.read([&](core::Conn& c) -> std::shared_ptr<const core::Principal> {
    auto& s = c.prepare(
        "SELECT expires_ms FROM sessions WHERE id = ? AND user_id = ? AND revoked_ms IS NULL AND "
        "expires_ms > ?");
    s.bind(1, session_id);
    s.bind(2, user_id);
    s.bind(3, now);
    if (!s.executeStep()) return nullptr;
    valid_until_ms = std::min(valid_until_ms, s.getColumn(0).getInt64());
    auto& u = c.prepare(
        "SELECT name, platform_role, status, must_change_password, password_changed_ms, totp_secret IS NOT NULL "
        "FROM users WHERE id = ?");
    u.bind(1, user_id);
    if (!u.executeStep()) return nullptr;
    if (u.getColumn(2).getString() != "active") return nullptr;

    auto p = std::make_shared<core::Principal>();
    p->kind = core::Principal::Kind::kUser;
    p->id = user_id;
    p->name = u.getColumn(0).getString();
    p->platform_role = u.getColumn(1).getString();
    p->session_id = session_id;
    const bool must_change = u.getColumn(3).getInt() != 0;
    const auto changed_ms = u.getColumn(4).getInt64();
    const bool has_2fa = u.getColumn(5).getInt() != 0;
    if (!p->platform_role.empty()) {
      const auto& perms = permissions_.platform_role(p->platform_role);
      p->platform_permissions.insert(perms.begin(), perms.end());
    }

    bool org_requires_2fa = false;
    auto& m = c.prepare(
        "SELECT m.org_id, m.role, o.status, o.require_2fa OR o.require_2fa_imposed_by IS NOT NULL "
        "FROM org_members m JOIN orgs o ON o.id = m.org_id "
        "WHERE m.user_id = ?");
    m.bind(1, user_id);
    while (m.executeStep()) {
      const auto org_id = m.getColumn(0).getString();
      const auto role = m.getColumn(1).getString();
      const auto status = m.getColumn(2).getString();
      const bool active = status == "active";
      const auto& perms = active                                         ? permissions_.org_role(role)
                          : (status == "pending" && role == "owner") ? pending_owner_permissions()
                                                                     : inactive_org_permissions();
      p->org_permissions[org_id].insert(perms.begin(), perms.end());
      if (active && m.getColumn(3).getInt() != 0) org_requires_2fa = true;
    }

    bool expired = false;
    if (security.password_expiry_days > 0) {
      const auto expires_ms = changed_ms + security.password_expiry_days * kDayMs;
      expired = expires_ms < now;
      if (!expired) valid_until_ms = std::min(valid_until_ms, expires_ms + 1);  // the restriction starts then
    }
    if (must_change || expired) {
      p->restriction = "auth.password_change_required";
    } else if (!has_2fa &&
               (org_requires_2fa || (!p->platform_role.empty() && security.require_2fa_operators))) {
      p->restriction = "auth.2fa_enrollment_required";
    }
    return p;
  });
}

std::optional<Identity::KeyGrant> Identity::load_key(const std::string& secret_hash, std::int64_t now,
                                                     std::int64_t& valid_until_ms) {
  struct KeyRow {
    std::string id, org_id, name, scopes, allowed_ips, org_status, creator_role;
    std::int64_t expires_ms = 0;
    std::optional<std::int64_t> grace_until_ms;  // set when the token is the rotated-out secret
  };
  auto row = db_.read([&](core::Conn& c) -> std::optional<KeyRow> {
    auto& st = c.prepare(
        "SELECT k.id, k.org_id, k.name, k.scopes, k.allowed_ips, o.status, "
        "COALESCE((SELECT m.role FROM org_members m JOIN users u ON u.id = m.user_id "
        "WHERE m.org_id = k.org_id AND m.user_id = k.created_by AND u.status = 'active'), ''), "
        "k.expires_ms, k.secret_hash = ?1, k.previous_until_ms "
        "FROM api_keys k JOIN orgs o ON o.id = k.org_id "
        "WHERE (k.secret_hash = ?1 OR (k.previous_hash = ?1 AND k.previous_until_ms > ?2)) "
        "AND k.revoked_ms IS NULL AND k.expires_ms > ?2");
    st.bind(1, secret_hash);
    st.bind(2, now);
    if (!st.executeStep()) return std::nullopt;
    KeyRow r;
    r.id = st.getColumn(0).getString();
    r.org_id = st.getColumn(1).getString();
    r.name = st.getColumn(2).getString();
    r.scopes = st.getColumn(3).getString();
    r.allowed_ips = st.getColumn(4).getString();
    r.org_status = st.getColumn(5).getString();
    r.creator_role = st.getColumn(6).getString();
    r.expires_ms = st.getColumn(7).getInt64();
    if (st.getColumn(8).getInt() == 0) r.grace_until_ms = st.getColumn(9).getInt64();
    return r;
  });
  if (!row) return std::nullopt;
  valid_until_ms = std::min(valid_until_ms, row->expires_ms);
  if (row->grace_until_ms) valid_until_ms = std::min(valid_until_ms, *row->grace_until_ms);

  KeyGrant grant;
  const auto allowed = nlohmann::json::parse(row->allowed_ips, nullptr, false);
  if (allowed.is_array() && !allowed.empty()) {
    // Entries that do not parse match no one; a list of only such entries admits no one.
    grant.ip_restricted = true;
    for (const auto& entry : allowed) {
      if (!entry.is_string()) continue;
      if (auto range = core::CidrRange::parse(entry.get<std::string>())) grant.allowed.push_back(*range);
    }
  }

  auto p = std::make_shared<core::Principal>();
  p->kind = core::Principal::Kind::kApiKey;
  p->id = row->id;
  p->name = row->name;
  p->key_org_id = row->org_id;
  auto& perms = p->org_permissions[row->org_id];
  if (row->org_status == "active") {
    // A key never holds more than its creator holds today: demoting, removing or disabling the
    // creator shrinks (or empties) the key's power without anyone having to remember the key.
    const auto& creator = permissions_.org_role(row->creator_role);
    const auto scopes = nlohmann::json::parse(row->scopes, nullptr, false);
    if (scopes.is_array()) {
      for (const auto& s : scopes) {
        if (s.is_string() && creator.contains(s.get<std::string>())) perms.insert(s.get<std::string>());
      }
    }
  }
  grant.principal = std::move(p);
  return grant;
}

std::shared_ptr<const core::Principal> Identity::from_api_key(std::string_view token, const std::string& ip) {
  const auto now = clock_.unix_millis();
  const auto security = settings_.security();
  const auto hash = core::crypto::sha256_hex(token);
  auto grant = keys_.get(hash, security, now);
  if (!grant) {
    const auto generation = keys_.generation();
    auto valid_until = std::numeric_limits<std::int64_t>::max();
    grant = load_key(hash, now, valid_until);
    if (!grant) return nullptr;
    keys_.put(hash, *grant, generation, security, now, valid_until);
  }

  if (grant->ip_restricted) {
    const auto address = core::IpAddress::parse(ip);
    const bool ok = address && std::any_of(grant->allowed.begin(), grant->allowed.end(),
                                           [&](const core::CidrRange& r) { return r.contains(*address); });
    if (!ok) return nullptr;
  }

  std::shared_ptr<http::RateLimiter> limiter;
  {
    std::lock_guard lock(key_state_mutex_);
    const int rate = security->api_key_requests_per_minute;
    if (!key_limiter_ || key_limiter_rate_ != rate) {
      key_limiter_ = std::make_shared<http::RateLimiter>(rate / 60.0, static_cast<double>(rate));
      key_limiter_rate_ = rate;
    }
    limiter = key_limiter_;
  }
  const auto& key_id = grant->principal->id;
  double retry_after = 0;
  if (!limiter->allow(key_id, retry_after)) {
    throw core::Error(429, "rate_limited", "This API key is sending too many requests; retry later",
                      {{"retryAfterSeconds", static_cast<int>(retry_after) + 1}});
  }
  note_key_use(key_id, ip);
  return grant->principal;
}

void Identity::note_key_use(const std::string& key_id, const std::string& ip) {
  const auto now = clock_.unix_millis();
  {
    std::lock_guard lock(key_state_mutex_);
    auto& last = key_last_written_ms_[key_id];
    if (now - last < kKeyUseWriteIntervalMs) return;
    last = now;
  }
  try {
    db_.write([&](core::Tx& tx) {
      auto& st = tx.prepare("UPDATE api_keys SET last_used_ms = ?, last_used_ip = ? WHERE id = ?");
      st.bind(1, now);
      st.bind(2, ip);
      st.bind(3, key_id);
      st.exec();
    });
  } catch (const std::exception& e) {
    // Usage tracking must never fail the request it describes.
    core::log::warn("could not record API key use", {{"key", key_id}, {"error", e.what()}});
  }
}

std::string Identity::resolve_org(http::Request& req) {
  for (const auto& param : req.params) {
    // Named references, not a structured binding: clang before 16 cannot capture those in lambdas.
    const auto& name = param.first;
    const auto& value = param.second;
    if (name == "orgId") {
      const bool exists = db_.read([&](core::Conn& c) {
        auto& st = c.prepare("SELECT 1 FROM orgs WHERE id = ?");
        st.bind(1, value);
        return st.executeStep();
      });
      if (!exists) throw core::Error::not_found("not_found", "No such resource");
      return value;
    }
    if (const auto* resolver = resolvers_.find(name)) {
      auto org = db_.read([&](core::Conn& c) { return (*resolver)(c, value); });
      if (!org) throw core::Error::not_found("not_found", "No such resource");
      return *org;
    }
  }
  throw std::logic_error("route " + (req.route ? req.route->pattern : std::string("?")) +
                         " declares an org permission but names no org or resource with a resolver");
}

void Identity::check_permission(http::Request& req, const std::string& permission) {
  const auto& p = *req.principal;
  if (!p.authenticated()) throw core::Error::unauthorized();
  if (permission == kSelfPermission) {
    if (kind_of(p) != core::Principal::Kind::kUser) {
      throw core::Error::forbidden("This endpoint is for signed-in users, not API keys");
    }
    return;
  }
  if (!p.restriction.empty()) {
    throw core::Error(403, p.restriction,
                      p.restriction == "auth.password_change_required"
                          ? "Change your password before doing anything else"
                          : "Set up two-factor authentication before doing anything else");
  }
  if (modules::PermissionRegistry::is_platform_permission(permission)) {
    if (!p.can(permission)) throw core::Error::forbidden();
    return;
  }
  const auto org_id = resolve_org(req);
  if (p.member_of(org_id)) {
    if (!p.can_in_org(org_id, permission)) throw core::Error::forbidden();
    req.org_id = org_id;
    return;
  }
  // Operators may read any organisation's resources; writes go through /platform routes.
  if (permission.ends_with(":read") && p.can("platform:read")) {
    req.org_id = org_id;
    return;
  }
  throw core::Error::not_found("not_found", "No such resource");
}

}  // namespace cove::accounts
