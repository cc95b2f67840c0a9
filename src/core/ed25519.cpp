#include "core/ed25519.hpp"

#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace cove::core {

namespace {
EVP_PKEY* as_pkey(void* p) { return static_cast<EVP_PKEY*>(p); }

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::string bio_string(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}
}  // namespace

Ed25519Key Ed25519Key::generate() {
  EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (pkey == nullptr) throw std::runtime_error("Ed25519 key generation failed");
  return Ed25519Key(pkey);
}

Ed25519Key Ed25519Key::from_private_pem(std::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  EVP_PKEY* pkey = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (pkey == nullptr || EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(pkey);
    throw std::runtime_error("not an Ed25519 private key");
  }
  return Ed25519Key(pkey);
}

Ed25519Key::~Ed25519Key() { EVP_PKEY_free(as_pkey(pkey_)); }
Ed25519Key::Ed25519Key(Ed25519Key&& o) noexcept : pkey_(o.pkey_) { o.pkey_ = nullptr; }
Ed25519Key& Ed25519Key::operator=(Ed25519Key&& o) noexcept {
  std::swap(pkey_, o.pkey_);
  return *this;
}

std::string Ed25519Key::private_pem() const {
  Bio bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), as_pkey(pkey_), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw std::runtime_error("cannot encode the private key");
  }
  return bio_string(bio.get());
}

std::string Ed25519Key::public_pem() const {
  Bio bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), as_pkey(pkey_)) != 1) {
    throw std::runtime_error("cannot encode the public key");
  }
  return bio_string(bio.get());
}

std::string Ed25519Key::sign(std::string_view message) const {
  MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::string sig(64, '\0');
  std::size_t len = sig.size();
  // Ed25519 is a one-shot scheme: no digest is named.
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, as_pkey(pkey_)) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    throw std::runtime_error("Ed25519 signing failed");
  }
  sig.resize(len);
  return sig;
}

bool ed25519_verify(std::string_view public_pem, std::string_view message, std::string_view signature) {
  Bio bio(BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())), BIO_free);
  EVP_PKEY* pkey = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (pkey == nullptr) return false;
  MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  const bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey) == 1 &&
                  EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                   reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  EVP_PKEY_free(pkey);
  return ok;
}

}  // namespace cove::core
