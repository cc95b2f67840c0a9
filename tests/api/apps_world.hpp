#pragma once
// The cast the apps tests share: OrgWorld (org A with every role, org B, operators) plus helpers
// to create mini-programs, build zip packages and upload them through the API.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "accounts_org_world.hpp"
#include "core/crypto.hpp"
#include "support/temp_dir.hpp"
#include "support/zip_builder.hpp"

namespace cove::test {

// Standard base64 (as package signatures are written) decoded.
inline std::string from_base64(std::string s) {
  for (auto& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!s.empty() && s.back() == '=') s.pop_back();
  return core::crypto::from_base64url(s);
}

struct AppsWorld : OrgWorld {
  explicit AppsWorld(TestServerOptions options = {}) : OrgWorld(std::move(options)), dir("cove-apps-test") {}

  // A mini-program of `org` created through the API by `token`; returns its appId.
  std::string create_app(const std::string& org, const std::string& token,
                         const std::string& name = "Weather") {
    auto r = call(http::Method::kPost, fmt::format("/api/v1/orgs/{}/apps", org), token, {{"name", name}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json()["appId"].get<std::string>();
  }

  // A zip with app.json and a page per `version` (so different versions differ).
  std::filesystem::path package(const std::string& version, std::vector<ZipItem> extra = {}) {
    const auto path = dir / fmt::format("pkg-{}-{}.zip", version, ++counter);
    std::vector<ZipItem> items = {
        {"app.json",
         R"({"pages":["pages/index/index","pages/about/about"],"window":{"navigationBarTitleText":"Weather"}})"},
        {"pages/index/index.js", "Page({version: '" + version + "'})"},
        {"pages/about/about.js", "Page({})"}};
    for (auto& e : extra) items.push_back(std::move(e));
    write_zip(path, items);
    return path;
  }

  http::ClientResponse upload(const std::string& app_id, const std::string& version, const std::string& token,
                              const std::filesystem::path& file) {
    auto client = server.client();
    http::Headers h = token.empty() ? http::Headers{} : bearer(token);
    h.set("Content-Type", "application/zip");
    return client.upload_file(http::Method::kPut,
                              fmt::format("/api/v1/apps/{}/versions/{}/package", app_id, version), h, file);
  }

  // Uploads a fresh package for `version` and requires success.
  nlohmann::json upload_ok(const std::string& app_id, const std::string& version, const std::string& token) {
    auto r = upload(app_id, version, token, package(version));
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json();
  }

  http::ClientResponse release(const std::string& app_id, const std::string& version,
                               const std::string& token) {
    return call(http::Method::kPost, fmt::format("/api/v1/apps/{}/versions/{}/release", app_id, version),
                token);
  }

  TempDir dir;
  int counter = 0;
};

}  // namespace cove::test
