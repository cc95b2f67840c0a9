// `cove publish` end to end: the real binary against a real server with an API key, as a CI job
// runs it — upload, notes and release in one command, and the server's refusals on stderr.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "review_steps.hpp"
#include "core/crypto.hpp"
#include "support/cove_binary.hpp"

using namespace cove;
using cove::http::Method;

namespace {

std::string api_key(test::World& w, const std::vector<std::string>& scopes) {
  auto& a = w.org("A");
  auto r = w.call(Method::kPost, "/api/v1/orgs/" + a.id + "/api-keys", a.owner().token,
                  {{"name", "ci"}, {"scopes", scopes}});
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json()["secret"].get<std::string>();
}

}  // namespace

TEST_CASE("cove publish uploads, annotates and releases a version", "[cli][publish][e2e]") {
  // `cove publish --release` releases at once: an organisation that may release without review.
  test::World w = test::given() | test::org("A").owner().viewer() | test::self_release() | test::app("Weather");
  const auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto key = api_key(w, {"apps:read", "apps:write", "apps:release"});
  const auto server = fmt::format("http://127.0.0.1:{}", w.server.port());
  const auto package = test::package(w, "1.4.0");

  const auto r = test::run_cove({"publish", "--server", server, "--app", app, "--version", "1.4.0",
                                 "--package", package.string(), "--notes", "Radar maps", "--release"},
                                {{"COVE_TOKEN", key}});
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("id=ver_") != std::string::npos);
  CHECK(r.out.find("sha256=" + core::crypto::sha256_file_hex(package)) != std::string::npos);
  CHECK(r.out.find("status=released") != std::string::npos);
  CHECK(r.err.find(key) == std::string::npos);  // the token is never echoed

  auto version = w.call(Method::kGet, "/api/v1/apps/" + app + "/versions/1.4.0", a.viewer().token);
  REQUIRE(version.status == 200);
  CHECK(version.json()["status"] == "released");
  CHECK(version.json()["changelog"] == "Radar maps");
  CHECK(w.call(Method::kGet, "/api/v1/apps/" + app, a.viewer().token).json()["releasedVersion"] == "1.4.0");

  // Running the same job again is refused by the server, and says why.
  const auto again = test::run_cove(
      {"publish", "--server", server, "--app", app, "--version", "1.4.0", "--package", package.string()},
      {{"COVE_TOKEN", key}});
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("apps.version_exists") != std::string::npos);
}

TEST_CASE("cove publish reports the server's refusals", "[cli][publish][e2e]") {
  // `cove publish --release` releases at once: an organisation that may release without review.
  test::World w = test::given() | test::org("A").owner().viewer() | test::self_release() | test::app("Weather");
  const auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto server = fmt::format("http://127.0.0.1:{}", w.server.port());

  // A key without apps:write may not upload.
  const auto reader = api_key(w, {"apps:read"});
  auto r = test::run_cove({"publish", "--server", server, "--app", app, "--version", "1.0.0", "--package",
                           test::package(w, "1.0.0").string()},
                          {{"COVE_TOKEN", reader}});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("forbidden") != std::string::npos);

  // A file that is not a zip is refused by the package validation.
  const auto writer = api_key(w, {"apps:read", "apps:write"});
  const auto not_zip = w.scratch / "dist.zip";
  std::ofstream(not_zip) << "this is not a zip archive";
  r = test::run_cove(
      {"publish", "--server", server, "--app", app, "--version", "1.0.0", "--package", not_zip.string()},
      {{"COVE_TOKEN", writer}});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("packages.not_a_zip") != std::string::npos);
  CHECK(w.call(Method::kGet, "/api/v1/apps/" + app + "/versions", a.viewer().token).json()["items"].empty());
}

TEST_CASE("cove publish --release submits for review with release on approval where review is required",
          "[cli][publish][e2e]") {
  test::World w = test::given() | test::org("A").owner().viewer() | test::operators() | test::app("Weather");
  const auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto key = api_key(w, {"apps:read", "apps:write", "apps:release"});
  const auto server = fmt::format("http://127.0.0.1:{}", w.server.port());
  const auto package = test::package(w, "2.0.0");

  const auto r = test::run_cove({"publish", "--server", server, "--app", app, "--version", "2.0.0", "--package",
                                 package.string(), "--notes", "Storm alerts", "--release"},
                                {{"COVE_TOKEN", key}});
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("status=in_review") != std::string::npos);
  CHECK(r.out.find("review=rev_") != std::string::npos);
  CHECK(r.err.find("submitted for review") != std::string::npos);

  auto reviews = w.call(Method::kGet, "/api/v1/apps/" + app + "/reviews", a.viewer().token).json();
  REQUIRE(reviews["items"].size() == 1);
  CHECK(reviews["items"][0]["releaseOnApproval"] == true);
  CHECK(reviews["items"][0]["notes"] == "Storm alerts");
  // The reviewer's approval releases it.
  const auto id = reviews["items"][0]["id"].get<std::string>();
  REQUIRE(w.call(Method::kPost, "/api/v1/platform/reviews/" + id + "/approve", w.reviewer().token).status == 200);
  CHECK(w.call(Method::kGet, "/api/v1/apps/" + app, a.viewer().token).json()["releasedVersion"] == "2.0.0");
}
