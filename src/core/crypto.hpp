#pragma once
// Thin wrappers over OpenSSL 3 for the primitives the platform needs everywhere.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace cove::core::crypto {

std::string random_bytes(std::size_t n);  // from the OS CSPRNG (RAND_bytes); throws on failure
std::string hex(std::string_view bytes);  // lowercase
std::string from_hex(std::string_view hex);  // throws std::invalid_argument on bad input
std::string base64(std::string_view bytes);
std::string base64url(std::string_view bytes);  // no padding
std::string from_base64url(std::string_view text);  // throws std::invalid_argument

std::string sha256(std::string_view data);           // raw 32 bytes
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes
bool constant_time_equal(std::string_view a, std::string_view b);

// Incremental SHA-256, for streamed bodies and files.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t len);
  std::string finish_hex();

 private:
  void* ctx_;  // EVP_MD_CTX*
};

std::string sha256_file_hex(const std::filesystem::path& path);

}  // namespace cove::core::crypto
