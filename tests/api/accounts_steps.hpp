#pragma once
// Steps of the accounts module: organisations with their members, and platform operators; plus
// helpers the organisation tests share. Users, organisations and memberships are written with the
// fixtures (accounts_fixture.hpp), so set-up costs no sign-in; the tests drive the API.
//
//   test::org("A").everyone()        Org A (active) with owner@a.example, admin@a.example,
//                                    dev@a.example and viewer@a.example
//   test::org("B").owner()           Org B with owner@b.example
//   test::operators()                ops@platform.example (platform_admin) and
//                                    reviewer@platform.example (platform_reviewer)
#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/accounts_fixture.hpp"
#include "support/world.hpp"

namespace cove::test {

class OrgStep {
 public:
  explicit OrgStep(std::string key) : key_(std::move(key)) {}

  // Members, each with the email <role>@<key>.example ("dev@" for the developer).
  OrgStep& owner() { return member("owner"); }
  OrgStep& admin() { return member("admin"); }
  OrgStep& developer() { return member("developer"); }
  OrgStep& viewer() { return member("viewer"); }
  // One member of each role.
  OrgStep& everyone() { return owner().admin().developer().viewer(); }

  void apply(World& w) const {
    OrgHandle org{.key = key_, .id = create_org(w.server, "Org " + key_), .name = "Org " + key_};
    for (const auto& role : roles_) {
      auto user =
          create_user(w.server, (role == "developer" ? "dev" : role) + "@" + lower(key_) + ".example");
      add_member(w.server, org.id, user.id, role);
      org.members.push_back({role, std::move(user)});
    }
    w.add_org(std::move(org));
  }

 private:
  OrgStep& member(std::string role) {
    roles_.push_back(std::move(role));
    return *this;
  }
  static std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  }

  std::string key_;
  std::vector<std::string> roles_;
};

// An active organisation named "Org <key>"; later steps without an explicit organisation act in it.
inline OrgStep org(std::string key) { return OrgStep(std::move(key)); }

struct OperatorsStep {
  void apply(World& w) const {
    w.add_platform_user("platform_admin",
                        create_user(w.server, "ops@platform.example", "Correct-Horse-9", "platform_admin"));
    w.add_platform_user("platform_reviewer", create_user(w.server, "reviewer@platform.example",
                                                         "Correct-Horse-9", "platform_reviewer"));
  }
};

// A platform admin (w.platform_admin()) and a platform reviewer (w.reviewer()).
inline OperatorsStep operators() { return {}; }

// The user id of an account, "" when there is none.
inline std::string user_id_of(World& w, const std::string& email) {
  return w.server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare("SELECT id FROM users WHERE email = ?");
    st.bind(1, email);
    return st.executeStep() ? st.getColumn(0).getString() : std::string();
  });
}

inline std::string org_status(World& w, const std::string& org_id) {
  return w.server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare("SELECT status FROM orgs WHERE id = ?");
    st.bind(1, org_id);
    return st.executeStep() ? st.getColumn(0).getString() : std::string();
  });
}

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
