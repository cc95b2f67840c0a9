// Certificate reading (issue 15, 证书管理) with PEMs crafted here: a CA-signed leaf with its
// chain, a self-signed one, the wrong key, expired and not-yet-valid leaves, a chain missing its
// intermediate, and garbage — each refused with its own code.
#include <memory>

#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "core/error.hpp"
#include "modules/domains/certificate_pem.hpp"

using namespace cove;

namespace {

using Key = std::shared_ptr<EVP_PKEY>;
using Cert = std::shared_ptr<X509>;

Key ec_key() { return Key(EVP_EC_gen("P-256"), EVP_PKEY_free); }
Key rsa_key() { return Key(EVP_RSA_gen(2048), EVP_PKEY_free); }

void extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  REQUIRE(ext != nullptr);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// A certificate for `cn` signed by `issuer` (itself when null), valid from `from` to `to` seconds
// from now.
Cert make_cert(const std::string& cn, const Key& key, const Cert& issuer, const Key& issuer_key, bool ca,
               long from = -3600, long to = 86400 * 90, const char* san = nullptr) {
  Cert cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  static long serial = 1000;
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), ++serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), from);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), to);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME_add_entry_by_txt(X509_get_subject_name(cert.get()), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509* signer = issuer ? issuer.get() : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  extension(cert.get(), signer, NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE");
  if (ca) extension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  if (san) extension(cert.get(), signer, NID_subject_alt_name, san);
  REQUIRE(X509_sign(cert.get(), (issuer_key ? issuer_key : key).get(), EVP_sha256()) > 0);
  return cert;
}

std::string pem(const Cert& c) {
  std::unique_ptr<BIO, decltype(&BIO_free)> b(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(b.get(), c.get());
  char* d = nullptr;
  const auto n = BIO_get_mem_data(b.get(), &d);
  return std::string(d, static_cast<std::size_t>(n));
}

std::string pem(const Key& k) {
  std::unique_ptr<BIO, decltype(&BIO_free)> b(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(b.get(), k.get(), nullptr, nullptr, 0, nullptr, nullptr);
  char* d = nullptr;
  const auto n = BIO_get_mem_data(b.get(), &d);
  return std::string(d, static_cast<std::size_t>(n));
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string refusal(const std::string& chain, std::optional<std::string> key) {
  try {
    domains::parse_certificate(chain, key, now_ms());
  } catch (const core::Error& e) {
    CHECK(e.status() == 400);
    return e.code();
  }
  FAIL("accepted");
  return "";
}

struct Pki {
  Key root_key = ec_key();
  Cert root = make_cert("Test Root", root_key, nullptr, nullptr, true);
  Key mid_key = ec_key();
  Cert mid = make_cert("Test Intermediate", mid_key, root, root_key, true);
  Key leaf_key = rsa_key();
  Cert leaf = make_cert("www.example.com", leaf_key, mid, mid_key, false, -3600, 86400 * 90,
                        "DNS:www.example.com,DNS:API.example.com");
};

}  // namespace

TEST_CASE("certificates: a chain to an included root is read with its details", "[unit][domains][certificates]") {
  Pki p;
  const auto parsed = domains::parse_certificate(pem(p.leaf) + pem(p.mid) + pem(p.root), pem(p.leaf_key), now_ms());
  const auto& i = parsed.info;
  CHECK(i.subject == "CN=www.example.com");
  CHECK(i.issuer == "CN=Test Intermediate");
  CHECK(i.names == std::vector<std::string>{"www.example.com", "api.example.com"});
  CHECK(i.key_type == "RSA");
  CHECK(i.key_bits == 2048);
  CHECK(i.fingerprint.size() == 64);
  CHECK_FALSE(i.serial.empty());
  CHECK_FALSE(i.self_signed);
  CHECK(i.chain_length == 3);
  CHECK(i.not_after_ms > now_ms() + 86400000LL * 89);
  CHECK(parsed.key_pem.find("PRIVATE KEY") != std::string::npos);
  // Without a key (an organisation's certificate): the same details.
  CHECK(domains::parse_certificate(pem(p.leaf) + pem(p.mid) + pem(p.root), std::nullopt, now_ms()).info.names.size() ==
        2);
}

TEST_CASE("certificates: a self-signed certificate is accepted and says so", "[unit][domains][certificates]") {
  const auto key = ec_key();
  const auto cert = make_cert("internal.example.com", key, nullptr, nullptr, false);
  const auto parsed = domains::parse_certificate(pem(cert), pem(key), now_ms());
  CHECK(parsed.info.self_signed);
  CHECK(parsed.info.key_type == "EC");
  CHECK(parsed.info.key_bits == 256);
  CHECK(parsed.info.names == std::vector<std::string>{"internal.example.com"});  // the CN without SANs
}

TEST_CASE("certificates: each refusal has its code", "[unit][domains][certificates]") {
  Pki p;
  const auto chain = pem(p.leaf) + pem(p.mid) + pem(p.root);
  CHECK(refusal(chain, pem(ec_key())) == "certificates.key_mismatch");
  CHECK(refusal(chain, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n") ==
        "certificates.invalid_key");
  // The intermediate missing: the leaf does not verify to anything trusted.
  CHECK(refusal(pem(p.leaf) + pem(p.root), pem(p.leaf_key)) == "certificates.bad_chain");
  // Nothing trusted at all (root not included, not in the system store).
  CHECK(refusal(pem(p.leaf) + pem(p.mid), pem(p.leaf_key)) == "certificates.bad_chain");
  const auto key = ec_key();
  CHECK(refusal(pem(make_cert("old.example.com", key, p.mid, p.mid_key, false, -86400 * 10, -86400)) + pem(p.mid) +
                    pem(p.root),
                pem(key)) == "certificates.expired");
  CHECK(refusal(pem(make_cert("soon.example.com", key, p.mid, p.mid_key, false, 86400, 86400 * 30)) + pem(p.mid) +
                    pem(p.root),
                pem(key)) == "certificates.not_yet_valid");
  CHECK(refusal("garbage", std::nullopt) == "certificates.invalid_pem");
  CHECK(refusal("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", std::nullopt) ==
        "certificates.invalid_pem");
  CHECK(refusal(std::string(70 * 1024, 'x'), std::nullopt) == "certificates.invalid_pem");
}
