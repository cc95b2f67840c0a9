#pragma once
// Steps of the review module and helpers for its tests. Review is on by default, so
// test::app(...).released(v) / .approved(v) (apps_steps.hpp) go through submit and approve; these
// steps add what the review tests need:
//
//   test::self_release()                 the organisation named last may release without review
//                                        (an operator's per-organisation override)
//   test::submitted("Weather", "1.1.0")  a submit, pre-checks run; review_id(w, "Weather", "1.1.0")
#include <map>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/accounts_fixture.hpp"
#include "support/world.hpp"

namespace cove::test {

struct ReviewHandles {
  std::map<std::string, std::string> reviews;  // "<app name> <version>" → review id
  std::string admin_token;                      // the steps' platform admin, created on first use
};

inline const std::string& step_admin_token(World& w) {
  auto& h = w.state<ReviewHandles>();
  if (h.admin_token.empty())
    h.admin_token = create_user(w.server, "step-admin@platform.example", "Correct-Horse-9", "platform_admin").token;
  return h.admin_token;
}

inline std::string review_id(World& w, const std::string& app_name, const std::string& version) {
  const auto& reviews = w.state<ReviewHandles>().reviews;
  const auto it = reviews.find(app_name + " " + version);
  if (it == reviews.end()) FAIL("the world has no review of " << app_name << " " << version << ": add test::submitted(...)");
  return it->second;
}

// Sets the organisation's override of "release needs approval" (null follows the platform).
inline void set_review_override(World& w, const std::string& org_id, const nlohmann::json& required) {
  auto r = w.call(http::Method::kPut, fmt::format("/api/v1/platform/orgs/{}/review-policy", org_id),
                  step_admin_token(w), {{"required", required}});
  INFO(r.body);
  REQUIRE(r.status == 200);
}

struct SelfReleaseStep {
  void apply(World& w) const { set_review_override(w, w.current_org().id, false); }
};
// The organisation named last releases without review (a trusted organisation).
inline SelfReleaseStep self_release() { return {}; }

class SubmittedStep {
 public:
  SubmittedStep(std::string app, std::string version, nlohmann::json body)
      : app_(std::move(app)), version_(std::move(version)), body_(std::move(body)) {}
  void apply(World& w) const {
    const auto& app = w.app(app_);
    auto r = w.call(http::Method::kPost, fmt::format("/api/v1/apps/{}/versions/{}/submit", app.id, version_),
                    w.org(app.org_key).writer().token, body_);
    INFO(r.body);
    REQUIRE(r.status == 202);
    w.state<ReviewHandles>().reviews[app_ + " " + version_] = r.json()["reviewId"].get<std::string>();
  }

 private:
  std::string app_, version_;
  nlohmann::json body_;
};
// Submits an uploaded version for review (the pre-checks run before the step returns).
inline SubmittedStep submitted(std::string app, std::string version,
                               nlohmann::json body = nlohmann::json::object()) {
  return {std::move(app), std::move(version), std::move(body)};
}

}  // namespace cove::test
