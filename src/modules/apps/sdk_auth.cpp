#include "modules/apps/sdk_auth.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <span>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace cove::apps {

namespace {

core::Error unauthorized(std::string code, std::string message, nlohmann::json details = nlohmann::json::object()) {
  return core::Error(401, std::move(code), std::move(message), std::move(details));
}

std::string_view required_header(const http::Request& req, const char* name, std::size_t max_bytes) {
  const auto value = req.headers.get(name);
  if (!value || value->empty() || value->size() > max_bytes) {
    throw unauthorized("runtime.unauthenticated",
                       fmt::format("Sign the request: header {} is missing or too long", name), {{"header", name}});
  }
  return *value;
}

constexpr std::size_t kMaxExtraLines = 4;

bool visible_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

}  // namespace

std::shared_ptr<const SdkHost> SdkRequestAuth::verify(const http::Request& req,
                                                      std::initializer_list<std::string_view> extra_lines) const {
  const auto sdk_key = required_header(req, "X-Cove-Sdk-Key", 128);
  const auto bundle_id = required_header(req, "X-Cove-Bundle-Id", 256);
  const auto timestamp_text = required_header(req, "X-Cove-Timestamp", 20);
  const auto nonce = required_header(req, "X-Cove-Nonce", 64);
  const auto signature = required_header(req, "X-Cove-Signature", 64);
  if (nonce.size() < 16 || !visible_ascii(nonce)) {
    throw unauthorized("runtime.unauthenticated", "X-Cove-Nonce must be 16 to 64 visible ASCII characters",
                       {{"header", "X-Cove-Nonce"}});
  }

  std::int64_t timestamp = 0;
  const auto [end, ec] = std::from_chars(timestamp_text.data(), timestamp_text.data() + timestamp_text.size(), timestamp);
  if (ec != std::errc() || end != timestamp_text.data() + timestamp_text.size()) {
    throw unauthorized("runtime.unauthenticated", "X-Cove-Timestamp must be Unix seconds",
                       {{"header", "X-Cove-Timestamp"}});
  }
  const auto now_ms = clock_.unix_millis();
  const auto now = now_ms / 1000;
  if (timestamp < now - options_.clock_skew_seconds || timestamp > now + options_.clock_skew_seconds) {
    throw unauthorized(
        "runtime.clock_skew",
        fmt::format("The request time is more than {} seconds from the server's clock", options_.clock_skew_seconds),
        {{"serverTime", now}, {"maxSkewSeconds", options_.clock_skew_seconds}});
  }

  const auto directory = directory_.current();
  if (!directory) throw core::Error(503, "runtime.unavailable", "The runtime is starting; retry shortly");
  const auto found = directory->by_sdk_key.find(sdk_key);
  if (found == directory->by_sdk_key.end()) throw unauthorized("runtime.unknown_sdk_key", "No host app has this SDK key");
  const auto& host = found->second;

  // METHOD \n TARGET \n TIMESTAMP \n NONCE [\n sha256(body)] [\n extra line]… — on the stack: this
  // runs on every launch of every mini-program.
  if (extra_lines.size() > kMaxExtraLines) throw std::logic_error("SdkAuth::verify: too many extra lines");
  std::array<std::string_view, 9 + 2 * kMaxExtraLines> parts = {req.method_text, "\n", req.target, "\n",
                                                                 timestamp_text,  "\n", nonce};
  std::size_t n = 7;
  // A body streamed to a file was hashed while it arrived; an in-memory one is hashed here.
  std::string body_hash;
  if (req.upload && req.upload->size > 0) {
    body_hash = req.upload->sha256;
  } else if (!req.body.empty()) {
    body_hash = core::crypto::sha256_hex(req.body);
  }
  if (!body_hash.empty()) {
    parts[n++] = "\n";
    parts[n++] = body_hash;
  }
  for (const auto line : extra_lines) {
    parts[n++] = "\n";
    parts[n++] = line;
  }
  const auto expected = core::crypto::hex(host->signing->mac(std::span<const std::string_view>(parts.data(), n)));
  if (!core::crypto::constant_time_equal(expected, signature)) {
    throw unauthorized("runtime.bad_signature",
                       "The signature does not match: HMAC-SHA256(sdkSecret, METHOD\\nTARGET\\nTIMESTAMP\\nNONCE"
                       "[\\nSHA256(body)]) in lowercase hex, TARGET being the path and query exactly as sent");
  }
  if (!host->bundle_ids.contains(bundle_id)) {
    throw unauthorized("runtime.bundle_mismatch", "This bundle id is not registered for the host app");
  }
  if (!host->active) throw core::Error(403, "runtime.host_app_disabled", "This host app is disabled");
  if (!nonces_.first_use(sdk_key, nonce, now_ms, now_ms + options_.nonce_window_seconds * 1000)) {
    throw unauthorized("runtime.replay", "This nonce was already used; sign every request with a fresh nonce");
  }
  return host;
}

}  // namespace cove::apps
