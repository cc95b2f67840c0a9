#pragma once
// Helpers for the sign-in, session and 2FA API tests: signing in through the API, reading the
// refresh cookie, reading the operation log, and servers started with platform security settings.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_server.hpp"

namespace cove::test {

// POST /api/v1/auth/login with {email, password} plus `extra` fields (totp, recoveryCode…).
http::ClientResponse sign_in(TestServer& server, const std::string& email, const std::string& password,
                             const nlohmann::json& extra = nlohmann::json::object());
// The cove_refresh value a response set ("" when it set none or cleared it).
std::string refresh_cookie(const http::ClientResponse& res);
// The whole Set-Cookie header of a response ("" when absent).
std::string set_cookie_header(const http::ClientResponse& res);
// A Cookie header carrying a refresh token.
http::Headers with_refresh_cookie(const std::string& token);

struct AuditRow {
  std::string actor_id;
  std::string action;
  std::string target_type;
  std::string target_id;
  nlohmann::json after;
};
// Operation-log entries with this action, oldest first.
std::vector<AuditRow> audit_rows(TestServer& server, const std::string& action);
// Every text column of the whole operation log, for "this secret never appears" checks.
std::string audit_dump(TestServer& server);

// A server whose platform security settings start as `security` (merged over the defaults):
// the settings are written to a fresh data directory, then the server is started on it.
class ServerWithSettings {
 public:
  explicit ServerWithSettings(const nlohmann::json& security, const core::Clock* clock = nullptr);
  TestServer& operator*() { return *server_; }
  TestServer* operator->() { return server_.get(); }

 private:
  TempDir dir_;
  std::unique_ptr<TestServer> server_;
};

}  // namespace cove::test
