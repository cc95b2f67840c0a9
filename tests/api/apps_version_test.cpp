// Versions and code packages through the API: upload (semver rules, zip validation, quota),
// release, rollback, signatures, compare, download with ETag and Range, edit and delete.
#include <fstream>

#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "review_steps.hpp"
#include "core/crypto.hpp"
#include "core/ed25519.hpp"
#include "support/process.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string status_of(test::World& w, const std::string& app, const std::string& version) {
  return w
      .call(Method::kGet, fmt::format("/api/v1/apps/{}/versions/{}", app, version), w.org("A").owner().token)
      .json()["status"]
      .get<std::string>();
}

}  // namespace

TEST_CASE("packages upload as versions with their manifest and hash", "[api][versions]") {
  test::World w = test::given() | test::org("A").owner().developer().viewer() | test::app("Weather");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto pkg = test::package(w, "1.0.0");

  auto bad = test::upload(w, app, "v1.0", a.developer().token, pkg);
  CHECK(bad.status == 400);
  CHECK(bad.body.find(R"("version")") != std::string::npos);
  CHECK(test::upload(w, app, "1.0.0-beta.1", a.developer().token, pkg).status == 400);

  auto r = test::upload(w, app, "1.0.0", a.developer().token, pkg);
  INFO(r.body);
  REQUIRE(r.status == 201);
  const auto v = r.json();
  CHECK(v["id"].get<std::string>().starts_with("ver_"));
  CHECK(v["version"] == "1.0.0");
  CHECK(v["status"] == "uploaded");
  CHECK(v["sha256"] == core::crypto::sha256_file_hex(pkg));
  CHECK(v["size"] == std::filesystem::file_size(pkg));
  CHECK(v["fileCount"] == 3);
  CHECK(v["manifest"]["title"] == "Weather");
  CHECK(v["manifest"]["pages"].size() == 2);
  CHECK(v["signature"].is_null());
  CHECK(r.headers.get("Location") == fmt::format("/api/v1/apps/{}/versions/1.0.0", app));
  CHECK(w.audit_count("version.uploaded") == 1);
  CHECK(w.event_count("version.uploaded") == 1);

  // Versions strictly increase.
  r = test::upload(w, app, "1.0.0", a.developer().token, test::package(w, "1.0.0"));
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "apps.version_exists");
  r = test::upload(w, app, "0.9.9", a.developer().token, test::package(w, "0.9.9"));
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "apps.version_not_increasing");
  CHECK(r.json()["details"]["latest"] == "1.0.0");
  CHECK(test::upload(w, app, "1.0.1", a.developer().token, test::package(w, "1.0.1")).status == 201);
  CHECK(test::upload(w, app, "1.10.0", a.developer().token, test::package(w, "1.10.0")).status == 201);
  CHECK(test::upload(w, app, "1.9.0", a.developer().token, test::package(w, "1.9.0")).status == 409);

  auto list = w.call(Method::kGet, "/api/v1/apps/" + app + "/versions", a.viewer().token);
  REQUIRE(list.status == 200);
  REQUIRE(list.json()["items"].size() == 3);
  CHECK(list.json()["items"][0]["version"] == "1.10.0");
}

TEST_CASE("bad packages are refused and leave nothing behind", "[api][versions][zip]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::app("Weather");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto blobs_before = [&] {
    std::size_t n = 0;
    w.server.app().blobs().for_each([&](const std::string&, std::uint64_t) { ++n; });
    return n;
  };
  const auto start = blobs_before();
  const auto refuse = [&](const std::filesystem::path& file, const std::string& code) {
    auto r = test::upload(w, app, "1.0.0", a.developer().token, file);
    INFO(r.body);
    CHECK(r.status == 400);
    CHECK(r.json()["code"] == code);
  };

  refuse(test::package(w, "1.0.0", {{"../evil.js", "x"}}), "packages.unsafe_path");
  refuse(test::package(w, "1.0.0", {{"/etc/passwd", "x"}}), "packages.unsafe_path");
  // A payload named "pages/index/index.js\0" would replace the reviewed file on extraction.
  const auto nul = test::package(w, "1.0.0", {{"pages/index/index.jsX", "stealCookies()"}});
  test::patch_bytes(nul, "pages/index/index.jsX", std::string("pages/index/index.js\0", 21));
  refuse(nul, "packages.control_character");
  refuse(test::package(w, "1.0.0", {{"pages/index/Index.js", "x"}}), "packages.name_collision");
  refuse(test::package(w, "1.0.0", {{"dev/tty", "", false, false, {}, 0020620}}), "packages.special_file");
  refuse(test::package(w, "1.0.0", {{"caf\xE9.js", "x"}}), "packages.invalid_name_encoding");
  const auto text = w.scratch / "not.zip";
  std::ofstream(text) << "just some text, not a zip at all";
  refuse(text, "packages.not_a_zip");
  const auto good = read_file(test::package(w, "1.0.0"));
  const auto truncated = w.scratch / "truncated.zip";
  std::ofstream(truncated, std::ios::binary) << good.substr(0, good.size() - 30);
  {
    auto r = test::upload(w, app, "1.0.0", a.developer().token, truncated);
    CHECK(r.status == 400);
    const auto code = r.json()["code"].get<std::string>();
    CHECK((code == "packages.not_a_zip" || code == "packages.corrupt"));
  }
  // 64 MiB of zeros deflate to a few dozen KiB: far past the allowed expansion ratio.
  refuse(test::package(w, "1.0.0", {{"bomb.bin", std::string(64 * 1024 * 1024, '\0')}}), "packages.zip_bomb");
  refuse(test::package(w, "1.0.0", {{"app.json", "{not json"}}), "packages.bad_manifest");

  CHECK(blobs_before() == start);
  const auto versions = w.server.app().db().read(
      [&](core::Conn& c) { return c.query_int("SELECT count(*) FROM app_versions"); });
  CHECK(versions == 0);
}

