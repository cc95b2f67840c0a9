// The authorisation matrix (issue 3): every registered route × every kind of caller, checked
// against the README's "Roles and permissions" tables, written out below. They are deliberately
// not read from modules/accounts/permissions.cpp: expectations taken from the table the server
// enforces would agree with any mistake in it. A third check keeps the README and this copy equal.
//
//  1. Every /api/v1 route is either `.open()` or declares exactly one permission that exists
//     (or "self"); a route that forgets to declare one fails here.
//  2. Each route is called by each caller with its path parameters filled from fixtures in org A.
//     The expected outcome follows from the route's permission alone: 401 "unauthenticated" for
//     guests, 403 "forbidden" for a caller lacking the permission, 404 "not_found" for another
//     tenant, and for a caller holding it anything but 401/403 (an empty body may well be a 400,
//     404 or 409 — the point is authorisation). No request may cause a 5xx. So the scenario tests
//     of each module need no rows that only repeat one of these cells.
//
// Adding a module: when its routes use a new path parameter ({appId}, {hostAppId}, …), add an
// entry to fixtures() that creates one such resource in org A and returns its id.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "modules/accounts/api_key_service.hpp"
#include "modules/accounts/permissions.hpp"
#include "support/accounts_fixture.hpp"
#include "support/raw_socket.hpp"
#include "support/temp_dir.hpp"

using namespace cove;
using cove::http::Method;

