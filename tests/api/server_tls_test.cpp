// TLS: the server with a certificate generated here, and the client verifying it.
#include <catch2/catch.hpp>

#include <cstdio>
#include <memory>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "api/server_fixture.hpp"
#include "http/client.hpp"
#include "support/raw_socket.hpp"

using namespace std::chrono_literals;
using cove::test::HttpTestServer;
using cove::test::raw_request;
using cove::test::RawSocket;

namespace {

void add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  REQUIRE(ext != nullptr);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// A self-signed P-256 certificate for the address 127.0.0.1 (only), valid for an hour, as PEM files.
void write_self_signed(const std::filesystem::path& cert_file, const std::filesystem::path& key_file) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  REQUIRE(key);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("cove-test"),
                             -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(cert.get(), NID_subject_alt_name, "IP:127.0.0.1");
  REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);

  std::unique_ptr<FILE, decltype(&std::fclose)> key_out(std::fopen(key_file.c_str(), "w"), std::fclose);
  REQUIRE(key_out);
  REQUIRE(PEM_write_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1);
  std::unique_ptr<FILE, decltype(&std::fclose)> cert_out(std::fopen(cert_file.c_str(), "w"), std::fclose);
  REQUIRE(cert_out);
  REQUIRE(PEM_write_X509(cert_out.get(), cert.get()) == 1);
}

struct TlsFixture {
  TlsFixture() {
    write_self_signed(cert(), key());
    auto options = cove::test::http_test_options();
    options.tls_cert = cert().string();
    options.tls_key = key().string();
    server = std::make_unique<HttpTestServer>(options);
  }
  std::filesystem::path cert() const { return dir.path() / "cert.pem"; }
  std::filesystem::path key() const { return dir.path() / "key.pem"; }

  cove::test::TempDir dir{"cove-tls"};
  std::unique_ptr<HttpTestServer> server;
};

}  // namespace

TEST_CASE("server speaks TLS with a configured certificate", "[server][client]") {
  TlsFixture f;
  const auto port = f.server->port();

  SECTION("a client trusting the certificate gets answers over one connection") {
    cove::http::ClientOptions options;
    options.tls = true;
    options.ca_file = f.cert().string();
    cove::http::Client client("127.0.0.1", port, options);
    auto first = client.get("/t/echo");
    CHECK(first.status == 200);
    CHECK(first.json()["secure"] == true);
    auto second = client.request(cove::http::Method::kPost, "/t/echo", {}, "over tls");
    CHECK(second.json()["body"] == "over tls");
    CHECK(f.server->server->connections() == 1);
  }
  SECTION("a client that does not trust it refuses to talk") {
    cove::http::ClientOptions options;
    options.tls = true;
    cove::http::Client client("127.0.0.1", port, options);
    CHECK_THROWS_WITH(client.get("/t/hello"), Catch::Contains("certificate verify failed"));
  }
  SECTION("the certificate must name the host") {
    cove::http::ClientOptions options;
    options.tls = true;
    options.ca_file = f.cert().string();
    // The same server, reached by a name the certificate does not carry.
    cove::http::Client client("localhost", port, options);
    CHECK_THROWS_WITH(client.get("/t/hello"), Catch::Contains("certificate verify failed"));
  }
  SECTION("plain HTTP on the TLS port gets no answer, and the server carries on") {
    RawSocket plain(port);
    REQUIRE(plain.send(raw_request("GET", "/t/hello")));
    CHECK(plain.read_until_close(5s).find("hello world") == std::string::npos);
    cove::http::ClientOptions options;
    options.tls = true;
    options.verify_peer = false;
    cove::http::Client client("127.0.0.1", port, options);
    CHECK(client.get("/t/hello").body == "hello world");
  }
}

TEST_CASE("server refuses to start with an unusable certificate", "[server]") {
  cove::test::TempDir dir("cove-tls-bad");
  auto options = cove::test::http_test_options();
  options.tls_cert = (dir.path() / "missing.pem").string();
  options.tls_key = (dir.path() / "missing-key.pem").string();
  CHECK_THROWS_AS(HttpTestServer(options), std::runtime_error);
}
