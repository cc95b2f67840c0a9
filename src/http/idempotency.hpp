#pragma once
// The Idempotency-Key stage of the pipeline (DESIGN.md §4): a mutating /api/v1 request (POST,
// PUT, PATCH, DELETE) from a signed-in principal that carries `Idempotency-Key` runs at most once
// per (principal, key); a retry of the same request gets the first response again, with
// `Idempotent-Replayed: true`.
//
//   - the key: 1–255 visible ASCII characters, else 400 validation_failed;
//   - the request's fingerprint: SHA-256 over method, target and body (a streamed upload's body
//     hash comes from the upload sink, so the file is not read again);
//   - same key, different fingerprint: 422 idempotency.key_reused;
//   - same key while the first request still runs: 409 idempotency.in_progress with Retry-After
//     (checked before the body is read, and again atomically when the key is reserved);
//   - a 5xx response releases the key, so a retry runs the handler again;
//   - kept: status, Content-Type/Location/ETag/Last-Modified/Content-Disposition and a body up to
//     1 MiB. A larger or file body is not kept: a retry then gets 409 idempotency.response_not_stored
//     with the first status in details, rather than running the request twice.
// Guests (sign-in, registration) are not served from the table: they have no scope to keep it in.
#include <functional>
#include <optional>

#include "core/idempotency_store.hpp"
#include "http/types.hpp"

namespace cove::http {

class IdempotencyGate {
 public:
  explicit IdempotencyGate(core::IdempotencyStore& store) : store_(store) {}

  // Whether the request carries a key this stage acts on (authenticated, mutating, /api/v1).
  static bool applies(const Request& req);
  // After the guards, before the body: 400 for a malformed key on a mutating API request, 409 when
  // the key's first request is still running. nullopt to go on.
  std::optional<Response> before_body(const Request& req) const;
  // Runs `handler` under the key (or answers from the table). Never throws.
  Response run(Request& req, const std::function<Response(Request&)>& handler);

 private:
  core::IdempotencyStore& store_;
};

}  // namespace cove::http
