// The pieces of `cove publish` that need no server: progress output and the retry rules.
#include <algorithm>
#include <sstream>

#include <catch2/catch.hpp>

#include "app/publish_progress.hpp"
#include "app/publish_retry.hpp"

using cove::app::RetryPolicy;
using cove::app::UploadProgress;
using namespace std::chrono_literals;

namespace {

std::size_t count(const std::string& text, char c) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), c));
}

cove::http::ClientResponse answer(int status, std::string body = "{}", std::string retry_after = "") {
  cove::http::ClientResponse r;
  r.status = status;
  r.body = std::move(body);
  if (!retry_after.empty()) r.headers.set("Retry-After", retry_after);
  return r;
}

}  // namespace

TEST_CASE("on a terminal the upload progress is one bar redrawn in place", "[publish]") {
  std::ostringstream out;
  UploadProgress progress(out, true);
  const std::uint64_t total = 10 * 1024 * 1024;
  for (std::uint64_t sent = 0; sent <= total; sent += 64 * 1024) progress.update(sent, total);
  progress.finish();
  const auto text = out.str();
  CHECK(count(text, '\n') == 1);    // one line…
  CHECK(count(text, '\r') == 101);  // …redrawn once per percent, not per chunk
  CHECK(text.ends_with("100%  10.0 / 10.0 MB\n"));
  CHECK(text.find("[###############...............]  50%") != std::string::npos);
}

TEST_CASE("in a log the upload progress is a line per 10 % step", "[publish]") {
  std::ostringstream out;
  UploadProgress progress(out, false);
  const std::uint64_t total = 1000;
  for (std::uint64_t sent = 1; sent <= total; ++sent) progress.update(sent, total);
  progress.restart();  // a retry starts again from zero
  for (std::uint64_t sent = 1; sent <= total; ++sent) progress.update(sent, total);
  const auto text = out.str();
  CHECK(count(text, '\n') == 20);
  CHECK(text.find('\r') == std::string::npos);
  CHECK(text.find("upload:  10% (0.0 / 0.0 MB)\n") == 0);
}

TEST_CASE("only transient answers are retried", "[publish]") {
  for (int status : {429, 502, 503, 504}) CHECK(cove::app::retryable(answer(status)));
  for (int status : {200, 201, 400, 401, 403, 404, 409, 413, 422, 500})
    CHECK_FALSE(cove::app::retryable(answer(status)));
  CHECK(cove::app::retryable(answer(409, R"({"code":"idempotency.in_progress"})")));
  CHECK_FALSE(cove::app::retryable(answer(409, R"({"code":"apps.version_exists"})")));
}

TEST_CASE("retry waits follow Retry-After up to a cap, else back off exponentially", "[publish]") {
  const RetryPolicy policy{.attempts = 4, .first_backoff = 1000ms, .max_wait = 30000ms};
  const auto limited = answer(429, "{}", "7");
  CHECK(cove::app::retry_delay(&limited, 2, policy) == 7000ms);
  const auto greedy = answer(503, "{}", "3600");
  CHECK(cove::app::retry_delay(&greedy, 2, policy) == 30000ms);
  const auto dated = answer(503, "{}", "Wed, 21 Oct 2015 07:28:00 GMT");
  for (int next = 2; next <= 4; ++next) {
    const auto base = policy.first_backoff * (1 << (next - 2));
    const auto wait = cove::app::retry_delay(&dated, next, policy);
    CHECK(wait >= base);
    CHECK(wait <= base + base / 4);
    CHECK(cove::app::retry_delay(nullptr, next, policy) >= base);
  }
}
