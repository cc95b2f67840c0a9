#pragma once
// The Idempotency-Key table (migrations/0003_core_idempotency.sql): the first response to a
// (principal, key) pair is kept for a while, so a client that retries a request it does not know
// the outcome of gets that response again instead of doing the work twice. Knows nothing of HTTP:
// the pipeline hands it a fingerprint of the request and the parts of the response worth keeping.
//
// Life of a key: claim() reserves it (a row with NULL status) before the handler runs;
// complete() stores the response afterwards, or release() deletes the reservation so a retry runs
// again (server errors, exceptions). A row older than the TTL counts as absent and is replaced.
// Each claim also deletes a bounded batch of expired rows, so the table never needs a sweep.
//
// Stored bodies are sealed (AES-256-GCM, key in data/secrets/): some responses are one-time
// secrets (a new API key), which must not sit readable in the database or its backups.
// Thread-safe; every call is one short write transaction (or one read).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/sealed_box.hpp"

namespace cove::core {

struct IdempotencyScope {
  std::string principal_id;  // usr_… or key_…
  std::string key;           // the client's Idempotency-Key
};

struct IdempotentRequest {
  std::string method;
  std::string path;
  std::string fingerprint;  // SHA-256 hex over method, target and body
};

struct StoredResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // False when the body was too large to keep: the outcome is known but cannot be replayed.
  bool body_kept = true;
};

struct IdempotencyClaim {
  enum class Kind {
    kReserved,    // first use: run the handler, then complete() or release()
    kReplay,      // same request seen before: answer with `response`
    kMismatch,    // the key was used for a different request
    kInProgress,  // the first request with this key is still running
  };
  Kind kind = Kind::kReserved;
  StoredResponse response;  // for kReplay
};

class IdempotencyStore {
 public:
  // Bodies longer than this are not kept (the row remembers only the status).
  static constexpr std::size_t kMaxStoredBody = 1024 * 1024;

  IdempotencyStore(Db& db, const Clock& clock, std::chrono::milliseconds ttl, std::string seal_key);

  IdempotencyClaim claim(const IdempotencyScope& scope, const IdempotentRequest& request);
  // Read-only look-up: whether a live reservation exists (lets the pipeline answer 409 before a
  // large body is read for nothing).
  bool in_progress(const IdempotencyScope& scope) const;
  void complete(const IdempotencyScope& scope, const StoredResponse& response);
  void release(const IdempotencyScope& scope);
  // Deletes every reservation: at start-up, when no handler of this process can own one (the data
  // directory lock guarantees a single process), so a crash cannot block a key until it expires.
  std::int64_t clear_reservations();

 private:
  std::int64_t cutoff_ms() const;

  Db& db_;
  const Clock& clock_;
  std::chrono::milliseconds ttl_;
  SealedBox box_;
};

}  // namespace cove::core
