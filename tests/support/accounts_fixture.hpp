#pragma once
// Test fixtures for anything behind sign-in: users, organisations, memberships and access
// tokens created directly in the database (fast set-up), so each test exercises only the
// behaviour it is about through the API. Tokens have the exact shape the auth service issues:
// HS256 JWT {sub, sid, typ:"access", iat, exp} backed by a row in `sessions`.
#include <string>

#include "http/types.hpp"
#include "support/test_server.hpp"

namespace cove::test {

struct TestUser {
  std::string id;
  std::string email;
  std::string password;
  std::string token;  // a valid access token (session created by the fixture)
};

// A user with a scrypt-hashed password (cost from the server's config) and an access token.
TestUser create_user(TestServer& server, const std::string& email, const std::string& password = "Correct-Horse-9",
                     const std::string& platform_role = "");
// An organisation owned by nobody yet; status pending | active | rejected | suspended.
std::string create_org(TestServer& server, const std::string& name, const std::string& status = "active");
void add_member(TestServer& server, const std::string& org_id, const std::string& user_id, const std::string& role);
// A new session + access token for an existing user.
std::string access_token_for(TestServer& server, const std::string& user_id);

http::Headers bearer(const std::string& token);
http::Headers bearer_json(const std::string& token);

}  // namespace cove::test
