// Certificates served by SNI (issue 15): Cove started with TLS answers a handshake naming a host of
// a platform certificate with that certificate, any other name with the configured default, and
// an upload, a renewal or a deletion changes what is served from the next handshake — no restart.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "accounts_steps.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using namespace cove;
using cove::http::Method;

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Pem {
  std::filesystem::path cert_file, key_file;
  std::string cert, key;
};

// A self-signed P-256 certificate with these DNS names (the first is also the CN), made with the
// openssl CLI; `tag` keeps two certificates for one name apart on disk.
Pem self_signed(const test::TempDir& dir, const std::string& tag, const std::vector<std::string>& names) {
  std::string san = "subjectAltName=";
  for (std::size_t i = 0; i < names.size(); ++i) san += (i ? ",DNS:" : "DNS:") + names[i];
  Pem p{dir.path() / (tag + ".pem"), dir.path() / (tag + ".key"), {}, {}};
  const auto r = test::run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", p.key_file.string(), "-out",
                                    p.cert_file.string(), "-days", "30", "-subj", "/CN=" + names.front(), "-addext",
                                    san});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  p.cert = read(p.cert_file);
  p.key = read(p.key_file);
  return p;
}

std::string hex_sha256(X509* cert) {
  unsigned char md[32];
  unsigned int len = 0;
  X509_digest(cert, EVP_sha256(), md, &len);
  std::string out;
  for (unsigned i = 0; i < len; ++i) out += fmt::format("{:02x}", md[i]);
  return out;
}

std::string fingerprint_of(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
  REQUIRE(cert);
  return hex_sha256(cert.get());
}

// A fresh TLS handshake with 127.0.0.1:port sending `server_name` (none when empty); the SHA-256
// fingerprint of the certificate the server presented.
std::string served(std::uint16_t port, const std::string& server_name) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
  REQUIRE(ctx);
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
  SSL_set_fd(ssl.get(), fd);
  if (!server_name.empty()) SSL_set_tlsext_host_name(ssl.get(), server_name.c_str());
  const int ok = SSL_connect(ssl.get());
  std::string fp;
  if (ok == 1) {
    std::unique_ptr<X509, decltype(&X509_free)> peer(SSL_get1_peer_certificate(ssl.get()), X509_free);
    if (peer) fp = hex_sha256(peer.get());
    SSL_shutdown(ssl.get());
  }
  ::close(fd);
  REQUIRE(ok == 1);
  return fp;
}

}  // namespace

TEST_CASE("platform certificates are served by SNI without a restart", "[api][domains][certificates][sni]") {
  test::TempDir dir{"cove-sni"};
  const auto fallback = self_signed(dir, "default", {"default.test"});
  const auto a1 = self_signed(dir, "a1", {"a.test"});
  const auto a2 = self_signed(dir, "a2", {"a.test"});
  const auto wild = self_signed(dir, "wild", {"*.w.test", "b.test"});
  test::TestServerOptions options;
  options.configure = [&](core::Config& c) {
    c.http.tls.cert = fallback.cert_file.string();
    c.http.tls.key = fallback.key_file.string();
  };
  test::World w = test::given(options) | test::org("A").owner() | test::operators();
  const auto ops = w.platform_admin().token;
  const auto port = w.server.port();
  const auto upload = [&](const Pem& p) {
    auto r = w.call(Method::kPost, "/api/v1/platform/certificates", ops, {{"certificate", p.cert}, {"privateKey", p.key}});
    REQUIRE(r.status == 201);
    return r.json()["id"].get<std::string>();
  };
  const auto fp_default = fingerprint_of(fallback.cert);

  // Before any upload every name gets the default.
  CHECK(served(port, "a.test") == fp_default);

  const auto first = upload(a1);
  CHECK(served(port, "a.test") == fingerprint_of(a1.cert));
  CHECK(served(port, "A.TEST.") == fingerprint_of(a1.cert));  // names are case-insensitive; a root dot is ignored
  CHECK(served(port, "unknown.test") == fp_default);
  CHECK(served(port, "") == fp_default);  // no SNI at all

  // A renewed certificate for the same name replaces the older one at once.
  const auto second = upload(a2);
  CHECK(served(port, "a.test") == fingerprint_of(a2.cert));

  // A wildcard covers exactly one label.
  upload(wild);
  CHECK(served(port, "x.w.test") == fingerprint_of(wild.cert));
  CHECK(served(port, "b.test") == fingerprint_of(wild.cert));
  CHECK(served(port, "w.test") == fp_default);
  CHECK(served(port, "y.x.w.test") == fp_default);

  // Deleting the newest brings back the older one; deleting both, the default.
  REQUIRE(w.call(Method::kDelete, "/api/v1/platform/certificates/" + second, ops).status == 204);
  CHECK(served(port, "a.test") == fingerprint_of(a1.cert));
  REQUIRE(w.call(Method::kDelete, "/api/v1/platform/certificates/" + first, ops).status == 204);
  CHECK(served(port, "a.test") == fp_default);

  // Organisations' certificates are information only: never served.
  const auto org = self_signed(dir, "org", {"o.test"});
  auto& a = w.org("A");
  REQUIRE(w.call(Method::kPost, "/api/v1/orgs/" + a.id + "/certificates", a.owner().token,
                 {{"certificate", org.cert}, {"privateKey", org.key}})
              .status == 201);
  CHECK(served(port, "o.test") == fp_default);
}

TEST_CASE("platform certificates are served again after a restart", "[api][domains][certificates][sni]") {
  test::TempDir dir{"cove-sni-restart"};
  const auto fallback = self_signed(dir, "default", {"default.test"});
  const auto a = self_signed(dir, "a", {"a.test"});
  const auto data = test::make_temp_dir("cove-sni-data");
  test::TestServerOptions options;
  options.data_dir = data;
  options.configure = [&](core::Config& c) {
    c.http.tls.cert = fallback.cert_file.string();
    c.http.tls.key = fallback.key_file.string();
  };
  {
    test::World w = test::given(options) | test::operators();
    REQUIRE(w.call(Method::kPost, "/api/v1/platform/certificates", w.platform_admin().token,
                   {{"certificate", a.cert}, {"privateKey", a.key}})
                .status == 201);
  }
  test::TestServer again(options);
  CHECK(served(again.port(), "a.test") == fingerprint_of(a.cert));
  std::error_code ec;
  std::filesystem::remove_all(data, ec);
}
