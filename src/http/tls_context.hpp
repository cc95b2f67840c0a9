#pragma once
// OpenSSL contexts for the server and the client: TLS 1.2 or newer only. Internal to src/http.
#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

namespace cove::http {

// Loads the PEM certificate chain and private key; throws std::runtime_error naming the file
// that could not be used.
std::unique_ptr<boost::asio::ssl::context> make_server_tls_context(const std::string& cert_file,
                                                                   const std::string& key_file);

// Trusts the system store plus `ca_file` (when set); verify_peer=false accepts any certificate
// (for talking to a development server, never the default).
std::unique_ptr<boost::asio::ssl::context> make_client_tls_context(bool verify_peer,
                                                                   const std::string& ca_file);

}  // namespace cove::http
