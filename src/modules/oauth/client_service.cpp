#include "modules/oauth/client_service.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "modules/oauth/client_repo.hpp"
#include "modules/oauth/oauth_error.hpp"
#include "modules/oauth/scope_catalog.hpp"

namespace cove::oauth {

namespace {

nlohmann::json summary(const Client& c) {
  return {{"enabled", c.enabled}, {"redirectUris", c.redirect_uris}, {"scopes", c.scopes}};
}

// Each code as a literal, so scripts/error_codes.py lists it for the console's translations.
void add_uri_error(core::FieldErrors& errors, const std::string& path, const std::string& code) {
  const char* message = "An absolute https:// URI without a fragment or credentials, at most 512 characters";
  if (code == "https_required") {
    errors.add(path, "https_required", message);
  } else if (code == "fragment_not_allowed") {
    errors.add(path, "fragment_not_allowed", message);
  } else if (code == "credentials_in_url") {
    errors.add(path, "credentials_in_url", message);
  } else if (code == "too_long") {
    errors.add(path, "too_long", message);
  } else {
    errors.add(path, "invalid_url", message);
  }
}

}  // namespace

std::string check_redirect_uri(const std::string& uri) {
  if (uri.size() > kMaxRedirectUriChars) return "too_long";
  constexpr std::string_view kScheme = "https://";
  if (!uri.starts_with(kScheme)) return "https_required";
  if (std::any_of(uri.begin(), uri.end(), [](unsigned char ch) { return ch <= 0x20 || ch >= 0x7f; })) {
    return "invalid_url";
  }
  if (uri.find('#') != std::string::npos) return "fragment_not_allowed";
  const auto authority_end = std::min(uri.find_first_of("/?", kScheme.size()), uri.size());
  const auto authority = std::string_view(uri).substr(kScheme.size(), authority_end - kScheme.size());
  if (authority.empty()) return "invalid_url";
  if (authority.find('@') != std::string_view::npos) return "credentials_in_url";
  return "";
}

Client ClientService::load(core::Conn& c, const std::string& org_id, const std::string& app_id) const {
  if (!apps_.app_exists(c, org_id, app_id)) throw apps::errors::not_found();
  if (auto found = client_repo::find(c, app_id)) return *found;
  Client fresh;
  fresh.app_id = app_id;
  fresh.org_id = org_id;
  return fresh;
}

Client ClientService::get(const std::string& org_id, const std::string& app_id) const {
  return db_.read([&](core::Conn& c) { return load(c, org_id, app_id); });
}

std::int64_t ClientService::active_authorizations(const std::string& app_id) const {
  return db_.read([&](core::Conn& c) { return client_repo::active_authorizations(c, app_id); });
}

Client ClientService::update(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                             const ClientSettings& s) {
  core::FieldErrors errors;
  if (s.redirect_uris.size() > kMaxRedirectUris) {
    errors.add("redirectUris", "too_many", fmt::format("At most {} redirect URIs", kMaxRedirectUris));
  }
  for (std::size_t i = 0; i < s.redirect_uris.size() && i < kMaxRedirectUris; ++i) {
    const auto& uri = s.redirect_uris[i];
    if (const auto code = check_redirect_uri(uri); !code.empty()) {
      add_uri_error(errors, fmt::format("redirectUris[{}]", i), code);
    } else if (std::count(s.redirect_uris.begin(), s.redirect_uris.end(), uri) > 1) {
      errors.add(fmt::format("redirectUris[{}]", i), "duplicate", "Listed twice");
    }
  }
  if (s.enabled && s.redirect_uris.empty()) {
    errors.add("redirectUris", "required", "At least one redirect URI before OAuth is enabled");
  }
  for (std::size_t i = 0; i < s.scopes.size(); ++i) {
    if (find_scope(s.scopes[i]) == nullptr) {
      errors.add(fmt::format("scopes[{}]", i), "unknown_scope",
                 "One of basic, phone, email, tx.sign, tx.broadcast, assets.read, assets.transfer");
    } else if (std::count(s.scopes.begin(), s.scopes.end(), s.scopes[i]) > 1) {
      errors.add(fmt::format("scopes[{}]", i), "duplicate", "Listed twice");
    }
  }
  errors.throw_if_any();
  return db_.write([&](core::Tx& tx) {
    auto client = load(tx, org_id, app_id);
    const auto before = summary(client);
    client.enabled = s.enabled;
    client.redirect_uris = s.redirect_uris;
    client.scopes = s.scopes;
    client.updated_ms = clock_.unix_millis();
    client_repo::upsert(tx, client);
    changes_.record(tx, actor,
                    {.org_id = org_id,
                     .action = "oauth.client_updated",
                     .target_type = "app",
                     .target_id = app_id,
                     .before = before,
                     .after = summary(client)});
    client.stored = true;
    return client;
  });
}

std::string ClientService::rotate_secret(const core::Actor& actor, const std::string& org_id,
                                         const std::string& app_id) {
  const auto secret = "cove_cs_" + core::crypto::base64url(core::crypto::random_bytes(32));
  db_.write([&](core::Tx& tx) {
    auto client = load(tx, org_id, app_id);
    const bool rotated = !client.secret_hash.empty();
    client.secret_hash = core::crypto::sha256_hex(secret);
    client.secret_created_ms = clock_.unix_millis();
    client.updated_ms = client.secret_created_ms;
    client_repo::upsert(tx, client);
    changes_.record(tx, actor,
                    {.org_id = org_id,
                     .action = rotated ? "oauth.secret_rotated" : "oauth.secret_created",
                     .target_type = "app",
                     .target_id = app_id});
  });
  return secret;
}

Client ClientService::get_any(const std::string& app_id) const {
  return db_.read([&](core::Conn& c) {
    const auto subject = apps_.case_subject(c, app_id);
    if (!subject) throw apps::errors::not_found();
    return load(c, subject->org_id, app_id);
  });
}

Client ClientService::set_allowed_scopes(const core::Actor& actor, const std::string& app_id,
                                         const std::vector<std::string>& scopes) {
  core::FieldErrors errors;
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    if (find_scope(scopes[i]) == nullptr) {
      errors.add(fmt::format("scopes[{}]", i), "unknown_scope",
                 "One of basic, phone, email, tx.sign, tx.broadcast, assets.read, assets.transfer");
    } else if (std::count(scopes.begin(), scopes.end(), scopes[i]) > 1) {
      errors.add(fmt::format("scopes[{}]", i), "duplicate", "Listed twice");
    }
  }
  errors.throw_if_any();
  return db_.write([&](core::Tx& tx) {
    const auto subject = apps_.case_subject(tx, app_id);
    if (!subject) throw apps::errors::not_found();
    auto client = load(tx, subject->org_id, app_id);
    const auto before = client.allowed_scopes;
    client.allowed_scopes = scopes;
    client.updated_ms = clock_.unix_millis();
    client_repo::upsert(tx, client);
    changes_.record(tx, actor,
                    {.org_id = subject->org_id,
                     .action = "oauth.scopes_allowed",
                     .target_type = "app",
                     .target_id = app_id,
                     .before = {{"allowedScopes", before}},
                     .after = {{"allowedScopes", scopes}}});
    client.stored = true;
    return client;
  });
}

std::string ClientService::app_name(const std::string& app_id) const {
  return db_.read([&](core::Conn& c) {
    const auto subject = apps_.case_subject(c, app_id);
    return subject ? subject->name : std::string();
  });
}

Client ClientService::authenticate(const std::string& client_id, const std::string& secret) const {
  const auto client = client_id.size() <= 64 ? db_.read([&](core::Conn& c) { return client_repo::find(c, client_id); })
                                             : std::nullopt;
  // Unknown client, no secret yet and a wrong secret read alike, so client ids cannot be probed.
  if (!client || client->secret_hash.empty() ||
      !core::crypto::constant_time_equal(client->secret_hash, core::crypto::sha256_hex(secret))) {
    throw invalid_client("Client authentication failed");
  }
  return *client;
}

}  // namespace cove::oauth