namespace {

enum class Caller {
  kAnonymous,
  kOtherOrgOwner,
  kViewer,
  kDeveloper,
  kApiKey,
  kReviewer,
  kAdmin,
  kOwner,
  kPlatformAdmin
};

// In the order the matrix calls them: callers whose requests may succeed (and change state) come
// last, so an earlier success cannot change what a later caller is entitled to.
constexpr Caller kCallers[] = {Caller::kAnonymous, Caller::kOtherOrgOwner, Caller::kViewer,
                               Caller::kDeveloper, Caller::kApiKey,        Caller::kReviewer,
                               Caller::kAdmin,     Caller::kOwner,         Caller::kPlatformAdmin};

std::string_view caller_name(Caller c) {
  switch (c) {
    case Caller::kAnonymous: return "anonymous";
    case Caller::kOtherOrgOwner: return "owner of org B";
    case Caller::kViewer: return "viewer";
    case Caller::kDeveloper: return "developer";
    case Caller::kApiKey: return "API key (all scopes)";
    case Caller::kReviewer: return "platform_reviewer";
    case Caller::kAdmin: return "admin";
    case Caller::kOwner: return "owner";
    case Caller::kPlatformAdmin: return "platform_admin";
  }
  return "?";
}

// The README's tables: permission → the roles that hold it.
const std::map<std::string, std::set<std::string>>& org_grants() {
  static const std::map<std::string, std::set<std::string>> table = {
      {"org:read", {"owner", "admin", "developer", "viewer"}},
      {"org:manage", {"owner", "admin"}},
      {"members:read", {"owner", "admin", "developer", "viewer"}},
      {"members:manage", {"owner", "admin"}},
      {"apps:read", {"owner", "admin", "developer", "viewer"}},
      {"apps:write", {"owner", "admin", "developer"}},
      {"apps:release", {"owner", "admin", "developer"}},
      {"domains:write", {"owner", "admin", "developer"}},
      {"keys:manage", {"owner", "admin"}},
      {"audit:read", {"owner", "admin"}},
      {"webhooks:manage", {"owner", "admin"}},
      {"articles:write", {"owner", "admin", "developer"}},
  };
  return table;
}

const std::map<std::string, std::set<std::string>>& platform_grants() {
  static const std::map<std::string, std::set<std::string>> table = {
      {"platform:read", {"platform_admin", "platform_reviewer"}},
      {"platform:orgs", {"platform_admin"}},
      {"platform:review", {"platform_admin", "platform_reviewer"}},
      {"platform:settings", {"platform_admin"}},
      {"platform:operators", {"platform_admin"}},
      {"platform:audit", {"platform_admin"}},
      {"platform:domains", {"platform_admin"}},
      {"platform:webhooks", {"platform_admin"}},
      {"platform:content", {"platform_admin"}},
  };
  return table;
}

bool granted(const std::map<std::string, std::set<std::string>>& table, const std::string& permission,
             const std::string& role) {
  const auto it = table.find(permission);
  return it != table.end() && it->second.contains(role);
}

// "API-key scopes are a subset of their creator's permissions … never include keys:manage": the
// matrix key holds every other organisation permission.
accounts::PermissionSet key_scopes() {
  accounts::PermissionSet s;
  for (const auto& [permission, roles] : org_grants()) {
    if (permission != "keys:manage") s.insert(permission);
  }
  return s;
}

// What the data directory every route starts from holds.
struct World {
  std::string org_a, org_b;
  std::map<Caller, std::string> credentials;  // bearer token or API key secret
  test::TestUser spare_member;                // a developer of org A who is never a caller
  std::map<std::string, std::string> params;  // path parameter name → fixture value
};

using Fixture = std::function<std::string(test::TestServer&, World&)>;

std::string insert_invitation(test::TestServer& server, const World& w, const std::string& token) {
  const auto id = core::new_id("inv");
  const auto now = server.app().clock().unix_millis();
  server.app().db().write([&](core::Tx& tx) {
    auto& st = tx.prepare(
        "INSERT INTO invitations(id, org_id, email, role, token_hash, invited_by, expires_ms, created_ms) "
        "VALUES(?, ?, ?, 'viewer', ?, ?, ?, ?)");
    st.bind(1, id);
    st.bind(2, w.org_a);
    st.bind(3, "invitee-" + id + "@example.com");
    st.bind(4, core::crypto::sha256_hex(token));
    st.bind(5, w.spare_member.id);
    st.bind(6, static_cast<std::int64_t>(now + 24 * 3600 * 1000));
    st.bind(7, now);
    st.exec();
  });
  return id;
}

// One resource per path parameter name, in org A (or owned by the spare member).
const std::map<std::string, Fixture>& fixtures() {
  static const std::map<std::string, Fixture> table = {
      {"orgId", [](test::TestServer&, World& w) { return w.org_a; }},
      {"userId", [](test::TestServer&, World& w) { return w.spare_member.id; }},
      {"keyId",
       [](test::TestServer& server, World& w) {
         auto r = server.client().post_json("/api/v1/orgs/" + w.org_a + "/api-keys",
                                            {{"name", "fixture"}, {"scopes", {"apps:read"}}},
                                            test::bearer(w.credentials[Caller::kOwner]));
         REQUIRE(r.status == 201);
         return r.json()["id"].get<std::string>();
       }},
      {"invitationId",
       [](test::TestServer& server, World& w) {
         return insert_invitation(server, w, core::crypto::base64url(core::crypto::random_bytes(32)));
       }},
      {"token",
       [](test::TestServer& server, World& w) {
         const auto token = core::crypto::base64url(core::crypto::random_bytes(32));
         insert_invitation(server, w, token);
         return token;
       }},
      {"appId",
       [](test::TestServer& server, World& w) {
         auto r = server.client().post_json("/api/v1/orgs/" + w.org_a + "/apps", {{"name", "Matrix app"}},
                                            test::bearer(w.credentials[Caller::kOwner]));
         REQUIRE(r.status == 201);
         return r.json()["appId"].get<std::string>();
       }},
      // A version number: routes naming one answer the service's own 404 when it does not exist,
      // which is enough to tell authorisation apart.
      {"version", [](test::TestServer&, World&) { return std::string("1.0.0"); }},
      // Anyone's inbox routes answer the service's own 404 (notify.not_found) for an id not theirs.
      {"notificationId", [](test::TestServer&, World&) { return std::string("ntf_matrix"); }},
      {"hostAppId",
       [](test::TestServer& server, World& w) {
         auto r = server.client().post_json(
             "/api/v1/orgs/" + w.org_a + "/host-apps",
             {{"name", "fixture"}, {"bundleIds", {{{"platform", "ios"}, {"id", "com.example.fixture"}}}}},
             test::bearer(w.credentials[Caller::kOwner]));
         REQUIRE(r.status == 201);
         return r.json()["id"].get<std::string>();
       }},
      // A draft gray plan over a version row written directly (the package itself does not matter here).
      {"planId",
       [](test::TestServer& server, World& w) {
         auto r = server.client().post_json("/api/v1/orgs/" + w.org_a + "/apps", {{"name", "Gray fixture"}},
                                            test::bearer(w.credentials[Caller::kOwner]));
         REQUIRE(r.status == 201);
         const auto app = r.json()["appId"].get<std::string>();
         const auto plan = core::new_id("gpl");
         server.app().db().write([&](core::Tx& tx) {
           const auto version = core::new_id("ver");
           auto& v = tx.prepare(
               "INSERT INTO app_versions(id, app_id, org_id, version, major, minor, patch, package_sha256, "
               "package_size, file_count, unpacked_size, status, uploaded_by, created_ms, updated_ms) "
               "VALUES(?, ?, ?, '1.0.0', 1, 0, 0, ?, 1, 1, 1, 'uploaded', 'fixture', 0, 0)");
           v.bind(1, version);
           v.bind(2, app);
           v.bind(3, w.org_a);
           v.bind(4, std::string(64, 'b'));
           v.exec();
           auto& p = tx.prepare(
               "INSERT INTO gray_plans(id, org_id, app_id, version_id, version, rule, priority, status, created_by, "
               "created_ms, updated_ms) VALUES(?, ?, ?, ?, '1.0.0', '{\"groups\":[{}]}', 100, 'draft', 'fixture', 0, 0)");
           p.bind(1, plan);
           p.bind(2, w.org_a);
           p.bind(3, app);
           p.bind(4, version);
           p.exec();
         });
         return plan;
       }},
      {"listId",
       [](test::TestServer& server, World& w) {
         auto headers = test::bearer(w.credentials[Caller::kOwner]);
         headers.set("Content-Type", "text/plain");
         auto r = server.client().request(Method::kPost, "/api/v1/orgs/" + w.org_a + "/uid-lists?name=fixture",
                                          headers, "alice\n");
         REQUIRE(r.status == 201);
         return r.json()["id"].get<std::string>();
       }},
      // A review waiting for a reviewer, over a version row written directly.
      {"reviewId",
       [](test::TestServer& server, World& w) {
         auto r = server.client().post_json("/api/v1/orgs/" + w.org_a + "/apps", {{"name", "Review fixture"}},
                                            test::bearer(w.credentials[Caller::kOwner]));
         REQUIRE(r.status == 201);
         const auto app = r.json()["appId"].get<std::string>();
         const auto review = core::new_id("rev");
         server.app().db().write([&](core::Tx& tx) {
           const auto version = core::new_id("ver");
           tx.exec(
               "INSERT INTO app_versions(id, app_id, org_id, version, major, minor, patch, package_sha256, "
               "package_size, file_count, unpacked_size, status, uploaded_by, created_ms, updated_ms) "
               "VALUES(?, ?, ?, '1.0.0', 1, 0, 0, ?, 1, 1, 1, 'in_review', 'fixture', 0, 0)",
               version, app, w.org_a, std::string(64, 'c'));
           tx.exec(
               "INSERT INTO reviews(id, org_id, app_id, app_name, version_id, version, status, submitted_by, "
               "created_ms, updated_ms) VALUES(?, ?, ?, 'Review fixture', ?, '1.0.0', 'in_review', 'fixture', 0, 0)",
               review, w.org_a, app, version);
         });
         return review;
       }},
      // A violation case of a mini-program of org A, written directly.
      {"caseId",
       [](test::TestServer& server, World& w) {
         auto r = server.client().post_json("/api/v1/orgs/" + w.org_a + "/apps", {{"name", "Case fixture"}},
                                            test::bearer(w.credentials[Caller::kOwner]));
         REQUIRE(r.status == 201);
         const auto app = r.json()["appId"].get<std::string>();
         const auto id = core::new_id("cas");
         server.app().db().write([&](core::Tx& tx) {
           tx.exec(
               "INSERT INTO violation_cases(id, org_id, app_id, app_name, status, report_count, open_reports, "
               "last_report_ms, created_ms, updated_ms) VALUES(?, ?, ?, 'Case fixture', 'open', 1, 1, 0, 0, 0)",
               id, w.org_a, app);
         });
         return id;
       }},
      // An endpoint of org A (an http receiver address nobody listens on: deliveries fail quietly).
      {"webhookId",
       [](test::TestServer& server, World& w) {
         auto r = server.client().post_json("/api/v1/orgs/" + w.org_a + "/webhooks",
                                            {{"url", "https://hooks.example.com/matrix"}, {"events", {"*"}}},
                                            test::bearer(w.credentials[Caller::kOwner]));
         REQUIRE(r.status == 201);
         return r.json()["id"].get<std::string>();
       }},
      {"messageId", [](test::TestServer&, World&) { return std::string("msg_fixture"); }},
      // Platform-wide, read by every signed-in user: unknown ids answer the service's own 404.
      {"announcementId", [](test::TestServer&, World&) { return std::string("ann_fixture"); }},
      // An article of org A (the platform's article routes answer their own 404 for it).
      {"articleId",
       [](test::TestServer& server, World& w) {
         auto r = server.client().post_json("/api/v1/orgs/" + w.org_a + "/articles",
                                            {{"title", "fixture"}, {"body", "b"}, {"category", "news"}},
                                            test::bearer(w.credentials[Caller::kOwner]));
         REQUIRE(r.status == 201);
         return r.json()["id"].get<std::string>();
       }},
      {"uid", [](test::TestServer&, World&) { return std::string("alice"); }},
      // A host name: list entries and business domains answer their own 404 when it is unknown.
      {"host", [](test::TestServer&, World&) { return std::string("fixture.example.com"); }},
      {"certificateId", [](test::TestServer&, World&) { return std::string("crt_fixture"); }},
      // Platform-only: every caller here is refused (401/403) or answered its own 404.
      {"requestId", [](test::TestServer&, World&) { return std::string("csr_fixture"); }},
      // A package hash: the runtime's package route is open (signed by the SDK instead), so any
      // well-formed value shows that no caller reaches a 5xx.
      {"sha256", [](test::TestServer&, World&) { return std::string(64, 'a'); }},
      {"sessionId",
       [](test::TestServer& server, World& w) {
         return server.app().db().read([&](core::Conn& c) {
           auto& st = c.prepare("SELECT id FROM sessions WHERE user_id = ? ORDER BY created_ms DESC LIMIT 1");
           st.bind(1, w.spare_member.id);
           REQUIRE(st.executeStep());
           return st.getColumn(0).getString();
         });
       }},
  };
  return table;
}

std::vector<std::string> param_names(const std::string& pattern) {
  std::vector<std::string> out;
  for (auto open = pattern.find('{'); open != std::string::npos; open = pattern.find('{', open + 1)) {
    out.push_back(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
  }
  return out;
}

std::string fill(const std::string& pattern, const World& w) {
  std::string out = pattern;
  for (const auto& name : param_names(pattern)) {
    const auto placeholder = "{" + name + "}";
    out.replace(out.find(placeholder), placeholder.size(), http::percent_encode(w.params.at(name)));
  }
  return out;
}

enum class Outcome { kAny, kAllowed, kUnauthenticated, kForbidden, kNotFound };

// What the matrix needs of a route; kept apart from RouteInfo, whose handler belongs to the
// server that registered it.
struct RouteUnderTest {
  Method method;
  std::string pattern;
  std::string permission;
  bool is_public;
  bool event_stream = false;
};

// An event stream's answer does not end: read its head (and a refusal's body) over a raw socket
// with Connection: close instead of waiting for the end.
http::ClientResponse stream_request(std::uint16_t port, const std::string& target, const http::Headers& headers) {
  test::RawSocket s(port);
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: matrix.test\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers.items()) request += name + ": " + value + "\r\n";
  REQUIRE(s.send(request + "\r\n"));
  const auto head = s.read_until("\r\n\r\n", std::chrono::seconds(10));
  REQUIRE(head);
  http::ClientResponse r;
  r.status = std::stoi(head->substr(9, 3));
  if (r.status != 200) r.body = s.read_until_close(std::chrono::seconds(10));
  return r;
}

// The permission table's verdict for `caller` on a route declaring `permission` over org A.
Outcome expected(const RouteUnderTest& route, Caller caller) {
  if (route.is_public) return Outcome::kAny;
  const auto& p = route.permission;
  if (caller == Caller::kAnonymous) return Outcome::kUnauthenticated;
  if (p == accounts::kSelfPermission)
    return caller == Caller::kApiKey ? Outcome::kForbidden : Outcome::kAllowed;
  const auto verdict = [](bool allowed) { return allowed ? Outcome::kAllowed : Outcome::kForbidden; };
  if (platform_grants().contains(p)) {
    if (caller == Caller::kReviewer) return verdict(granted(platform_grants(), p, "platform_reviewer"));
    if (caller == Caller::kPlatformAdmin) return verdict(granted(platform_grants(), p, "platform_admin"));
    return Outcome::kForbidden;
  }
  switch (caller) {
    case Caller::kViewer: return verdict(granted(org_grants(), p, "viewer"));
    case Caller::kDeveloper: return verdict(granted(org_grants(), p, "developer"));
    case Caller::kAdmin: return verdict(granted(org_grants(), p, "admin"));
    case Caller::kOwner: return verdict(granted(org_grants(), p, "owner"));
    case Caller::kApiKey: return verdict(key_scopes().contains(p));
    case Caller::kOtherOrgOwner: return Outcome::kNotFound;
    case Caller::kReviewer:
    case Caller::kPlatformAdmin: {
      // Operators read any organisation; they change one only through /platform routes.
      const auto& role = caller == Caller::kReviewer ? "platform_reviewer" : "platform_admin";
      const bool reads = p.ends_with(":read") && granted(platform_grants(), "platform:read", role);
      return reads ? Outcome::kAllowed : Outcome::kNotFound;
    }
    case Caller::kAnonymous: break;
  }
  return Outcome::kAny;
}

std::string describe(Outcome o) {
  switch (o) {
    case Outcome::kAny: return "any status below 500";
    case Outcome::kAllowed:
      return "neither 401 nor 403, nor the permission check's 404 with code \"not_found\" (a service's "
             "own 404 carries its own code, e.g. \"apps.not_found\")";
    case Outcome::kUnauthenticated: return "401 with code \"unauthenticated\"";
    case Outcome::kForbidden: return "403 with code \"forbidden\"";
    case Outcome::kNotFound: return "404 with code \"not_found\"";
  }
  return "?";
}

bool matches(Outcome o, const http::ClientResponse& r) {
  if (r.status >= 500) return false;
  const auto code = [&] {
    const auto j = nlohmann::json::parse(r.body, nullptr, false);
    return j.is_object() && j.contains("code") && j["code"].is_string() ? j["code"].get<std::string>() : "";
  };
  switch (o) {
    case Outcome::kAny: return true;
    // The permission check refuses non-members with code "not_found"; services name theirs
    // ("api_keys.not_found"), so a caller who holds the permission must never see the bare one.
    case Outcome::kAllowed:
      return r.status != 401 && r.status != 403 && !(r.status == 404 && code() == "not_found");
    // The guards' own codes: a refusal is the permission check's, not a service's.
    case Outcome::kUnauthenticated: return r.status == 401 && code() == "unauthenticated";
    case Outcome::kForbidden: return r.status == 403 && code() == "forbidden";
    case Outcome::kNotFound: return r.status == 404 && code() == "not_found";
  }
  return false;
}

// Builds org A with one member of each role, org B, two operators, an API key with every scope a
// key may hold, and one fixture per path parameter the routes use.
World build_world(test::TestServer& server, const std::set<std::string>& params) {
  World w;
  w.org_a = test::create_org(server, "Org A");
  w.org_b = test::create_org(server, "Org B");
  const auto member = [&](const char* email, const char* role, const std::string& org) {
    auto u = test::create_user(server, email);
    test::add_member(server, org, u.id, role);
    return u;
  };
  w.credentials[Caller::kOwner] = member("owner@a.example", "owner", w.org_a).token;
  w.credentials[Caller::kAdmin] = member("admin@a.example", "admin", w.org_a).token;
  w.credentials[Caller::kDeveloper] = member("developer@a.example", "developer", w.org_a).token;
  w.credentials[Caller::kViewer] = member("viewer@a.example", "viewer", w.org_a).token;
  w.credentials[Caller::kOtherOrgOwner] = member("owner@b.example", "owner", w.org_b).token;
  w.credentials[Caller::kReviewer] =
      test::create_user(server, "reviewer@cove.example", "Correct-Horse-9", "platform_reviewer").token;
  w.credentials[Caller::kPlatformAdmin] =
      test::create_user(server, "root@cove.example", "Correct-Horse-9", "platform_admin").token;
  w.spare_member = member("member@a.example", "developer", w.org_a);

  const auto scopes = key_scopes();
  auto r = server.client().post_json(
      "/api/v1/orgs/" + w.org_a + "/api-keys",
      {{"name", "matrix"}, {"scopes", std::vector<std::string>(scopes.begin(), scopes.end())}},
      test::bearer(w.credentials[Caller::kOwner]));
  INFO(r.body);
  REQUIRE(r.status == 201);
  w.credentials[Caller::kApiKey] = r.json()["secret"].get<std::string>();

  for (const auto& name : params) w.params[name] = fixtures().at(name)(server, w);
  return w;
}

}  // namespace

