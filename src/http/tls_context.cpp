#include "http/tls_context.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <openssl/ssl.h>

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

}  // namespace

std::unique_ptr<ssl::context> make_server_tls_context(const std::string& cert_file,
                                                      const std::string& key_file) {
  auto ctx = base_context(ssl::context::tls_server);
  // Client-initiated renegotiation is a denial-of-service lever and nothing here needs it.
  SSL_CTX_set_options(ctx->native_handle(), SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
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
