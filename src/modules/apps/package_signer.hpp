#pragma once
// Signs released packages (DESIGN.md §4.1): the base64 Ed25519 signature of the ASCII lowercase
// hex SHA-256 of the package. The private key lives in data/secrets/package-signing.pem (created
// on first start, mode 0600); SDKs verify with the public key from /runtime/v1/signing-key.
#include <string>
#include <string_view>

#include "core/ed25519.hpp"
#include "core/secrets.hpp"

namespace cove::apps {

class PackageSigner {
 public:
  explicit PackageSigner(core::SecretStore& secrets);
  std::string sign(std::string_view package_sha256_hex) const;  // base64
  const std::string& public_pem() const { return public_pem_; }

 private:
  core::Ed25519Key key_;
  std::string public_pem_;
};

}  // namespace cove::apps
