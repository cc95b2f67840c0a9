#include "app/publish_retry.hpp"

#include <algorithm>
#include <charconv>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

#include <fmt/format.h>

namespace cove::app {

namespace {

// Retry-After as delta-seconds; an HTTP-date (or garbage) falls back to the backoff.
std::optional<std::chrono::seconds> retry_after(const http::ClientResponse& res) {
  const auto header = res.headers.get("Retry-After");
  if (!header) return std::nullopt;
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(header->data(), header->data() + header->size(), seconds);
  if (ec != std::errc() || end != header->data() + header->size() || seconds < 0) return std::nullopt;
  return std::chrono::seconds(std::min<long long>(seconds, 86400));
}

std::string describe(const http::ClientResponse& res) {
  try {
    const auto body = res.json();
    if (body.is_object() && body.contains("code") && body["code"].is_string()) {
      return fmt::format("HTTP {} {}", res.status, body["code"].get<std::string>());
    }
  } catch (const std::exception&) {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return fmt::format("HTTP {}", res.status);
}

}  // namespace

bool retryable(const http::ClientResponse& res) {
  switch (res.status) {
    case 429:
    case 502:
    case 503:
    case 504: return true;
    case 409: try { return res.json().value("code", "") == "idempotency.in_progress";
      } catch (const std::exception&) {
        return false;
      }
    default: return false;
  }
}

std::chrono::milliseconds retry_delay(const http::ClientResponse* res, int next, const RetryPolicy& policy) {
  if (res != nullptr) {
    if (const auto after = retry_after(*res)) {
      return std::min<std::chrono::milliseconds>(*after, policy.max_wait);
    }
  }
  auto backoff = policy.first_backoff;
  for (int i = 2; i < next && backoff < policy.max_wait; ++i) backoff *= 2;
  // Up to a quarter more, so many CI jobs failing together do not return together.
  thread_local std::mt19937 random{std::random_device{}()};
  std::uniform_int_distribution<long long> jitter(0, std::max<long long>(0, backoff.count() / 4));
  return std::min<std::chrono::milliseconds>(backoff + std::chrono::milliseconds(jitter(random)),
                                             policy.max_wait);
}

http::ClientResponse with_retries(std::string_view step, const RetryPolicy& policy,
                                  const std::function<http::ClientResponse()>& attempt, std::ostream& log) {
  for (int n = 1;; ++n) {
    std::optional<http::ClientResponse> res;
    std::string failure;
    try {
      res = attempt();
      if (!retryable(*res) || n >= policy.attempts) return std::move(*res);
      failure = describe(*res);
    } catch (const std::runtime_error& e) {
      if (n >= policy.attempts) throw;
      failure = e.what();
    }
    const auto wait = retry_delay(res ? &*res : nullptr, n + 1, policy);
    log << fmt::format("{}: {}; retrying in {:.1f} s (attempt {} of {})\n", step, failure,
                       static_cast<double>(wait.count()) / 1000.0, n + 1, policy.attempts);
    log.flush();
    std::this_thread::sleep_for(wait);
  }
}

}  // namespace cove::app
