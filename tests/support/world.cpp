#include "support/world.hpp"

#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <catch2/catch.hpp>

namespace cove::test {

namespace {

template <class Map>
auto& find_or_fail(Map& map, std::string_view key, std::string_view what, std::string_view step) {
  const auto it = map.find(key);
  if (it == map.end()) FAIL("the world has no " << what << " \"" << key << "\": add " << step << " to it");
  return it->second;
}

// The key is copied out of the handle before the handle moves into the map.
template <class Map, class Handle>
auto& insert_or_fail(Map& map, const std::string& key, Handle&& handle, std::string_view what) {
  const auto [it, inserted] = map.emplace(key, std::forward<Handle>(handle));
  if (!inserted) FAIL("the world already has a " << what << " \"" << it->first << "\"");
  return it->second;
}

}  // namespace

TestUser& OrgHandle::member(std::string_view role) {
  return const_cast<TestUser&>(std::as_const(*this).member(role));
}

const TestUser& OrgHandle::member(std::string_view role) const {
  for (const auto& m : members) {
    if (m.role == role) return m.user;
  }
  FAIL("org " << key << " has no " << role << ": add ." << role << "() to its step");
  throw std::logic_error("unreachable");
}

const TestUser& OrgHandle::writer() const {
  for (const auto* role : {"owner", "admin", "developer"}) {
    for (const auto& m : members) {
      if (m.role == role) return m.user;
    }
  }
  FAIL("org " << key << " has no member who may write mini-programs: add .owner() to its step");
  throw std::logic_error("unreachable");
}

World::World(Given given) : server(std::move(given.options_)) {
  for (const auto& step : given.steps_) step(*this);
}

OrgHandle& World::org(std::string_view key) {
  return find_or_fail(orgs_, key, "organisation", "test::org(...)");
}

OrgHandle& World::add_org(OrgHandle org) {
  current_org_ = org.key;
  return insert_or_fail(orgs_, current_org_, std::move(org), "organisation");
}

OrgHandle& World::current_org() {
  if (current_org_.empty()) FAIL("this step acts in an organisation: add test::org(...) before it");
  return org(current_org_);
}

AppHandle& World::app(std::string_view name) {
  return find_or_fail(apps_, name, "mini-program", "test::app(...)");
}

AppHandle& World::add_app(AppHandle app) {
  return insert_or_fail(apps_, app.name, std::move(app), "mini-program");
}

HostAppHandle& World::host_app(std::string_view name) {
  return find_or_fail(host_apps_, name, "host app", "test::host_app(...)");
}

HostAppHandle& World::add_host_app(HostAppHandle host) {
  return insert_or_fail(host_apps_, host.name, std::move(host), "host app");
}

TestUser& World::platform_user(std::string_view role) {
  return find_or_fail(platform_users_, role, "operator with the role", "test::operators()");
}

void World::add_platform_user(std::string role, TestUser user) {
  insert_or_fail(platform_users_, role, std::move(user), "operator with the role");
}

http::ClientResponse World::call(http::Method method, const std::string& url, const std::string& token,
                                 const nlohmann::json& body) {
  const auto headers = token.empty() ? http::Headers{} : bearer_json(token);
  return server.client().request(method, url, headers, body.is_null() ? std::string() : body.dump());
}

std::int64_t World::audit_count(const std::string& action, const std::string& target_id) {
  return server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare("SELECT count(*) FROM audit_log WHERE action = ? AND (? = '' OR target_id = ?)");
    st.bind(1, action);
    st.bind(2, target_id);
    st.bind(3, target_id);
    st.executeStep();
    return st.getColumn(0).getInt64();
  });
}

std::int64_t World::event_count(const std::string& topic) {
  return server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare("SELECT count(*) FROM outbox WHERE topic = ?");
    st.bind(1, topic);
    st.executeStep();
    return st.getColumn(0).getInt64();
  });
}

std::filesystem::path World::scratch_file(std::string_view name) {
  return scratch / fmt::format("{}-{}", ++scratch_files_, name);
}

}  // namespace cove::test
