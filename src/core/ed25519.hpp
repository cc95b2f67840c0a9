#pragma once
// Ed25519 signing of released packages (DESIGN.md §4.1): the platform signs the ASCII lowercase
// hex SHA-256 of each package; SDKs verify with the public key from /runtime/v1/signing-key.
#include <memory>
#include <string>
#include <string_view>

namespace cove::core {

class Ed25519Key {
 public:
  static Ed25519Key generate();
  // PKCS#8 PEM private key (as stored in data/secrets/); throws std::runtime_error when invalid.
  static Ed25519Key from_private_pem(std::string_view pem);
  ~Ed25519Key();
  Ed25519Key(Ed25519Key&&) noexcept;
  Ed25519Key& operator=(Ed25519Key&&) noexcept;

  std::string private_pem() const;
  std::string public_pem() const;  // SubjectPublicKeyInfo PEM
  std::string sign(std::string_view message) const;  // raw 64-byte signature

 private:
  explicit Ed25519Key(void* pkey) : pkey_(pkey) {}
  void* pkey_ = nullptr;  // EVP_PKEY*
};

// Verifies a raw signature with a SubjectPublicKeyInfo PEM key.
bool ed25519_verify(std::string_view public_pem, std::string_view message, std::string_view signature);

}  // namespace cove::core