TEST_CASE("every API route declares who may call it", "[api][matrix]") {
  test::TestServer server;
  std::size_t checked = 0;
  for (const auto* route : server.app().router().routes()) {
    if (!route->pattern.starts_with("/api/v1/")) continue;
    ++checked;
    const auto where = std::string(http::method_name(route->method)) + " " + route->pattern;
    if (route->is_public) {
      INFO(where << " is .open() and also declares permission '" << route->permission << "': choose one");
      CHECK(route->permission.empty());
      continue;
    }
    INFO(
        where
        << " must be .open() or declare .permission(...) with a permission from permissions.cpp or \"self\"");
    CHECK(
        (route->permission == accounts::kSelfPermission || server.app().permissions().known(route->permission)));
  }
  CHECK(checked > 0);
}

TEST_CASE("authorisation matrix: every route × every kind of caller", "[api][matrix]") {
  test::TempDir root("cove-matrix");
  const auto template_dir = root / "template";

  std::vector<RouteUnderTest> routes;
  World world;
  {
    test::TestServer server({.data_dir = template_dir});
    std::set<std::string> params;
    for (const auto* route : server.app().router().routes()) {
      routes.push_back({route->method, route->pattern, route->permission, route->is_public, route->event_stream});
      for (const auto& name : param_names(route->pattern)) {
        if (!fixtures().contains(name)) {
          FAIL("route " << http::method_name(route->method) << " " << route->pattern
                        << " uses path parameter {" << name
                        << "}, which has no fixture: add one to fixtures() in "
                        << "tests/api/authorization_matrix_test.cpp (create one such resource in org A)");
        }
        params.insert(name);
      }
    }
    world = build_world(server, params);
  }

  std::size_t cells = 0;
  std::size_t index = 0;
  for (const auto& route : routes) {
    // A fresh copy of the world per route: one route's successful change (a member removed, a
    // key revoked, an org suspended) cannot change what the next route's callers may do.
    std::unique_ptr<test::TestServer> server;
    const auto fresh_server = [&] {
      server.reset();
      const auto dir = root / ("route-" + std::to_string(index++));
      std::filesystem::copy(template_dir, dir, std::filesystem::copy_options::recursive);
      server = std::make_unique<test::TestServer>(test::TestServerOptions{.data_dir = dir});
    };
    fresh_server();
    const auto target = fill(route.pattern, world);
    const bool has_body =
        route.method == Method::kPost || route.method == Method::kPut || route.method == Method::kPatch;
    for (const auto caller : kCallers) {
      http::Headers headers;
      if (caller != Caller::kAnonymous)
        headers.set("Authorization", "Bearer " + world.credentials.at(caller));
      if (has_body) headers.set("Content-Type", "application/json");
      const auto response = route.event_stream
                                ? stream_request(server->port(), target, headers)
                                : server->client().request(route.method, target, headers, has_body ? "{}" : "");
      // A DELETE that succeeded removed the resource its path names; the next caller starts from
      // a fresh copy, or the permission check would answer 404 before asking about permissions.
      if (route.method == Method::kDelete && response.status < 300) fresh_server();
      ++cells;
      const auto want = expected(route, caller);
      if (!matches(want, response)) {
        FAIL_CHECK(http::method_name(route.method)
                   << " " << route.pattern << " (permission '"
                   << (route.is_public ? "open" : route.permission) << "') as " << caller_name(caller)
                   << ": expected " << describe(want) << ", got " << response.status << " "
                   << response.body.substr(0, 300));
      }
    }
  }
  std::cout << "authorisation matrix: " << routes.size() << " routes x " << std::size(kCallers)
            << " callers = " << cells << " requests\n";
  CHECK(cells == routes.size() * std::size(kCallers));
}

