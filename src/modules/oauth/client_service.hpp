#pragma once
// OAuth client settings of mini-programs (issue 20): the organisation's configuration and secret,
// the operators' allowed scopes, and client authentication for the token endpoints. The client
// secret is 256 random bits shown once; at rest only its SHA-256 is kept — the same as API keys
// (accounts/api_key_service.cpp): a slow password hash adds nothing to a secret that cannot be
// guessed, and would cost every token request tens of milliseconds.
#include <optional>
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/oauth/client_model.hpp"

namespace cove::oauth {

struct ClientSettings {
  bool enabled = false;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> scopes;
};

class ClientService {
 public:
  ClientService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, const apps::AppsApi& apps)
      : db_(db), changes_(changes), clock_(clock), apps_(apps) {}

  // The settings of a mini-program of `org_id` (defaults when never configured); 404 otherwise.
  Client get(const std::string& org_id, const std::string& app_id) const;
  std::int64_t active_authorizations(const std::string& app_id) const;
  Client update(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                const ClientSettings& settings);
  // A new client secret (the previous one stops working at once), in the clear, once.
  std::string rotate_secret(const core::Actor& actor, const std::string& org_id, const std::string& app_id);

  // Operators: what any mini-program may request.
  Client get_any(const std::string& app_id) const;
  Client set_allowed_scopes(const core::Actor& actor, const std::string& app_id, const std::vector<std::string>& scopes);

  // Runtime: the settings of a mini-program this host app runs (404 apps.not_found otherwise).
  template <class F>
  auto with_client_of_host(const std::string& host_app_id, const std::string& app_id, F&& f) const {
    const auto client = db_.read([&](core::Conn& c) {
      const auto subject = apps_.case_subject(c, app_id);
      if (!subject || !apps_.serves(c, host_app_id, app_id)) throw apps::errors::not_found();
      return load(c, subject->org_id, app_id);
    });
    return f(client);
  }
  // A mini-program's name ("" when it is gone), for the user's list of authorizations.
  std::string app_name(const std::string& app_id) const;

  // Token endpoints: the client whose id and secret these are, or OAuthError invalid_client.
  Client authenticate(const std::string& client_id, const std::string& secret) const;

 private:
  Client load(core::Conn& c, const std::string& org_id, const std::string& app_id) const;

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const apps::AppsApi& apps_;
};

// "" when `uri` may be registered, else a field error code: an absolute https URI without a
// fragment or credentials (RFC 6749 §3.1.2, OAuth 2.1 §2.3: compared exactly, character for character).
std::string check_redirect_uri(const std::string& uri);

}  // namespace cove::oauth
