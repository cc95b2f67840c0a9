// The minimum body rate on a synthetic clock: what it lets through and what it cuts off.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <optional>

#include "http/body_rate.hpp"

using namespace std::chrono_literals;
using cove::http::BodyRateCheck;
using cove::http::MinBodyRate;

namespace {

const BodyRateCheck::Clock::time_point kStart{};

// Feeds `bytes` every `gap` until `until`; returns when the check failed, or nullopt if it never did.
std::optional<BodyRateCheck::Clock::duration> first_failure(BodyRateCheck& check, std::uint64_t bytes,
                                                            BodyRateCheck::Clock::duration gap,
                                                            BodyRateCheck::Clock::duration until,
                                                            BodyRateCheck::Clock::duration from = {}) {
  for (auto t = from + gap; t <= until; t += gap) {
    if (!check.record(bytes, kStart + t)) return t;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("min body rate: nothing is judged during the first window", "[http][body_rate]") {
  BodyRateCheck check(MinBodyRate{1024, 10s}, kStart);
  CHECK_FALSE(first_failure(check, 1, 1s, 9s));
}

TEST_CASE("min body rate: a trickle is cut off once the first window has passed", "[http][body_rate]") {
  BodyRateCheck check(MinBodyRate{1024, 10s}, kStart);
  const auto failed = first_failure(check, 1, 1s, 60s);
  REQUIRE(failed);
  CHECK(*failed == 10s);
}

TEST_CASE("min body rate: a body at the minimum is never cut off", "[http][body_rate]") {
  BodyRateCheck check(MinBodyRate{1000, 10s}, kStart);
  CHECK_FALSE(first_failure(check, 100, 100ms, 120s));
}

TEST_CASE("min body rate: a fast start does not pay for a slow finish", "[http][body_rate]") {
  // The window trails the body: 100 MB in the first second buys nothing ten seconds later.
  BodyRateCheck check(MinBodyRate{1024, 10s}, kStart);
  REQUIRE(check.record(100'000'000, kStart + 1s));
  const auto failed = first_failure(check, 1, 1s, 60s, 1s);
  REQUIRE(failed);
  CHECK(*failed <= 12s);
}

TEST_CASE("min body rate: a pause is forgiven while the window still holds enough", "[http][body_rate]") {
  BodyRateCheck check(MinBodyRate{1024, 10s}, kStart);
  // 4 KiB a second for 20 s, then 5 s of silence: each trailing 10 s still holds 20 KiB or more.
  REQUIRE_FALSE(first_failure(check, 4096, 1s, 20s));
  CHECK(check.record(4096, kStart + 25s));
}

TEST_CASE("min body rate: 0 bytes per second turns the check off", "[http][body_rate]") {
  BodyRateCheck check(MinBodyRate{0, 10s}, kStart);
  CHECK_FALSE(first_failure(check, 0, 5s, 3600s));
}
