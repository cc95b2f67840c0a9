// Unreferenced blobs are collected (DESIGN.md §5): a deleted mini-program's packages go, while
// every blob a module still refers to — packages, icons, licence scans — stays.
#include <catch2/catch.hpp>

#include "apps_world.hpp"
#include "core/crypto.hpp"

using namespace cove;
using cove::http::Method;

TEST_CASE("the blob collector deletes only blobs no module refers to", "[api][apps][blobs]") {
  test::AppsWorld w;
  const auto kept_app = w.create_app(w.org_a, w.owner.token, "Kept");
  const auto doomed_app = w.create_app(w.org_a, w.owner.token, "Doomed");
  const auto kept = w.upload_ok(kept_app, "1.0.0", w.developer.token)["sha256"].get<std::string>();
  // Another version number, so other content: identical packages share one blob.
  const auto doomed = w.upload_ok(doomed_app, "2.0.0", w.developer.token)["sha256"].get<std::string>();
  auto client = w.server.client();
  auto h = test::bearer(w.developer.token);
  h.set("Content-Type", "image/png");
  const auto png = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(32, '\x02');
  REQUIRE(client.request(Method::kPut, "/api/v1/apps/" + kept_app + "/icon", h, png).status == 200);
  h = test::bearer(w.owner.token);
  h.set("Content-Type", "application/pdf");
  REQUIRE(client.request(Method::kPut, "/api/v1/orgs/" + w.org_a + "/license-attachment", h, "%PDF-1.7 scan")
              .status == 200);

  auto& blobs = w.server.app().blobs();
  // Within the grace period nothing goes, referenced or not.
  REQUIRE(w.call(Method::kDelete, "/api/v1/apps/" + doomed_app, w.owner.token).status == 204);
  CHECK(w.server.app().blob_collector().collect() == 0);
  CHECK(blobs.exists(doomed));

  CHECK(w.server.app().blob_collector().collect(std::chrono::seconds(-60)) == 1);
  CHECK_FALSE(blobs.exists(doomed));
  CHECK(blobs.exists(kept));
  CHECK(blobs.exists(core::crypto::sha256_hex(png)));
  CHECK(blobs.exists(core::crypto::sha256_hex("%PDF-1.7 scan")));
  CHECK(client
            .request(Method::kGet, "/api/v1/apps/" + kept_app + "/versions/1.0.0/package",
                     test::bearer(w.viewer.token))
            .status == 200);
}
