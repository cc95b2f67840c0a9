#pragma once
// Compact JWS with HS256 only. The algorithm is pinned: a token whose header says anything but
// {"alg":"HS256"} — "none", RS256, HS512 — is rejected before any signature check.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cove::core::jwt {

std::string sign(const nlohmann::json& claims, std::string_view key);

enum class VerifyError { kNone, kMalformed, kAlgorithm, kSignature, kMissingExpiry, kExpired, kNotYetValid };

struct Verified {
  VerifyError error = VerifyError::kNone;
  nlohmann::json claims;
  bool ok() const { return error == VerifyError::kNone; }
};

// Checks shape, algorithm, signature, then `exp` (required, an integer) and `nbf` (optional),
// Unix seconds, against `now` with `leeway_s` seconds of clock tolerance.
Verified verify(std::string_view token, std::string_view key, std::int64_t now, std::int64_t leeway_s = 30);

}  // namespace cove::core::jwt