// The tables above are the README's, cell for cell: a change to who may do what is a change to
// the documentation, this test and the server together.
TEST_CASE("the matrix's role tables are the README's", "[api][matrix]") {
  std::ifstream in(COVE_SOURCE_DIR "/README.md");
  REQUIRE(in);
  std::map<std::string, std::set<std::string>> readme;
  std::vector<std::string> roles;
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("| permission |") || line.starts_with("| platform permission |")) {
      roles.clear();
      std::stringstream cells(line);
      std::string cell;
      std::getline(cells, cell, '|');  // before the first bar
      std::getline(cells, cell, '|');  // the "permission" heading
      while (std::getline(cells, cell, '|')) {
        const auto trimmed = cell.substr(cell.find_first_not_of(' '), cell.find_last_not_of(' ') - cell.find_first_not_of(' ') + 1);
        roles.push_back(trimmed);
      }
      continue;
    }
    if (roles.empty() || !line.starts_with("| `")) {
      if (!line.starts_with("|")) roles.clear();
      continue;
    }
    const auto name_end = line.find('`', 3);
    const auto permission = line.substr(3, name_end - 3);
    std::stringstream cells(line.substr(line.find('|', name_end)));
    std::string cell;
    std::getline(cells, cell, '|');
    auto& holders = readme[permission];
    for (const auto& role : roles) {
      if (!std::getline(cells, cell, '|')) break;
      if (cell.find("✓") != std::string::npos) holders.insert(role);
    }
  }
  std::map<std::string, std::set<std::string>> mine = org_grants();
  for (const auto& [p, r] : platform_grants()) mine[p] = r;
  CHECK(readme == mine);
}
