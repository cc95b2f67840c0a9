// Certificates through the API (issue 15, 证书管理): operators store the platform's with the key
// (never answered back, sealed at rest), organisations store theirs for information; crafted
// refusals keep their codes; lists are sorted by expiry; the expiry job announces thresholds once.
#include <fstream>

#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "support/process.hpp"
#include "support/scenario.hpp"
#include "support/temp_dir.hpp"

using namespace cove;
using cove::http::Method;

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Self-signed EC certificates for `cn`, valid `days` days, made with the openssl CLI.
struct Pem {
  std::string cert, key;
};
Pem self_signed(const test::TempDir& dir, const std::string& cn, int days) {
  const auto c = dir.path() / (cn + ".pem");
  const auto k = dir.path() / (cn + ".key");
  const auto r = test::run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", k.string(), "-out", c.string(),
                                    "-days", std::to_string(days), "-subj", "/CN=" + cn, "-addext",
                                    "subjectAltName=DNS:" + cn});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return {read(c), read(k)};
}

}  // namespace

TEST_CASE("platform and organisation certificates", "[api][domains][certificates]") {
  test::TempDir dir{"cove-certs"};
  const auto later = self_signed(dir, "api.platform.example", 200);
  const auto sooner = self_signed(dir, "cdn.platform.example", 20);
  const auto other = self_signed(dir, "other.example", 60);
  test::World w = test::given() | test::org("A").owner().developer() | test::operators() |
                  [&](test::World& world) {
                    REQUIRE(world.call(Method::kPost, "/api/v1/platform/certificates", world.platform_admin().token,
                                       {{"certificate", later.cert}, {"privateKey", later.key}})
                                .status == 201);
                  };
  const auto ops = w.platform_admin().token;
  auto& a = w.org("A");
  test::run_scenarios(
      w.server,
      {
          {.name = "the platform's needs its key",
           .method = Method::kPost,
           .url = "/api/v1/platform/certificates",
           .headers = test::bearer_json(ops),
           .body = nlohmann::json{{"certificate", sooner.cert}}.dump(),
           .expected_status = 400,
           .expected = {R"("privateKey":{"code":"required")"}},
          {.name = "the wrong key",
           .method = Method::kPost,
           .url = "/api/v1/platform/certificates",
           .headers = test::bearer_json(ops),
           .body = nlohmann::json{{"certificate", sooner.cert}, {"privateKey", other.key}}.dump(),
           .expected_status = 400,
           .expected = {R"("code":"certificates.key_mismatch")"}},
          {.name = "garbage",
           .method = Method::kPost,
           .url = "/api/v1/platform/certificates",
           .headers = test::bearer_json(ops),
           .body = R"({"certificate":"hello","privateKey":"world"})",
           .expected_status = 400,
           .expected = {R"("code":"certificates.invalid_pem")"}},
          {.name = "stored with its details, the key never answered",
           .method = Method::kPost,
           .url = "/api/v1/platform/certificates",
           .headers = test::bearer_json(ops),
           .body = nlohmann::json{{"certificate", sooner.cert}, {"privateKey", sooner.key}}.dump(),
           .expected_status = 201,
           .expected = {R"("names":["cdn.platform.example"])", R"("selfSigned":true)", R"("hasKey":true)",
                        R"("keyType":"EC")", R"("scope":"platform")"},
           .not_expected = {"PRIVATE KEY"},
           .events = {"certificate.created"},
           .audit = {"certificate.created"},
           .strict = false},  // 20 days left: certificate.expiring follows from the subscriber
          {.name = "an organisation stores its own, information only",
           .method = Method::kPost,
           .url = "/api/v1/orgs/" + a.id + "/certificates",
           .headers = test::bearer_json(a.developer().token),
           .body = nlohmann::json{{"certificate", other.cert}, {"privateKey", other.key}}.dump(),
           .expected_status = 201,
           .expected = {R"("scope":"org")", R"("hasKey":false)", a.id},
           .events = {"certificate.created"},
           .audit = {"certificate.created"}},
          {.name = "an organisation does not see the platform's by id",
           .url = "/api/v1/orgs/" + a.id + "/certificates/crt_unknown",
           .headers = test::bearer(a.developer().token),
           .expected_status = 404,
           .expected = {R"("code":"certificates.not_found")"}},
      });
}

TEST_CASE("certificates are listed by expiry, keys sealed, and deleted", "[api][domains][certificates]") {
  test::TempDir dir{"cove-certs"};
  const auto later = self_signed(dir, "api.platform.example", 200);
  const auto sooner = self_signed(dir, "cdn.platform.example", 20);
  test::World w = test::given() | test::operators();
  const auto ops = w.platform_admin().token;
  REQUIRE(w.call(Method::kPost, "/api/v1/platform/certificates", ops,
                 {{"certificate", later.cert}, {"privateKey", later.key}})
              .status == 201);
  // Sorted by expiry, soonest first; the stored key is sealed, not PEM, in the database.
  REQUIRE(w.call(Method::kPost, "/api/v1/platform/certificates", ops,
                 {{"certificate", sooner.cert}, {"privateKey", sooner.key}})
              .status == 201);
  const auto list = w.call(Method::kGet, "/api/v1/platform/certificates", w.reviewer().token).json();
  REQUIRE(list["items"].size() == 2);
  CHECK(list["items"][0]["names"][0] == "cdn.platform.example");
  CHECK(list["items"][0]["daysLeft"].get<int>() <= 20);
  CHECK(list["items"][1]["names"][0] == "api.platform.example");
  const auto sealed = w.server.app().db().read([](core::Conn& c) {
    return c.query_all<std::string>("SELECT sealed_key FROM certificates WHERE scope = 'platform'");
  });
  for (const auto& s : sealed) {
    CHECK(s.starts_with("v1."));
    CHECK(s.find("PRIVATE") == std::string::npos);
  }
  const auto id = list["items"][0]["id"].get<std::string>();
  const auto one = w.call(Method::kGet, "/api/v1/platform/certificates/" + id, ops);
  CHECK(one.json()["chain"].get<std::string>().starts_with("-----BEGIN CERTIFICATE-----"));
  CHECK(w.call(Method::kDelete, "/api/v1/platform/certificates/" + id, ops).status == 204);
  CHECK(w.call(Method::kGet, "/api/v1/platform/certificates/" + id, ops).status == 404);
}

TEST_CASE("the expiry job announces each threshold once", "[api][domains][certificates]") {
  test::TempDir dir{"cove-certs"};
  const auto soon = self_signed(dir, "soon.platform.example", 10);
  const auto far = self_signed(dir, "far.platform.example", 100);
  test::World w = test::given() | test::operators();
  for (const auto* p : {&soon, &far}) {
    REQUIRE(w.call(Method::kPost, "/api/v1/platform/certificates", w.platform_admin().token,
                   {{"certificate", p->cert}, {"privateKey", p->key}})
                .status == 201);
  }
  // Announced when stored (and by the hourly job): wait for the dispatcher.
  for (int i = 0; i < 200 && w.event_count("certificate.expiring") == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(w.event_count("certificate.expiring") == 1);  // the 10-day one, at its 14-day threshold
  CHECK(w.event_count("certificate.expired") == 0);
}
