#pragma once
// Password hashing with scrypt through OpenSSL 3's EVP_KDF, stored as a PHC-style string:
//   $scrypt$ln=15,r=8,p=1$<salt b64>$<hash b64>
// The parameters travel with the hash, so raising the cost later keeps old hashes verifiable
// (needs_rehash() tells when to upgrade at the next sign-in).
#include <string>
#include <string_view>

namespace cove::core::password {

struct Cost {
  int log_n = 15;  // N = 2^15 (DESIGN.md §7); 32 MiB of memory per hash with r = 8
  int r = 8;
  int p = 1;
};

std::string hash(std::string_view password, const Cost& cost = {});
// Constant-time comparison; false for a malformed stored string (never throws on bad input).
bool verify(std::string_view password, std::string_view stored);
bool needs_rehash(std::string_view stored, const Cost& cost);

}  // namespace cove::core::password
