#pragma once
// Steps of the apps module — mini-programs with their versions, and host apps with the
// mini-programs they serve — all made through the API as the organisation's writer (its first
// owner, admin or developer); plus helpers to build and upload packages and inspect host apps.
//
//   test::app("Weather").released("1.0.0").uploaded("1.1.0")   in the organisation named last
//   test::app("Tool of B").in("B")
//   test::host_app("Super App").apis({"getWallet"}).serving("Weather", {"getWallet"})
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/sealed_box.hpp"
#include "modules/apps/runtime_view.hpp"
#include "modules/apps/sdk_directory.hpp"
#include "support/accounts_fixture.hpp"
#include "support/world.hpp"
#include "support/zip_builder.hpp"

namespace cove::test {

// Standard base64 (as package signatures are written) decoded.
inline std::string from_base64(std::string s) {
  for (auto& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!s.empty() && s.back() == '=') s.pop_back();
  return core::crypto::from_base64url(s);
}

// A zip with app.json and a page per `version` (so different versions differ), in w.scratch.
inline std::filesystem::path package(World& w, const std::string& version, std::vector<ZipItem> extra = {}) {
  const auto path = w.scratch_file(fmt::format("pkg-{}.zip", version));
  std::vector<ZipItem> items = {
      {"app.json",
       R"({"pages":["pages/index/index","pages/about/about"],"window":{"navigationBarTitleText":"Weather"}})"},
      {"pages/index/index.js", "Page({version: '" + version + "'})"},
      {"pages/about/about.js", "Page({})"}};
  for (auto& e : extra) items.push_back(std::move(e));
  write_zip(path, items);
  return path;
}

inline http::ClientResponse upload(World& w, const std::string& app_id, const std::string& version,
                                   const std::string& token, const std::filesystem::path& file) {
  http::Headers h = token.empty() ? http::Headers{} : bearer(token);
  h.set("Content-Type", "application/zip");
  return w.server.client().upload_file(
      http::Method::kPut, fmt::format("/api/v1/apps/{}/versions/{}/package", app_id, version), h, file);
}

// Uploads a fresh package for `version` and requires success; returns the answer.
inline nlohmann::json upload_ok(World& w, const std::string& app_id, const std::string& version,
                                const std::string& token) {
  auto r = upload(w, app_id, version, token, package(w, version));
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json();
}

inline http::ClientResponse release(World& w, const std::string& app_id, const std::string& version,
                                    const std::string& token) {
  return w.call(http::Method::kPost, fmt::format("/api/v1/apps/{}/versions/{}/release", app_id, version),
                token);
}

// The reviewer the steps approve versions as (created on first use, apart from test::operators()).
struct StepReviewer {
  std::string token;
};

inline const std::string& step_reviewer_token(World& w) {
  auto& r = w.state<StepReviewer>();
  if (r.token.empty())
    r.token = create_user(w.server, "step-reviewer@platform.example", "Correct-Horse-9", "platform_reviewer").token;
  return r.token;
}

// Review is on by default (issue 14): submits the uploaded version, which must pass the
// pre-checks, and approves it as a platform reviewer. Returns the review id.
inline std::string approve_version(World& w, const std::string& app_id, const std::string& version,
                                   const std::string& token) {
  auto submitted =
      w.call(http::Method::kPost, fmt::format("/api/v1/apps/{}/versions/{}/submit", app_id, version), token,
             nlohmann::json::object());
  INFO(submitted.body);
  REQUIRE(submitted.status == 202);
  REQUIRE(submitted.json()["status"] == "in_review");
  const auto review = submitted.json()["reviewId"].get<std::string>();
  auto approved = w.call(http::Method::kPost, "/api/v1/platform/reviews/" + review + "/approve",
                         step_reviewer_token(w), nlohmann::json::object());
  INFO(approved.body);
  REQUIRE(approved.status == 200);
  return review;
}

class AppStep {
 public:
  explicit AppStep(std::string name) : name_(std::move(name)) {}

  // The organisation it belongs to; by default the one named last.
  AppStep& in(std::string org_key) {
    org_key_ = std::move(org_key);
    return *this;
  }
  // A package uploaded as this version (versions are applied in the order given).
  AppStep& uploaded(std::string version) {
    versions_.emplace_back(std::move(version), kUploaded);
    return *this;
  }
  // A package uploaded as this version, submitted, approved by a reviewer and released to everyone.
  AppStep& released(std::string version) {
    versions_.emplace_back(std::move(version), kReleased);
    return *this;
  }
  // A package uploaded as this version, submitted and approved (ready to release or gray-release).
  AppStep& approved(std::string version) {
    versions_.emplace_back(std::move(version), kApproved);
    return *this;
  }

