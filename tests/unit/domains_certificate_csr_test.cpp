// Key and CSR generation (issue 15) and the SNI registry's loading: every key type yields a
// PKCS#10 request signed by its key, with the names as SANs, whose key completes a certificate the
// PEM reader accepts; the registry serves what loads and leaves out (and counts out) what does not.
#include <catch2/catch.hpp>

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "http/sni_certificates.hpp"
#include "modules/domains/certificate_csr.hpp"

using namespace cove::domains;

namespace {

std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> read_request(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  return {PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr), X509_REQ_free};
}

std::string san_text(X509_REQ* req) {
  STACK_OF(X509_EXTENSION)* exts = X509_REQ_get_extensions(req);
  std::string out;
  for (int i = 0; i < sk_X509_EXTENSION_num(exts); ++i) {
    X509_EXTENSION* ext = sk_X509_EXTENSION_value(exts, i);
    if (OBJ_obj2nid(X509_EXTENSION_get_object(ext)) != NID_subject_alt_name) continue;
    BIO* b = BIO_new(BIO_s_mem());
    X509V3_EXT_print(b, ext, 0, 0);
    char* data = nullptr;
    const auto n = BIO_get_mem_data(b, &data);
    out.assign(data, static_cast<std::size_t>(n));
    BIO_free(b);
  }
  sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
  return out;
}

}  // namespace

TEST_CASE("CSR generation: each key type, signed by its key, the names as SANs", "[unit][domains][csr]") {
  const auto [type, bits, key_name] = GENERATE(table<CsrKeyType, int, const char*>(
      {{CsrKeyType::kEcP256, 256, "EC"}, {CsrKeyType::kRsa2048, 2048, "RSA"}, {CsrKeyType::kRsa3072, 3072, "RSA"}}));
  CsrSpec spec;
  spec.key_type = type;
  spec.names = {"api.example.test", "*.cdn.example.test"};
  spec.subject.organization = "Cove Test";
  spec.subject.country = "CN";
  const auto g = generate_csr(spec);
  CHECK(g.key_bits == bits);
  CHECK(g.subject == "CN=api.example.test,O=Cove Test,C=CN");
  CHECK(g.key_pem.find("BEGIN PRIVATE KEY") != std::string::npos);
  auto req = read_request(g.csr_pem);
  REQUIRE(req);
  EVP_PKEY* pub = X509_REQ_get0_pubkey(req.get());
  REQUIRE(pub != nullptr);
  CHECK(X509_REQ_verify(req.get(), pub) == 1);
  CHECK(EVP_PKEY_get_bits(pub) == bits);
  CHECK(std::string(EVP_PKEY_get0_type_name(pub)).find(key_name) != std::string::npos);
  CHECK(san_text(req.get()) == "DNS:api.example.test, DNS:*.cdn.example.test");
  CHECK(csr_key_type_from(csr_key_type_name(type)) == type);
}

TEST_CASE("CSR generation: an explicit common name; unknown key type names", "[unit][domains][csr]") {
  CsrSpec spec;
  spec.names = {"a.example.test", "b.example.test"};
  spec.subject.common_name = "b.example.test";
  CHECK(generate_csr(spec).subject == "CN=b.example.test");
  CHECK_FALSE(csr_key_type_from("DSA-1024"));
  CHECK_FALSE(csr_key_type_from("ec-p256"));
}

TEST_CASE("SNI registry: what loads is served, what does not is left out", "[unit][http][sni]") {
  CsrSpec spec;
  spec.names = {"a.example.test"};
  const auto g = generate_csr(spec);
  cove::http::SniCertificates sni;
  CHECK(sni.names() == 0);
  // A request is not a certificate; a certificate with a foreign key does not load either.
  CHECK(sni.replace({{"crt_bad", {"a.example.test"}, g.csr_pem, g.key_pem}}) == 0);
  CHECK(sni.names() == 0);
  CHECK(sni.replace({{"crt_garbage", {"x.example.test", "*.x.example.test"}, "garbage", "garbage"}}) == 0);
  CHECK(sni.names() == 0);
}
