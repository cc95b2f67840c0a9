#include "modules/webhooks/webhook_signature.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "core/crypto.hpp"

namespace cove::webhooks {

namespace {

constexpr std::string_view kPrefix = "whsec_";

// Standard base64 (with padding) back to bytes, through the base64url decoder.
std::string from_base64(std::string_view text) {
  std::string url(text);
  while (!url.empty() && url.back() == '=') url.pop_back();
  for (auto& c : url) {
    if (c == '+') c = '-';
    else if (c == '/') c = '_';
    else if (c == '-' || c == '_') throw std::invalid_argument("not standard base64");
  }
  return core::crypto::from_base64url(url);
}

}  // namespace

std::string new_secret() { return std::string(kPrefix) + core::crypto::base64(core::crypto::random_bytes(24)); }

std::string sign(std::string_view secret, std::string_view message_id, std::int64_t timestamp_s,
                 std::string_view body) {
  if (!secret.starts_with(kPrefix)) throw std::invalid_argument("a webhook secret starts with whsec_");
  const auto key = from_base64(secret.substr(kPrefix.size()));
  const auto content = fmt::format("{}.{}.{}", message_id, timestamp_s, body);
  return "v1," + core::crypto::base64(core::crypto::hmac_sha256(key, content));
}

std::string signature_header(const std::vector<std::string>& secrets, std::string_view message_id,
                             std::int64_t timestamp_s, std::string_view body) {
  std::string out;
  for (const auto& s : secrets) {
    if (!out.empty()) out += ' ';
    out += sign(s, message_id, timestamp_s, body);
  }
  return out;
}

}  // namespace cove::webhooks
