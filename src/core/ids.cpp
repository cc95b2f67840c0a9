#include "core/ids.hpp"

#include "core/crypto.hpp"

namespace cove::core {

namespace {
constexpr std::string_view kAlphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kIdChars = 22;  // 62^22 > 2^130
}  // namespace

std::string new_id(std::string_view prefix) {
  std::string id(prefix);
  id.push_back('_');
  // Rejection sampling keeps every character uniform: 62 * 4 = 248 usable byte values.
  while (id.size() < prefix.size() + 1 + kIdChars) {
    for (unsigned char b : crypto::random_bytes(32)) {
      if (b >= 248) continue;
      id.push_back(kAlphabet[b % 62]);
      if (id.size() == prefix.size() + 1 + kIdChars) break;
    }
  }
  return id;
}

bool looks_like_id(std::string_view id, std::string_view prefix) {
  if (id.size() != prefix.size() + 1 + kIdChars) return false;
  if (id.substr(0, prefix.size()) != prefix || id[prefix.size()] != '_') return false;
  for (char c : id.substr(prefix.size() + 1)) {
    if (kAlphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace cove::core
