#pragma once
// Composable worlds for the API tests. A test lists what it needs, step by step:
//
//   test::World w = test::given()
//                   | test::org("A").owner().developer()
//                   | test::app("Weather").released("1.0.0")
//                   | test::host_app("Super App").serving("Weather");
//
//   w.org("A").developer().token    w.app("Weather").id    w.host_app("Super App").secret
//
// A world is a real server (TestServer: the App `cove serve` builds, on an ephemeral port with a
// fresh data directory). When the world is built its steps run in order, each creating real state
// — through the API where there is one; users, organisations and memberships with the fixtures of
// accounts_fixture.hpp — and recording handles with the ids, tokens and secrets the test needs.
// A step applied to a built world runs at once: `w | test::app("Second").released("2.0.0");`.
//
// A step is any value with `void apply(World&) const`, or any callable taking `World&`. Steps live
// with their module, in tests/api/<module>_steps.hpp (accounts, apps, gray). A module adds its own
// steps there and keeps its handles in `w.state<T>()` (gray_steps.hpp does): nothing in this file
// changes. Organisations, their members, operators, mini-programs and host apps have named slots
// here because every later module builds on them.
#include <concepts>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <typeindex>
#include <typeinfo>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/client.hpp"
#include "support/accounts_fixture.hpp"
#include "support/temp_dir.hpp"
#include "support/test_server.hpp"

namespace cove::test {

class World;

template <class S>
concept StepObject = requires(const S& step, World& world) {
  step.apply(world);
};

template <class S>
concept Step = StepObject<S> || std::invocable<const S&, World&>;

template <Step S>
void apply_step(World& w, const S& step) {
  if constexpr (StepObject<S>) {
    step.apply(w);
  } else {
    step(w);
  }
}

struct OrgMember {
  std::string role;  // owner | admin | developer | viewer
  TestUser user;
};

// An organisation the steps created, under the key the test calls it by ("A").
struct OrgHandle {
  std::string key;
  std::string id;
  std::string name;
  std::vector<OrgMember> members;  // in the order they were added

  // The first member with this role; the test fails, naming the step to add, when there is none.
  TestUser& member(std::string_view role);
  const TestUser& member(std::string_view role) const;
  TestUser& owner() { return member("owner"); }
  TestUser& admin() { return member("admin"); }
  TestUser& developer() { return member("developer"); }
  TestUser& viewer() { return member("viewer"); }
  const TestUser& owner() const { return member("owner"); }
  const TestUser& admin() const { return member("admin"); }
  const TestUser& developer() const { return member("developer"); }
  const TestUser& viewer() const { return member("viewer"); }
  // The member steps act as: the first owner, admin or developer (who may write mini-programs).
  const TestUser& writer() const;
};

// A mini-program, by its name.
struct AppHandle {
  std::string name;
  std::string id;  // app_…
  std::string org_key;
  std::map<std::string, nlohmann::json> versions;  // version → the upload's answer
};

// A host app, by its name, with what its SDK signs requests with.
struct HostAppHandle {
  std::string name;
  std::string id;  // hst_…
  std::string org_key;
  std::string sdk_key;
  std::string secret;
  std::string bundle_id;
};

// What a world is built from: the server's options and the steps, in order.
class Given {
 public:
  explicit Given(TestServerOptions options) : options_(std::move(options)) {}

  template <Step S>
  friend Given operator|(Given given, S step) {
    given.steps_.emplace_back([step = std::move(step)](World& w) { apply_step(w, step); });
    return given;
  }

 private:
  friend class World;
  TestServerOptions options_;
  std::vector<std::function<void(World&)>> steps_;
};

// The start of every world: a server with an empty data directory.
inline Given given(TestServerOptions options = {}) { return Given(std::move(options)); }

class World {
 public:
  // Not explicit, so that `test::World w = test::given() | …;` builds the world in place.
  World(Given given);  // NOLINT(google-explicit-constructor)
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  template <Step S>
  friend World& operator|(World& w, const S& step) {
    apply_step(w, step);
    return w;
  }

  TestServer server;
  TempDir scratch{"cove-world"};  // files the test writes: packages, documents

  OrgHandle& org(std::string_view key);
  OrgHandle& add_org(OrgHandle org);  // it becomes the current organisation
  // The organisation named last: the one steps without an explicit organisation act in.
  OrgHandle& current_org();
  AppHandle& app(std::string_view name);
  AppHandle& add_app(AppHandle app);
  HostAppHandle& host_app(std::string_view name);
  HostAppHandle& add_host_app(HostAppHandle host);
  TestUser& platform_admin() { return platform_user("platform_admin"); }
  TestUser& reviewer() { return platform_user("platform_reviewer"); }
  TestUser& platform_user(std::string_view role);
  void add_platform_user(std::string role, TestUser user);

  // A module's own handles: one T per world, created empty on first use.
  template <class T>
  T& state() {
    auto& slot = states_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_shared<T>();
    return *static_cast<T*>(slot.get());
  }

  // A JSON request (no Authorization header when `token` is empty; no body when `body` is null).
  http::ClientResponse call(http::Method method, const std::string& url, const std::string& token,
                            const nlohmann::json& body = nullptr);
  // Operation-log rows with this action (and target, when given); outbox rows with this topic.
  std::int64_t audit_count(const std::string& action, const std::string& target_id = "");
  std::int64_t event_count(const std::string& topic);
  // A path in `scratch` no other call returned, ending in `name`.
  std::filesystem::path scratch_file(std::string_view name);

 private:
  std::map<std::string, OrgHandle, std::less<>> orgs_;
  std::string current_org_;
  std::map<std::string, AppHandle, std::less<>> apps_;
  std::map<std::string, HostAppHandle, std::less<>> host_apps_;
  std::map<std::string, TestUser, std::less<>> platform_users_;
  std::map<std::type_index, std::shared_ptr<void>> states_;
  int scratch_files_ = 0;
};

}  // namespace cove::test
