#include "modules/domains/certificate_serving.hpp"

#include <algorithm>

#include "core/log.hpp"

namespace cove::domains {

std::size_t CertificateServing::refresh() {
  std::lock_guard lock(mutex_);
  auto rows = certificates_.list("");
  const auto now = certificates_.now_ms();
  std::stable_sort(rows.begin(), rows.end(), [now](const Certificate& a, const Certificate& b) {
    const bool a_valid = a.info.not_after_ms > now;
    const bool b_valid = b.info.not_after_ms > now;
    if (a_valid != b_valid) return a_valid;
    return a.created_ms > b.created_ms;
  });
  std::vector<http::SniCertificate> served;
  served.reserve(rows.size());
  for (const auto& c : rows) {
    auto key = certificates_.key_of(c);
    if (!key) {
      // A key sealed under another secret (a data directory restored without its secrets).
      core::log::error("certificate key cannot be opened; the certificate is not served", {{"certificate", c.id}});
      continue;
    }
    served.push_back({c.id, c.info.names, c.chain_pem, std::move(*key)});
  }
  return sni_.replace(served);
}

}  // namespace cove::domains
