#include "http/tls_context.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <openssl/ssl.h>

#include "http/sni_certificates.hpp"

namespace cove::http {

namespace ssl = boost::asio::ssl;

namespace {

std::unique_ptr<ssl::context> base_context(ssl::context::method method) {
  auto ctx = std::make_unique<ssl::context>(method);
  // SSL 3, TLS 1.0 and 1.1 are broken or deprecated (RFC 8996).
  if (SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION) != 1) {
    throw std::runtime_error("TLS: cannot require TLS 1.2 or newer");
  }
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_compression);
  return ctx;
}

// Runs during the handshake, on the I/O thread, once the client hello's server name is known.
int select_by_server_name(SSL* ssl, int* /*alert*/, void* arg) {
  const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  // An unknown name or none is not an error: the default certificate answers.
  if (name != nullptr) static_cast<const SniCertificates*>(arg)->select(ssl, name);
  return SSL_TLSEXT_ERR_OK;
}

}  // namespace

void configure_server_context(ssl_ctx_st* ctx) {
  // SSL 3, TLS 1.0 and 1.1 are broken or deprecated (RFC 8996).
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) {
    throw std::runtime_error("TLS: cannot require TLS 1.2 or newer");
  }
  // Client-initiated renegotiation is a denial-of-service lever and nothing here needs it.
  SSL_CTX_set_options(ctx, SSL_OP_ALL | SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                               SSL_OP_CIPHER_SERVER_PREFERENCE);
}

std::unique_ptr<ssl::context> make_server_tls_context(const std::string& cert_file, const std::string& key_file,
                                                      const SniCertificates* sni) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  configure_server_context(ctx->native_handle());
  if (sni != nullptr) {
    SSL_CTX_set_tlsext_servername_callback(ctx->native_handle(), select_by_server_name);
    SSL_CTX_set_tlsext_servername_arg(ctx->native_handle(), const_cast<SniCertificates*>(sni));
  }
  boost::system::error_code ec;
  ctx->use_certificate_chain_file(cert_file, ec);
  if (ec)
    throw std::runtime_error(
        fmt::format("TLS: cannot load certificate chain {}: {}", cert_file, ec.message()));
  ctx->use_private_key_file(key_file, ssl::context::pem, ec);
  if (ec)
    throw std::runtime_error(fmt::format("TLS: cannot load private key {}: {}", key_file, ec.message()));
  if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
    throw std::runtime_error(
        fmt::format("TLS: private key {} does not match certificate {}", key_file, cert_file));
  }
  return ctx;
}

std::unique_ptr<ssl::context> make_client_tls_context(bool verify_peer, const std::string& ca_file) {
  auto ctx = base_context(ssl::context::tls_client);
  if (!verify_peer) {
    ctx->set_verify_mode(ssl::verify_none);
    return ctx;
  }
  boost::system::error_code ec;
  ctx->set_verify_mode(ssl::verify_peer, ec);
  ctx->set_default_verify_paths(ec);
  if (!ca_file.empty()) {
    ctx->load_verify_file(ca_file, ec);
    if (ec) throw std::runtime_error(fmt::format("TLS: cannot load CA file {}: {}", ca_file, ec.message()));
  }
  return ctx;
}

}  // namespace cove::http
