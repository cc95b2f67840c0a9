#pragma once
// Reading TLS certificates with OpenSSL (issue 15, 证书管理): a PEM chain (leaf first, then its
// intermediates) and optionally its private key. The key must match the leaf; the chain must
// verify to the included certificates (a self-signed root or leaf among them is trusted as given)
// or to the system store; expired and not-yet-valid leaves are refused. Every refusal is a
// core::Error 400 with its own code.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cove::domains {

// Bodies larger than this are refused before OpenSSL sees them.
inline constexpr std::size_t kMaxChainPemBytes = 64 * 1024;
inline constexpr std::size_t kMaxKeyPemBytes = 16 * 1024;
inline constexpr std::size_t kMaxChainCertificates = 8;

struct CertificateInfo {
  std::string subject;  // RFC 2253 ("CN=www.example.com,O=Example")
  std::string issuer;
  std::string serial;  // lowercase hex
  std::int64_t not_before_ms = 0;
  std::int64_t not_after_ms = 0;
  std::string key_type;  // "RSA", "EC", "ED25519", …
  int key_bits = 0;
  std::string fingerprint;         // SHA-256 of the leaf's DER, lowercase hex
  std::vector<std::string> names;  // DNS subject alternative names (the CN when there are none), lower case
  bool self_signed = false;
  int chain_length = 1;
};

struct ParsedCertificate {
  CertificateInfo info;
  std::string chain_pem;  // the certificates re-encoded, leaf first
  std::string key_pem;    // PKCS#8, when a key was given
};

// Throws core::Error 400: certificates.invalid_pem (no certificate, garbage, too many),
// certificates.invalid_key, certificates.key_mismatch, certificates.expired,
// certificates.not_yet_valid, certificates.bad_chain.
ParsedCertificate parse_certificate(std::string_view chain_pem, std::optional<std::string_view> key_pem,
                                    std::int64_t now_ms);

}  // namespace cove::domains
