#pragma once
// The cast the organisation tests share: two active organisations (A with one member of each
// role, B with its own owner) and two platform operators, created directly in the database; plus
// small helpers to call the API and read the operation log and the outbox.
#include <string>

#include <nlohmann/json.hpp>

#include "support/accounts_fixture.hpp"
#include "support/scenario.hpp"

namespace cove::test {

struct OrgWorld {
  explicit OrgWorld(TestServerOptions options = {}) : server(std::move(options)) {
    org_a = create_org(server, "Org A");
    org_b = create_org(server, "Org B");
    owner = member(org_a, "owner@a.example", "owner");
    admin = member(org_a, "admin@a.example", "admin");
    developer = member(org_a, "dev@a.example", "developer");
    viewer = member(org_a, "viewer@a.example", "viewer");
    other_owner = member(org_b, "owner@b.example", "owner");
    operator_admin = create_user(server, "ops@platform.example", "Correct-Horse-9", "platform_admin");
    reviewer = create_user(server, "reviewer@platform.example", "Correct-Horse-9", "platform_reviewer");
  }

  TestUser member(const std::string& org_id, const std::string& email, const std::string& role) {
    auto u = create_user(server, email);
    add_member(server, org_id, u.id, role);
    return u;
  }

  http::ClientResponse call(http::Method method, const std::string& url, const std::string& token,
                            const nlohmann::json& body = nullptr) {
    auto client = server.client();
    const auto headers = token.empty() ? http::Headers{} : bearer_json(token);
    return client.request(method, url, headers, body.is_null() ? std::string() : body.dump());
  }

  // Operation-log rows with this action (and target, when given).
  std::int64_t audit_count(const std::string& action, const std::string& target_id = "") {
    return server.app().db().read([&](core::Conn& c) {
      auto& st = c.prepare("SELECT count(*) FROM audit_log WHERE action = ? AND (? = '' OR target_id = ?)");
      st.bind(1, action);
      st.bind(2, target_id);
      st.bind(3, target_id);
      st.executeStep();
      return st.getColumn(0).getInt64();
    });
  }

  std::int64_t event_count(const std::string& topic) {
    return server.app().db().read([&](core::Conn& c) {
      auto& st = c.prepare("SELECT count(*) FROM outbox WHERE topic = ?");
      st.bind(1, topic);
      st.executeStep();
      return st.getColumn(0).getInt64();
    });
  }

  std::string user_id_of(const std::string& email) {
    return server.app().db().read([&](core::Conn& c) {
      auto& st = c.prepare("SELECT id FROM users WHERE email = ?");
      st.bind(1, email);
      return st.executeStep() ? st.getColumn(0).getString() : std::string();
    });
  }

  std::string org_status(const std::string& org_id) {
    return server.app().db().read([&](core::Conn& c) {
      auto& st = c.prepare("SELECT status FROM orgs WHERE id = ?");
      st.bind(1, org_id);
      return st.executeStep() ? st.getColumn(0).getString() : std::string();
    });
  }

  TestServer server;
  std::string org_a, org_b;
  TestUser owner, admin, developer, viewer, other_owner, operator_admin, reviewer;
};

// A valid registration body; vary the licence number and owner email per organisation.
inline nlohmann::json registration_body(const std::string& license_no = "91310000-MA1FL0001",
                                        const std::string& owner_email = "founder@acme.example") {
  return {{"name", "Acme Mini Programs"},
          {"licenseNo", license_no},
          {"contactName", "Li Lei"},
          {"contactEmail", "contact@acme.example"},
          {"contactPhone", "+86 21 5555 0101"},
          {"owner", {{"email", owner_email}, {"password", "Very-Secret-42"}, {"name", "Li Lei"}}}};
}

inline http::Headers json_only() {
  http::Headers h;
  h.set("Content-Type", "application/json");
  return h;
}

}  // namespace cove::test
