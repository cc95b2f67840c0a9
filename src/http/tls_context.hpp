#pragma once
// OpenSSL contexts for the server and the client: TLS 1.2 or newer only. Internal to src/http.
#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

struct ssl_ctx_st;  // OpenSSL's SSL_CTX

namespace cove::http {

class SniCertificates;

// The server settings every context shares (TLS 1.2 or newer, no renegotiation, no compression,
// server cipher preference): the default one and each certificate served by SNI.
void configure_server_context(ssl_ctx_st* ctx);

// Loads the PEM certificate chain and private key; throws std::runtime_error naming the file
// that could not be used. With `sni`, a handshake naming a host one of its certificates covers
// switches to that certificate; this chain stays the default. `sni` must outlive the context.
std::unique_ptr<boost::asio::ssl::context> make_server_tls_context(const std::string& cert_file,
                                                                   const std::string& key_file,
                                                                   const SniCertificates* sni = nullptr);

// Trusts the system store plus `ca_file` (when set); verify_peer=false accepts any certificate
// (for talking to a development server, never the default).
std::unique_ptr<boost::asio::ssl::context> make_client_tls_context(bool verify_peer,
                                                                   const std::string& ca_file);

}  // namespace cove::http
