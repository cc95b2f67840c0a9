#include "core/totp.hpp"

#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fmt/format.h>

#include "core/crypto.hpp"

namespace cove::core::totp {

namespace {
const EVP_MD* md_for(Algorithm alg) {
  switch (alg) {
    case Algorithm::kSha1: return EVP_sha1();
    case Algorithm::kSha256: return EVP_sha256();
    case Algorithm::kSha512: return EVP_sha512();
  }
  return EVP_sha1();
}

std::string hotp(std::string_view secret, std::uint64_t counter, int digits, Algorithm alg) {
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(md_for(alg), secret.data(), static_cast<int>(secret.size()), msg, sizeof msg, mac, &len) == nullptr) {
    throw std::runtime_error("HMAC failed");
  }
  const int offset = mac[len - 1] & 0x0F;  // dynamic truncation, RFC 4226 §5.3
  const std::uint32_t bin = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                            (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                            (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  return fmt::format("{:0{}}", bin % mod, digits);
}
}  // namespace

std::string code(std::string_view secret, std::int64_t unix_seconds, int digits, int step_s, Algorithm alg) {
  return hotp(secret, static_cast<std::uint64_t>(unix_seconds / step_s), digits, alg);
}

bool check(std::string_view secret, std::string_view candidate, std::int64_t unix_seconds, int window,
           std::int64_t& matched_step, int digits, int step_s) {
  if (candidate.size() != static_cast<std::size_t>(digits)) return false;
  const std::int64_t step = unix_seconds / step_s;
  bool found = false;
  // Compare every candidate step so timing does not reveal which one matched.
  for (std::int64_t s = step - window; s <= step + window; ++s) {
    if (s < 0) continue;
    if (crypto::constant_time_equal(hotp(secret, static_cast<std::uint64_t>(s), digits, Algorithm::kSha1), candidate)) {
      if (!found) matched_step = s;
      found = true;
    }
  }
  return found;
}

namespace {
constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

std::string base32_encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32[(buffer >> (bits - 5)) & 0x1F]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 0x1F]);
  return out;
}

std::string base32_decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const auto pos = kBase32.find(c);
    if (pos == std::string_view::npos) throw std::invalid_argument("not base32");
    buffer = (buffer << 5) | static_cast<std::uint32_t>(pos);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret) {
  const auto enc = [](std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
          c == '_' || c == '~') {
        out.push_back(static_cast<char>(c));
      } else {
        out += fmt::format("%{:02X}", c);
      }
    }
    return out;
  };
  return fmt::format("otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30", enc(issuer),
                     enc(account), base32_encode(secret), enc(issuer));
}

}  // namespace cove::core::totp
