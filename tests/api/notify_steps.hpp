#pragma once
// Steps and helpers of the notify module's tests: an organisation awaiting review (so an
// operator's decision has someone to tell), reading an inbox, and waiting for the outbox.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "accounts_steps.hpp"
#include "support/world.hpp"

namespace cove::test {

// Org <key>, pending review, with owner@, admin@ and dev@<key>.example.
struct PendingOrgStep {
  std::string key;
  void apply(World& w) const {
    const std::string lower = key == "A" ? "a" : key == "B" ? "b" : key;
    OrgHandle org{.key = key, .id = create_org(w.server, "Org " + key, "pending"), .name = "Org " + key};
    for (const std::string role : {"owner", "admin", "developer"}) {
      auto user = create_user(w.server, (role == "developer" ? std::string("dev") : role) + "@" + lower + ".example");
      add_member(w.server, org.id, user.id, role);
      org.members.push_back({role, std::move(user)});
    }
    w.add_org(std::move(org));
  }
};
inline PendingOrgStep pending_org(std::string key) { return {std::move(key)}; }

// Every event committed so far has reached every subscriber (the inbox among them).
inline void settle(World& w) { REQUIRE(w.server.app().events().drain(std::chrono::seconds(10))); }

inline nlohmann::json inbox(World& w, const std::string& token, const std::string& query = "") {
  const auto r = w.call(http::Method::kGet, "/api/v1/me/notifications" + query, token);
  REQUIRE(r.status == 200);
  return r.json();
}

inline std::int64_t unread(World& w, const std::string& token) {
  const auto r = w.call(http::Method::kGet, "/api/v1/me/notifications/unread-count", token);
  REQUIRE(r.status == 200);
  return r.json()["unreadCount"].get<std::int64_t>();
}

inline void approve(World& w, const std::string& org_id) {
  REQUIRE(w.call(http::Method::kPost, "/api/v1/platform/orgs/" + org_id + "/approve", w.platform_admin().token)
              .status == 200);
}

}  // namespace cove::test