TEST_CASE("the organisation's package quota refuses large packages before reading them",
          "[api][versions][quotas]") {
  test::World w =
      test::given() | test::org("A").owner().developer() | test::operators() | test::app("Weather");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  REQUIRE(w.call(Method::kPut, "/api/v1/platform/orgs/" + a.id + "/quotas", w.platform_admin().token,
                 {{"maxPackageBytes", 1024 * 1024}})
              .status == 200);
  std::string noise(2 * 1024 * 1024, '\0');
  std::uint64_t state = 7;
  for (auto& c : noise) c = static_cast<char>((state = state * 6364136223846793005ull + 1) >> 56);
  auto r = test::upload(w, app, "1.0.0", a.developer().token,
                        test::package(w, "1.0.0", {{"big.bin", noise, false, true}}));
  CHECK(r.status == 413);
  CHECK(r.json()["code"] == "payload_too_large");
  CHECK(r.json()["details"]["limit"] == 1024 * 1024);
}

TEST_CASE("release, supersede and roll back; packages are signed", "[api][versions][release]") {
  // Releasing itself is what this tests: the organisation may release without review.
  test::World w = test::given() | test::org("A").owner().developer() | test::self_release() |
                  test::app("Weather").uploaded("1.0.0").uploaded("1.1.0");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto& v1 = w.app("Weather").versions["1.0.0"];

  CHECK(test::release(w, app, "9.9.9", a.developer().token).status == 404);

  auto r = test::release(w, app, "1.0.0", a.developer().token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "released");
  CHECK(r.json()["releasedAt"].is_string());
  CHECK(w.call(Method::kGet, "/api/v1/apps/" + app, a.owner().token).json()["releasedVersion"] == "1.0.0");
  CHECK(test::release(w, app, "1.0.0", a.developer().token).json()["code"] == "apps.already_released");

  const auto first_signature = r.json()["signature"].get<std::string>();
  // The signature is Ed25519 over the ASCII hex SHA-256, verifiable with the platform's key.
  const auto signature = test::from_base64(first_signature);
  const auto key =
      core::Ed25519Key::from_private_pem(read_file(w.server.data_dir() / "secrets" / "package-signing.pem"));
  CHECK(core::ed25519_verify(key.public_pem(), v1["sha256"].get<std::string>(), signature));
  CHECK_FALSE(core::ed25519_verify(key.public_pem(), std::string(64, '0'), signature));

  REQUIRE(test::release(w, app, "1.1.0", a.developer().token).status == 200);
  CHECK(status_of(w, app, "1.0.0") == "superseded");
  CHECK(test::release(w, app, "1.0.0", a.developer().token).json()["code"] == "apps.use_rollback");

  // Rollback re-releases the earlier version in one call.
  r = w.call(Method::kPost, "/api/v1/apps/" + app + "/versions/1.0.0/rollback", a.developer().token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "released");
  CHECK(r.json()["signature"] == first_signature);  // signed once, at the first release
  CHECK(status_of(w, app, "1.1.0") == "superseded");
  CHECK(w.call(Method::kGet, "/api/v1/apps/" + app, a.owner().token).json()["releasedVersion"] == "1.0.0");
  CHECK(w.audit_count("version.rolled_back") == 1);
  CHECK(w.event_count("version.released") == 3);

  // An uploaded version older than the released one is not released by mistake.
  test::upload_ok(w, app, "1.2.0", a.developer().token);
  test::upload_ok(w, app, "1.3.0", a.developer().token);
  REQUIRE(test::release(w, app, "1.3.0", a.developer().token).status == 200);
  r = test::release(w, app, "1.2.0", a.developer().token);
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "apps.version_older_than_released");
  // Rolling back needs a version that was released before.
  r = w.call(Method::kPost, "/api/v1/apps/" + app + "/versions/1.2.0/rollback", a.developer().token);
  CHECK(r.json()["code"] == "apps.not_rollback_target");
}

