#pragma once
// Steps of the gray module — UID lists and gray plans, made through the API as the organisation's
// writer — and helpers for the gray-release tests. The module keeps its handles in
// w.state<GrayHandles>(), the way any module adds its own to a world:
//
//   test::uid_list("vip", "alice\nbob\n")                          uid_list_id(w, "vip")
//   test::gray_plan("Weather", "1.1.0", rule).priority(1).started()   plan_id(w, "Weather", "1.1.0")
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/world.hpp"

namespace cove::test {

struct GrayHandles {
  std::map<std::string, std::string> uid_lists;  // name → id
  std::map<std::string, std::string> plans;      // "<app name> <version>" → id
};

inline std::string uid_list_id(World& w, const std::string& name) {
  const auto& lists = w.state<GrayHandles>().uid_lists;
  const auto it = lists.find(name);
  if (it == lists.end()) FAIL("the world has no UID list \"" << name << "\": add test::uid_list(...) to it");
  return it->second;
}

inline std::string plan_id(World& w, const std::string& app_name, const std::string& version) {
  const auto& plans = w.state<GrayHandles>().plans;
  const auto it = plans.find(app_name + " " + version);
  if (it == plans.end())
    FAIL("the world has no gray plan for " << app_name << " " << version << ": add test::gray_plan(...)");
  return it->second;
}

// A UID list upload (text/plain unless `type` says otherwise) to `url`.
inline http::ClientResponse upload_list(World& w, http::Method method, const std::string& url,
                                        const std::string& token, const std::string& body,
                                        const std::string& type = "text/plain") {
  http::Headers h = token.empty() ? http::Headers{} : bearer(token);
  h.set("Content-Type", type);
  return w.server.client().request(method, url, h, body);
}

// Creates a UID list through the API and returns its id.
inline std::string create_list(World& w, const std::string& org_id, const std::string& name,
                               const std::string& ids, const std::string& token) {
  auto r = upload_list(w, http::Method::kPost, fmt::format("/api/v1/orgs/{}/uid-lists?name={}", org_id, name),
                       token, ids);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json()["id"].get<std::string>();
}

inline http::ClientResponse create_plan(World& w, const std::string& app_id, const nlohmann::json& body,
                                        const std::string& token) {
  return w.call(http::Method::kPost, fmt::format("/api/v1/apps/{}/gray/plans", app_id), token, body);
}

// Creates a gray plan and requires success; returns its id.
inline std::string plan_ok(World& w, const std::string& app_id, const nlohmann::json& body,
                           const std::string& token) {
  auto r = create_plan(w, app_id, body, token);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json()["id"].get<std::string>();
}

// A state change of a plan: start, pause, resume, complete, rollback.
inline http::ClientResponse act(World& w, const std::string& plan_id, const std::string& action,
                                const std::string& token) {
  return w.call(http::Method::kPost, fmt::format("/api/v1/gray/plans/{}/{}", plan_id, action), token);
}

inline nlohmann::json get_plan(World& w, const std::string& plan_id, const std::string& token) {
  auto r = w.call(http::Method::kGet, fmt::format("/api/v1/gray/plans/{}", plan_id), token);
  REQUIRE(r.status == 200);
  return r.json();
}

// {"groups":[{"conditions":[{attribute, operator, values}]}]}
inline nlohmann::json one_condition(const std::string& attribute, const std::string& op,
                                    std::vector<std::string> values) {
  return {{"groups", {{{"conditions", {{{"attribute", attribute}, {"operator", op}, {"values", values}}}}}}}};
}

class UidListStep {
 public:
  UidListStep(std::string name, std::string ids) : name_(std::move(name)), ids_(std::move(ids)) {}

  void apply(World& w) const {
    const auto& org = w.current_org();
    w.state<GrayHandles>().uid_lists[name_] = create_list(w, org.id, name_, ids_, org.writer().token);
  }

 private:
  std::string name_;
  std::string ids_;
};

// A UID list of the organisation named last, from newline-separated ids.
inline UidListStep uid_list(std::string name, std::string ids) { return {std::move(name), std::move(ids)}; }

class GrayPlanStep {
 public:
  GrayPlanStep(std::string app_name, std::string version, nlohmann::json rule)
      : app_name_(std::move(app_name)), version_(std::move(version)), rule_(std::move(rule)) {}

  GrayPlanStep& priority(int priority) {
    priority_ = priority;
    return *this;
  }
  GrayPlanStep& started() {
    started_ = true;
    return *this;
  }

  void apply(World& w) const {
    const auto& app = w.app(app_name_);
    const auto& token = w.org(app.org_key).writer().token;
    nlohmann::json body = {{"version", version_}, {"rule", rule_}};
    if (priority_) body["priority"] = *priority_;
    const auto id = plan_ok(w, app.id, body, token);
    if (started_) {
      const auto r = act(w, id, "start", token);
      INFO(r.body);
      REQUIRE(r.status == 200);
    }
    w.state<GrayHandles>().plans[app_name_ + " " + version_] = id;
  }

 private:
  std::string app_name_;
  std::string version_;
  nlohmann::json rule_;
  std::optional<int> priority_;
  bool started_ = false;
};

// A gray plan serving `version` of a mini-program the world has to the users `rule` selects.
inline GrayPlanStep gray_plan(std::string app_name, std::string version, nlohmann::json rule) {
  return {std::move(app_name), std::move(version), std::move(rule)};
}

}  // namespace cove::test
