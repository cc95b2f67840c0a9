#include "core/password.hpp"

#include <charconv>
#include <stdexcept>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <fmt/format.h>

#include "core/crypto.hpp"

namespace cove::core::password {

namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::string derive(std::string_view password, std::string_view salt, const Cost& cost) {
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "SCRYPT", nullptr);
  if (kdf == nullptr) throw std::runtime_error("scrypt is not available in this OpenSSL");
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
  EVP_KDF_free(kdf);
  if (ctx == nullptr) throw std::runtime_error("EVP_KDF_CTX_new failed");
  std::uint64_t n = std::uint64_t{1} << cost.log_n;
  std::uint32_t r = static_cast<std::uint32_t>(cost.r);
  std::uint32_t p = static_cast<std::uint32_t>(cost.p);
  // Room for N = 2^16 with r = 8 (64 MiB) plus scratch.
  std::uint64_t maxmem = std::uint64_t{160} * 1024 * 1024;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, const_cast<char*>(password.data()),
                                        password.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()), salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
      OSSL_PARAM_construct_end(),
  };
  std::string out(kHashBytes, '\0');
  const int ok = EVP_KDF_derive(ctx, reinterpret_cast<unsigned char*>(out.data()), out.size(), params);
  EVP_KDF_CTX_free(ctx);
  if (ok != 1) throw std::runtime_error("scrypt derivation failed");
  return out;
}

struct Parsed {
  Cost cost;
  std::string salt;
  std::string hash;
};

bool parse_int(std::string_view s, int& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool parse(std::string_view stored, Parsed& out) {
  constexpr std::string_view kPrefix = "$scrypt$";
  if (!stored.starts_with(kPrefix)) return false;
  stored.remove_prefix(kPrefix.size());
  const auto d1 = stored.find('$');
  if (d1 == std::string_view::npos) return false;
  const auto params = stored.substr(0, d1);
  const auto rest = stored.substr(d1 + 1);
  const auto d2 = rest.find('$');
  if (d2 == std::string_view::npos) return false;
  // "ln=15,r=8,p=1"
  const auto c1 = params.find(',');
  const auto c2 = params.rfind(',');
  if (c1 == std::string_view::npos || c2 == c1) return false;
  const auto ln = params.substr(0, c1);
  const auto r = params.substr(c1 + 1, c2 - c1 - 1);
  const auto p = params.substr(c2 + 1);
  if (!ln.starts_with("ln=") || !r.starts_with("r=") || !p.starts_with("p=")) return false;
  if (!parse_int(ln.substr(3), out.cost.log_n) || !parse_int(r.substr(2), out.cost.r) ||
      !parse_int(p.substr(2), out.cost.p)) {
    return false;
  }
  // Bounds keep a corrupted row from asking for gigabytes of memory.
  if (out.cost.log_n < 1 || out.cost.log_n > 16 || out.cost.r < 1 || out.cost.r > 16 || out.cost.p < 1 ||
      out.cost.p > 4) {
    return false;
  }
  try {
    out.salt = crypto::from_base64url(rest.substr(0, d2));
    out.hash = crypto::from_base64url(rest.substr(d2 + 1));
  } catch (const std::invalid_argument&) {
    return false;
  }
  return out.salt.size() >= 8 && out.hash.size() == kHashBytes;
}

}  // namespace

std::string hash(std::string_view password, const Cost& cost) {
  const auto salt = crypto::random_bytes(kSaltBytes);
  const auto derived = derive(password, salt, cost);
  return fmt::format("$scrypt$ln={},r={},p={}${}${}", cost.log_n, cost.r, cost.p, crypto::base64url(salt),
                     crypto::base64url(derived));
}

bool verify(std::string_view password, std::string_view stored) {
  Parsed parsed;
  if (!parse(stored, parsed)) return false;
  return crypto::constant_time_equal(derive(password, parsed.salt, parsed.cost), parsed.hash);
}

bool needs_rehash(std::string_view stored, const Cost& cost) {
  Parsed parsed;
  if (!parse(stored, parsed)) return true;
  return parsed.cost.log_n != cost.log_n || parsed.cost.r != cost.r || parsed.cost.p != cost.p;
}

}  // namespace cove::core::password
