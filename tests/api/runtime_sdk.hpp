#pragma once
// Runtime requests signed the way a host app's SDK signs them (DESIGN.md §4.1), with knobs to get
// each part wrong, and a wait for the runtime catalog to catch up with a committed change.
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "core/crypto.hpp"
#include "support/world.hpp"

namespace cove::test {

struct SignOptions {
  std::string bundle_id;          // default: the host's
  std::int64_t skew_seconds = 0;  // added to the timestamp
  std::string nonce;              // default: fresh random
  std::string signed_target;      // default: the target sent
  std::string secret;             // default: the host's
  http::Headers extra;
  std::string body;               // a request body: its SHA-256 is signed too
};

inline http::Headers sign(const std::string& method, const std::string& target, const HostAppHandle& h,
                          const SignOptions& o = {}) {
  const auto ts = std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count() +
      o.skew_seconds);
  const auto nonce = o.nonce.empty() ? core::crypto::hex(core::crypto::random_bytes(12)) : o.nonce;
  auto payload = method + "\n" + (o.signed_target.empty() ? target : o.signed_target) + "\n" + ts + "\n" + nonce;
  if (!o.body.empty()) {
    const auto body_hash = core::crypto::sha256_hex(o.body);
    payload.push_back('\n');
    payload.append(body_hash);
  }
  http::Headers headers = o.extra;
  headers.set("X-Cove-Sdk-Key", h.sdk_key);
  headers.set("X-Cove-Bundle-Id", o.bundle_id.empty() ? h.bundle_id : o.bundle_id);
  headers.set("X-Cove-Timestamp", ts);
  headers.set("X-Cove-Nonce", nonce);
  headers.set("X-Cove-Signature",
              core::crypto::hex(core::crypto::hmac_sha256(o.secret.empty() ? h.secret : o.secret, payload)));
  return headers;
}

inline http::ClientResponse runtime_get(World& w, const std::string& target, const HostAppHandle& h,
                                        const SignOptions& o = {}) {
  return w.server.client().request(http::Method::kGet, target, sign("GET", target, h, o));
}

// A signed POST with a JSON body (its hash is part of the signature).
inline http::ClientResponse runtime_post(World& w, const std::string& target, const HostAppHandle& h,
                                         const nlohmann::json& body, SignOptions o = {}) {
  o.body = body.dump();
  auto headers = sign("POST", target, h, o);
  headers.set("Content-Type", "application/json");
  return w.server.client().request(http::Method::kPost, target, headers, o.body);
}

// Waits until the runtime answers `target` with `status` (the catalog rebuilds after each
// committed change); returns the last response. Bounded, but not a timing assertion.
inline http::ClientResponse await_runtime(World& w, const std::string& target, const HostAppHandle& h,
                                          int status, const std::string& needle = "") {
  http::ClientResponse r;
  for (int i = 0; i < 500; ++i) {
    r = runtime_get(w, target, h);
    if (r.status == status && (needle.empty() || r.body.find(needle) != std::string::npos)) return r;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return r;
}

}  // namespace cove::test
