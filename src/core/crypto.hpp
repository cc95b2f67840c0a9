#pragma once
// Thin wrappers over OpenSSL 3 for the primitives the platform needs everywhere.
#include <array>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace cove::core::crypto {

std::string random_bytes(std::size_t n);     // from the OS CSPRNG (RAND_bytes); throws on failure
std::string hex(std::string_view bytes);     // lowercase
std::string from_hex(std::string_view hex);  // throws std::invalid_argument on bad input
std::string base64(std::string_view bytes);
std::string base64url(std::string_view bytes);      // no padding
std::string from_base64url(std::string_view text);  // throws std::invalid_argument

std::string sha256(std::string_view data);  // raw 32 bytes
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes
bool constant_time_equal(std::string_view a, std::string_view b);

// HMAC-SHA256 with one key for many messages: the key's inner and outer pad states are hashed
// once, so each message costs two SHA-256 finishes and no algorithm look-up (the one-shot HMAC()
// fetches the algorithm and re-hashes the pads every call — measurable on the runtime hot path).
// Thread-safe: mac() only reads the precomputed states.
class HmacSha256Key {
 public:
  explicit HmacSha256Key(std::string_view key);
  ~HmacSha256Key();
  HmacSha256Key(const HmacSha256Key&) = delete;
  HmacSha256Key& operator=(const HmacSha256Key&) = delete;
  // The raw 32-byte MAC of the concatenation of `parts`.
  std::string mac(std::initializer_list<std::string_view> parts) const;
  std::string mac(std::span<const std::string_view> parts) const;

 private:
  void* inner_;  // EVP_MD_CTX* after absorbing key ^ ipad
  void* outer_;  // EVP_MD_CTX* after absorbing key ^ opad
};

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
