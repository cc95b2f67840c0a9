#pragma once
// How `cove publish` retries one step: on a network failure, on 429/502/503/504 (waiting for
// Retry-After when the server sends one, capped) and on 409 idempotency.in_progress (an earlier
// attempt of the same step is still running on the server); with exponential backoff and jitter,
// at most `attempts` times. Any other answer, 4xx included, is final: retrying cannot fix it.
// Safe only because every mutating step carries the same Idempotency-Key on each attempt.
#include <chrono>
#include <functional>
#include <optional>
#include <ostream>
#include <string_view>

#include "http/client.hpp"

namespace cove::app {

struct RetryPolicy {
  int attempts = 4;
  std::chrono::milliseconds first_backoff{500};  // doubled per attempt
  std::chrono::milliseconds max_wait{30000};     // cap on backoff and on Retry-After
};

// Whether this answer is worth another attempt.
bool retryable(const http::ClientResponse& res);
// The wait before attempt `next` (2, 3, …): Retry-After in seconds when given, else backoff.
std::chrono::milliseconds retry_delay(const http::ClientResponse* res, int next, const RetryPolicy& policy);

// Runs `attempt` until it gives a final answer, logging each retry to `log`. Rethrows the last
// network failure when every attempt failed that way; returns the last answer otherwise.
http::ClientResponse with_retries(std::string_view step, const RetryPolicy& policy,
                                  const std::function<http::ClientResponse()>& attempt, std::ostream& log);

}  // namespace cove::app
