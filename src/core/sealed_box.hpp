#pragma once
// Authenticated encryption (AES-256-GCM) for secrets that must be recoverable — a TOTP seed
// cannot be hashed. Sealed text is "v1.<base64url(nonce | ciphertext | tag)>"; the key lives in
// <data>/secrets/. Tampering or the wrong key makes open() fail rather than return garbage.
#include <optional>
#include <string>
#include <string_view>

namespace cove::core {

class SealedBox {
 public:
  explicit SealedBox(std::string key);  // 32 bytes
  std::string seal(std::string_view plaintext) const;
  std::optional<std::string> open(std::string_view sealed) const;

 private:
  std::string key_;
};

}  // namespace cove::core