  void apply(World& w) const {
    const auto& org = org_key_.empty() ? w.current_org() : w.org(org_key_);
    const auto& token = org.writer().token;
    auto r =
        w.call(http::Method::kPost, fmt::format("/api/v1/orgs/{}/apps", org.id), token, {{"name", name_}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    AppHandle app{.name = name_, .id = r.json()["appId"].get<std::string>(), .org_key = org.key};
    for (const auto& [version, state] : versions_) {
      app.versions[version] = upload_ok(w, app.id, version, token);
      if (state != kUploaded) approve_version(w, app.id, version, token);
      if (state == kReleased) {
        const auto released = release(w, app.id, version, token);
        INFO(released.body);
        REQUIRE(released.status == 200);
      }
    }
    w.add_app(std::move(app));
  }

 private:
  std::string name_;
  std::string org_key_;
  enum State { kUploaded, kApproved, kReleased };
  std::vector<std::pair<std::string, State>> versions_;
};

// A mini-program named `name` (w.app(name)).
inline AppStep app(std::string name) { return AppStep(std::move(name)); }

// Associates a host app with a mini-program of its organisation, granting `apis`.
inline void associate(World& w, const HostAppHandle& host, const std::string& app_id,
                      const std::vector<std::string>& apis = {}) {
  auto r = w.call(http::Method::kPut, fmt::format("/api/v1/host-apps/{}/apps/{}", host.id, app_id),
                  w.org(host.org_key).writer().token, {{"allowedApis", apis}});
  INFO(r.body);
  REQUIRE(r.status == 200);
}

// Enables or disables a host app (status "active" or "disabled").
inline void set_host_status(World& w, const HostAppHandle& host, const std::string& status) {
  auto r = w.call(http::Method::kPatch, "/api/v1/host-apps/" + host.id, w.org(host.org_key).writer().token,
                  {{"status", status}});
  INFO(r.body);
  REQUIRE(r.status == 200);
}

class HostAppStep {
 public:
  explicit HostAppStep(std::string name) : name_(std::move(name)) {
    bundle_id_ = "com.acme.";
    for (const unsigned char c : name_) {
      if (std::isalnum(c)) bundle_id_ += static_cast<char>(std::tolower(c));
    }
  }

  // Its iOS bundle id; by default com.acme.<its name in lower case, letters and digits only>.
  HostAppStep& bundle(std::string id) {
    bundle_id_ = std::move(id);
    return *this;
  }
  // The custom APIs it defines (associations may grant them).
  HostAppStep& apis(std::vector<std::string> names) {
    apis_ = std::move(names);
    return *this;
  }
  // Associates it with a mini-program the world already has, granting `apis`.
  HostAppStep& serving(std::string app_name, std::vector<std::string> apis = {}) {
    serving_.emplace_back(std::move(app_name), std::move(apis));
    return *this;
  }

  void apply(World& w) const {
    const auto& org = w.current_org();
    auto custom = nlohmann::json::array();
    for (const auto& name : apis_) custom.push_back({{"name", name}});
    auto r = w.call(http::Method::kPost, fmt::format("/api/v1/orgs/{}/host-apps", org.id), org.writer().token,
                    {{"name", name_},
                     {"bundleIds", {{{"platform", "ios"}, {"id", bundle_id_}}}},
                     {"customApis", custom}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    const auto j = r.json();
    const auto& host = w.add_host_app({.name = name_,
                                       .id = j["id"].get<std::string>(),
                                       .org_key = org.key,
                                       .sdk_key = j["sdkKey"].get<std::string>(),
                                       .secret = j["sdkSecret"].get<std::string>(),
                                       .bundle_id = bundle_id_});
    for (const auto& [app_name, granted] : serving_) associate(w, host, w.app(app_name).id, granted);
  }

 private:
  std::string name_;
  std::string bundle_id_;
  std::vector<std::string> apis_;
  std::vector<std::pair<std::string, std::vector<std::string>>> serving_;  // app name, granted APIs
};

// A host app named `name` (w.host_app(name)) of the organisation named last, made through the API
// so its secret is the one the API answered.
inline HostAppStep host_app(std::string name) { return HostAppStep(std::move(name)); }

// --- Host-app helpers for the host-app tests.

inline const nlohmann::json kIosBundle = {{"platform", "ios"}, {"id", "com.example.wallet"}};

inline std::string host_apps_url(const std::string& org_id) {
  return "/api/v1/orgs/" + org_id + "/host-apps";
}
inline std::string host_app_url(const std::string& id) { return "/api/v1/host-apps/" + id; }

// Creates a host app through the API as `as` and returns the 201 body (with the secret); the body
// gets the iOS bundle kIosBundle unless it names bundle ids.
inline nlohmann::json create_host_app(World& w, const TestUser& as, const std::string& org_id,
                                      nlohmann::json body) {
  if (!body.contains("bundleIds")) body["bundleIds"] = nlohmann::json::array({kIosBundle});
  auto r = w.call(http::Method::kPost, host_apps_url(org_id), as.token, body);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json();
}

// Rows of `table` whose text columns contain `needle` anywhere (secrets must never be stored).
inline std::int64_t rows_containing(World& w, const std::string& sql_concat_of_columns,
                                    const std::string& table, const std::string& needle) {
  return w.server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare(
        fmt::format("SELECT count(*) FROM {} WHERE instr({}, ?) > 0", table, sql_concat_of_columns));
    st.bind(1, needle);
    st.executeStep();
    return st.getColumn(0).getInt64();
  });
}

// The host apps the runtime catalog would load (apps_api.hpp).
inline std::vector<apps::RuntimeHostApp> catalog(World& w) {
  return w.server.app().db().read([&](core::Conn& c) { return apps::load_runtime_data(c).host_apps; });
}

// Whether SDK requests of the host app with `sdk_key` are verified with `secret`: the SDK
// directory (sdk_directory.hpp) unseals the stored secret with the module's key from the data
// directory, and its MAC of a probe message must be the MAC `secret` gives.
inline bool signs_with(World& w, const std::string& sdk_key, const std::string& secret) {
  const core::SealedBox sealed(w.server.app().secrets().random_key("sdk-secret-seal.key"));
  const auto directory =
      w.server.app().db().read([&](core::Conn& c) { return apps::load_sdk_directory(c, sealed, {}); });
  const auto it = directory->by_sdk_key.find(sdk_key);
  return it != directory->by_sdk_key.end() &&
         it->second->signing->mac({"probe"}) == core::crypto::HmacSha256Key(secret).mac({"probe"});
}

}  // namespace cove::test
