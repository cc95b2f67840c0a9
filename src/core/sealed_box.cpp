#include "core/sealed_box.hpp"

#include <memory>
#include <stdexcept>

#include <openssl/evp.h>

#include "core/crypto.hpp"

namespace cove::core {

namespace {
constexpr std::size_t kNonce = 12;
constexpr std::size_t kTag = 16;
constexpr std::string_view kPrefix = "v1.";
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
}  // namespace

SealedBox::SealedBox(std::string key) : key_(std::move(key)) {
  if (key_.size() != 32) throw std::invalid_argument("SealedBox needs a 32-byte key");
}

std::string SealedBox::seal(std::string_view plaintext) const {
  const auto nonce = crypto::random_bytes(kNonce);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(kNonce + plaintext.size() + kTag, '\0');
  out.replace(0, kNonce, nonce);
  auto* cipher = reinterpret_cast<unsigned char*>(out.data() + kNonce);
  int len = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key_), bytes(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), cipher, &len, bytes(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), cipher + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, out.data() + kNonce + plaintext.size()) != 1) {
    throw std::runtime_error("AES-GCM seal failed");
  }
  return std::string(kPrefix) + crypto::base64url(out);
}

std::optional<std::string> SealedBox::open(std::string_view sealed) const {
  if (!sealed.starts_with(kPrefix)) return std::nullopt;
  std::string raw;
  try {
    raw = crypto::from_base64url(sealed.substr(kPrefix.size()));
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  if (raw.size() < kNonce + kTag) return std::nullopt;
  const std::size_t n = raw.size() - kNonce - kTag;
  std::string plain(n, '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  std::string tag = raw.substr(kNonce + n);
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key_), bytes(raw)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), out, &len, bytes(raw) + kNonce, static_cast<int>(n)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), out + len, &len) != 1) {
    return std::nullopt;
  }
  return plain;
}

}  // namespace cove::core
