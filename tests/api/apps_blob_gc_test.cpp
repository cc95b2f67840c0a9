// Unreferenced blobs are collected (DESIGN.md §5): a deleted mini-program's packages go, while
// every blob a module still refers to — packages, icons, licence scans — stays.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "core/crypto.hpp"

using namespace cove;
using cove::http::Method;

TEST_CASE("the blob collector deletes only blobs no module refers to", "[api][apps][blobs]") {
  // Another version number, so other content: identical packages share one blob.
  test::World w = test::given() | test::org("A").owner().developer().viewer() |
                  test::app("Kept").uploaded("1.0.0") | test::app("Doomed").uploaded("2.0.0");
  auto& a = w.org("A");
  const auto kept_app = w.app("Kept").id;
  const auto doomed_app = w.app("Doomed").id;
  const auto kept = w.app("Kept").versions["1.0.0"]["sha256"].get<std::string>();
  const auto doomed = w.app("Doomed").versions["2.0.0"]["sha256"].get<std::string>();
  auto client = w.server.client();
  auto h = test::bearer(a.developer().token);
  h.set("Content-Type", "image/png");
  const auto png = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(32, '\x02');
  REQUIRE(client.request(Method::kPut, "/api/v1/apps/" + kept_app + "/icon", h, png).status == 200);
  h = test::bearer(a.owner().token);
  h.set("Content-Type", "application/pdf");
  REQUIRE(client.request(Method::kPut, "/api/v1/orgs/" + a.id + "/license-attachment", h, "%PDF-1.7 scan")
              .status == 200);

  auto& blobs = w.server.app().blobs();
  // Within the grace period nothing goes, referenced or not.
  REQUIRE(w.call(Method::kDelete, "/api/v1/apps/" + doomed_app, a.owner().token).status == 204);
  CHECK(w.server.app().blob_collector().collect() == 0);
  CHECK(blobs.exists(doomed));

  CHECK(w.server.app().blob_collector().collect(std::chrono::seconds(-60)) == 1);
  CHECK_FALSE(blobs.exists(doomed));
  CHECK(blobs.exists(kept));
  CHECK(blobs.exists(core::crypto::sha256_hex(png)));
  CHECK(blobs.exists(core::crypto::sha256_hex("%PDF-1.7 scan")));
  CHECK(client
            .request(Method::kGet, "/api/v1/apps/" + kept_app + "/versions/1.0.0/package",
                     test::bearer(a.viewer().token))
            .status == 200);
}
