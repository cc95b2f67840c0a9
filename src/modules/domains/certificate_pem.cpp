#include "modules/domains/certificate_pem.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace cove::domains {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Store = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;
using StoreCtx = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;

void free_stack(STACK_OF(X509) * s) { sk_X509_free(s); }
using Stack = std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), free_stack>>;


Bio memory(std::string_view text) { return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size()))); }

std::string name_text(const X509_NAME* name) {
  Bio out(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(out.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const auto n = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::int64_t unix_ms(const ASN1_TIME* t) {
  struct tm tm {};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return 0;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

std::string lower(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::vector<std::string> dns_names(X509* cert) {
  std::vector<std::string> out;
  auto* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (sans != nullptr) {
    for (int i = 0; i < sk_GENERAL_NAME_num(sans); ++i) {
      const auto* n = sk_GENERAL_NAME_value(sans, i);
      if (n->type != GEN_DNS) continue;
      const auto* s = n->d.dNSName;
      out.push_back(lower(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                      static_cast<std::size_t>(ASN1_STRING_length(s)))));
    }
    GENERAL_NAMES_free(sans);
  }
  if (out.empty()) {
    std::array<char, 256> cn{};
    if (X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn.data(), cn.size()) > 0) {
      out.push_back(lower(cn.data()));
    }
  }
  return out;
}

std::string pem_of(X509* cert) {
  Bio out(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(out.get(), cert);
  char* data = nullptr;
  const auto n = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

bool self_issued(X509* cert) { return X509_check_issued(cert, cert) == X509_V_OK; }

}  // namespace

ParsedCertificate parse_certificate(std::string_view chain_pem, std::optional<std::string_view> key_pem,
                                    std::int64_t now_ms) {
  if (chain_pem.size() > kMaxChainPemBytes) {
    throw core::Error(400, "certificates.invalid_pem", fmt::format("A chain has at most {} bytes", kMaxChainPemBytes));
  }
  std::vector<Cert> chain;
  {
    auto bio = memory(chain_pem);
    while (true) {
      Cert c(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
      if (!c) break;
      if (chain.size() == kMaxChainCertificates) {
        throw core::Error(400, "certificates.invalid_pem", fmt::format("A chain has at most {} certificates", kMaxChainCertificates));
      }
      chain.push_back(std::move(c));
    }
  }
  if (chain.empty()) throw core::Error(400, "certificates.invalid_pem", "No PEM certificate found");
  X509* leaf = chain.front().get();

  ParsedCertificate out;
  auto& info = out.info;
  info.subject = name_text(X509_get_subject_name(leaf));
  info.issuer = name_text(X509_get_issuer_name(leaf));
  {
    BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(leaf), nullptr);
    char* hex = bn != nullptr ? BN_bn2hex(bn) : nullptr;
    info.serial = hex != nullptr ? lower(hex) : "";
    OPENSSL_free(hex);
    BN_free(bn);
  }
  info.not_before_ms = unix_ms(X509_get0_notBefore(leaf));
  info.not_after_ms = unix_ms(X509_get0_notAfter(leaf));
  if (const auto* pub = X509_get0_pubkey(leaf)) {
    info.key_type = EVP_PKEY_get0_type_name(pub) != nullptr ? EVP_PKEY_get0_type_name(pub) : "";
    if (info.key_type == "id-ecPublicKey") info.key_type = "EC";
    info.key_bits = EVP_PKEY_get_bits(pub);
  }
  {
    unsigned char* der = nullptr;
    const int n = i2d_X509(leaf, &der);
    if (n > 0) info.fingerprint = core::crypto::sha256_hex(std::string_view(reinterpret_cast<char*>(der), n));
    OPENSSL_free(der);
  }
  info.names = dns_names(leaf);
  info.self_signed = self_issued(leaf);
  info.chain_length = static_cast<int>(chain.size());

  if (now_ms < info.not_before_ms) throw core::Error(400, "certificates.not_yet_valid", "The certificate is not valid yet");
  if (now_ms > info.not_after_ms) throw core::Error(400, "certificates.expired", "The certificate has expired");

  if (key_pem) {
    if (key_pem->size() > kMaxKeyPemBytes) throw core::Error(400, "certificates.invalid_key", "The key is too large");
    auto bio = memory(*key_pem);
    Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) throw core::Error(400, "certificates.invalid_key", "No unencrypted PEM private key found");
    if (X509_check_private_key(leaf, key.get()) != 1) {
      throw core::Error(400, "certificates.key_mismatch", "The private key does not belong to the certificate");
    }
    Bio pem(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const auto n = BIO_get_mem_data(pem.get(), &data);
    out.key_pem.assign(data, static_cast<std::size_t>(n));
  }

  // The chain: the system's roots plus any self-signed certificate given, the rest untrusted
  // intermediates; checked at `now`.
  Store store(X509_STORE_new());
  X509_STORE_set_default_paths(store.get());
  Stack untrusted(sk_X509_new_null());
  for (auto& c : chain) {
    if (self_issued(c.get())) {
      X509_STORE_add_cert(store.get(), c.get());
    } else if (c.get() != leaf) {
      sk_X509_push(untrusted.get(), c.get());
    }
  }
  StoreCtx ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), leaf, untrusted.get());
  X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), static_cast<time_t>(now_ms / 1000));
  if (X509_verify_cert(ctx.get()) != 1) {
    const int err = X509_STORE_CTX_get_error(ctx.get());
    throw core::Error(400, "certificates.bad_chain",
                      fmt::format("The chain does not verify: {}", X509_verify_cert_error_string(err)),
                      {{"reason", X509_verify_cert_error_string(err)}});
  }
  for (auto& c : chain) out.chain_pem += pem_of(c.get());
  return out;
}

}  // namespace cove::domains
