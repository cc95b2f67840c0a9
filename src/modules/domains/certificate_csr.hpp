#pragma once
// Key and certificate signing request generation (issue 15, 证书管理): an operator has Cove make
// the private key of a platform certificate — so the key never leaves the server — and a PKCS#10
// request to hand to a certificate authority. OpenSSL 3 EVP and X509_REQ; the request is signed
// with SHA-256 and carries the names as subject alternative names (what browsers check).
#include <optional>
#include <string>
#include <vector>

namespace cove::domains {

enum class CsrKeyType { kRsa2048, kRsa3072, kEcP256 };

// "RSA-2048", "RSA-3072", "EC-P256": the API's keyType values.
std::optional<CsrKeyType> csr_key_type_from(std::string_view name);
std::string csr_key_type_name(CsrKeyType type);

// At most this many names in one request (public CAs allow about 100).
inline constexpr std::size_t kMaxCsrNames = 100;

struct CsrSubject {
  std::string common_name;  // defaults to the first name
  std::string organization, organizational_unit, locality, state;
  std::string country;  // ISO 3166 alpha-2, or empty
};

struct CsrSpec {
  CsrKeyType key_type = CsrKeyType::kEcP256;
  CsrSubject subject;
  std::vector<std::string> names;  // DNS names, validated (ASCII, lower case; "*.x" allowed)
};

struct GeneratedCsr {
  std::string key_pem;  // PKCS#8, unencrypted: the caller seals it
  std::string csr_pem;
  std::string subject;  // RFC 2253, as certificates show theirs
  int key_bits = 0;
};

// Throws std::runtime_error only when OpenSSL fails (out of memory, no entropy): the spec is
// assumed valid.
GeneratedCsr generate_csr(const CsrSpec& spec);

}  // namespace cove::domains
