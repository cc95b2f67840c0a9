// Certificate signing requests through the API (issue 15, 证书管理): Cove generates the key and a
// PKCS#10 request with the names asked; a CA (the openssl CLI here) signs it; uploading the signed
// certificate completes a platform certificate with that key — which is then served by SNI.
#include <fstream>

#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
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

void openssl(std::vector<std::string> args) {
  args.insert(args.begin(), "/usr/bin/openssl");
  const auto r = test::run_process(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// A test CA in `dir`; sign() issues a certificate for a request, its extensions (the names) copied.
struct TestCa {
  explicit TestCa(const test::TempDir& d) : dir(d.path()) {
    openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
             (dir / "ca.key").string(), "-out", (dir / "ca.pem").string(), "-days", "2", "-subj", "/CN=Cove CSR Test CA",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"});
  }
  // The leaf followed by the CA: the chain an operator uploads.
  std::string sign(const std::string& csr_pem, const std::string& tag) const {
    std::ofstream(dir / (tag + ".csr")) << csr_pem;
    openssl({"x509", "-req", "-in", (dir / (tag + ".csr")).string(), "-CA", (dir / "ca.pem").string(), "-CAkey",
             (dir / "ca.key").string(), "-CAcreateserial", "-days", "1", "-copy_extensions", "copy", "-out",
             (dir / (tag + ".pem")).string()});
    return read(dir / (tag + ".pem")) + read(dir / "ca.pem");
  }
  std::filesystem::path dir;
};

std::string req_text(const test::TempDir& d, const std::string& csr_pem) {
  std::ofstream(d.path() / "show.csr") << csr_pem;
  const auto r = test::run_process({"/usr/bin/openssl", "req", "-in", (d.path() / "show.csr").string(), "-noout",
                                    "-text", "-verify"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out + r.err;
}

}  // namespace

TEST_CASE("a generated key and CSR, completed with the CA's certificate", "[api][domains][certificates][csr]") {
  test::TempDir dir{"cove-csr"};
  TestCa ca(dir);
  test::World w = test::given() | test::operators();
  const auto ops = w.platform_admin().token;

  auto made = w.call(Method::kPost, "/api/v1/platform/certificate-requests", ops,
                     {{"keyType", "EC-P256"},
                      {"names", {"API.Example.test", "*.cdn.example.test", "api.example.test"}},
                      {"subject", {{"organization", "Cove Test"}, {"country", "CN"}}}});
  REQUIRE(made.status == 201);
  const auto request = made.json();
  const auto id = request["id"].get<std::string>();
  CHECK(request["keyType"] == "EC-P256");
  CHECK(request["keyBits"] == 256);
  // Lower case, duplicates dropped; the first name is the common name.
  CHECK(request["names"] == nlohmann::json({"api.example.test", "*.cdn.example.test"}));
  CHECK(request["subject"] == "CN=api.example.test,O=Cove Test,C=CN");
  CHECK(made.body.find("PRIVATE KEY") == std::string::npos);
  CHECK(w.audit_count("certificate_request.created", id) == 1);

  // A real PKCS#10 request, self-signed by the generated key, with the names as SANs.
  const auto csr = request["csr"].get<std::string>();
  const auto shown = req_text(dir, csr);
  CHECK_THAT(shown, Catch::Contains("DNS:api.example.test, DNS:*.cdn.example.test"));
  CHECK_THAT(shown, Catch::Contains("verify OK"));

  // Downloadable as a file; listed as pending.
  auto download = w.call(Method::kGet, "/api/v1/platform/certificate-requests/" + id + "/csr", ops);
  CHECK(download.status == 200);
  CHECK(download.body == csr);
  CHECK(download.headers.get("Content-Disposition") == "attachment; filename=\"" + id + ".csr\"");
  auto listed = w.call(Method::kGet, "/api/v1/platform/certificate-requests", ops);
  CHECK(listed.json()["items"].size() == 1);

  // A certificate for another key does not complete it.
  test::TempDir other_dir{"cove-csr-other"};
  openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
           (other_dir.path() / "k").string(), "-out", (other_dir.path() / "r.csr").string(), "-subj",
           "/CN=api.example.test"});
  const auto wrong = ca.sign(read(other_dir.path() / "r.csr"), "wrong");
  auto refused = w.call(Method::kPost, "/api/v1/platform/certificate-requests/" + id + "/certificate", ops,
                        {{"certificate", wrong}});
  CHECK(refused.status == 400);
  CHECK(refused.json()["code"] == "certificates.key_mismatch");

  // The CA's certificate completes it: a platform certificate with the generated key.
  auto done = w.call(Method::kPost, "/api/v1/platform/certificate-requests/" + id + "/certificate", ops,
                     {{"certificate", ca.sign(csr, "right")}});
  REQUIRE(done.status == 201);
  CHECK(done.json()["hasKey"] == true);
  CHECK(done.json()["scope"] == "platform");
  CHECK(done.json()["names"] == nlohmann::json({"api.example.test", "*.cdn.example.test"}));
  CHECK(done.json()["issuer"] == "CN=Cove CSR Test CA");
  CHECK(w.call(Method::kGet, "/api/v1/platform/certificate-requests/" + id, ops).status == 404);
  CHECK(w.call(Method::kGet, "/api/v1/platform/certificates/" + done.json()["id"].get<std::string>(), ops).status ==
        200);
  CHECK(w.event_count("certificate.created") == 1);
}

TEST_CASE("certificate signing requests: refusals and RSA", "[api][domains][certificates][csr]") {
  test::World w = test::given() | test::org("A").owner() | test::operators();
  const auto ops = w.platform_admin().token;
  const auto url = std::string("/api/v1/platform/certificate-requests");
  test::run_scenarios(
      w.server,
      {
          {.name = "an unknown key type, an IP literal and a common name not among the names",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(ops),
           .body = R"({"keyType":"DSA","names":["ok.example.test","127.0.0.1"],"subject":{"commonName":"x.example.test","country":"China"}})",
           .expected_status = 400,
           .expected = {R"("keyType":{"code":"unknown_value")", R"("names[1]":{"code":"ip_literal")",
                        R"("subject.commonName":{"code":"not_in_names")", R"("subject.country":{"code":"too_long")"}},
          {.name = "names are required",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(ops),
           .body = R"({"keyType":"EC-P256","names":[]})",
           .expected_status = 400,
           .expected = {R"("names":{"code":"invalid_type")"}},
          {.name = "an unknown field",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(ops),
           .body = R"({"keyType":"EC-P256","names":["a.example.test"],"password":"x"})",
           .expected_status = 400,
           .expected = {R"("password":{"code":"unknown_field")"}},
          {.name = "an organisation owner cannot generate platform keys",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.org("A").owner().token),
           .body = R"({"keyType":"EC-P256","names":["a.example.test"]})",
           .expected_status = 403},
          {.name = "RSA-2048",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(ops),
           .body = R"({"keyType":"RSA-2048","names":["rsa.example.test"]})",
           .expected_status = 201,
           .expected = {R"("keyBits":2048)", "BEGIN CERTIFICATE REQUEST"},
           .not_expected = {"PRIVATE KEY"},
           .audit = {"certificate_request.created"}},
          {.name = "an unknown request",
           .method = Method::kPost,
           .url = url + "/csr_nope/certificate",
           .headers = test::bearer_json(ops),
           .body = R"({"certificate":"x"})",
           .expected_status = 404,
           .expected = {R"("code":"certificates.request_not_found")"}},
      });
  // Deleting a pending request drops its key.
  auto made = w.call(Method::kPost, url, ops, {{"keyType", "EC-P256"}, {"names", {"gone.example.test"}}});
  REQUIRE(made.status == 201);
  const auto id = made.json()["id"].get<std::string>();
  CHECK(w.call(Method::kDelete, url + "/" + id, ops).status == 204);
  CHECK(w.call(Method::kGet, url + "/" + id, ops).status == 404);
  CHECK(w.audit_count("certificate_request.deleted", id) == 1);
}
