#pragma once
// A pending certificate signing request (certificate_requests table) and its JSON.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cove::domains {

struct CertificateRequest {
  std::string id;        // csr_…
  std::string key_type;  // RSA-2048 | RSA-3072 | EC-P256
  int key_bits = 0;
  std::string subject;
  std::vector<std::string> names;
  std::string csr_pem;
  std::string sealed_key;
  std::string created_by;
  std::int64_t created_ms = 0;
};

// At most this many pending requests (each holds a generated key).
inline constexpr std::size_t kMaxCertificateRequests = 100;

// With the request PEM (it is public), never the key.
nlohmann::json to_json(const CertificateRequest& r);

}  // namespace cove::domains
