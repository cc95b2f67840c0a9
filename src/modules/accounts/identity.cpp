#include "modules/accounts/identity.hpp"

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/cidr.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/jwt.hpp"
#include "core/log.hpp"
#include "modules/accounts/api_key_repo.hpp"
#include "modules/accounts/identity_repo.hpp"
#include "modules/accounts/org_repo.hpp"
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

// The answer for a resource the caller may not see as for one that does not exist, so ids cannot
// be probed.
core::Error no_such_resource() { return core::Error::not_found("not_found", "No such resource"); }

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
    const auto session_expiry = identity_repo::live_session_expiry(c, session_id, user_id, now);
    if (!session_expiry) return nullptr;
    valid_until_ms = std::min(valid_until_ms, *session_expiry);
    const auto user = identity_repo::find_user(c, user_id);
    if (!user || user->status != "active") return nullptr;

    auto p = std::make_shared<core::Principal>();
    p->kind = core::Principal::Kind::kUser;
    p->id = user_id;
    p->name = user->name;
    p->platform_role = user->platform_role;
    p->session_id = session_id;
    if (!p->platform_role.empty()) {
      const auto& perms = permissions_.platform_role(p->platform_role);
      p->platform_permissions.insert(perms.begin(), perms.end());
    }

    bool org_requires_2fa = false;
    for (const auto& m : identity_repo::memberships(c, user_id)) {
      const bool active = m.org_status == "active";
      const auto& perms = active                                              ? permissions_.org_role(m.role)
                          // A rejected organisation's owner corrects its data and resubmits.
                          : ((m.org_status == "pending" || m.org_status == "rejected") && m.role == "owner")
                              ? pending_owner_permissions()
                                                                              : inactive_org_permissions();
      p->org_permissions[m.org_id].insert(perms.begin(), perms.end());
      if (active && m.org_requires_2fa) org_requires_2fa = true;
    }

    bool expired = false;
    if (security.password_expiry_days > 0) {
      const auto expires_ms = user->password_changed_ms + security.password_expiry_days * kDayMs;
      expired = expires_ms < now;
      if (!expired) valid_until_ms = std::min(valid_until_ms, expires_ms + 1);  // the restriction starts then
    }
    if (user->must_change_password || expired) {
      p->restriction = "auth.password_change_required";
    } else if (!user->has_2fa &&
               (org_requires_2fa || (!p->platform_role.empty() && security.require_2fa_operators))) {
      p->restriction = "auth.2fa_enrollment_required";
    }
    return p;
  });
}

std::optional<Identity::KeyGrant> Identity::load_key(const std::string& secret_hash, std::int64_t now,
                                                     std::int64_t& valid_until_ms) {
  const auto row = db_.read([&](core::Conn& c) { return identity_repo::find_key(c, secret_hash, now); });
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
    db_.write([&](core::Tx& tx) { api_key_repo::record_use(tx, key_id, now, ip); });
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
      if (!db_.read([&](core::Conn& c) { return org_repo::exists(c, value); })) throw no_such_resource();
      return value;
    }
    if (const auto* resolver = resolvers_.find(name)) {
      auto org = db_.read([&](core::Conn& c) { return (*resolver)(c, value); });
      if (!org) throw no_such_resource();
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
  throw no_such_resource();
}

}  // namespace cove::accounts
