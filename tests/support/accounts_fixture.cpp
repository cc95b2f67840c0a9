#include "support/accounts_fixture.hpp"

#include "core/ids.hpp"
#include "core/jwt.hpp"
#include "core/password.hpp"

namespace cove::test {

std::string access_token_for(TestServer& server, const std::string& user_id) {
  auto& app = server.app();
  const auto now_ms = app.clock().unix_millis();
  const auto session_id = core::new_id("ses");
  app.db().write([&](core::Tx& tx) {
    auto& st = tx.prepare(
        "INSERT INTO sessions(id, user_id, created_ms, last_used_ms, expires_ms, ip, user_agent) "
        "VALUES(?, ?, ?, ?, ?, '127.0.0.1', 'test-fixture')");
    st.bind(1, session_id);
    st.bind(2, user_id);
    st.bind(3, now_ms);
    st.bind(4, now_ms);
    st.bind(5, static_cast<std::int64_t>(now_ms + 24 * 3600 * 1000));
    st.exec();
  });
  const auto now_s = now_ms / 1000;
  return core::jwt::sign({{"sub", user_id}, {"sid", session_id}, {"typ", "access"}, {"iat", now_s}, {"exp", now_s + 3600}},
                         app.secrets().random_key("jwt-hs256.key"));
}

TestUser create_user(TestServer& server, const std::string& email, const std::string& password,
                     const std::string& platform_role) {
  auto& app = server.app();
  TestUser u{core::new_id("usr"), email, password, {}};
  const auto hash = core::password::hash(password, {.log_n = static_cast<int>(app.config().integer("security.passwordHashLogN"))});
  const auto now_ms = app.clock().unix_millis();
  app.db().write([&](core::Tx& tx) {
    auto& st = tx.prepare(
        "INSERT INTO users(id, email, name, password_hash, password_changed_ms, platform_role, created_ms, updated_ms) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, u.id);
    st.bind(2, email);
    st.bind(3, email.substr(0, email.find('@')));
    st.bind(4, hash);
    st.bind(5, now_ms);
    st.bind(6, platform_role);
    st.bind(7, now_ms);
    st.bind(8, now_ms);
    st.exec();
    auto& h = tx.prepare("INSERT INTO password_history(user_id, password_hash, created_ms) VALUES(?, ?, ?)");
    h.bind(1, u.id);
    h.bind(2, hash);
    h.bind(3, now_ms);
    h.exec();
  });
  u.token = access_token_for(server, u.id);
  return u;
}

std::string create_org(TestServer& server, const std::string& name, const std::string& status) {
  auto& app = server.app();
  const auto id = core::new_id("org");
  const auto now_ms = app.clock().unix_millis();
  app.db().write([&](core::Tx& tx) {
    auto& st = tx.prepare(
        "INSERT INTO orgs(id, name, license_no, contact_name, contact_email, contact_phone, status, created_ms, "
        "updated_ms) VALUES(?, ?, ?, 'Contact', 'contact@example.com', '+86 10 1234 5678', ?, ?, ?)");
    st.bind(1, id);
    st.bind(2, name);
    st.bind(3, "LIC-" + id);
    st.bind(4, status);
    st.bind(5, now_ms);
    st.bind(6, now_ms);
    st.exec();
  });
  return id;
}

void add_member(TestServer& server, const std::string& org_id, const std::string& user_id, const std::string& role) {
  auto& app = server.app();
  app.db().write([&](core::Tx& tx) {
    auto& st = tx.prepare("INSERT INTO org_members(org_id, user_id, role, created_ms) VALUES(?, ?, ?, ?)");
    st.bind(1, org_id);
    st.bind(2, user_id);
    st.bind(3, role);
    st.bind(4, app.clock().unix_millis());
    st.exec();
  });
}

http::Headers bearer(const std::string& token) {
  http::Headers h;
  h.set("Authorization", "Bearer " + token);
  return h;
}

http::Headers bearer_json(const std::string& token) {
  auto h = bearer(token);
  h.set("Content-Type", "application/json");
  return h;
}

}  // namespace cove::test
