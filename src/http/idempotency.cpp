#include "http/idempotency.hpp"

#include <array>
#include <exception>
#include <string_view>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "http/errors.hpp"

namespace cove::http {

namespace {

constexpr std::string_view kHeader = "Idempotency-Key";
constexpr std::size_t kMaxKeyChars = 255;
// A second request usually finds the first done within a second or two.
constexpr std::string_view kRetryAfterSeconds = "1";

// The response headers a client needs to use a replayed answer; cookies and per-request headers
// (X-Request-Id, set again by the pipeline) are not kept.
constexpr std::array<std::string_view, 5> kKeptHeaders = {"Content-Type", "Location", "ETag", "Last-Modified",
                                                          "Content-Disposition"};

bool is_mutating(Method m) {
  return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete;
}

bool is_api_v1(std::string_view path) { return path.starts_with("/api/v1/"); }

bool valid_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyChars) return false;
  for (const char c : key) {
    if (c < 0x21 || c > 0x7e) return false;  // visible ASCII: no spaces, controls or UTF-8
  }
  return true;
}

core::IdempotencyScope scope_of(const Request& req) {
  return {req.principal->id, std::string(*req.headers.get(kHeader))};
}

// Over method, target and body: the same key sent to another endpoint, or with another body, is a
// different request. A streamed body's hash was computed while it was written to disk.
std::string fingerprint(const Request& req) {
  const std::string body_hash = req.upload ? req.upload->sha256 : core::crypto::sha256_hex(req.body);
  return core::crypto::sha256_hex(fmt::format("{}\n{}\n{}", req.method_text, req.target, body_hash));
}

Response in_progress_response(const Request& req) {
  auto res =
      error_json(core::Error(409, "idempotency.in_progress",
                             "A request with this Idempotency-Key is still being processed; retry later"),
                 req.request_id);
  res.headers.set("Retry-After", std::string(kRetryAfterSeconds));
  return res;
}

Response replay(const Request& req, const core::StoredResponse& stored) {
  if (!stored.body_kept) {
    return error_json(
        core::Error(409, "idempotency.response_not_stored",
                    "A request with this Idempotency-Key already completed, but its response was too "
                    "large to keep; use a new key to repeat the request",
                    {{"status", stored.status}}),
        req.request_id);
  }
  Response res;
  res.status = stored.status;
  for (const auto& [name, value] : stored.headers) res.headers.set(name, value);
  res.body = stored.body;
  res.headers.set("Idempotent-Replayed", "true");
  return res;
}

core::StoredResponse to_stored(const Response& res) {
  core::StoredResponse stored;
  stored.status = res.status;
  for (const auto name : kKeptHeaders) {
    if (const auto value = res.headers.get(name))
      stored.headers.emplace_back(std::string(name), std::string(*value));
  }
  stored.body_kept = !res.file && res.body.size() <= core::IdempotencyStore::kMaxStoredBody;
  if (stored.body_kept) stored.body = res.body;
  return stored;
}

}  // namespace

bool IdempotencyGate::applies(const Request& req) {
  return is_mutating(req.method) && is_api_v1(req.path) && req.principal->authenticated() &&
         req.headers.has(kHeader);
}

std::optional<Response> IdempotencyGate::before_body(const Request& req) const {
  if (!is_mutating(req.method) || !is_api_v1(req.path)) return std::nullopt;
  const auto key = req.headers.get(kHeader);
  if (!key) return std::nullopt;
  if (!valid_key(*key)) {
    core::FieldErrors errors;
    errors.add(std::string(kHeader), "invalid", "Must be 1-255 visible ASCII characters (no spaces)");
    try {
      errors.throw_if_any();
    } catch (const core::Error& e) {
      return error_json(e, req.request_id);
    }
  }
  if (!applies(req)) return std::nullopt;
  try {
    if (store_.in_progress(scope_of(req))) return in_progress_response(req);
  } catch (const std::exception& e) {
    // The reservation in run() checks again atomically; this look-up only saves a wasted upload.
    core::log::warn("idempotency look-up failed", {{"requestId", req.request_id}, {"error", e.what()}});
  }
  return std::nullopt;
}

Response IdempotencyGate::run(Request& req, const std::function<Response(Request&)>& handler) {
  const auto scope = scope_of(req);
  core::IdempotencyClaim claim;
  try {
    claim = store_.claim(scope, {req.method_text, req.path, fingerprint(req)});
  } catch (const std::exception& e) {
    // Without a reservation the handler must not run: a retry could then do the work twice.
    core::log::error("idempotency key cannot be reserved",
                     {{"requestId", req.request_id}, {"error", e.what()}});
    return internal_error_json(req.request_id);
  }
  switch (claim.kind) {
    case core::IdempotencyClaim::Kind::kReplay: return replay(req, claim.response);
    case core::IdempotencyClaim::Kind::kInProgress: return in_progress_response(req);
    case core::IdempotencyClaim::Kind::kMismatch:
      return error_json(core::Error(422, "idempotency.key_reused",
                                    "This Idempotency-Key was already used for a different request"),
                        req.request_id);
    case core::IdempotencyClaim::Kind::kReserved: break;
  }

  Response res = handler(req);  // turns every exception into an error response
  try {
    if (res.status >= 500) {
      store_.release(scope);  // the retry should run again, not replay a failure
    } else {
      store_.complete(scope, to_stored(res));
    }
  } catch (const std::exception& e) {
    // The work is done and its response goes out. Try to free the key; if even that fails, a retry
    // finds it reserved (409) until the next start-up clears reservations.
    core::log::error("idempotent response cannot be stored",
                     {{"requestId", req.request_id}, {"error", e.what()}});
    try {
      store_.release(scope);
    } catch (const std::exception&) {
      core::log::error("idempotency key stays reserved until restart", {{"requestId", req.request_id}});
    }
  }
  return res;
}

}  // namespace cove::http