TEST_CASE("versions compare file by file and download with ETag and Range", "[api][versions]") {
  test::World w = test::given() | test::org("A").owner().developer().viewer() | test::app("Weather");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto p1 = test::package(w, "1.0.0", {{"old.js", "gone soon"}});
  REQUIRE(test::upload(w, app, "1.0.0", a.developer().token, p1).status == 201);
  REQUIRE(test::upload(w, app, "2.0.0", a.developer().token, test::package(w, "2.0.0", {{"new.js", "fresh"}}))
              .status == 201);

  auto r = w.call(Method::kGet, "/api/v1/apps/" + app + "/compare?from=1.0.0&to=2.0.0", a.viewer().token);
  REQUIRE(r.status == 200);
  const auto files = r.json()["files"];
  REQUIRE(files["added"].size() == 1);
  CHECK(files["added"][0]["path"] == "new.js");
  REQUIRE(files["removed"].size() == 1);
  CHECK(files["removed"][0]["path"] == "old.js");
  REQUIRE(files["changed"].size() == 1);
  CHECK(files["changed"][0]["path"] == "pages/index/index.js");
  CHECK(files["unchanged"] == 2);
  CHECK(r.json()["from"]["version"] == "1.0.0");
  CHECK(w.call(Method::kGet, "/api/v1/apps/" + app + "/compare?from=1.0.0", a.viewer().token).status == 400);
  CHECK(
      w.call(Method::kGet, "/api/v1/apps/" + app + "/compare?from=1.0.0&to=3.0.0", a.viewer().token).status ==
      404);

  auto list = w.call(Method::kGet, "/api/v1/apps/" + app + "/versions/1.0.0/files", a.viewer().token);
  CHECK(list.json()["items"].size() == 4);

  auto client = w.server.client();
  const auto url = "/api/v1/apps/" + app + "/versions/1.0.0/package";
  const auto bytes = read_file(p1);
  auto got = client.request(Method::kGet, url, test::bearer(a.viewer().token));
  REQUIRE(got.status == 200);
  CHECK(got.body == bytes);
  CHECK(got.headers.get("Content-Type") == "application/zip");
  CHECK(std::string(got.headers.get("Content-Disposition").value_or("")).find(app + "-1.0.0.zip") !=
        std::string::npos);
  const auto etag = std::string(*got.headers.get("ETag"));
  CHECK(etag == fmt::format("\"{}\"", core::crypto::sha256_hex(bytes)));

  auto h = test::bearer(a.viewer().token);
  h.set("If-None-Match", etag);
  CHECK(client.request(Method::kGet, url, h).status == 304);
  h = test::bearer(a.viewer().token);
  h.set("Range", "bytes=10-19");
  got = client.request(Method::kGet, url, h);
  CHECK(got.status == 206);
  CHECK(got.body == bytes.substr(10, 10));
  CHECK(got.headers.get("Content-Range") == fmt::format("bytes 10-19/{}", bytes.size()));
  h.set("Range", fmt::format("bytes={}-", bytes.size() + 10));
  CHECK(client.request(Method::kGet, url, h).status == 416);
}

