#pragma once
// ES256 (ECDSA over P-256 with SHA-256, RFC 7518 §3.4) for OAuth access tokens. ES256 rather than
// the platform's Ed25519: every JOSE library verifies ES256 (EdDSA is optional in many), and its
// signatures cost tens of microseconds where RS256 costs a millisecond. JWS signatures are the
// raw 64-byte r || s, not OpenSSL's DER, so the conversion lives here.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cove::oauth {

class Es256Key {
 public:
  static Es256Key generate();
  // PKCS#8 PEM private key; throws std::runtime_error when it is not a P-256 key.
  static Es256Key from_private_pem(std::string_view pem);
  ~Es256Key();
  Es256Key(Es256Key&&) noexcept;
  Es256Key& operator=(Es256Key&&) noexcept;
  Es256Key(const Es256Key&) = delete;
  Es256Key& operator=(const Es256Key&) = delete;

  std::string private_pem() const;
  // The public key as a JWK (RFC 7517/7518: kty EC, crv P-256, x, y), without kid/use/alg.
  nlohmann::json public_jwk() const;
  // The raw 64-byte JWS signature of `message`.
  std::string sign(std::string_view message) const;
  // Whether `signature` (raw 64 bytes) signs `message` with this key's public half.
  bool verify(std::string_view message, std::string_view signature) const;

 private:
  explicit Es256Key(void* pkey) : pkey_(pkey) {}
  void* pkey_ = nullptr;  // EVP_PKEY*
};

}  // namespace cove::oauth
