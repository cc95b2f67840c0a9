#include "modules/oauth/es256_key.hpp"

#include <memory>
#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "core/crypto.hpp"

namespace cove::oauth {

namespace {

EVP_PKEY* as_pkey(void* p) { return static_cast<EVP_PKEY*>(p); }

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)>;

constexpr int kCoordinateBytes = 32;

bool is_p256(EVP_PKEY* pkey) {
  if (pkey == nullptr || EVP_PKEY_get_base_id(pkey) != EVP_PKEY_EC) return false;
  char group[64] = {};
  std::size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1) return false;
  return std::string_view(group, len) == "prime256v1" || std::string_view(group, len) == "P-256";
}

}  // namespace

Es256Key Es256Key::generate() {
  EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (pkey == nullptr) throw std::runtime_error("P-256 key generation failed");
  return Es256Key(pkey);
}

Es256Key Es256Key::from_private_pem(std::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  EVP_PKEY* pkey = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (!is_p256(pkey)) {
    EVP_PKEY_free(pkey);
    throw std::runtime_error("not a P-256 private key");
  }
  return Es256Key(pkey);
}

Es256Key::~Es256Key() { EVP_PKEY_free(as_pkey(pkey_)); }
Es256Key::Es256Key(Es256Key&& o) noexcept : pkey_(o.pkey_) { o.pkey_ = nullptr; }
Es256Key& Es256Key::operator=(Es256Key&& o) noexcept {
  std::swap(pkey_, o.pkey_);
  return *this;
}

std::string Es256Key::private_pem() const {
  Bio bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), as_pkey(pkey_), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw std::runtime_error("cannot encode the private key");
  }
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

nlohmann::json Es256Key::public_jwk() const {
  // The uncompressed point: 0x04 || X || Y, each coordinate 32 bytes big-endian.
  unsigned char point[1 + 2 * kCoordinateBytes];
  std::size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(as_pkey(pkey_), OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &len) != 1 ||
      len != sizeof point || point[0] != 0x04) {
    throw std::runtime_error("cannot read the public point");
  }
  const auto* p = reinterpret_cast<const char*>(point);
  return {{"kty", "EC"},
          {"crv", "P-256"},
          {"x", core::crypto::base64url(std::string_view(p + 1, kCoordinateBytes))},
          {"y", core::crypto::base64url(std::string_view(p + 1 + kCoordinateBytes, kCoordinateBytes))}};
}

std::string Es256Key::sign(std::string_view message) const {
  MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t der_len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, as_pkey(pkey_)) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &der_len, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) != 1) {
    throw std::runtime_error("ES256 signing failed");
  }
  std::string der(der_len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &der_len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    throw std::runtime_error("ES256 signing failed");
  }
  const auto* in = reinterpret_cast<const unsigned char*>(der.data());
  EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der_len)), ECDSA_SIG_free);
  if (!sig) throw std::runtime_error("ES256 signature is not DER");
  std::string raw(2 * kCoordinateBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, kCoordinateBytes) != kCoordinateBytes ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + kCoordinateBytes, kCoordinateBytes) != kCoordinateBytes) {
    throw std::runtime_error("ES256 signature does not fit");
  }
  return raw;
}

bool Es256Key::verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != 2 * kCoordinateBytes) return false;
  const auto* raw = reinterpret_cast<const unsigned char*>(signature.data());
  EcdsaSig sig(ECDSA_SIG_new(), ECDSA_SIG_free);
  BIGNUM* r = BN_bin2bn(raw, kCoordinateBytes, nullptr);
  BIGNUM* s = BN_bin2bn(raw + kCoordinateBytes, kCoordinateBytes, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return false;
  }
  unsigned char* der = nullptr;
  const int der_len = i2d_ECDSA_SIG(sig.get(), &der);
  if (der_len <= 0) return false;
  std::unique_ptr<unsigned char, void (*)(unsigned char*)> der_owner(der, [](unsigned char* p) { OPENSSL_free(p); });
  MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, as_pkey(pkey_)) == 1 &&
         EVP_DigestVerify(ctx.get(), der, static_cast<std::size_t>(der_len),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

}  // namespace cove::oauth
