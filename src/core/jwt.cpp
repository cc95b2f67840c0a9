#include "core/jwt.hpp"

#include "core/crypto.hpp"

namespace cove::core::jwt {

namespace {
const std::string& encoded_header() {
  static const std::string h = crypto::base64url(R"({"alg":"HS256","typ":"JWT"})");
  return h;
}
}  // namespace

std::string sign(const nlohmann::json& claims, std::string_view key) {
  std::string token = encoded_header();
  token.push_back('.');
  token += crypto::base64url(claims.dump());
  const auto mac = crypto::hmac_sha256(key, token);
  token.push_back('.');
  token += crypto::base64url(mac);
  return token;
}

Verified verify(std::string_view token, std::string_view key, std::int64_t now, std::int64_t leeway_s) {
  Verified v;
  if (token.size() > 8192) {
    v.error = VerifyError::kMalformed;
    return v;
  }
  const auto d1 = token.find('.');
  const auto d2 = d1 == std::string_view::npos ? d1 : token.find('.', d1 + 1);
  if (d1 == std::string_view::npos || d2 == std::string_view::npos || token.find('.', d2 + 1) != std::string_view::npos) {
    v.error = VerifyError::kMalformed;
    return v;
  }
  nlohmann::json header;
  std::string signature;
  try {
    header = nlohmann::json::parse(crypto::from_base64url(token.substr(0, d1)));
    v.claims = nlohmann::json::parse(crypto::from_base64url(token.substr(d1 + 1, d2 - d1 - 1)));
    signature = crypto::from_base64url(token.substr(d2 + 1));
  } catch (const std::exception&) {
    v.error = VerifyError::kMalformed;
    return v;
  }
  if (!header.is_object() || !v.claims.is_object()) {
    v.error = VerifyError::kMalformed;
    return v;
  }
  if (!header.contains("alg") || header["alg"] != "HS256") {
    v.error = VerifyError::kAlgorithm;
    return v;
  }
  const auto expected = crypto::hmac_sha256(key, token.substr(0, d2));
  if (!crypto::constant_time_equal(expected, signature)) {
    v.error = VerifyError::kSignature;
    return v;
  }
  // A token without `exp` would be valid forever: refused, not treated as "no expiry".
  if (!v.claims.contains("exp") || !v.claims["exp"].is_number_integer()) {
    v.error = VerifyError::kMissingExpiry;
    return v;
  }
  if (v.claims["exp"].get<std::int64_t>() + leeway_s < now) {
    v.error = VerifyError::kExpired;
    return v;
  }
  if (v.claims.contains("nbf")) {
    if (!v.claims["nbf"].is_number_integer() || v.claims["nbf"].get<std::int64_t>() - leeway_s > now) {
      v.error = VerifyError::kNotYetValid;
      return v;
    }
  }
  return v;
}

}  // namespace cove::core::jwt
