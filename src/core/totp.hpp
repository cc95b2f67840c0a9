#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) and the base32 secrets that
// authenticator apps read from an otpauth:// URI.
#include <cstdint>
#include <string>
#include <string_view>

namespace cove::core::totp {

enum class Algorithm { kSha1, kSha256, kSha512 };

// The code for Unix time `unix_seconds`.
std::string code(std::string_view secret, std::int64_t unix_seconds, int digits = 6, int step_s = 30,
                 Algorithm alg = Algorithm::kSha1);
// True when `candidate` matches the code of the current step or ±`window` steps; `matched_step`
// receives the step so callers can refuse a code used twice.
bool check(std::string_view secret, std::string_view candidate, std::int64_t unix_seconds, int window,
           std::int64_t& matched_step, int digits = 6, int step_s = 30);

std::string base32_encode(std::string_view bytes);  // RFC 4648, no padding
std::string base32_decode(std::string_view text);   // throws std::invalid_argument
// otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace cove::core::totp
