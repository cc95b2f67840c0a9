#pragma once
// Verifies a signed runtime request (DESIGN.md §4.1, §7):
//   X-Cove-Sdk-Key, X-Cove-Bundle-Id, X-Cove-Timestamp (Unix seconds), X-Cove-Nonce (16–64
//   visible ASCII), X-Cove-Signature = lowercase hex HMAC-SHA256(sdkSecret,
//   METHOD "\n" TARGET "\n" TIMESTAMP "\n" NONCE), TARGET = path and query exactly as sent.
// Failures are 401 with a precise code: runtime.unauthenticated (a header is missing or
// malformed), runtime.clock_skew, runtime.unknown_sdk_key, runtime.bad_signature,
// runtime.bundle_mismatch, runtime.replay; a disabled host app (or one of an inactive
// organisation) is 403 runtime.host_app_disabled. The nonce is remembered only once the
// signature is valid, so unsigned traffic cannot fill the replay cache.
#include <cstdint>

#include "core/clock.hpp"
#include "http/types.hpp"
#include "modules/runtime/catalog.hpp"
#include "modules/runtime/nonce_cache.hpp"

namespace cove::runtime {

struct RuntimeAuthOptions {
  std::int64_t clock_skew_seconds = 300;
  std::int64_t nonce_window_seconds = 600;
};

class RequestAuth {
 public:
  RequestAuth(const core::Clock& clock, NonceCache& nonces, RuntimeAuthOptions options)
      : clock_(clock), nonces_(nonces), options_(options) {}

  // The calling host app, from `catalog`; throws core::Error otherwise.
  const HostEntry& verify(const http::Request& req, const Catalog& catalog) const;

 private:
  const core::Clock& clock_;
  NonceCache& nonces_;
  RuntimeAuthOptions options_;
};

}  // namespace cove::runtime
