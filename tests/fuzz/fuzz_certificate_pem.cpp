// The PEM reader (issue 15, 证书管理) reads whatever an operator or organisation uploads as a
// certificate chain and private key. Any bytes must end in a parsed certificate or a 400 with one
// of the documented codes, never a crash or another exception; what it accepts must read back the
// same from its own output, and the server's SNI registry must be able to serve it.
//
// Input: chain bytes, then optionally "\n--KEY--\n" and key bytes. The seeds hold real chains and
// keys, so the mutations reach past the PEM armour into DER and key checks.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/sni_certificates.hpp"
#include "modules/domains/certificate_pem.hpp"

namespace {

void require(bool property) {
  if (!property) __builtin_trap();
}

// A moment inside every seed's validity (2027-06-01; they are valid ten years from 2026-12-04), so
// mutations are not all refused as expired.
constexpr std::int64_t kNowMs = 1811808000000;
constexpr std::string_view kKeySeparator = "\n--KEY--\n";

const std::set<std::string, std::less<>> kCodes = {
    "certificates.invalid_pem",     "certificates.invalid_key", "certificates.key_mismatch", "certificates.expired",
    "certificates.not_yet_valid", "certificates.bad_chain"};

bool hex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cove::domains;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view chain = input;
  std::optional<std::string_view> key;
  if (const auto at = input.find(kKeySeparator); at != std::string_view::npos) {
    chain = input.substr(0, at);
    key = input.substr(at + kKeySeparator.size());
  }
  ParsedCertificate parsed;
  try {
    parsed = parse_certificate(chain, key, kNowMs);
  } catch (const cove::core::Error& e) {
    require(e.status() == 400);
    require(kCodes.contains(e.code()));
    return 0;
  }
  const auto& info = parsed.info;
  require(hex64(info.fingerprint));
  require(!parsed.chain_pem.empty());
  require(info.chain_length >= 1 && info.chain_length <= static_cast<int>(kMaxChainCertificates));
  require(info.not_before_ms <= kNowMs && kNowMs <= info.not_after_ms);
  require(key.has_value() == !parsed.key_pem.empty());
  // Its own output reads back as the same certificate.
  const auto again = parse_certificate(parsed.chain_pem, key ? std::optional<std::string_view>(parsed.key_pem)
                                                             : std::nullopt, kNowMs);
  require(again.info.fingerprint == info.fingerprint && again.info.names == info.names);
  // What is accepted with its key, the server can serve.
  if (key) {
    cove::http::SniCertificates sni;
    require(sni.replace({{"fuzz", info.names, parsed.chain_pem, parsed.key_pem}}) == 1);
  }
  return 0;
}
