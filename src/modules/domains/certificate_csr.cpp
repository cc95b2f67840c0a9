#include "modules/domains/certificate_csr.hpp"

#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace cove::domains {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Req = std::unique_ptr<X509_REQ, Deleter<X509_REQ, X509_REQ_free>>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("CSR generation failed: ") + what);
}

std::string bio_text(BIO* b) {
  char* data = nullptr;
  const auto n = BIO_get_mem_data(b, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

Key make_key(CsrKeyType type) {
  EVP_PKEY* key = nullptr;
  switch (type) {
    case CsrKeyType::kRsa2048: key = EVP_RSA_gen(2048); break;
    case CsrKeyType::kRsa3072: key = EVP_RSA_gen(3072); break;
    case CsrKeyType::kEcP256: key = EVP_EC_gen("P-256"); break;
  }
  check(key != nullptr, "key generation");
  return Key(key);
}

void add_entry(X509_NAME* name, const char* field, const std::string& value) {
  if (value.empty()) return;
  check(X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.data()),
                                   static_cast<int>(value.size()), -1, 0) == 1,
        "subject");
}

}  // namespace

std::optional<CsrKeyType> csr_key_type_from(std::string_view name) {
  if (name == "RSA-2048") return CsrKeyType::kRsa2048;
  if (name == "RSA-3072") return CsrKeyType::kRsa3072;
  if (name == "EC-P256") return CsrKeyType::kEcP256;
  return std::nullopt;
}

std::string csr_key_type_name(CsrKeyType type) {
  switch (type) {
    case CsrKeyType::kRsa2048: return "RSA-2048";
    case CsrKeyType::kRsa3072: return "RSA-3072";
    case CsrKeyType::kEcP256: return "EC-P256";
  }
  return "";
}

GeneratedCsr generate_csr(const CsrSpec& spec) {
  auto key = make_key(spec.key_type);
  Req req(X509_REQ_new());
  check(req != nullptr, "request");
  check(X509_REQ_set_version(req.get(), 0) == 1, "version");  // PKCS#10 v1, the only one
  X509_NAME* name = X509_REQ_get_subject_name(req.get());
  add_entry(name, "C", spec.subject.country);
  add_entry(name, "ST", spec.subject.state);
  add_entry(name, "L", spec.subject.locality);
  add_entry(name, "O", spec.subject.organization);
  add_entry(name, "OU", spec.subject.organizational_unit);
  add_entry(name, "CN", spec.subject.common_name.empty() ? spec.names.front() : spec.subject.common_name);
  check(X509_REQ_set_pubkey(req.get(), key.get()) == 1, "public key");

  std::string san;
  for (const auto& n : spec.names) san += (san.empty() ? "DNS:" : ",DNS:") + n;
  STACK_OF(X509_EXTENSION)* exts = sk_X509_EXTENSION_new_null();
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, san.c_str());
  check(exts != nullptr && ext != nullptr, "subject alternative names");
  sk_X509_EXTENSION_push(exts, ext);
  const int added = X509_REQ_add_extensions(req.get(), exts);
  sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
  check(added == 1, "extensions");
  check(X509_REQ_sign(req.get(), key.get(), EVP_sha256()) > 0, "signature");

  GeneratedCsr out;
  Bio csr(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_X509_REQ(csr.get(), req.get()) == 1, "PEM");
  out.csr_pem = bio_text(csr.get());
  Bio pkey(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_PrivateKey(pkey.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1, "key PEM");
  out.key_pem = bio_text(pkey.get());
  Bio subject(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(subject.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  out.subject = bio_text(subject.get());
  out.key_bits = EVP_PKEY_get_bits(key.get());
  return out;
}

}  // namespace cove::domains
