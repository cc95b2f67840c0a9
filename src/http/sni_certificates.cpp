#include "http/sni_certificates.hpp"

#include <algorithm>
#include <unordered_map>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include "core/log.hpp"
#include "http/tls_context.hpp"

namespace cove::http {

namespace {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};
using CtxPtr = std::shared_ptr<SSL_CTX>;

std::string openssl_error() {
  const auto code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown error";
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return buf;
}

// One server context per certificate, configured like the default one, or null (logged).
CtxPtr load(const SniCertificate& c) {
  CtxPtr ctx(SSL_CTX_new(TLS_server_method()), CtxFree{});
  if (!ctx) return nullptr;
  configure_server_context(ctx.get());
  std::unique_ptr<BIO, decltype(&BIO_free)> chain(BIO_new_mem_buf(c.chain_pem.data(), static_cast<int>(c.chain_pem.size())),
                                                  BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> key(BIO_new_mem_buf(c.key_pem.data(), static_cast<int>(c.key_pem.size())),
                                                BIO_free);
  bool ok = chain && key;
  if (ok) {
    X509* leaf = PEM_read_bio_X509(chain.get(), nullptr, nullptr, nullptr);
    ok = leaf != nullptr && SSL_CTX_use_certificate(ctx.get(), leaf) == 1;
    X509_free(leaf);
  }
  // The intermediates, in order; the end of the PEM text ends the loop.
  while (ok) {
    X509* next = PEM_read_bio_X509(chain.get(), nullptr, nullptr, nullptr);
    if (next == nullptr) {
      ERR_clear_error();
      break;
    }
    ok = SSL_CTX_add0_chain_cert(ctx.get(), next) == 1;  // takes ownership on success
    if (!ok) X509_free(next);
  }
  if (ok) {
    EVP_PKEY* pkey = PEM_read_bio_PrivateKey(key.get(), nullptr, nullptr, nullptr);
    ok = pkey != nullptr && SSL_CTX_use_PrivateKey(ctx.get(), pkey) == 1 && SSL_CTX_check_private_key(ctx.get()) == 1;
    EVP_PKEY_free(pkey);
  }
  if (!ok) {
    core::log::error("TLS: a certificate for SNI could not be loaded; it is not served",
                     {{"certificate", c.id}, {"error", openssl_error()}});
    return nullptr;
  }
  return ctx;
}

std::string normalise(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch); });
  return out;
}

}  // namespace

struct SniCertificates::Snapshot {
  // Exact names and "*.suffix" wildcards in one map; the contexts are shared by a certificate's names.
  std::unordered_map<std::string, CtxPtr> by_name;
};

SniCertificates::SniCertificates() : current_(std::make_shared<const Snapshot>()) {}
SniCertificates::~SniCertificates() = default;

std::size_t SniCertificates::replace(const std::vector<SniCertificate>& certificates) {
  auto next = std::make_shared<Snapshot>();
  std::size_t loaded = 0;
  for (const auto& c : certificates) {
    auto ctx = load(c);
    if (!ctx) continue;
    ++loaded;
    for (const auto& n : c.names) next->by_name.try_emplace(normalise(n), ctx);
  }
  // Handshakes in progress keep the contexts they switched to: SSL_set_SSL_CTX holds a reference.
  current_.store(std::move(next));
  return loaded;
}

bool SniCertificates::select(ssl_st* ssl, std::string_view server_name) const {
  const auto snapshot = current_.load();
  if (snapshot->by_name.empty() || server_name.empty()) return false;
  const auto name = normalise(server_name);
  auto it = snapshot->by_name.find(name);
  if (it == snapshot->by_name.end()) {
    // "*.example.com" covers "a.example.com" and not "example.com" nor "a.b.example.com".
    const auto dot = name.find('.');
    if (dot == std::string::npos || dot == 0) return false;
    std::string wildcard(1, '*');
    wildcard.append(name, dot);
    it = snapshot->by_name.find(wildcard);
    if (it == snapshot->by_name.end()) return false;
  }
  return SSL_set_SSL_CTX(ssl, it->second.get()) != nullptr;
}

std::size_t SniCertificates::names() const { return current_.load()->by_name.size(); }

}  // namespace cove::http
