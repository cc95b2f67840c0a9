#include "modules/apps/package_signer.hpp"

#include "core/crypto.hpp"

namespace cove::apps {

PackageSigner::PackageSigner(core::SecretStore& secrets)
    : key_(core::Ed25519Key::from_private_pem(secrets.get_or_create(
          "package-signing.pem", [] { return core::Ed25519Key::generate().private_pem(); }))),
      public_pem_(key_.public_pem()) {}

std::string PackageSigner::sign(std::string_view package_sha256_hex) const {
  return core::crypto::base64(key_.sign(package_sha256_hex));
}

}  // namespace cove::apps