TEST_CASE("version notes and base-library minimum are edited; unreleased versions deleted",
          "[api][versions][base-libraries]") {
  test::World w = test::given() | test::org("A").owner().developer().viewer() | test::operators() |
                  test::self_release() | test::app("Weather").uploaded("1.0.0");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto url = "/api/v1/apps/" + app + "/versions/1.0.0";

  auto r = w.call(Method::kPatch, url, a.developer().token, {{"changelog", "First release\n- forecasts"}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["changelog"] == "First release\n- forecasts");
  r = w.call(Method::kPatch, url, a.developer().token, {{"minBaseLibrary", "2.31.0"}});
  CHECK(r.status == 400);
  CHECK(r.body.find("minBaseLibrary") != std::string::npos);

  // Operators keep the list of base libraries; anyone signed in reads it.
  const auto libs = "/api/v1/platform/base-libraries";
  CHECK(w.call(Method::kPost, libs, w.platform_admin().token, {{"version", "2.31"}}).status == 400);
  REQUIRE(w.call(Method::kPost, libs, w.platform_admin().token, {{"version", "2.31.0"}, {"notes", "LTS"}})
              .status == 201);
  CHECK(w.call(Method::kPost, libs, w.platform_admin().token, {{"version", "2.31.0"}}).status == 409);
  REQUIRE(w.call(Method::kPost, libs, w.platform_admin().token, {{"version", "3.0.0"}}).status == 201);
  auto listed = w.call(Method::kGet, "/api/v1/base-libraries", a.viewer().token);
  REQUIRE(listed.status == 200);
  CHECK(listed.json()["items"][0]["version"] == "3.0.0");

  r = w.call(Method::kPatch, url, a.developer().token, {{"minBaseLibrary", "2.31.0"}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["minBaseLibrary"] == "2.31.0");
  // In use: it can be deprecated, not deleted.
  CHECK(w.call(Method::kDelete, std::string(libs) + "/2.31.0", w.platform_admin().token).status == 409);
  r = w.call(Method::kPatch, std::string(libs) + "/2.31.0", w.platform_admin().token,
             {{"status", "deprecated"}});
  CHECK(r.json()["status"] == "deprecated");
  CHECK(w.call(Method::kDelete, std::string(libs) + "/3.0.0", w.platform_admin().token).status == 204);

  REQUIRE(test::release(w, app, "1.0.0", a.developer().token).status == 200);
  CHECK(w.call(Method::kDelete, url, a.developer().token).status == 409);
  test::upload_ok(w, app, "1.1.0", a.developer().token);
  CHECK(w.call(Method::kDelete, "/api/v1/apps/" + app + "/versions/1.1.0", a.developer().token).status ==
        204);
  CHECK(w.call(Method::kGet, "/api/v1/apps/" + app + "/versions/1.1.0", a.developer().token).status == 404);
}

TEST_CASE("a 200 MB package uploads, validates and is stored with flat memory", "[api][versions][large]") {
  test::World w =
      test::given() | test::org("A").owner().developer() | test::operators() | test::app("Weather");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  REQUIRE(w.call(Method::kPut, "/api/v1/platform/orgs/" + a.id + "/quotas", w.platform_admin().token,
                 {{"maxPackageBytes", 300 * 1024 * 1024}})
              .status == 200);
  // Random (incompressible) content written in chunks, then zipped without compression by
  // streaming from the file: the test never holds the package in memory.
  const auto content = w.scratch / "assets.bin";
  {
    std::ofstream out(content, std::ios::binary);
    std::string chunk(1024 * 1024, '\0');
    std::uint64_t state = 42;
    for (int i = 0; i < 200; ++i) {
      for (auto& c : chunk)
        c = static_cast<char>((state = state * 6364136223846793005ull + 1442695040888963407ull) >> 56);
      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    }
  }
  const auto zip = test::package(w, "1.0.0", {{"assets.bin", "", false, true, content}});
  std::filesystem::remove(content);
  REQUIRE(std::filesystem::file_size(zip) > 200ull * 1024 * 1024);

  // Warm-up: the first upload allocates the session's buffers and the threads' malloc arenas.
  REQUIRE(test::upload(w, app, "0.0.1", a.developer().token, test::package(w, "0.0.1")).status == 201);
  const long before = test::resident_set_bytes();
  REQUIRE(before > 0);
  long peak = before;
  std::uint64_t next_sample = 0;
  auto client = w.server.client();
  http::Headers h = test::bearer(a.developer().token);
  h.set("Content-Type", "application/zip");
  const auto r = client.upload_file(Method::kPut, "/api/v1/apps/" + app + "/versions/1.0.0/package", h, zip,
                                    [&](std::uint64_t sent, std::uint64_t) {
                                      if (sent >= next_sample) {
                                        peak = std::max(peak, test::resident_set_bytes());
                                        next_sample = sent + 8 * 1024 * 1024;
                                      }
                                    });
  peak = std::max(peak, test::resident_set_bytes());
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK(r.json()["sha256"] == core::crypto::sha256_file_hex(zip));
  CHECK(r.json()["fileCount"] == 4);
  const long growth = peak - before;
  INFO("RSS growth during the 200 MB package upload: " << growth / 1024 << " KiB");
  CHECK(growth < 16l * 1024 * 1024);
}
