#pragma once
// A stored certificate (certificates table) and its JSON.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "modules/domains/certificate_pem.hpp"

namespace cove::domains {

struct Certificate {
  std::string id;     // crt_…
  std::string scope;  // platform | org
  std::string org_id;
  CertificateInfo info;
  std::string chain_pem;
  std::string sealed_key;   // platform only
  int notified_days = 0;    // smallest expiry threshold already announced
  std::string created_by;
  std::int64_t created_ms = 0;
};

// Expiry thresholds announced by certificate.expiring, largest first.
inline constexpr int kExpiryThresholdDays[] = {30, 14, 7, 1};
// At most this many certificates per scope (platform, or one organisation).
inline constexpr std::size_t kMaxCertificates = 500;

// Without the chain or key; `now_ms` gives daysLeft.
nlohmann::json to_json(const Certificate& c, std::int64_t now_ms);

}  // namespace cove::domains
