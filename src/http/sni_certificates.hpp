#pragma once
// Certificates served by SNI (issue 15): when Cove terminates TLS, a handshake naming a host that
// one of these certificates covers is answered with it; any other name (or none) gets the
// configured http.tls.cert. The set is replaced whole by its owner (the domains module, through
// modules::AppContext) whenever a certificate is added or removed, and takes effect with the next
// handshake — no restart.
//
// Thread-safety: replace() may run on any thread; select() runs on I/O threads during handshakes
// and reads an immutable snapshot through an atomic shared_ptr, so it never waits for replace().
// No Asio or Beast types here: modules include this header.
#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct ssl_st;  // OpenSSL's SSL

namespace cove::http {

struct SniCertificate {
  std::string id;                  // for log lines about this certificate
  std::vector<std::string> names;  // DNS names it serves; "*.example.com" covers one label
  std::string chain_pem;           // leaf first, then intermediates
  std::string key_pem;
};

class SniCertificates {
 public:
  SniCertificates();
  ~SniCertificates();
  SniCertificates(const SniCertificates&) = delete;
  SniCertificates& operator=(const SniCertificates&) = delete;

  // Replaces the whole set. Earlier entries win a name over later ones (the owner orders them by
  // preference). An entry OpenSSL cannot load is left out and logged; the rest still apply.
  // Returns how many entries were loaded.
  std::size_t replace(const std::vector<SniCertificate>& certificates);

  // Switches `ssl` to the certificate serving `server_name` (case-insensitive, a trailing dot
  // ignored): an exact name first, then a wildcard one label up. False when none covers it.
  bool select(ssl_st* ssl, std::string_view server_name) const;

  // How many names are served (exact and wildcard).
  std::size_t names() const;

 private:
  struct Snapshot;
  std::atomic<std::shared_ptr<const Snapshot>> current_;
};

}  // namespace cove::http
